// Command history is the Go helper of bench/history-vs-git.sh.
//
//	history gen -n 1000 -size 100000 | git fast-import
//
// writes a git fast-import stream: n revisions of a synthetic plan of about
// size bytes (plan.md), with fixed dates, as a colleague using plain git
// would have made them. The traced clause is 三/（二）/N (printed by
// "history label"): reworded every 50th revision, renumbered by an insertion
// every 25th.
//
//	history time -repo DIR -clause CLAUSE -path plan.md [-cold]
//
// times repo.History in this process (removing .git/redline first with
// -cold) and prints the seconds and the number of entries.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"github.com/redline-docs/redline/internal/synth"
	"os"
	"path/filepath"
	"time"

	"github.com/redline-docs/redline/repo"
	"github.com/redline-docs/redline/review"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: history gen|label|time [flags]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	n := fs.Int("n", 1000, "revisions")
	size := fs.Int("size", 100_000, "document size in bytes")
	dir := fs.String("repo", ".", "repository")
	clause := fs.String("clause", "", "clause to trace")
	path := fs.String("path", "plan.md", "document")
	cold := fs.Bool("cold", false, "remove the cache first")
	fs.Parse(os.Args[2:])
	switch os.Args[1] {
	case "gen":
		gen(*n, *size)
	case "label":
		d := synth.NewPlan(*size, 1)
		for i := 1; i < *n; i++ {
			d.Step(i)
		}
		fmt.Println(d.Traced())
	case "time":
		if *cold {
			os.RemoveAll(filepath.Join(*dir, ".git", "redline"))
		}
		start := time.Now()
		r, err := repo.Open(*dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		ctx := context.Background()
		id, doc, tip, err := r.FindClause(ctx, *clause, *path, "")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		h, err := review.HistoryOf(ctx, r, tip, doc, id)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%.3f %d\n", time.Since(start).Seconds(), len(h.Entries))
	default:
		fmt.Fprintln(os.Stderr, "usage: history gen|label|time [flags]")
		os.Exit(2)
	}
}

func gen(n, size int) {
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	d := synth.NewPlan(size, 1)
	base := time.Date(2023, 9, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)).Unix()
	for i := 0; i < n; i++ {
		if i > 0 {
			d.Step(i)
		}
		text := d.String()
		msg := fmt.Sprintf("revision %d", i)
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\n", i+1)
		fmt.Fprintf(w, "author Colleague <colleague@example.org> %d +0800\n", base+int64(i)*3600)
		fmt.Fprintf(w, "committer Colleague <colleague@example.org> %d +0800\n", base+int64(i)*3600)
		fmt.Fprintf(w, "data %d\n%s\n", len(msg), msg)
		if i > 0 {
			fmt.Fprintf(w, "from :%d\n", i)
		}
		fmt.Fprintf(w, "M 100644 inline plan.md\ndata %d\n%s\n", len(text), text)
	}
}
