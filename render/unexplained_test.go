package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// TestUnexplainedSharedID: without history a clause id is a label path, so
// an old item （三） deleted and the old （一） now numbered （三） share one
// id. The list of unexplained changes names each change once, in order —
// it named the renumbered item twice and the deleted one not at all — and
// an editorial change that shares an id with an unexplained one is not
// listed in its place.
func TestUnexplainedSharedID(t *testing.T) {
	moved := change(diff.Modified, "第九条/（三）", "第九条/（一）", "第九条/（三）", "", ops("=（", "-一", "+三", "=）有适应业务", "-需要", "+范围需要", "=的人员；"))
	gone := change(diff.Deleted, "第九条/（三）", "第九条/（三）", "", "", ops("-（三）有必要的财务管理制度；"))
	fmtOnly := change(diff.Modified, "第十条", "第十条", "第十条", "", ops("=第十条 按照", "-,", "+，", "=办理。"))
	fmtOnly.FormattingOnly = true
	fmtOnly.Editorial = true
	same := change(diff.Inserted, "第十条", "", "第十条", "", ops("+第十条 新增一条。"))
	d := &review.Diff{From: revZH1, To: revZH2, Documents: []review.Document{{
		Path: "law.md", Lang: clause.LangZH,
		Changes:     []review.Change{moved, gone, fmtOnly, same},
		Unexplained: []string{"第九条/（三）", "第九条/（三）", "第十条"},
	}}}
	var buf bytes.Buffer
	if err := Text(&buf, d, Options{Width: 200}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	list := out[strings.LastIndex(out, "未说明的修改"):]
	for _, want := range []string{"第九条/（一） → 第九条/（三）    修改", "第九条/（三）    删除", "第十条    新增"} {
		if strings.Count(list, want) != 1 {
			t.Errorf("unexplained list names %q %d times, want once:\n%s", want, strings.Count(list, want), list)
		}
	}
}

// TestRunTextChanged: a run of renumbered articles one of which has a
// changed part says so rather than "内容未改" for all of them.
func TestRunTextChanged(t *testing.T) {
	r := &review.RenumberRun{Count: 13, OldFirst: "第二百七十五条", OldLast: "第二百八十七条", NewFirst: "第二百八十五条", NewLast: "第二百九十七条", Shift: 10}
	if got, want := runText(newTr(clause.LangZH), r), "第二百七十五条至第二百八十七条 → 第二百八十五条至第二百九十七条，依次顺延，内容未改"; got != want {
		t.Errorf("run: %s\nwant %s", got, want)
	}
	r.Changed = []string{"第二百九十七条"}
	if got, want := runText(newTr(clause.LangZH), r), "第二百七十五条至第二百八十七条 → 第二百八十五条至第二百九十七条，依次顺延，除第二百九十七条外内容未改"; got != want {
		t.Errorf("run: %s\nwant %s", got, want)
	}
	r = &review.RenumberRun{Count: 3, OldFirst: "Article 4", OldLast: "Article 6", NewFirst: "Article 3", NewLast: "Article 5", Shift: -1, Changed: []string{"Article 4"}}
	if got, want := runText(newTr(clause.LangEN), r), "Articles 4–6 → 3–5, renumbered, text unchanged except in Article 4"; got != want {
		t.Errorf("run: %s\nwant %s", got, want)
	}
	r.Changed = []string{"Article 3", "Article 4", "Article 5"}
	if got, want := runText(newTr(clause.LangEN), r), "Articles 4–6 → 3–5, renumbered, text unchanged except in Articles 3, 4 and 5"; got != want {
		t.Errorf("run: %s\nwant %s", got, want)
	}
}
