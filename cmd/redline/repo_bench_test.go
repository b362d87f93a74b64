package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/redline-docs/redline/bench/gen"
)

// benchRepo is a repository with two revisions of a generated ~1 MB plan,
// staged A and B (B: 2% of items edited, a few inserted and deleted),
// committed with redline as a user would, as bench/repo-vs-git.sh builds.
func benchRepo(b *testing.B) string {
	b.Helper()
	d := gen.New(1, 1_000_000)
	dir := b.TempDir()
	plan := filepath.Join(dir, "plan.md")
	run := func(args ...string) {
		b.Helper()
		if code := Main(append([]string{"--repo", dir}, args...), nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("redline %v: exit code %d", args, code)
		}
	}
	run("init")
	for _, rev := range []struct {
		stage string
		text  []byte
	}{{"A", d.Render()}, {"B", d.Revise(2, 0.02, 5).Render()}} {
		if err := os.WriteFile(plan, rev.text, 0o644); err != nil {
			b.Fatal(err)
		}
		run("commit", "-m", rev.stage, "--stage", rev.stage, "--date", "2024-01-01")
	}
	return dir
}

// benchMain times one command line run in process on benchRepo: all of
// `redline ARGS` but the process start-up. Each run opens the repository
// afresh, as a new process does; what it keeps on disk (.git/redline/) it
// keeps from one run to the next, as a user's second run would.
func benchMain(b *testing.B, dir string, args ...string) {
	args = append([]string{"--repo", dir}, args...)
	if code := Main(args, nil, io.Discard, io.Discard); code != 0 {
		b.Fatalf("redline %v: exit code %d", args, code)
	}
	b.ReportAllocs()
	for b.Loop() {
		if code := Main(args, nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit code %d", code)
		}
	}
}

// BenchmarkShow is `redline show HEAD plan.md` on the ~1 MB plan.
func BenchmarkShow(b *testing.B) {
	benchMain(b, benchRepo(b), "show", "HEAD", "plan.md")
}

// BenchmarkDiffRange is `redline diff A B --format F` on the ~1 MB pair, in
// every format.
func BenchmarkDiffRange(b *testing.B) {
	dir := benchRepo(b)
	for _, f := range []string{"json", "text", "html", "markdown", "table"} {
		b.Run(f, func(b *testing.B) {
			benchMain(b, dir, "diff", "A", "B", "--format", f, "--color", "never")
		})
	}
}

// BenchmarkLog is `redline log` on the two revisions.
func BenchmarkLog(b *testing.B) {
	benchMain(b, benchRepo(b), "log")
}

// BenchmarkHelp is `redline --help` in process: the command tree built and
// the help printed, without the process start-up and package
// initialisation that bench/repo-vs-git.sh measures with it.
func BenchmarkHelp(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if code := Main([]string{"--help"}, nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit code %d", code)
		}
	}
}
