package repo

import (
	"context"
	"strings"
	"testing"

	"github.com/redline-docs/redline/comment"
)

func TestDiffReportStatus(t *testing.T) {
	ctx := context.Background()
	r := committedPlan(t)
	if _, err := r.ImportComments(ctx, "意见.csv", []byte(commentsCSV), CommentOptions{}); err != nil {
		t.Fatal(err)
	}
	commitAll(t, r, 1, "导入意见")
	v2 := strings.Replace(planV1, "在智慧医疗领域打造90项应用场景", "在智慧医疗领域打造80项应用场景", 1)
	v2 = strings.Replace(v2, "坚持创新驱动。", "坚持创新驱动，应用牵引。", 1)
	write(t, r, "plan.txt", v2)
	// 1 (adopted) explains the 90→80 edit; 2 (partial) is settled but its
	// clause did not change: unapplied; the 指导思想 edit is unexplained.
	commitAll(t, r, 2, "送审稿", stage("送审稿"), resolves("1", "2"))

	d, err := r.Diff(ctx, DiffOptions{From: "征求意见稿", To: "送审稿"})
	if err != nil {
		t.Fatal(err)
	}
	if d.From.Stage != "征求意见稿" || d.To.Stage != "送审稿" || len(d.Documents) != 1 {
		t.Fatalf("diff %+v", d)
	}
	doc := d.Documents[0]
	byLabel := map[string]string{}
	for _, ch := range doc.Changes {
		byLabel[ch.NewLabel] = commentIDs(ch.Comments)
	}
	if len(doc.Changes) != 2 {
		t.Errorf("changes %+v", doc.Changes)
	}
	if attachReady(t) {
		if byLabel["二/（二）"] != "1" || byLabel["一/（一）"] != "" {
			t.Errorf("comments by label %v", byLabel)
		}
		if len(doc.Unexplained) != 1 || len(d.Unapplied) != 1 || d.Unapplied[0].ID != "2" {
			t.Errorf("unexplained %v unapplied %v", doc.Unexplained, commentIDs(d.Unapplied))
		}
		if got := d.Unapplied[0].ResolvedIn; len(got) != 1 || got[0] != d.To.Hash {
			t.Errorf("ResolvedIn %v", got)
		}
	}

	// The work tree against the newest revision; new clauses get ids on the fly.
	write(t, r, "plan.txt", v2+"三、附则\n")
	var progress []string
	st, err := r.Diff(ctx, DiffOptions{From: "HEAD", Progress: func(done, total int, what string) { progress = append(progress, what) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Documents) != 1 || len(st.Documents[0].Changes) != 1 || st.Documents[0].Changes[0].ClauseID == "" ||
		st.Documents[0].Changes[0].NewLabel != "三" || st.To.Hash != "" || len(progress) == 0 {
		t.Errorf("work tree diff %+v (progress %q)", st.Documents, progress)
	}
	if s2, err := r.Status(ctx); err != nil || len(s2.Documents) != 1 {
		t.Errorf("Status %+v, %v", s2, err)
	}

	rep, err := r.Report(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Entries) != 2 || rep.Title != "武汉建设国家人工智能创新应用先导区实施方案" {
		t.Fatalf("report %+v", rep)
	}
	e := rep.Entries[0]
	if e.Comment.ID != "1" || e.Label != "二/（二）" || len(e.Revs) != 1 || e.Revs[0].Stage != "送审稿" {
		t.Errorf("report entry %+v", e)
	}
	if attachReady(t) && (len(e.Changes) != 1 || !strings.Contains(e.Changes[0].NewText, "80项")) {
		t.Errorf("report entry changes %+v", e.Changes)
	}
	if rep.Entries[1].Comment.Status != comment.Partial {
		t.Errorf("second entry %+v", rep.Entries[1])
	}
}
