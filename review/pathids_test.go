package review

import (
	"fmt"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
)

// TestPathIDs checks PathIDs against its definition (Node.Path, numbered
// in pair order) on revisions with renumbering, deletions whose old path
// a new clause now has, and duplicate labels.
func TestPathIDs(t *testing.T) {
	tests := []struct {
		name, old, new string
		dup            bool // some path names two pairs
	}{
		{"insertion renumbers", "一、总则\n（一）甲项。\n（二）乙项。\n二、附则\n（一）丙项。\n",
			"一、总则\n（一）新增项。\n（二）甲项。\n（三）乙项。\n二、附则\n（一）丙项。\n", false},
		{"deleted path reused", "一、总则\n（一）甲项内容。\n（二）乙项内容完全不同。\n",
			"一、总则\n（一）乙项内容完全不同。\n", true},
		// Repeated numbers get unique labels (1, 1~2, 1~3): no path repeats.
		{"duplicate labels", "一、总则\n1.甲。\n1.乙。\n",
			"一、总则\n1.甲。\n1.乙。\n1.丙。\n二、总则\n", false},
		{"law", "第一条　甲。\n第二条　乙。\n第三条　丙。\n", "第一条　甲。\n第二条　丁。\n第三条　丙。\n第四条　戊。\n", false},
		{"empty", "", "一、总则\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := mustParseDoc(t, "old.txt", tt.old)
			new := mustParseDoc(t, "new.txt", tt.new)
			r := diff.Compare(old, new, diff.Options{})
			got := PathIDs(r)
			want := map[*clause.Node]string{}
			used := map[string]int{}
			for _, p := range r.Pairs {
				n := p.New
				if n == nil {
					n = p.Old
				}
				id := n.Path()
				if used[id]++; used[id] > 1 {
					id = fmt.Sprintf("%s#%d", id, used[id])
				}
				for _, m := range []*clause.Node{p.Old, p.New} {
					if m != nil {
						want[m] = id
					}
				}
			}
			dups := 0
			for _, id := range want {
				if strings.Contains(id, "#") {
					dups++
				}
			}
			if (dups > 0) != tt.dup {
				t.Errorf("%d ids numbered #k, want some: %v", dups, tt.dup)
			}
			for n, id := range want {
				if g := got(n); g != id {
					t.Errorf("id of %q = %q, want %q", n.Path(), g, id)
				}
			}
			if g := got(new.Root); g != "" {
				t.Errorf("root id = %q, want \"\"", g)
			}
		})
	}
}

func mustParseDoc(t *testing.T, name, src string) *clause.Document {
	t.Helper()
	d, err := clause.Parse(name, []byte(src), clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPathIDsWhileDescribing runs PathIDs alongside Result.Describe, as
// diff --no-index does; the race detector checks they share nothing.
func TestPathIDsWhileDescribing(t *testing.T) {
	var old, new strings.Builder
	old.WriteString("一、总则\n")
	new.WriteString("一、总则\n（一）新增的一项。\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&old, "（%d）在第%d领域打造%d项应用场景。\n", i, i, 90+i)
		fmt.Fprintf(&new, "（%d）在第%d领域打造%d项应用场景。\n", i, i, 80+i)
	}
	r := diff.Align(mustParseDoc(t, "old.txt", old.String()), mustParseDoc(t, "new.txt", new.String()), diff.Options{})
	ids := make(chan func(*clause.Node) string, 1)
	go func() { ids <- PathIDs(r) }()
	r.Describe()
	id := <-ids
	for _, c := range r.Changes {
		if c.New != nil && c.New.Kind != clause.KindDocument && id(c.New) != c.New.Path() {
			t.Errorf("id(%s) = %q", c.New.Path(), id(c.New))
		}
	}
	if len(r.Changes) < 40 {
		t.Errorf("%d changes, want the 40 edits at least", len(r.Changes))
	}
}
