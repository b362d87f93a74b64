package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// goldenArchives runs check on every txtar archive that pattern matches,
// each as a subtest named by the file, and compares what check returns with
// the archive's want file; -update writes it there instead.
func goldenArchives(t *testing.T, pattern string, check func(t *testing.T, ar *txtar.Archive) string) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files %s: %v", pattern, err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := check(t, ar)
			if t.Failed() {
				return
			}
			wantAt := -1
			for i, f := range ar.Files {
				if f.Name == "want" {
					wantAt = i
				}
			}
			if *update {
				if wantAt < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					wantAt = len(ar.Files) - 1
				}
				ar.Files[wantAt].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wantAt < 0 {
				t.Fatal("no want section; run with -update")
			}
			if want := string(ar.Files[wantAt].Data); got != want {
				t.Errorf("%s differs (-update rewrites)\n--- got\n%s--- want\n%s", file, got, want)
			}
		})
	}
}

// archiveParts returns an archive's files by name, each without its final
// newline.
func archiveParts(ar *txtar.Archive) map[string]string {
	parts := map[string]string{}
	for _, f := range ar.Files {
		parts[f.Name] = strings.TrimSuffix(string(f.Data), "\n")
	}
	return parts
}
