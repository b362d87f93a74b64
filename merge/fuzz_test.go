package merge

import (
	"testing"

	"github.com/redline-docs/redline/clause"
)

// FuzzMerge: any three texts merge without a panic, and a document merged
// with itself has no conflict and every clause once.
func FuzzMerge(f *testing.F) {
	f.Add(base, base, base)
	f.Add(base, "第一条 甲。\n第二条 乙。\n", "")
	f.Add("一、目标\n（一）甲。\n", "一、目标\n（一）乙。\n（二）丙。\n", "一、目标\n")
	f.Fuzz(func(t *testing.T, b, o, th string) {
		docs := make([]*clause.Document, 3)
		for i, s := range []string{b, o, th} {
			d, err := clause.Parse("plan.txt", []byte(s), clause.Options{})
			if err != nil {
				return
			}
			docs[i] = d
		}
		Merge(docs[0], docs[1], docs[2])
		r := Merge(docs[1], docs[1], docs[1])
		if len(r.Conflicts) != 0 {
			t.Fatalf("a document merged with itself conflicts: %+v", r.Conflicts)
		}
		if len(r.Items) != len(docs[1].Clauses()) {
			t.Fatalf("%d items for %d clauses", len(r.Items), len(docs[1].Clauses()))
		}
	})
}
