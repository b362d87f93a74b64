package diff

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/redline-docs/redline/bench/gen"
	"github.com/redline-docs/redline/clause"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestUniqueBodiesHashed checks that anchoring on body hashes finds what
// anchoring on the bodies finds, on every golden pair, a generated
// revision and documents full of repeated bodies.
func TestUniqueBodiesHashed(t *testing.T) {
	type pair struct {
		name     string
		old, new *clause.Document
	}
	var pairs []pair
	files, _ := filepath.Glob("testdata/compare/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		p := pair{name: filepath.Base(file)}
		for _, f := range ar.Files {
			switch {
			case strings.HasPrefix(f.Name, "old."):
				p.old = mustParse(t, f.Name, f.Data)
			case strings.HasPrefix(f.Name, "new."):
				p.new = mustParse(t, f.Name, f.Data)
			}
		}
		pairs = append(pairs, p)
	}
	d := gen.New(7, 200_000)
	pairs = append(pairs,
		pair{"generated", mustParse(t, "old.txt", d.Render()), mustParse(t, "new.txt", d.Revise(3, 0.05, 5).Render())},
		pair{"repeated bodies",
			mustParse(t, "old.txt", []byte("一、总则\n（一）略。\n（二）略。\n（三）本项删除。\n（四）甲。\n二、附则\n（一）略。\n")),
			mustParse(t, "new.txt", []byte("一、总则\n（一）略。\n（二）甲。\n（三）本项删除。\n二、附则\n（一）乙。\n（二）略。\n"))})
	if len(pairs) < 5 {
		t.Fatalf("only %d pairs", len(pairs))
	}
	for _, p := range pairs {
		a := &aligner{}
		a.o, a.n = newSide(p.old), newSide(p.new)
		got, ok := a.uniqueBodiesHashed()
		if !ok {
			t.Errorf("%s: a 64-bit hash collision, or a bug", p.name)
			continue
		}
		if want := a.uniqueBodies(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: hashed anchors %v, want %v", p.name, got, want)
		}
	}
}
