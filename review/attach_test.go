package review

import (
	"reflect"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

// tree builds clause trees by hand (the parser is tested in clause/): each
// node gets an id so that the same id in both trees means the same clause.
type tree struct {
	ids map[*clause.Node]string
}

func (t *tree) node(id, marker string, kind clause.Kind, children ...*clause.Node) *clause.Node {
	n := &clause.Node{Kind: kind, Marker: marker, Children: children}
	for _, c := range children {
		c.Parent = n
	}
	t.ids[n] = id
	return n
}

func (t *tree) doc(children ...*clause.Node) *clause.Document {
	root := &clause.Node{Kind: clause.KindDocument, Children: children}
	for _, c := range children {
		c.Parent = root
	}
	return &clause.Document{Root: root, Lang: clause.LangZH}
}

func (t *tree) id(n *clause.Node) string { return t.ids[n] }

// fixture is a 征求意见稿 → 送审稿 pair in miniature:
//
//	old: 一、{（一）, （二）{1. 2.}}  二、{（一）}
//	new: 一、{（一）, （二）{1. 2. 3.(new){（1）(new)}}}  二、{} (（一） deleted), 三、(new)
type fixture struct {
	t                                       *tree
	res                                     *diff.Result
	p1, p1a, p1b, p1b1, p1b2, p2, p2a       [2]*clause.Node // old, new (nil when absent)
	ins3, ins3sub, insPart, moved, movedOld *clause.Node
}

func newFixture() *fixture {
	t := &tree{ids: map[*clause.Node]string{}}
	f := &fixture{t: t}
	o := func(id, m string, k clause.Kind, ch ...*clause.Node) *clause.Node { return t.node(id, m, k, ch...) }
	// old
	f.p1b1[0] = o("c-p1b1", "1.", clause.KindArabic)
	f.p1b2[0] = o("c-p1b2", "2.", clause.KindArabic)
	f.p1a[0] = o("c-p1a", "（一）", clause.KindCNParen)
	f.p1b[0] = o("c-p1b", "（二）", clause.KindCNParen, f.p1b1[0], f.p1b2[0])
	f.p1[0] = o("c-p1", "一、", clause.KindCNNum, f.p1a[0], f.p1b[0])
	f.p2a[0] = o("c-p2a", "（一）", clause.KindCNParen)
	f.movedOld = o("c-mv", "（二）", clause.KindCNParen)
	f.p2[0] = o("c-p2", "二、", clause.KindCNNum, f.p2a[0], f.movedOld)
	old := t.doc(f.p1[0], f.p2[0])
	// new
	f.ins3sub = o("c-new-sub", "（1）", clause.KindArabicParen)
	f.ins3 = o("c-new", "3.", clause.KindArabic, f.ins3sub)
	f.p1b1[1] = o("c-p1b1", "1.", clause.KindArabic)
	f.p1b2[1] = o("c-p1b2", "2.", clause.KindArabic)
	f.p1a[1] = o("c-p1a", "（一）", clause.KindCNParen)
	f.moved = o("c-mv", "（三）", clause.KindCNParen)
	f.p1b[1] = o("c-p1b", "（二）", clause.KindCNParen, f.p1b1[1], f.p1b2[1], f.ins3)
	f.p1[1] = o("c-p1", "一、", clause.KindCNNum, f.p1a[1], f.p1b[1], f.moved)
	f.p2[1] = o("c-p2", "二、", clause.KindCNNum)
	f.insPart = o("c-p3", "三、", clause.KindCNNum)
	nw := t.doc(f.p1[1], f.p2[1], f.insPart)

	eq := []diff.Op{{Kind: diff.Equal, Text: "x"}}
	edit := []diff.Op{{Kind: diff.Delete, Text: "90项"}, {Kind: diff.Insert, Text: "80项"}}
	f.res = &diff.Result{
		Old: old, New: nw,
		Pairs: []diff.Pair{
			pr(f.p1[0], f.p1[1]), pr(f.p1a[0], f.p1a[1]), pr(f.p1b[0], f.p1b[1]), pr(f.p1b1[0], f.p1b1[1]),
			pr(f.p1b2[0], f.p1b2[1]), pr(nil, f.ins3), pr(nil, f.ins3sub), pr(f.movedOld, f.moved),
			pr(f.p2[0], f.p2[1]), pr(f.p2a[0], nil), pr(nil, f.insPart),
		},
		Changes: []diff.Change{
			{Kind: diff.Modified, Old: f.p1[0], New: f.p1[1], Ops: edit},                         // 一、 own text
			{Kind: diff.Modified, Old: f.p1a[0], New: f.p1a[1], Ops: eq, FormattingOnly: true},   // （一） width only
			{Kind: diff.Modified, Old: f.p1b1[0], New: f.p1b1[1], Ops: edit},                     // 1. reworded
			{Kind: diff.Modified, Old: f.p1b2[0], New: f.p1b2[1], Ops: eq, Renumbered: true},     // 2. renumbered only
			{Kind: diff.Inserted, New: f.ins3, Ops: []diff.Op{{Kind: diff.Insert, Text: "3.新"}}}, // 3. inserted
			{Kind: diff.Inserted, New: f.ins3sub, Ops: []diff.Op{{Kind: diff.Insert, Text: "（1）新"}}},
			{Kind: diff.Moved, Old: f.movedOld, New: f.moved, Ops: eq, Renumbered: true},
			{Kind: diff.Deleted, Old: f.p2a[0], Ops: []diff.Op{{Kind: diff.Delete, Text: "（一）旧"}}},
			{Kind: diff.Inserted, New: f.insPart, Ops: []diff.Op{{Kind: diff.Insert, Text: "三、新"}}},
		},
	}
	return f
}

func pr(o, n *clause.Node) diff.Pair { return diff.Pair{Old: o, New: n} }

func cm(id string, seq int, clauseID string, st comment.Status) comment.Comment {
	return comment.Comment{ID: id, Seq: seq, Anchor: comment.Anchor{ClauseID: clauseID}, Text: "意见 " + id, Status: st}
}

// explained maps each change's clause id to the ids of its comments.
func explained(d Document) map[string][]string {
	m := map[string][]string{}
	for _, ch := range d.Changes {
		var ids []string
		for _, c := range ch.Comments {
			ids = append(ids, c.ID)
		}
		m[ch.ClauseID] = ids
	}
	return m
}

func TestAttach(t *testing.T) {
	all := []string{"c-p1", "c-p1b1", "c-new", "c-mv", "c-p2a", "c-p3"}
	tests := []struct {
		name        string
		comments    []comment.Comment
		settled     []string
		want        map[string][]string // clause id → comment ids, only those with comments
		unexplained []string
	}{
		{name: "no comments", unexplained: all},
		{
			name:        "comment on the changed clause",
			comments:    []comment.Comment{cm("A", 1, "c-p1b1", comment.Adopted)},
			settled:     []string{"A"},
			want:        map[string][]string{"c-p1b1": {"A"}},
			unexplained: []string{"c-p1", "c-new", "c-mv", "c-p2a", "c-p3"},
		},
		{
			name:        "not settled in the range",
			comments:    []comment.Comment{cm("A", 1, "c-p1b1", comment.Adopted)},
			unexplained: all,
		},
		{
			name:        "rejected comment explains nothing",
			comments:    []comment.Comment{cm("A", 1, "c-p1b1", comment.Rejected)},
			settled:     []string{"A"},
			unexplained: all,
		},
		{
			name:        "partial and pending comments explain when settled",
			comments:    []comment.Comment{cm("A", 1, "c-p1b1", comment.Partial), cm("B", 2, "c-p1b1", comment.Pending)},
			settled:     []string{"A", "B"},
			want:        map[string][]string{"c-p1b1": {"A", "B"}},
			unexplained: []string{"c-p1", "c-new", "c-mv", "c-p2a", "c-p3"},
		},
		{
			// The part-level comment explains the part's own text only, not
			// the edit of 一/（二）/1 nor the clause inserted under （二）.
			name:        "part comment does not claim edits inside",
			comments:    []comment.Comment{cm("P", 1, "c-p1", comment.Adopted)},
			settled:     []string{"P"},
			want:        map[string][]string{"c-p1": {"P"}},
			unexplained: []string{"c-p1b1", "c-new", "c-mv", "c-p2a", "c-p3"},
		},
		{
			// An inserted clause and the inserted clauses inside it are
			// explained by the comment on their nearest paired ancestor.
			name:        "inserted clause explained by its parent",
			comments:    []comment.Comment{cm("S", 1, "c-p1b", comment.Adopted)},
			settled:     []string{"S"},
			want:        map[string][]string{"c-new": {"S"}},
			unexplained: []string{"c-p1", "c-p1b1", "c-mv", "c-p2a", "c-p3"},
		},
		{
			// 3. is inserted with its （1）: one change, which a comment on
			// either is about, more specifically than the parent's.
			name: "own comment is more specific than the parent's",
			comments: []comment.Comment{
				cm("S", 1, "c-p1b", comment.Adopted), cm("N", 2, "c-new-sub", comment.Adopted),
			},
			settled:     []string{"S", "N"},
			want:        map[string][]string{"c-new": {"N"}},
			unexplained: []string{"c-p1", "c-p1b1", "c-mv", "c-p2a", "c-p3"},
		},
		{
			name:        "deleted clause explained by its parent",
			comments:    []comment.Comment{cm("D", 1, "c-p2", comment.Adopted)},
			settled:     []string{"D"},
			want:        map[string][]string{"c-p2a": {"D"}},
			unexplained: []string{"c-p1", "c-p1b1", "c-new", "c-mv", "c-p3"},
		},
		{
			name:        "deleted clause explained by its own comment",
			comments:    []comment.Comment{cm("D", 1, "c-p2a", comment.Adopted)},
			settled:     []string{"D"},
			want:        map[string][]string{"c-p2a": {"D"}},
			unexplained: []string{"c-p1", "c-p1b1", "c-new", "c-mv", "c-p3"},
		},
		{
			// A moved clause is explained by its own comments only, not by
			// its new parent's.
			name:        "moved clause",
			comments:    []comment.Comment{cm("P", 1, "c-p1", comment.Adopted), cm("M", 2, "c-mv", comment.Adopted)},
			settled:     []string{"P", "M"},
			want:        map[string][]string{"c-p1": {"P"}, "c-mv": {"M"}},
			unexplained: []string{"c-p1b1", "c-new", "c-p2a", "c-p3"},
		},
		{
			name:        "whole-document comment explains a new top-level clause only",
			comments:    []comment.Comment{cm("W", 1, "", comment.Adopted)},
			settled:     []string{"W"},
			want:        map[string][]string{"c-p3": {"W"}},
			unexplained: []string{"c-p1", "c-p1b1", "c-new", "c-mv", "c-p2a"},
		},
		{
			name: "comments in report order",
			comments: []comment.Comment{
				cm("C10", 0, "c-p1b1", comment.Adopted), cm("C2", 0, "c-p1b1", comment.Adopted),
				cm("Z", 3, "c-p1b1", comment.Adopted), cm("A", 7, "c-p1b1", comment.Adopted),
				cm("B", 3, "c-p1b1", comment.Adopted),
			},
			settled:     []string{"C10", "C2", "Z", "A", "B"},
			want:        map[string][]string{"c-p1b1": {"B", "Z", "A", "C2", "C10"}},
			unexplained: []string{"c-p1", "c-new", "c-mv", "c-p2a", "c-p3"},
		},
		{
			name: "comment on another document",
			comments: []comment.Comment{{ID: "X", Status: comment.Adopted, Text: "x",
				Anchor: comment.Anchor{ClauseID: "c-p1b1", Path: "other.md"}}},
			settled:     []string{"X"},
			unexplained: all,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture()
			settled := map[string]bool{}
			for _, s := range tt.settled {
				settled[s] = true
			}
			d := Attach(AttachInput{Path: "plan.md", Result: f.res, ID: f.t.id, Comments: tt.comments, Settled: settled})
			// 3. and its （1） are inserted together: one change.
			if len(d.Changes) != len(f.res.Changes)-1 {
				t.Fatalf("%d changes, want %d", len(d.Changes), len(f.res.Changes)-1)
			}
			got := explained(d)
			for id, ids := range got {
				if !reflect.DeepEqual(ids, tt.want[id]) {
					t.Errorf("clause %s: comments %v, want %v", id, ids, tt.want[id])
				}
			}
			if !reflect.DeepEqual(d.Unexplained, tt.unexplained) {
				t.Errorf("unexplained %v, want %v", d.Unexplained, tt.unexplained)
			}
		})
	}
}

func TestAttachFields(t *testing.T) {
	f := newFixture()
	d := Attach(AttachInput{Path: "plan.md", Result: f.res, ID: f.t.id})
	if d.Path != "plan.md" || d.Lang != clause.LangZH {
		t.Errorf("document %q %q", d.Path, d.Lang)
	}
	type labels struct{ id, old, new string }
	var got []labels
	for _, ch := range d.Changes {
		got = append(got, labels{ch.ClauseID, ch.OldLabel, ch.NewLabel})
	}
	want := []labels{
		{"c-p1", "一", "一"}, {"c-p1a", "一/（一）", "一/（一）"}, {"c-p1b1", "一/（二）/1", "一/（二）/1"},
		{"c-p1b2", "一/（二）/2", "一/（二）/2"}, {"c-new", "", "一/（二）/3"},
		{"c-mv", "二/（二）", "一/（三）"}, {"c-p2a", "二/（一）", ""}, {"c-p3", "", "三"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("labels\n got %v\nwant %v", got, want)
	}
	if d.Changes[2].Ops[1].Text != "80项" || d.Changes[2].Kind != diff.Modified {
		t.Errorf("the diff's change is not carried: %+v", d.Changes[2].Change)
	}
}

func TestUnapplied(t *testing.T) {
	f := newFixture()
	comments := []comment.Comment{
		cm("changed", 1, "c-p1b1", comment.Adopted),    // its clause was reworded
		cm("unchanged", 2, "c-p1b", comment.Adopted),   // （二）'s own text did not change …
		cm("renumbered", 3, "c-p1b2", comment.Partial), // only renumbered: not applied
		cm("formatting", 4, "c-p1a", comment.Adopted),  // only formatting: not applied
		cm("rejected", 5, "c-p1a", comment.Rejected),   // not adopted: never listed
		cm("pending", 6, "c-p1a", comment.Pending),     // pending: never listed
		cm("later", 7, "c-p1a", comment.Adopted),       // settled by a later revision: still not applied here
		cm("whole", 8, "", comment.Adopted),            // the document changed
		cm("gone", 9, "c-nowhere", comment.Partial),    // its clause is in no change
		cm("deleted", 10, "c-p2a", comment.Adopted),    // its clause was deleted: applied
		cm("other-doc", 11, "c-p1b1", comment.Adopted), // same id, other document
		cm("before", 12, "c-p1a", comment.Adopted),     // settled at the range's start: out
		cm("made-later", 13, "c-p1a", comment.Adopted), // made after the range's start: out
		cm("unsaid", 14, "c-p1a", comment.Adopted),     // no revision recorded: counts as made at the start
	}
	comments[10].Anchor.Path = "other.md"
	settled := map[string]bool{}
	for i := range comments {
		c := &comments[i]
		c.Anchor.Rev = "r1"
		switch c.ID {
		case "later":
			c.ResolvedIn = []string{"r3"}
		case "before":
			c.ResolvedIn = []string{"r1"}
		case "made-later":
			c.Anchor.Rev = "r2"
		case "unsaid":
			c.Anchor.Rev = ""
		default:
			settled[c.ID] = true
			c.ResolvedIn = []string{"r2"}
		}
	}
	start := RangeStart{Revs: map[string]bool{"r0": true, "r1": true}}
	d := Attach(AttachInput{Path: "plan.md", Result: f.res, ID: f.t.id, Comments: comments, Settled: settled})
	var got []string
	for _, c := range Unapplied([]Document{d}, comments, start) {
		got = append(got, c.ID)
	}
	// （二） itself has comment "unchanged" and an inserted child: the child
	// is explained by "unchanged", so it counts as applied.
	want := []string{"renumbered", "formatting", "later", "gone", "other-doc", "unsaid"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unapplied %v, want %v", got, want)
	}

	t.Run("whole-document comment on an unchanged document", func(t *testing.T) {
		quiet := Document{Path: "plan.md", Changes: []Change{{ClauseID: "c-p1b2", Change: diff.Change{Kind: diff.Modified, Renumbered: true}}}}
		w := []comment.Comment{cm("whole", 1, "", comment.Adopted)}
		if got := Unapplied([]Document{quiet}, w, RangeStart{}); len(got) != 1 {
			t.Errorf("got %v, want the whole-document comment", got)
		}
	})
}

// Without an ID function the label path stands in for the clause id.
func TestAttachWithoutIDs(t *testing.T) {
	f := newFixture()
	c := cm("A", 1, "一/（二）/1", comment.Adopted)
	d := Attach(AttachInput{Result: f.res, Comments: []comment.Comment{c}, Settled: map[string]bool{"A": true}})
	got := explained(d)
	if !reflect.DeepEqual(got["一/（二）/1"], []string{"A"}) {
		t.Errorf("comments %v", got)
	}
	// 一/（二）/3 is inserted under the paired 一/（二）: no comment there.
	if got["一/（二）/3"] != nil {
		t.Errorf("inserted clause claimed: %v", got)
	}
}
