// Command gendoc writes two revisions of a generated Chinese policy
// document, and an unrelated document of the same size, for
// bench/diff-vs-git.sh:
//
//	gendoc -size 1000000 -edit 0.02 -insert 5 -out DIR
//
// writes DIR/old.txt, DIR/new.txt (old with about 2% of its items edited,
// a few items inserted and deleted, one programme inserted) and
// DIR/rewrite.txt (another document: a full rewrite of old.txt).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/redline-docs/redline/bench/gen"
)

func main() {
	size := flag.Int("size", 1_000_000, "approximate document size in bytes")
	edit := flag.Float64("edit", 0.02, "fraction of items edited in new.txt")
	insert := flag.Int("insert", 5, "items inserted in new.txt")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", ".", "output directory")
	flag.Parse()
	old := gen.New(*seed, *size)
	files := map[string][]byte{
		"old.txt":     old.Render(),
		"new.txt":     old.Revise(*seed+1, *edit, *insert).Render(),
		"rewrite.txt": gen.New(*seed+1000, *size).Render(),
	}
	for _, name := range []string{"old.txt", "new.txt", "rewrite.txt"} {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o666); err != nil {
			fmt.Fprintln(os.Stderr, "gendoc:", err)
			os.Exit(1)
		}
	}
}
