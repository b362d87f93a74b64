package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/redline-docs/redline/bench/gen"
)

// BenchmarkDiffNoIndex2Percent is `redline diff --no-index OLD NEW --format
// json` in process on two generated ~1 MB revisions (2% of items edited, a
// few inserted and deleted): read, parse, compare, attach and render, all
// but the process start-up that bench/diff-vs-git.sh adds.
func BenchmarkDiffNoIndex2Percent(b *testing.B) {
	d := gen.New(1, 1_000_000)
	dir := b.TempDir()
	old, new := filepath.Join(dir, "old.txt"), filepath.Join(dir, "new.txt")
	if err := os.WriteFile(old, d.Render(), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(new, d.Revise(2, 0.02, 5).Render(), 0o644); err != nil {
		b.Fatal(err)
	}
	args := []string{"diff", "--no-index", old, new, "--format", "json"}
	b.ReportAllocs()
	for b.Loop() {
		if code := Main(args, nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit code %d", code)
		}
	}
}
