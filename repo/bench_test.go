package repo

import (
	"context"
	"flag"
	"fmt"
	"github.com/redline-docs/redline/internal/synth"
	"os"
	"path/filepath"
	"testing"
)

var benchRevs = flag.Int("revs", 100, "revisions in the history benchmarks' repository")

func BenchmarkCommit100KB(b *testing.B) {
	r := newRepo(b)
	d := synth.NewPlan(100_000, 1)
	write(b, r, "plan.txt", d.String())
	commitAll(b, r, 0, "rev 0")
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		d.Step(i)
		write(b, r, "plan.txt", d.String())
		commitAll(b, r, i, fmt.Sprintf("rev %d", i))
	}
	b.ReportMetric(float64(len(d.String())), "doc-bytes")
}

// historyRepo builds *benchRevs revisions of a 100 KB document with
// redline, returning the repository and the traced clause's id.
func historyRepo(b *testing.B) (*Repo, string) {
	r := newRepo(b)
	d := synth.NewPlan(100_000, 1)
	for i := 0; i < *benchRevs; i++ {
		if i > 0 {
			d.Step(i)
		}
		write(b, r, "plan.txt", d.String())
		commitAll(b, r, i, fmt.Sprintf("rev %d", i))
	}
	h, err := r.History(context.Background(), d.Traced(), "plan.txt", "")
	if err != nil {
		b.Fatal(err)
	}
	return r, h.ClauseID
}

func BenchmarkHistory(b *testing.B) {
	r, id := historyRepo(b)
	for _, mode := range []string{"cold", "warm"} {
		b.Run(mode, func(b *testing.B) {
			entries := 0
			for i := 0; i < b.N; i++ {
				if mode == "cold" {
					b.StopTimer()
					os.RemoveAll(filepath.Join(r.s.gitDir, cacheDir))
					b.StartTimer()
				}
				fresh, err := Open(r.Dir()) // a new process: no memory of earlier calls
				if err != nil {
					b.Fatal(err)
				}
				h, err := fresh.History(context.Background(), id, "plan.txt", "")
				if err != nil {
					b.Fatal(err)
				}
				entries = len(h.Entries)
			}
			b.ReportMetric(float64(entries), "entries")
		})
	}
}
