package review

import (
	"reflect"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

const (
	draft = `三、建设内容

（一）实施人工智能技术突破计划

1.加强人工智能技术创新。每年组织实施人工智能创新专项项目不少于20项。（责任单位：市科技局）

（二）实施人工智能伙伴计划

1.实施算力伙伴计划。全市总算力规模超过1500PFLOPS,其中高性能算力比例超过60%。（责任单位：市科技局）

2.实施大模型伙伴计划。研发具有重大影响力的垂直行业大模型10个。（责任单位：市科技局）
`
	submitted = `三、建设内容

（一）实施人工智能技术突破计划

1.加强人工智能技术创新。组织实施人工智能领域创新专项,形成不少于40项共性技术创新成果。（责任单位：市科技局、市经信局、市发改委）

（二）实施人工智能伙伴计划

1.实施算力伙伴计划。全市总算力规模超过1500PFLOPS,其中,智能算力和高性能算力比例超过60%。（责任单位：市科技局）

2.实施大模型伙伴计划。研发具有影响力的垂直行业大模型解决方案10个。（责任单位：市科技局）

3.实施数据伙伴计划。推进公共数据集建设。（责任单位：市数据局）
`
)

// TestAttachParsed runs the attribution on two parsed drafts compared by
// the diff engine: the texts and labels come from the clause tree, the
// comments from the Wuhan report.
func TestAttachParsed(t *testing.T) {
	old, err := clause.Parse("plan.md", []byte(draft), clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	nw, err := clause.Parse("plan.md", []byte(submitted), clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(old.Clauses()) != 6 || len(nw.Clauses()) != 7 {
		t.Fatalf("clause.Parse found %d and %d clauses; the fixture needs 6 and 7", len(old.Clauses()), len(nw.Clauses()))
	}
	ids := map[string]string{"建设内容": "k3", "实施人工智能技术突破计划": "k31", "加强人工智能技术创新": "k311",
		"实施人工智能伙伴计划": "k32", "实施算力伙伴计划": "k321", "实施大模型伙伴计划": "k322", "实施数据伙伴计划": "k323"}
	id := func(n *clause.Node) string { return ids[n.Title] }
	res := diff.Compare(old, nw, diff.Options{})
	comments := []comment.Comment{
		{ID: "C7", Seq: 7, By: "市科技局", Anchor: comment.Anchor{ClauseID: "k311"}, Text: "不少于40项", Status: comment.Adopted},
		{ID: "C8", Seq: 8, By: "市科技局", Anchor: comment.Anchor{ClauseID: "k321"}, Text: "智能算力", Status: comment.Adopted},
		{ID: "C9", Seq: 9, By: "市科技局", Anchor: comment.Anchor{ClauseID: "k322"}, Text: "解决方案", Status: comment.Adopted},
		{ID: "C20", Seq: 20, By: "市数据局", Anchor: comment.Anchor{ClauseID: "k32"}, Text: "增加数据伙伴计划", Status: comment.Partial},
		{ID: "C21", Seq: 21, By: "市发改委", Anchor: comment.Anchor{ClauseID: "k31"}, Text: "调整标题", Status: comment.Adopted},
	}
	settled := map[string]bool{"C7": true, "C8": true, "C20": true, "C21": true} // C9 not settled in this range
	d := Attach(AttachInput{Path: "plan.md", Result: res, ID: id, Comments: comments, Settled: settled})

	got := map[string][]string{}
	for _, ch := range d.Changes {
		var want *clause.Node
		if ch.New != nil {
			want = ch.New
			if ch.NewText != want.Text() || ch.NewLabel != want.Path() || ch.Title != want.Title {
				t.Errorf("%s: new side %q %q %q", ch.ClauseID, ch.NewLabel, ch.Title, ch.NewText)
			}
		}
		if ch.Old != nil && (ch.OldText != ch.Old.Text() || ch.OldLabel != ch.Old.Path()) {
			t.Errorf("%s: old side %q %q", ch.ClauseID, ch.OldLabel, ch.OldText)
		}
		for _, c := range ch.Comments {
			got[ch.ClauseID] = append(got[ch.ClauseID], c.ID)
		}
	}
	want := map[string][]string{"k311": {"C7"}, "k321": {"C8"}, "k323": {"C20"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("comments %v, want %v", got, want)
	}
	if !reflect.DeepEqual(d.Unexplained, []string{"k322"}) {
		t.Errorf("unexplained %v, want [k322]", d.Unexplained)
	}
	for _, ch := range d.Changes {
		if ch.ClauseID == "k323" && (ch.NewLabel != "三/（二）/3" || ch.OldText != "" || ch.NewText != "3.实施数据伙伴计划。推进公共数据集建设。（责任单位：市数据局）") {
			t.Errorf("inserted clause: %+v", ch)
		}
	}
	// C21 was adopted and settled but （一）'s own text did not change.
	var un []string
	for _, c := range Unapplied([]Document{d}, comments, RangeStart{}) {
		un = append(un, c.ID)
	}
	if !reflect.DeepEqual(un, []string{"C21"}) {
		t.Errorf("unapplied %v, want [C21]", un)
	}
}
