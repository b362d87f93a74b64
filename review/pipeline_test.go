package review

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

// memHistory builds a MemSource of one document, plan.txt, through the
// given texts, one revision each (hash "r0", "r1" …, settling resolves[i]).
// Clause ids follow the alignment as a store's would: a clause keeps the
// id of the clause of the previous revision with the same body, else the
// id of the one with the same label path, else gets a new one.
// diffFirstTwo diffs src's first revision against its second, and returns
// the diff and the one document they hold.
func diffFirstTwo(t *testing.T, src *MemSource) (*Diff, Document) {
	t.Helper()
	from := src.Revs[0].Rev
	d, err := DiffRange(context.Background(), src, DiffOptions{From: &from, To: src.Revs[1].Rev})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Documents) != 1 {
		t.Fatalf("%d documents, want 1", len(d.Documents))
	}
	return d, d.Documents[0]
}

func memHistory(t *testing.T, texts []string, resolves [][]string) *MemSource {
	t.Helper()
	src := &MemSource{}
	var prev []*clause.Node
	var prevIDs []string
	next := 0
	for i, text := range texts {
		doc, err := clause.Parse("plan.txt", []byte(text), clause.Options{})
		if err != nil {
			t.Fatal(err)
		}
		nodes := doc.Clauses()
		ids := make([]string, len(nodes))
		used := map[string]bool{}
		for _, match := range []func(a, b *clause.Node) bool{
			func(a, b *clause.Node) bool { return a.Body() == b.Body() },
			func(a, b *clause.Node) bool { return a.Path() == b.Path() },
		} {
			for j, n := range nodes {
				for k, p := range prev {
					if ids[j] == "" && !used[prevIDs[k]] && match(p, n) {
						ids[j], used[prevIDs[k]] = prevIDs[k], true
					}
				}
			}
		}
		for j := range ids {
			if ids[j] == "" {
				next++
				ids[j] = "c" + string(rune('0'+next/10)) + string(rune('0'+next%10))
			}
		}
		var res []string
		if i < len(resolves) {
			res = resolves[i]
		}
		rev := Rev{Hash: "r" + string(rune('0'+i)), Date: time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC), Resolves: res}
		src.Revs = append(src.Revs, MemRev{Rev: rev, Docs: map[string]MemDoc{"plan.txt": {Doc: doc, IDs: ids}}})
		prev, prevIDs = nodes, ids
	}
	return src
}

// idOf is the id of the clause with label path label at revision i.
func idOf(t *testing.T, src *MemSource, i int, label string) string {
	t.Helper()
	d := src.Revs[i].Docs["plan.txt"]
	for j, n := range d.Doc.Clauses() {
		if n.Path() == label {
			return d.IDs[j]
		}
	}
	t.Fatalf("no clause %s at r%d", label, i)
	return ""
}

const v0 = "一、总则\n（一）打造90项应用场景。\n（二）建设智慧医疗服务平台。\n二、保障\n（一）加强组织领导。\n"

func TestAttributionInMemory(t *testing.T) {
	v1 := "一、总则\n（一）打造80项应用场景。\n（二）建设智慧医疗服务平台。\n二、保障\n（一）加强组织领导。\n（二）强化资金保障。\n"
	tests := []struct {
		name        string
		comment     comment.Comment
		resolves    []string
		wantOn      string // label whose change the comment explains; "" none
		unexplained int
		unapplied   bool
	}{
		{"settled comment on the changed clause explains it",
			comment.Comment{ID: "C1", Status: comment.Adopted, Anchor: comment.Anchor{Path: "plan.txt", Label: "一/（一）"}},
			[]string{"C1"}, "一/（一）", 1, false},
		{"a comment not settled in the range explains nothing",
			comment.Comment{ID: "C1", Status: comment.Adopted, Anchor: comment.Anchor{Path: "plan.txt", Label: "一/（一）"}},
			nil, "", 2, false},
		{"a rejected comment explains nothing",
			comment.Comment{ID: "C1", Status: comment.Rejected, Anchor: comment.Anchor{Path: "plan.txt", Label: "一/（一）"}},
			[]string{"C1"}, "", 2, false},
		{"a comment on the parent explains an inserted clause",
			comment.Comment{ID: "C1", Status: comment.Adopted, Anchor: comment.Anchor{Path: "plan.txt", Label: "二"}},
			[]string{"C1"}, "二/（二）", 1, false},
		{"an adopted comment whose clause did not change is unapplied",
			comment.Comment{ID: "C1", Status: comment.Adopted, Anchor: comment.Anchor{Path: "plan.txt", Label: "一/（二）"}},
			[]string{"C1"}, "", 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := memHistory(t, []string{v0, v1}, [][]string{nil, tt.resolves})
			c := tt.comment
			c.Anchor.ClauseID = idOf(t, src, 0, c.Anchor.Label)
			src.Notes = []comment.Comment{c}
			d, doc := diffFirstTwo(t, src)
			var on []string
			for _, ch := range doc.Changes {
				if len(ch.Comments) > 0 {
					on = append(on, ch.NewLabel)
				}
			}
			var want []string
			if tt.wantOn != "" {
				want = []string{tt.wantOn}
			}
			if !slices.Equal(on, want) {
				t.Errorf("comment explains %q, want %q", on, want)
			}
			if len(doc.Unexplained) != tt.unexplained {
				t.Errorf("%d unexplained changes, want %d", len(doc.Unexplained), tt.unexplained)
			}
			if got := len(d.Unapplied) == 1; got != tt.unapplied {
				t.Errorf("unapplied %v, want %v", d.Unapplied, tt.unapplied)
			}
		})
	}
}

func TestHistoryInMemory(t *testing.T) {
	texts := []string{
		v0,
		// r1: 一/（一） reworded.
		"一、总则\n（一）打造80项应用场景。\n（二）建设智慧医疗服务平台。\n二、保障\n（一）加强组织领导。\n",
		// r2: a new 一/（一） renumbers the old one to 一/（二).
		"一、总则\n（一）坚持统筹推进。\n（二）打造80项应用场景。\n（三）建设智慧医疗服务平台。\n二、保障\n（一）加强组织领导。\n",
		// r3: the platform clause moves under 二.
		"一、总则\n（一）坚持统筹推进。\n（二）打造80项应用场景。\n二、保障\n（一）加强组织领导。\n（二）建设智慧医疗服务平台。\n",
		// r4: the target clause is deleted.
		"一、总则\n（一）坚持统筹推进。\n二、保障\n（一）加强组织领导。\n（二）建设智慧医疗服务平台。\n",
	}
	src := memHistory(t, texts, [][]string{nil, {"C1"}})
	target := idOf(t, src, 0, "一/（一）")
	src.Notes = []comment.Comment{{ID: "C1", Status: comment.Adopted, Anchor: comment.Anchor{Path: "plan.txt", ClauseID: target}}}
	ctx := context.Background()
	tip := src.Revs[len(src.Revs)-1].Rev
	tests := []struct {
		label string // at r0
		want  []string
	}{
		{"一/（一）", []string{"r0 created 一/（一）", "r1 modified 一/（一） C1", "r2 renumbered 一/（二）", "r4 deleted 一/（二）"}},
		{"一/（二）", []string{"r0 created 一/（二）", "r2 renumbered 一/（三）", "r3 moved 二/（二）"}},
		{"二/（一）", []string{"r0 created 二/（一）"}},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			h, err := HistoryOf(ctx, src, tip, "plan.txt", idOf(t, src, 0, tt.label))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range h.Entries {
				s := e.Rev.Hash + " " + string(e.Event) + " " + e.Label
				for _, c := range e.Comments {
					s += " " + c.ID
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("history:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	if _, err := HistoryOf(ctx, src, tip, "", "nosuch"); err == nil {
		t.Error("history of an unknown id: no error")
	}
	b, err := BlameOf(ctx, src, tip, "plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range b.Clauses {
		got = append(got, l.Label+" "+l.Rev.Hash)
	}
	want := []string{"一 r0", "一/（一） r2", "二 r0", "二/（一） r0", "二/（二） r3"}
	if !slices.Equal(got, want) {
		t.Errorf("blame %q, want %q", got, want)
	}
}

// TestReportRoundInMemory: without from or to, ReportOf covers one
// consultation round — from the revision the comments were made on to the
// one that settled them — and reports only that round's comments, each
// with the changes of the revision that settled it.
func TestReportRoundInMemory(t *testing.T) {
	v1 := "一、总则\n（一）打造80项应用场景。\n（二）建设智慧医疗服务平台。\n二、保障\n（一）加强组织领导。\n"
	v2 := "一、总则\n（一）打造80项应用场景。\n（二）建设智慧医疗服务平台。\n二、保障\n（一）加强统筹协调。\n"
	src := memHistory(t, []string{v0, v1, v2}, [][]string{nil, {"A"}, {"B"}})
	a := comment.Comment{ID: "A", Seq: 1, Status: comment.Adopted, Anchor: comment.Anchor{Path: "plan.txt", Label: "一/（一）", Rev: "r0"}}
	a.Anchor.ClauseID = idOf(t, src, 0, a.Anchor.Label)
	b := comment.Comment{ID: "B", Seq: 2, Status: comment.Adopted, Anchor: comment.Anchor{Path: "plan.txt", Label: "二/（一）", Rev: "r1"}}
	b.Anchor.ClauseID = idOf(t, src, 1, b.Anchor.Label)
	src.Notes = []comment.Comment{a, b}
	r1 := src.Revs[1].Rev
	tests := []struct {
		name     string
		to       *Rev
		from, at string // the round's revisions
		comment  string // the one comment reported
		changed  string // the label of its one change
	}{
		{"the newest round", nil, "r1", "r2", "B", "二/（一）"},
		{"the round that ends at --to", &r1, "r0", "r1", "A", "一/（一）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := ReportOf(context.Background(), src, nil, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if rep.From.Hash != tt.from || rep.To.Hash != tt.at {
				t.Fatalf("round %s..%s, want %s..%s", rep.From.Hash, rep.To.Hash, tt.from, tt.at)
			}
			if len(rep.Entries) != 1 || rep.Entries[0].Comment.ID != tt.comment {
				t.Fatalf("entries %+v, want only %s", rep.Entries, tt.comment)
			}
			e := rep.Entries[0]
			if len(e.Changes) != 1 || e.Changes[0].NewLabel != tt.changed || !e.ClauseChanged {
				t.Errorf("changes %+v (clause changed %v), want one on %s", e.Changes, e.ClauseChanged, tt.changed)
			}
			if len(rep.Unexplained) != 0 {
				t.Errorf("unexplained %+v, want none", rep.Unexplained)
			}
		})
	}
}

// TestHistoryOfArticleParts: in a law an article is one clause with its
// parts, so a 款 or 项 that changes, appears or goes is a change to the
// article — its history says so and blame names that revision. Without
// it, history of an article of several 款 showed only its number, and an
// article whose second 款 was rewritten read as never changed. The
// comments behind a part's change explain the article's too.
func TestHistoryOfArticleParts(t *testing.T) {
	texts := []string{
		"第一条 目的。\n第二条 经营者变更名称的，应当办理变更手续。\n经营者终止经营的，应当办理注销手续。\n第三条 应当具备下列条件：\n（一）有工作人员；\n（二）有资金。\n",
		// r1: 第二条's second 款 is rewritten.
		"第一条 目的。\n第二条 经营者变更名称的，应当办理变更手续。\n经营者终止经营的，应当备案。\n第三条 应当具备下列条件：\n（一）有工作人员；\n（二）有资金。\n",
		// r2: 第三条 gains an item.
		"第一条 目的。\n第二条 经营者变更名称的，应当办理变更手续。\n经营者终止经营的，应当备案。\n第三条 应当具备下列条件：\n（一）有工作人员；\n（二）有资金；\n（三）法律规定的其他条件。\n",
		// r3: a new 第一条 renumbers the others, their text untouched.
		"第一条 新增。\n第二条 目的。\n第三条 经营者变更名称的，应当办理变更手续。\n经营者终止经营的，应当备案。\n第四条 应当具备下列条件：\n（一）有工作人员；\n（二）有资金；\n（三）法律规定的其他条件。\n",
	}
	src := memHistory(t, texts, [][]string{nil, {"C1"}})
	src.Notes = []comment.Comment{{ID: "C1", Status: comment.Adopted, Anchor: comment.Anchor{Path: "plan.txt", ClauseID: idOf(t, src, 0, "第二条/第二款")}}}
	ctx := context.Background()
	tip := src.Revs[len(src.Revs)-1].Rev
	for _, tt := range []struct {
		label string // at r0
		want  []string
	}{
		{"第二条", []string{"r0 created 第二条", "r1 modified 第二条 C1", "r3 renumbered 第三条"}},
		{"第三条", []string{"r0 created 第三条", "r2 modified 第三条", "r3 renumbered 第四条"}},
		{"第一条", []string{"r0 created 第一条", "r3 renumbered 第二条"}},
	} {
		h, err := HistoryOf(ctx, src, tip, "plan.txt", idOf(t, src, 0, tt.label))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range h.Entries {
			s := e.Rev.Hash + " " + string(e.Event) + " " + e.Label
			for _, c := range e.Comments {
				s += " " + c.ID
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("history of %s:\n%s\nwant:\n%s", tt.label, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
		if tt.label == "第二条" && len(h.Entries) > 1 && !strings.Contains(h.Entries[1].Text, "应当备案") {
			t.Errorf("history of 第二条 at r1 shows %q, not the article with its 款", h.Entries[1].Text)
		}
	}
	b, err := BlameOf(ctx, src, src.Revs[2].Rev, "plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"第一条": "r0", "第二条": "r1 C1", "第三条": "r2"}
	for _, l := range b.Clauses {
		got := l.Rev.Hash
		for _, c := range l.Comments {
			got += " " + c.ID
		}
		if w, ok := want[l.Label]; ok && got != w {
			t.Errorf("blame at r2 of %s: %s, want %s", l.Label, got, w)
		}
	}
}

// TestHistoryFormattingOnly: a revision that only respaces a heading
// (第一章  总则 → 第一章 总 则, as the 2024 texts of many regulations do)
// or changes the width of punctuation and digits is folded away in a diff,
// and is no event in a clause's history: blame keeps the revision that
// wrote the text.
func TestHistoryFormattingOnly(t *testing.T) {
	texts := []string{
		"第一章  总则\n第一条 为了规范管理,制定本条例。\n第二条 应当具备下列条件：\n(一)有工作人员；\n(二)有资金。\n",
		"第一章 总 则\n第一条 为了规范管理，制定本条例。\n第二条 应当具备下列条件：\n（一）有工作人员；\n（二）有资金。\n",
		"第一章 总 则\n第一条 为了规范管理，制定本条例。\n第二条 应当具备下列条件：\n（一）有工作人员；\n（二）有必要的资金。\n",
	}
	src := memHistory(t, texts, nil)
	ctx := context.Background()
	tip := src.Revs[len(src.Revs)-1].Rev
	for _, tt := range []struct {
		label string // at r0
		want  []string
	}{
		{"第一章", []string{"r0 created 第一章"}},
		{"第一章/第二条", []string{"r0 created 第一章/第二条", "r2 modified 第一章/第二条"}},
		{"第一章/第二条/(一)", []string{"r0 created 第一章/第二条/(一)", "r1 renumbered 第一章/第二条/（一）"}},
	} {
		h, err := HistoryOf(ctx, src, tip, "plan.txt", idOf(t, src, 0, tt.label))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range h.Entries {
			got = append(got, e.Rev.Hash+" "+string(e.Event)+" "+e.Label)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("history of %s:\n%s\nwant:\n%s", tt.label, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
		// r2 is shown against r0, the last event: the width of an item
		// marker, changed in r1, is no edit of its own.
		for _, e := range h.Entries {
			for _, op := range e.Ops {
				if op.Kind != diff.Equal && (op.Text == "(一)" || op.Text == "（一）") {
					t.Errorf("history of %s at %s: edit %q", tt.label, e.Rev.Hash, op.Text)
				}
			}
		}
	}
	b, err := BlameOf(ctx, src, src.Revs[1].Rev, "plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range b.Clauses {
		if l.Rev.Hash != "r0" && !strings.HasSuffix(l.Label, "（一）") && !strings.HasSuffix(l.Label, "（二）") {
			t.Errorf("blame at r1 of %s: %s, want r0 (r1 changed only its formatting)", l.Label, l.Rev.Hash)
		}
	}
}
