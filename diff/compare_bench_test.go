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

func BenchmarkCompare2Percent(b *testing.B) { benchCompare(b, false) }

func BenchmarkCompareRewrite(b *testing.B) { benchCompare(b, true) }

// benchCompare times Compare, and reports beside wall time the processor
// time per operation (cpu-ns/op, all goroutines), which a loaded machine
// does not inflate.
func benchCompare(b *testing.B, rewrite bool) {
	old, new := benchPair(b, rewrite)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		Compare(old, new, Options{})
	}
	if cpu > 0 {
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	}
}
