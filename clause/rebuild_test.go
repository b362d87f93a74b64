package clause

import (
	"github.com/redline-docs/redline/internal/corpustest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRebuild is the round trip over real documents: the text rebuilt from
// the tree of every golden input, and of every law in the shared corpus,
// is the source byte for byte. The corpus is read from ../shared/corpus
// beside the module; without it the corpus half is skipped, except in CI
// (CI=true), where that is a failure.
func TestRebuild(t *testing.T) {
	files, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".golden") {
			inputs = append(inputs, f)
		}
	}
	if corpus := corpustest.Optional(t); corpus != "" {
		laws, _ := filepath.Glob(filepath.Join(corpus, "*", "*", "*.md"))
		if len(laws) == 0 {
			t.Fatalf("no laws in %s", corpus)
		}
		inputs = append(inputs, laws...)
	} else {
		t.Log("no corpus: golden inputs only")
	}
	for _, f := range inputs {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(filepath.Base(f), src, Options{})
		if err != nil {
			continue // a golden of a parse error
		}
		if got := d.Rebuild(); got != string(src) {
			t.Errorf("%s: the text rebuilt from the tree differs from the source (%d bytes, want %d)", f, len(got), len(src))
		}
	}
}
