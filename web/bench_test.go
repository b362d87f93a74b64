package web

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/internal/synth"
	"github.com/redline-docs/redline/repo"
)

var (
	benchSize = flag.Int("bench.size", 1_000_000, "bytes of the benchmark's document")
	benchRevs = flag.Int("bench.revs", 300, "revisions in the benchmark's repository")
	benchDir  = flag.String("bench.repo", "", "keep the benchmark's repository in `DIR` and reuse it when it is there")
)

// bigRepo is the benchmark's repository: *benchRevs revisions of a
// synthetic plan of about *benchSize bytes (internal/synth: one point
// reworded per revision, a point inserted before the traced one every 25th,
// one deleted every 40th), committed with redline as a drafting office
// would: a stage every 50 revisions, a comment on the changed point every
// 3rd revision, settled by the next. It returns the repository and the
// traced point's label.
func bigRepo(b *testing.B) (*repo.Repo, string) {
	b.Helper()
	ctx := context.Background()
	dir := *benchDir
	if dir == "" {
		dir = b.TempDir()
	}
	label := func() string {
		d := synth.NewPlan(*benchSize, 1)
		for i := 1; i < *benchRevs; i++ {
			d.Step(i)
		}
		return d.Traced()
	}
	if r, err := repo.Open(dir); err == nil {
		if revs, err := r.Log(ctx, ""); err == nil && len(revs) == *benchRevs {
			return r, label()
		}
	}
	r, err := repo.Init(dir)
	if err != nil {
		b.Fatal(err)
	}
	d := synth.NewPlan(*benchSize, 1)
	start := time.Now()
	var pending []string
	for i := 0; i < *benchRevs; i++ {
		if i > 0 {
			d.Step(i)
		}
		if err := os.WriteFile(filepath.Join(dir, "plan.md"), []byte(d.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		opts := repo.CommitOptions{Message: fmt.Sprintf("第 %d 次修改", i), Author: author,
			Date: t0.Add(time.Duration(i) * time.Hour), Resolves: pending}
		if i%50 == 0 {
			opts.Stage = fmt.Sprintf("第%d稿", i/50+1)
		}
		if _, err := r.Commit(ctx, opts); err != nil {
			b.Fatalf("revision %d: %v", i, err)
		}
		pending = nil
		if i%3 == 0 {
			c, err := r.AddComment(ctx, comment.Comment{By: fmt.Sprintf("单位%d", i%17), Text: fmt.Sprintf("第 %d 条意见：建议修改表述", i), Status: comment.Adopted},
				repo.CommentOptions{Clause: d.Traced()})
			if err != nil {
				b.Fatalf("comment %d: %v", i, err)
			}
			pending = []string{c.ID}
		}
	}
	b.Logf("built %d revisions of %d bytes in %s", *benchRevs, len(d.String()), time.Since(start).Round(time.Second))
	return r, d.Traced()
}

// benchPages are the pages timed: every page of the app on the big
// repository, with the stages the drafting office names.
func benchPages(label string) []struct{ name, path string } {
	q := url.QueryEscape
	return []struct{ name, path string }{
		{"timeline", "/"},
		{"diff-last", "/diff"},
		{"diff-stages", "/diff?from=" + q("第1稿") + "&to=HEAD"},
		{"diff-filtered", "/diff?from=" + q("第1稿") + "&to=HEAD&only=unexplained"},
		{"history", "/history?path=plan.md&clause=" + q(label)},
		{"blame", "/blame?path=plan.md"},
		{"comments", "/comments"},
		{"comments-filtered", "/comments?status=adopted&by=" + q("单位1")},
		{"report", "/report"},
		{"report.html", "/report.html"},
		{"report.csv", "/report.csv"},
		{"table.html", "/table.html?from=" + q("第1稿")},
	}
}

// BenchmarkPages times every page of the app on the big repository (see
// bigRepo), each after one warm-up request, over real HTTP on 127.0.0.1.
// bench/serve.sh runs it and judges the figures against 300 ms a page.
func BenchmarkPages(b *testing.B) {
	r, label := bigRepo(b)
	_, ts := newServer(b, r, false)
	for _, p := range benchPages(label) {
		b.Run(p.name, func(b *testing.B) {
			start := time.Now()
			fetch(b, ts.Client(), ts.URL+p.path) // the warm-up
			first := time.Since(start)
			for b.Loop() {
				fetch(b, ts.Client(), ts.URL+p.path)
			}
			b.ReportMetric(float64(first.Milliseconds()), "first-ms")
		})
	}
}

func fetch(b testing.TB, c *http.Client, u string) {
	b.Helper()
	res, err := c.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil || res.StatusCode != 200 {
		b.Fatalf("GET %s: %d %v", u, res.StatusCode, err)
	}
}
