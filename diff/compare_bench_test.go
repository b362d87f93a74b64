package diff

import (
	"testing"

	"github.com/redline-docs/redline/bench/gen"
	"github.com/redline-docs/redline/clause"
)

// benchPair parses two generated ~1 MB documents: old and either its
// revision (2% of items edited, a few inserted and deleted) or an unrelated
// document (a full rewrite).
func benchPair(b *testing.B, rewrite bool) (*clause.Document, *clause.Document) {
	b.Helper()
	d := gen.New(1, 1_000_000)
	oldSrc := d.Render()
	newSrc := d.Revise(2, 0.02, 5).Render()
	if rewrite {
		newSrc = gen.New(1001, 1_000_000).Render()
	}
	old := mustParse(b, "old.txt", oldSrc)
	new := mustParse(b, "new.txt", newSrc)
	b.SetBytes(int64(len(oldSrc) + len(newSrc)))
	return old, new
}

func BenchmarkCompare2Percent(b *testing.B) {
	old, new := benchPair(b, false)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Compare(old, new, Options{})
	}
}

func BenchmarkCompareRewrite(b *testing.B) {
	old, new := benchPair(b, true)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Compare(old, new, Options{})
	}
}
