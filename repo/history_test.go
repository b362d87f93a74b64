package repo

import (
	"context"
	"strings"
	"testing"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/review"
)

// The clause traced: 数据安全 is inserted, renumbered by an insertion before
// it, moved to another part, edited (settling a comment) and deleted.
var historySteps = []struct {
	msg, text string
}{
	{"征求意见稿", `一、总体要求
（一）指导思想。坚持创新驱动。
（二）发展目标。形成一批应用场景。
二、建设内容
（一）技术突破。组织实施创新专项项目。
`},
	{"insert", `一、总体要求
（一）指导思想。坚持创新驱动。
（二）发展目标。形成一批应用场景。
（三）数据安全。加强数据安全保护，建立数据分类分级制度。
二、建设内容
（一）技术突破。组织实施创新专项项目。
`},
	{"renumber", `一、总体要求
（一）指导思想。坚持创新驱动。
（二）基本原则。坚持需求牵引，应用导向。
（三）发展目标。形成一批应用场景。
（四）数据安全。加强数据安全保护，建立数据分类分级制度。
二、建设内容
（一）技术突破。组织实施创新专项项目。
`},
	{"move", `一、总体要求
（一）指导思想。坚持创新驱动。
（二）基本原则。坚持需求牵引，应用导向。
（三）发展目标。形成一批应用场景。
二、建设内容
（一）技术突破。组织实施创新专项项目。
（二）数据安全。加强数据安全保护，建立数据分类分级制度。
`},
	{"edit", `一、总体要求
（一）指导思想。坚持创新驱动。
（二）基本原则。坚持需求牵引，应用导向。
（三）发展目标。形成一批应用场景。
二、建设内容
（一）技术突破。组织实施创新专项项目。
（二）数据安全。加强数据安全保护，建立健全数据分类分级保护制度。
`},
	{"delete", `一、总体要求
（一）指导思想。坚持创新驱动。
（二）基本原则。坚持需求牵引，应用导向。
（三）发展目标。形成一批应用场景。
二、建设内容
（一）技术突破。组织实施创新专项项目。
`},
}

// buildHistory commits historySteps; the comment D1 on 数据安全 is added
// after "insert" and settled by "edit".
func buildHistory(t *testing.T) (*Repo, []string) {
	ctx := context.Background()
	r := newRepo(t)
	var hashes []string
	for i, s := range historySteps {
		write(t, r, "plan.txt", s.text)
		var mods []func(*CommitOptions)
		if s.msg == "edit" {
			if _, err := r.SetComment(ctx, "D1", comment.Adopted, "已修改"); err != nil {
				t.Fatal(err)
			}
			mods = append(mods, resolves("D1"))
		}
		if i == 0 {
			mods = append(mods, stage("征求意见稿"))
		}
		hashes = append(hashes, commitAll(t, r, i, s.msg, mods...))
		if s.msg == "insert" {
			c := comment.Comment{ID: "D1", By: "市数据局", Text: "建议完善数据分类分级要求",
				Anchor: comment.Anchor{Exact: "建立数据分类分级制度"}}
			got, err := r.AddComment(ctx, c, CommentOptions{Clause: "一/（三）", Path: "plan.txt"})
			if err != nil {
				t.Fatal(err)
			}
			if got.Anchor.ClauseID == "" || got.Anchor.Label != "一/（三）" || got.Anchor.Rev != hashes[i] || got.Anchor.Exact != "建立数据分类分级制度" {
				t.Fatalf("anchor = %+v", got.Anchor)
			}
		}
	}
	return r, hashes
}

func TestHistoryOfOneClause(t *testing.T) {
	ctx := context.Background()
	r, hashes := buildHistory(t)
	fsck(t, r)

	// By label at a revision where it existed, and by id at the newest.
	h, err := r.History(ctx, "一/（四）", "plan.txt", hashes[2])
	if err != nil {
		t.Fatal(err)
	}
	wantUpTo2 := []review.Event{review.Created, review.Renumbered}
	checkEvents(t, h, wantUpTo2, hashes[1:3])
	h, err = r.History(ctx, h.ClauseID, "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []review.Event{review.Created, review.Renumbered, review.Moved, review.Modified, review.Deleted}
	checkEvents(t, h, want, hashes[1:])
	labels := []string{"一/（三）", "一/（四）", "二/（二）", "二/（二）", "二/（二）"}
	for i, e := range h.Entries {
		if e.Label != labels[i] {
			t.Errorf("entry %d label %q, want %q", i, e.Label, labels[i])
		}
	}
	if e := h.Entries[3]; !strings.Contains(e.Text, "建立健全数据分类分级保护制度") || len(e.Ops) == 0 {
		t.Errorf("modified entry: %+v", e)
	}
	if e := h.Entries[4]; !strings.Contains(e.Text, "数据安全") {
		t.Errorf("deleted entry shows the text before deletion: %+v", e)
	}
	// The comment settled by the edit is behind the edit, and only there.
	attached := attachReady(t)
	for i, e := range h.Entries {
		if !attached {
			break
		}
		ids := commentIDs(e.Comments)
		if want := map[bool]string{true: "D1", false: ""}[i == 3]; ids != want {
			t.Errorf("entry %d (%s) comments %q, want %q", i, e.Event, ids, want)
		}
	}
	// Warm: the same answer from the index.
	r2, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	h2, err := r2.History(ctx, h.ClauseID, "plan.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, h2, want, hashes[1:])

	// The comment re-anchors across the edits: after the move it is on 二/（二）.
	d, err := r.Diff(ctx, DiffOptions{From: hashes[3], To: hashes[4]})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Documents) != 1 || len(d.Documents[0].Changes) != 1 {
		t.Fatalf("diff move→edit: %+v", d.Documents)
	}
	ch := d.Documents[0].Changes[0]
	if ch.ClauseID != h.ClauseID || ch.NewLabel != "二/（二）" || (attached && commentIDs(ch.Comments) != "D1") {
		t.Errorf("change %s %s comments %q", ch.ClauseID, ch.NewLabel, commentIDs(ch.Comments))
	}
	cs, err := r.Comments(ctx)
	if err != nil || len(cs) != 1 || strings.Join(cs[0].ResolvedIn, ",") != hashes[4] {
		t.Errorf("Comments = %+v, %v", cs, err)
	}

	// Blame at the edit: the clause was last changed by the edit, with D1.
	b, err := r.Blame(ctx, hashes[4], "plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range b.Clauses {
		switch l.Label {
		case "二/（二）":
			if l.Rev.Hash != hashes[4] || (attached && commentIDs(l.Comments) != "D1") {
				t.Errorf("blame %s: rev %s comments %q", l.Label, l.Rev.Hash, commentIDs(l.Comments))
			}
		case "一/（一）":
			if l.Rev.Hash != hashes[0] {
				t.Errorf("blame %s: rev %s, want the first", l.Label, l.Rev.Hash)
			}
		}
	}
	if _, err := r.History(ctx, "九/（九）", "plan.txt", ""); err == nil {
		t.Errorf("history of an unknown clause: no error")
	}

	// A clone carries the ids, the comments and the decisions.
	clone := t.TempDir()
	git(t, r.Dir(), "clone", "-q", r.Dir(), clone)
	rc, err := Open(clone)
	if err != nil {
		t.Fatal(err)
	}
	hc, err := rc.History(ctx, h.ClauseID, "plan.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	checkEvents(t, hc, want, hashes[1:])
	if cs, err := rc.Comments(ctx); err != nil || len(cs) != 1 || len(cs[0].ResolvedIn) != 1 {
		t.Errorf("comments in the clone: %+v, %v", cs, err)
	}
}

func checkEvents(t *testing.T, h *review.History, want []review.Event, revs []string) {
	t.Helper()
	var got []review.Event
	for _, e := range h.Entries {
		got = append(got, e.Event)
	}
	if len(got) != len(want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] || h.Entries[i].Rev.Hash != revs[i] {
			t.Errorf("entry %d: %s at %.7s, want %s at %.7s", i, got[i], h.Entries[i].Rev.Hash, want[i], revs[i])
		}
	}
}

func commentIDs(cs []comment.Comment) string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, ",")
}
