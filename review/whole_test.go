package review

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

const lawV0 = "第一条 为了规范数据管理，制定本条例。\n第二条 本条例适用于本市行政区域。\n"

const newArticle = "第三条 有下列情形之一的，由主管部门责令改正：\n（一）未按规定报送数据的；\n（二）拒绝监督检查的。\n有前款第一项情形，情节严重的，处一万元以上十万元以下罚款。"

// lawV1 adds 第三条, with two 款 and two 项, after the last article.
const lawV1 = lawV0 + newArticle + "\n"

// lawMoveV0 has a second 款 in 第二条 that lawMoveV1 moves into a new
// 第三条, as its third 款 after two new ones; lawMoveFirst, as its first.
const (
	lawMoveHead  = "第一条 为了规范数据管理，保障数据安全，促进数据开发利用，制定本条例。\n第二条 本条例适用于本市行政区域内的数据处理活动及其安全监管。\n各级人民政府应当加强对数据工作的领导，建立健全工作协调机制。\n"
	lawMoveKuan  = "新闻媒体应当开展数据安全知识的公益宣传，提高公众的数据安全意识。\n"
	lawMoveTail  = "条 违反本条例规定的，由有关主管部门责令改正，给予警告；拒不改正的，处一万元以上十万元以下罚款。\n"
	lawMoveNew1  = "国家建立健全数据安全报道制度，支持新闻媒体开展报道。\n"
	lawMoveNew2  = "新闻媒体报道数据安全事件应当及时、准确。\n"
	lawMoveV0    = lawMoveHead + lawMoveKuan + "第三" + lawMoveTail
	lawMoveV1    = lawMoveHead + "第三条 " + lawMoveNew1 + lawMoveNew2 + lawMoveKuan + "第四" + lawMoveTail
	lawMoveFirst = lawMoveHead + "第三条 " + lawMoveKuan + lawMoveNew1 + "第四" + lawMoveTail
)

// lawItemV1 moves the first 项 of lawItemV0's 第二条第二款 into a new
// 第三条, beside a new 项.
const (
	lawItemV0 = "第一条 为了规范数据管理，保障数据安全，促进数据开发利用，制定本条例。\n第二条 本条例适用于本市行政区域内的数据处理活动及其安全监管。\n有下列情形之一的，应当向主管部门报告：\n（一）数据处理者发生数据泄露、篡改、丢失的；\n（二）数据处理者变更名称、住所或者主要负责人的。\n第三" + lawMoveTail
	lawItemV1 = "第一条 为了规范数据管理，保障数据安全，促进数据开发利用，制定本条例。\n第二条 本条例适用于本市行政区域内的数据处理活动及其安全监管。\n有下列情形之一的，应当向主管部门报告：\n（一）数据处理者变更名称、住所或者主要负责人的。\n第三条 数据处理者发现下列情形的，应当立即采取补救措施，并向主管部门报告：\n（一）数据处理者发生数据泄露、篡改、丢失的；\n（二）数据处理系统遭受网络攻击的。\n第四" + lawMoveTail
)

// changeSummary is what a reviewer sees of a change: its label, kind,
// whether it is whole, its text.
type changeSummary struct {
	Label, Kind string
	Whole       bool
	Text        string
}

func summarize(doc Document) []changeSummary {
	var out []changeSummary
	for _, ch := range doc.Changes {
		s := changeSummary{Label: ch.NewLabel, Kind: ch.Kind.String(), Whole: ch.Whole, Text: ch.NewText}
		if ch.Kind == diff.Deleted {
			s.Label, s.Text = ch.OldLabel, ch.OldText
		}
		out = append(out, s)
	}
	return out
}

func TestWholeClauseIsOneChange(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []changeSummary
	}{
		{"an inserted article with its 款 and 项", lawV0, lawV1,
			[]changeSummary{{"第三条", "inserted", true, newArticle}}},
		{"a deleted article with its 款 and 项", lawV1, lawV0,
			[]changeSummary{{"第三条", "deleted", true, newArticle}}},
		{"an article that gained a 款 keeps it a change of the 款", lawV0,
			lawV0 + "有关部门应当予以配合。\n",
			[]changeSummary{{"第二条/第二款", "inserted", false, "有关部门应当予以配合。"}}},
		{"a 款 inserted with its 项 is one change", lawV0,
			lawV0 + "有关部门应当予以配合：\n（一）报送数据；\n（二）接受检查。\n",
			[]changeSummary{{"第二条/第二款", "inserted", true, "有关部门应当予以配合：\n（一）报送数据；\n（二）接受检查。"}}},
		{"a 项 inserted with its 目 is one change",
			"第一条 下列事项应当报告：\n（一）年度计划；\n",
			"第一条 下列事项应当报告：\n（一）年度计划；\n（二）重大事项，包括：\n1.重大投资；\n2.重大诉讼。\n",
			[]changeSummary{{"第一条/（二）", "inserted", true, "（二）重大事项，包括：\n1.重大投资；\n2.重大诉讼。"}}},
		{"an English section inserted with its subsections",
			"Section 1. Short title\nThis Act may be cited as the Data Act.\n",
			"Section 1. Short title\nThis Act may be cited as the Data Act.\nSection 2. Definitions\n(1) In this Act, data means records.\n(2) A person includes a body corporate.\n",
			[]changeSummary{{"Section 2", "inserted", true, "Section 2. Definitions\n(1) In this Act, data means records.\n(2) A person includes a body corporate."}}},
		{"a new chapter keeps each article a change of its own",
			"第一章 总则\n第一条 为了规范数据管理，制定本条例。\n",
			"第一章 总则\n第一条 为了规范数据管理，制定本条例。\n第二章 法律责任\n第二条 违反本条例的，依法处理。\n第三条 有下列情形之一的，责令改正：\n（一）未报送数据的；\n（二）拒绝检查的。\n",
			[]changeSummary{
				{"第二章", "inserted", false, "第二章 法律责任"},
				{"第二章/第二条", "inserted", false, "第二条 违反本条例的，依法处理。"},
				{"第二章/第三条", "inserted", true, "第三条 有下列情形之一的，责令改正：\n（一）未报送数据的；\n（二）拒绝检查的。"},
			}},
		{"a new article with a 款 moved in folds its new 款 and leaves the moved one", lawMoveV0, lawMoveV1,
			[]changeSummary{
				{"第三条", "inserted", true, "第三条 国家建立健全数据安全报道制度，支持新闻媒体开展报道。\n新闻媒体报道数据安全事件应当及时、准确。"},
				{"第三条/第三款", "moved", false, "新闻媒体应当开展数据安全知识的公益宣传，提高公众的数据安全意识。"},
				{"第四条", "modified", false, "第四" + lawMoveTail[:len(lawMoveTail)-1]},
			}},
		{"a deleted article with a 款 moved out folds the rest", lawMoveV1, lawMoveV0,
			[]changeSummary{
				{"第二条/第三款", "moved", false, "新闻媒体应当开展数据安全知识的公益宣传，提高公众的数据安全意识。"},
				{"第三条", "deleted", true, "第三条 国家建立健全数据安全报道制度，支持新闻媒体开展报道。\n新闻媒体报道数据安全事件应当及时、准确。"},
				{"第三条", "modified", false, "第三" + lawMoveTail[:len(lawMoveTail)-1]},
			}},
		{"a new article whose first 款 moved in folds the others under its number", lawMoveV0, lawMoveFirst,
			[]changeSummary{
				{"第三条", "inserted", true, "第三条\n国家建立健全数据安全报道制度，支持新闻媒体开展报道。"},
				{"第三条/第一款", "moved", false, "新闻媒体应当开展数据安全知识的公益宣传，提高公众的数据安全意识。"},
				{"第四条", "modified", false, "第四" + lawMoveTail[:len(lawMoveTail)-1]},
			}},
		{"a new article with a 项 moved in folds the rest", lawItemV0, lawItemV1,
			[]changeSummary{
				{"第二条/第二款/（一）", "modified", false, "（一）数据处理者变更名称、住所或者主要负责人的。"},
				{"第三条", "inserted", true, "第三条 数据处理者发现下列情形的，应当立即采取补救措施，并向主管部门报告：\n（二）数据处理系统遭受网络攻击的。"},
				{"第三条/（一）", "moved", false, "（一）数据处理者发生数据泄露、篡改、丢失的；"},
				{"第四条", "modified", false, "第四" + lawMoveTail[:len(lawMoveTail)-1]},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := memHistory(t, []string{tt.old, tt.new}, nil)
			_, doc := diffFirstTwo(t, src)
			if got := summarize(doc); !slices.Equal(got, tt.want) {
				t.Errorf("changes\n got %+v\nwant %+v", got, tt.want)
			}
			// Every change is unexplained but a renumbering (a modified one here).
			unexpl := 0
			for _, w := range tt.want {
				if w.Kind != "modified" {
					unexpl++
				}
			}
			if len(doc.Unexplained) != unexpl {
				t.Errorf("unexplained %v, want %d", doc.Unexplained, unexpl)
			}
			for _, ch := range doc.Changes {
				if !ch.Whole {
					continue
				}
				// One edit: the whole text after the number, which a
				// renderer puts back in front of it.
				text := ch.NewText
				if ch.Kind == diff.Deleted {
					text = ch.OldText
				}
				if len(ch.Ops) != 1 || !strings.HasSuffix(text, ch.Ops[0].Text) || ch.Ops[0].Kind == diff.Equal {
					t.Errorf("%s: ops %q of text %q", ch.NewLabel, ch.Ops, text)
				}
			}
		})
	}
}

// A comment on an inserted article or on any of its parts explains the
// article's one change; so does a comment whose quote is in it.
func TestWholeClauseExplained(t *testing.T) {
	tests := []struct {
		name  string
		label string // the clause the comment is on, at the new revision; "" the document
		quote string
	}{
		{"on the article", "第三条", ""},
		{"on its second 款", "第三条/第二款", ""},
		{"on a 项", "第三条/第一款/（二）", ""},
		{"on the document, quoting the second 款", "", "情节严重的"},
		{"on the second 款, quoting it", "第三条/第二款", "情节严重的"},
	}
	for _, tt := range tests {
		for _, deleted := range []bool{false, true} {
			name := tt.name
			texts := []string{lawV0, lawV1}
			if deleted {
				name, texts = "deleted, "+name, []string{lawV1, lawV0}
			}
			t.Run(name, func(t *testing.T) {
				src := memHistory(t, texts, [][]string{nil, {"C1"}})
				c := comment.Comment{ID: "C1", Status: comment.Adopted, Text: "增加罚则",
					Anchor: comment.Anchor{Path: "plan.txt", Label: tt.label, Exact: tt.quote}}
				if tt.label != "" {
					at := 1
					if deleted {
						at = 0
					}
					c.Anchor.ClauseID = idOf(t, src, at, tt.label)
				}
				src.Notes = []comment.Comment{c}
				d, doc := diffFirstTwo(t, src)
				if len(doc.Changes) != 1 || !doc.Changes[0].Whole {
					t.Fatalf("changes %+v, want the whole article", summarize(doc))
				}
				if cs := doc.Changes[0].Comments; len(cs) != 1 || cs[0].ID != "C1" {
					t.Errorf("comments %v, want C1", cs)
				}
				if len(doc.Unexplained) != 0 {
					t.Errorf("unexplained %v", doc.Unexplained)
				}
				if len(d.Unapplied) != 0 {
					t.Errorf("unapplied %v", d.Unapplied)
				}
			})
		}
	}
}

// An article's history says it was created once, and its parts' creation
// carries the comments that explain the article's.
func TestWholeClauseHistory(t *testing.T) {
	src := memHistory(t, []string{lawV0, lawV1}, [][]string{nil, {"C1"}})
	part := idOf(t, src, 1, "第三条/第二款")
	src.Notes = []comment.Comment{{ID: "C1", Status: comment.Adopted, Text: "增加罚则",
		Anchor: comment.Anchor{Path: "plan.txt", ClauseID: part}}}
	for _, label := range []string{"第三条", "第三条/第二款"} {
		h, err := HistoryOf(context.Background(), src, src.Revs[1].Rev, "plan.txt", idOf(t, src, 1, label))
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Entries) != 1 || h.Entries[0].Event != Created {
			t.Fatalf("%s: history %+v, want created once", label, h.Entries)
		}
		if cs := h.Entries[0].Comments; len(cs) != 1 || cs[0].ID != "C1" {
			t.Errorf("%s: created with comments %v, want C1", label, cs)
		}
	}
}

// In a new article with a 款 moved in, a comment on a new 款 explains the
// article's change, and one on the moved 款 explains the move alone.
func TestPartlyWholeClauseExplained(t *testing.T) {
	tests := []struct {
		label     string   // the clause the comment is on, at the new revision
		explained []string // the changes it explains, by their new labels
	}{
		{"第三条/第二款", []string{"第三条"}},
		// A comment on an article is about every change inside it.
		{"第三条", []string{"第三条", "第三条/第三款"}},
		{"第三条/第三款", []string{"第三条/第三款"}},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			src := memHistory(t, []string{lawMoveV0, lawMoveV1}, [][]string{nil, {"C1"}})
			src.Notes = []comment.Comment{{ID: "C1", Status: comment.Adopted, Text: "增加报道制度",
				Anchor: comment.Anchor{Path: "plan.txt", Label: tt.label, ClauseID: idOf(t, src, 1, tt.label)}}}
			var got []string
			_, doc := diffFirstTwo(t, src)
			for _, ch := range doc.Changes {
				if len(ch.Comments) > 0 {
					got = append(got, ch.NewLabel)
				}
			}
			if !slices.Equal(got, tt.explained) {
				t.Errorf("C1 explains %v, want %v", got, tt.explained)
			}
		})
	}
}

// FuzzWholeChanges: whatever two versions say, a clause folded into a whole
// change is no change of its own, a whole change has its text, and the
// change's parts are its clause and clauses below it.
func FuzzWholeChanges(f *testing.F) {
	f.Add(lawV0, lawV1)
	f.Add(lawMoveV0, lawMoveV1)
	f.Add(lawMoveV1, lawMoveFirst)
	f.Add(lawItemV0, lawItemV1)
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, s := range []string{a, b} {
			if _, err := clause.Parse("plan.txt", []byte(s), clause.Options{}); err != nil {
				t.Skip(err) // input the parser refuses
			}
		}
		src := memHistory(t, []string{a, b}, nil)
		from := src.Revs[0].Rev
		d, err := DiffRange(context.Background(), src, DiffOptions{From: &from, To: src.Revs[1].Rev})
		if err != nil {
			t.Skip(err) // input the parser refuses
		}
		for _, doc := range d.Documents {
			folded := map[*clause.Node]bool{}
			for _, ch := range doc.Changes {
				parts, _ := ch.WholeParts()
				if ch.Whole != (parts != nil) {
					t.Fatalf("%s: Whole %v with %d parts", ch.NewLabel, ch.Whole, len(parts))
				}
				if !ch.Whole {
					continue
				}
				n := ch.New
				text := ch.NewText
				if ch.Kind == diff.Deleted {
					n, text = ch.Old, ch.OldText
				}
				if parts[0] != n || text == "" {
					t.Fatalf("%s: parts start at %v, text %q", ch.NewLabel, parts[0], text)
				}
				for _, m := range parts[1:] {
					if !inside(m, n) || m == n {
						t.Fatalf("%s: part %s is not below it", ch.NewLabel, m.Path())
					}
					folded[m] = true
				}
			}
			for _, ch := range doc.Changes {
				if folded[ch.New] && ch.Kind != diff.Deleted || folded[ch.Old] && ch.Kind != diff.Inserted {
					t.Fatalf("%s → %s is a change of its own and a part of a whole one", ch.OldLabel, ch.NewLabel)
				}
			}
		}
	})
}
