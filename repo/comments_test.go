package repo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/redline-docs/redline/comment"
)

const commentsCSV = `序号,单位/个人,条款,原文,修改意见,是否采纳
1,市卫健委,二/（二）,在智慧医疗领域打造90项应用场景,建议调整为一批应用场景,已采纳
2,市科技局,二/(一),不少于20项,建议调整为不少于40项,部分采纳
`

func committedPlan(t *testing.T) *Repo {
	r := newRepo(t)
	write(t, r, "plan.txt", planV1)
	commitAll(t, r, 0, "征求意见稿", stage("征求意见稿"))
	return r
}

func TestImportComments(t *testing.T) {
	ctx := context.Background()
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(commentsCSV)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"utf8.csv": commentsCSV, "gb18030.csv": gb} {
		t.Run(name, func(t *testing.T) {
			r := committedPlan(t)
			cs, err := r.ImportComments(ctx, name, []byte(data), CommentOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != 2 {
				t.Fatalf("%d comments", len(cs))
			}
			c := cs[0]
			if c.By != "市卫健委" || c.Anchor.Label != "二/（二）" || c.Anchor.Path != "plan.txt" || c.Anchor.ClauseID == "" ||
				c.Anchor.Exact != "在智慧医疗领域打造90项应用场景" || c.Status != comment.Adopted {
				t.Errorf("comment = %+v", c)
			}
			if cs[1].Anchor.Label != "二/（一）" || cs[1].Status != comment.Partial {
				t.Errorf("second comment = %+v", cs[1])
			}
			stored, err := r.Comments(ctx)
			if err != nil || len(stored) != 2 || stored[0].ID != c.ID {
				t.Errorf("Comments = %+v, %v", stored, err)
			}
			// The table's 序号 are the ids: importing it again clashes.
			_, err = r.ImportComments(ctx, name, []byte(data), CommentOptions{})
			var ie *comment.ImportError
			if !errors.As(err, &ie) || ie.Row != 2 || ie.Column != "序号" {
				t.Errorf("second import: %v", err)
			}
			// The comment files are recorded by the next commit.
			commitAll(t, r, 1, "comments")
			if ls := git(t, r.Dir(), "ls-tree", "-r", "--name-only", "HEAD", ".redline/comments"); strings.Count(ls, "\n") != 2 {
				t.Errorf("committed comment files:\n%s", ls)
			}
		})
	}
}

func TestImportAllOrNothing(t *testing.T) {
	ctx := context.Background()
	r := committedPlan(t)
	bad := commentsCSV + "3,市人才局,九/（九）,,没有这个条款,未采纳\n"
	_, err := r.ImportComments(ctx, "意见.csv", []byte(bad), CommentOptions{})
	var ie *comment.ImportError
	if !errors.As(err, &ie) || ie.File != "意见.csv" || ie.Row != 4 || ie.Column != "条款" || !errors.Is(err, ErrUnknownClause) {
		t.Fatalf("import with an unknown clause: %v (%#v)", err, ie)
	}
	if !strings.Contains(err.Error(), "九/（九）") {
		t.Errorf("error does not name the clause: %v", err)
	}
	if cs, _ := r.Comments(ctx); len(cs) != 0 {
		t.Errorf("%d comments written by a failed import", len(cs))
	}
	ents, _ := os.ReadDir(filepath.Join(r.Dir(), ".redline", "comments"))
	if len(ents) != 0 {
		t.Errorf("files left: %v", ents)
	}
}

func TestAddAndSetComment(t *testing.T) {
	ctx := context.Background()
	r := committedPlan(t)
	c, err := r.AddComment(ctx, comment.Comment{ID: "K1", By: "市科技局", Text: "调整目标",
		Anchor: comment.Anchor{Exact: "不少于20项"}}, CommentOptions{Clause: "二/(一)"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != comment.Pending || c.Anchor.Label != "二/（一）" || c.Anchor.Exact != "不少于20项" {
		t.Errorf("added %+v", c)
	}
	// By clause id, and about the whole document.
	if _, err := r.AddComment(ctx, comment.Comment{ID: "K2", By: "x", Text: "y"}, CommentOptions{Clause: c.Anchor.ClauseID}); err != nil {
		t.Error(err)
	}
	if w, err := r.AddComment(ctx, comment.Comment{By: "x", Text: "整体意见"}, CommentOptions{}); err != nil || w.Anchor.ClauseID != "" || w.ID == "" {
		t.Errorf("whole-document comment %+v, %v", w, err)
	}
	for _, tc := range []struct {
		name string
		c    comment.Comment
		opts CommentOptions
		want error
	}{
		{"clash", comment.Comment{ID: "K1", By: "x", Text: "y"}, CommentOptions{}, ErrBadInput},
		{"bad id", comment.Comment{ID: "a/b", By: "x", Text: "y"}, CommentOptions{}, ErrBadInput},
		{"no text", comment.Comment{ID: "K9", By: "x"}, CommentOptions{}, ErrBadInput},
		{"unknown clause", comment.Comment{ID: "K9", By: "x", Text: "y"}, CommentOptions{Clause: "五/（一）"}, ErrUnknownClause},
		{"unknown rev", comment.Comment{ID: "K9", By: "x", Text: "y"}, CommentOptions{Clause: "二", At: "印发稿"}, ErrUnknownRevision},
		{"unknown doc", comment.Comment{ID: "K9", By: "x", Text: "y"}, CommentOptions{Path: "other.md"}, ErrUnknownDocument},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := r.AddComment(ctx, tc.c, tc.opts); !errors.Is(err, tc.want) {
				t.Errorf("AddComment: %v, want %v", err, tc.want)
			}
		})
	}
	got, err := r.SetComment(ctx, "K1", comment.Rejected, "维持原文")
	if err != nil || got.Status != comment.Rejected || got.Response != "维持原文" {
		t.Errorf("SetComment = %+v, %v", got, err)
	}
	if _, err := r.SetComment(ctx, "nope", comment.Adopted, ""); !errors.Is(err, ErrUnknownComment) {
		t.Errorf("SetComment of an unknown comment: %v", err)
	}
}

// Real reports restart 序号 in each section: the importer numbers the
// comments C1, C2 …, and a second such table continues after them.
func TestImportRestartingNumbers(t *testing.T) {
	ctx := context.Background()
	r := committedPlan(t)
	table := `序号,单位/个人,条款,修改意见,是否采纳
一、公开网站征求意见采纳情况
1,张某,二/（一）,建议增加项目数量,未采纳
二、相关部门征求意见采纳情况
1,市卫健委,二/（二）,建议调整应用场景数量,已采纳
`
	first, err := r.ImportComments(ctx, "a.csv", []byte(table), CommentOptions{})
	if err != nil {
		t.Fatal(err)
	}
	second, err := r.ImportComments(ctx, "b.csv", []byte(table), CommentOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range append(first, second...) {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, ",") != "C1,C2,C3,C4" {
		t.Errorf("ids %v", ids)
	}
	all, _ := r.Comments(ctx)
	if len(all) != 4 {
		t.Errorf("%d comments stored", len(all))
	}
}

func TestSortComments(t *testing.T) {
	cs := []comment.Comment{
		{ID: "C10", Group: "二、相关部门", Seq: 10},
		{ID: "C2", Group: "三、其他", Seq: 12},
		{ID: "C1", Group: "一、公开网站", Seq: 1},
		{ID: "C3", Group: "二、相关部门", Seq: 3},
		{ID: "K2", Seq: 20},
		{ID: "K10", Seq: 20},
	}
	sortComments(cs)
	if got := commentIDs(cs); got != "C1,C3,C10,C2,K2,K10" {
		t.Errorf("order %s", got)
	}
}

// Labels name clauses at the revision the comments were made on (At): after
// a renumbering, the comment still anchors to the clause it meant.
func TestImportAtOlderRevision(t *testing.T) {
	ctx := context.Background()
	r := committedPlan(t)
	v2 := strings.Replace(planV1, "二、建设内容\n", "二、建设内容\n（一）新增任务。推进算力建设。\n", 1)
	v2 = strings.Replace(v2, "（一）实施人工智能技术突破计划", "（二）实施人工智能技术突破计划", 1)
	v2 = strings.Replace(v2, "（二）实施人工智能场景应用计划", "（三）实施人工智能场景应用计划", 1)
	write(t, r, "plan.txt", v2)
	commitAll(t, r, 1, "送审稿", stage("送审稿"))
	cs, err := r.ImportComments(ctx, "意见.csv", []byte(commentsCSV), CommentOptions{At: "征求意见稿"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := r.Report(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if cs[0].Anchor.Label != "二/（二）" || rep.Entries[0].Label != "二/（三）" {
		t.Errorf("anchored at %q, now %q; want 二/（二） then 二/（三）", cs[0].Anchor.Label, rep.Entries[0].Label)
	}
	if cs[1].Anchor.Label != "二/（一）" || rep.Entries[1].Label != "二/（二）" {
		t.Errorf("anchored at %q, now %q; want 二/（一） then 二/（二）", cs[1].Anchor.Label, rep.Entries[1].Label)
	}
	// At the newest revision, the same labels name other clauses.
	r2 := committedPlan(t)
	write(t, r2, "plan.txt", v2)
	commitAll(t, r2, 1, "送审稿")
	now, err := r2.ImportComments(ctx, "意见.csv", []byte(commentsCSV), CommentOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if now[0].Anchor.ClauseID == cs[0].Anchor.ClauseID {
		t.Errorf("a label at the newest revision resolved like one at the first")
	}
}

// Two clones of one draft each add a comment without an id: the ids must
// differ (they are merged later without coordination), stay short, and be
// valid comment ids; the same remark twice in one clone gets two ids.
func TestAutomaticCommentIDsUniqueAcrossClones(t *testing.T) {
	ctx := context.Background()
	a, b := committedPlan(t), committedPlan(t)
	ca, err := a.AddComment(ctx, comment.Comment{By: "市卫健委", Text: "建议调整目标"}, CommentOptions{Clause: "二/(一)"})
	if err != nil {
		t.Fatal(err)
	}
	cb, err := b.AddComment(ctx, comment.Comment{By: "市科技局", Text: "建议调整目标"}, CommentOptions{Clause: "二/(一)"})
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`^C[0-9]+-[2-9a-hjkmnp-z]{4}$`)
	for _, c := range []comment.Comment{ca, cb} {
		if !re.MatchString(c.ID) || comment.ValidID(c.ID) != nil {
			t.Errorf("automatic id %q: want C<n>-xxxx", c.ID)
		}
	}
	if ca.ID == cb.ID {
		t.Errorf("two clones made the same id %s for different comments", ca.ID)
	}
	again, err := a.AddComment(ctx, comment.Comment{By: "市卫健委", Text: "建议调整目标"}, CommentOptions{Clause: "二/(一)"})
	if err != nil {
		t.Fatal(err)
	}
	if again.ID == ca.ID {
		t.Errorf("the same remark added twice got one id %s", ca.ID)
	}
}
