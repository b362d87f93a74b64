package repo

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-docs/redline/internal/synth"
)

var benchRows = flag.Int("rows", 10_000, "rows of the comment table in BenchmarkImportComments")

// BenchmarkImportComments imports a CSV comment table of *benchRows rows,
// each citing a clause by its label, into a repository holding one 100 KB
// plan: the end-to-end cost of `redline comment import` (parse, anchor,
// check ids, write).
func BenchmarkImportComments(b *testing.B) {
	r := newRepo(b)
	d := synth.NewPlan(100_000, 1)
	write(b, r, "plan.txt", d.String())
	commitAll(b, r, 0, "rev 0")
	var csv strings.Builder
	csv.WriteString("序号,单位/个人,条款,修改意见,是否采纳\n")
	labels := []string{"一", "二", "三"}
	for i := 0; i < *benchRows; i++ {
		fmt.Fprintf(&csv, "%d,单位%d,%s,建议修改第%d处表述,未采纳\n", i+1, i%50, labels[i%len(labels)], i)
	}
	data := []byte(csv.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		os.RemoveAll(filepath.Join(r.Dir(), filepath.FromSlash(commentsDir)))
		b.StartTimer()
		cs, err := r.ImportComments(context.Background(), "comments.csv", data, CommentOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(cs) != *benchRows {
			b.Fatalf("imported %d comments, want %d", len(cs), *benchRows)
		}
	}
}
