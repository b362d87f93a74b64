package diff

import (
	"hash/maphash"
	"path/filepath"
	"reflect"
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
		old, new := archivePair(t, ar)
		pairs = append(pairs, pair{filepath.Base(file), old, new})
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
		o, n := newSide(p.old).body, newSide(p.new).body
		seed := maphash.MakeSeed()
		got, ok := uniqueBodies(o, n, func(s string) uint64 { return maphash.String(seed, s) })
		if !ok {
			t.Errorf("%s: a 64-bit hash collision, or a bug", p.name)
			continue
		}
		if want, _ := uniqueBodies(o, n, func(s string) string { return s }); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: hashed anchors %v, want %v", p.name, got, want)
		}
	}
}

// TestUniqueBodiesCollision gives two different bodies one key, as a hash
// collision would: uniqueBodies must refuse rather than pair them.
func TestUniqueBodiesCollision(t *testing.T) {
	sameLength := func(s string) int { return len(s) }
	if _, ok := uniqueBodies([]string{"甲项", "乙项"}, []string{"甲项"}, sameLength); ok {
		t.Error("two old bodies of one key: ok, want a collision")
	}
	if _, ok := uniqueBodies([]string{"甲项"}, []string{"乙项"}, sameLength); ok {
		t.Error("an old and a new body of one key: ok, want a collision")
	}
	if cands, ok := uniqueBodies([]string{"甲项", "丙项目"}, []string{"丙项目", "甲项"}, sameLength); !ok || len(cands) != 2 {
		t.Errorf("distinct keys: %v, %v; want both pairs", cands, ok)
	}
}
