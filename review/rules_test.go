package review

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

// law is a regulation in miniature, in the shape of the corpus's laws: a
// title, chapters, articles with several 款 and （一） items.
const law = `# 发票管理办法（征求意见稿）

## 第一章 总则

第一条 为了加强发票管理和财务监督，保障国家税收收入，根据《中华人民共和国税收征收管理法》，制定本办法。

第二条 在中华人民共和国境内印制、领购、开具、取得、保管、缴销发票的单位和个人，必须遵守本办法。

第三条

本办法所称发票，是指在购销商品、提供或者接受服务以及从事其他经营活动中，开具、收取的收付款凭证。

发票的种类、联次、内容以及使用范围由国务院税务主管部门规定。

## 第二章 发票的使用

第四条 任何单位和个人应当按照发票管理规定使用发票，不得有下列行为：

（一）转借、转让、介绍他人转让发票；

（二）拆本使用发票。
`

// edit applies replacements to law.
func edit(pairs ...string) string {
	return strings.NewReplacer(pairs...).Replace(law)
}

// on is a comment anchored by label path (the ids of AttachInput with a nil
// ID), made on revision r1.
func on(id, label, quote string, st comment.Status) comment.Comment {
	return comment.Comment{ID: id, Status: st, Text: "意见 " + id,
		Anchor: comment.Anchor{ClauseID: label, Label: label, Exact: quote, Rev: "r1"}}
}

func parse(t *testing.T, name, src string) *clause.Document {
	t.Helper()
	d, err := clause.Parse(name, []byte(src), clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestAttribution is the rule of which comment explains which change,
// on parsed text, in memory.
func TestAttribution(t *testing.T) {
	const (
		para1 = "第一章/第三条/第一款"
		para2 = "第一章/第三条/第二款"
		art3  = "第一章/第三条"
	)
	reword1 := edit("收取的收付款凭证", "收取的收付款凭证（以下简称发票）")
	tests := []struct {
		name        string
		old, new    string
		comments    []comment.Comment
		unsettled   []string // ids not settled in the range
		explained   map[string][]string
		unexplained []string
		unapplied   []string
	}{
		{
			name: "a comment on an article quoting its changed first paragraph explains it",
			old:  law, new: reword1,
			comments:  []comment.Comment{on("C1", art3, "收取的收付款凭证", comment.Adopted)},
			explained: map[string][]string{para1: {"C1"}},
		},
		{
			name: "a comment on an article without a quote explains a change to any of its paragraphs",
			old:  law, new: edit("由国务院税务主管部门规定", "由国务院税务主管部门统一规定"),
			comments:  []comment.Comment{on("C1", art3, "", comment.Adopted)},
			explained: map[string][]string{para2: {"C1"}},
		},
		{
			name: "a comment cited as 第三条第二款 explains that 款, not the first",
			old:  law, new: edit("收取的收付款凭证", "收取的凭证", "由国务院税务主管部门规定", "由国务院税务主管部门统一规定"),
			comments:    []comment.Comment{on("C1", para2, "", comment.Adopted)},
			explained:   map[string][]string{para2: {"C1"}, para1: nil},
			unexplained: []string{para1},
		},
		{
			name: "a comment on a 款 quoting the article's other 款 explains the change it quotes",
			old:  law, new: reword1,
			comments:  []comment.Comment{on("C1", para2, "收取的收付款凭证", comment.Adopted)},
			explained: map[string][]string{para1: {"C1"}},
		},
		{
			name: "a comment on an article explains a change to its items",
			old:  law, new: edit("（二）拆本使用发票。", "（二）拆本使用发票或者扩大发票使用范围。"),
			comments:  []comment.Comment{on("C1", "第二章/第四条", "", comment.Partial)},
			explained: map[string][]string{"第二章/第四条/（二）": {"C1"}},
		},
		{
			name: "a comment on a chapter does not claim the edits inside it",
			old:  law, new: reword1,
			comments:    []comment.Comment{on("C1", "第一章", "", comment.Adopted)},
			explained:   map[string][]string{para1: nil},
			unexplained: []string{para1},
			unapplied:   []string{"C1"},
		},
		{
			name: "a comment on a chapter claims the edit its quote names",
			old:  law, new: reword1,
			comments:  []comment.Comment{on("C1", "第一章", "收取的收付款凭证", comment.Adopted)},
			explained: map[string][]string{para1: {"C1"}},
		},
		{
			name: "a quote found in another article claims nothing there",
			old:  law, new: edit("必须遵守本办法", "应当遵守本办法"),
			comments:    []comment.Comment{on("C1", "第一章/第一条", "本办法", comment.Adopted)},
			explained:   map[string][]string{"第一章/第二条": nil},
			unexplained: []string{"第一章/第二条"},
			unapplied:   []string{"C1"},
		},
		{
			name: "a whole-document comment claims the edit its quote names",
			old:  law, new: edit("必须遵守本办法", "应当遵守本办法"),
			comments:  []comment.Comment{on("C1", "", "必须遵守本办法", comment.Adopted)},
			explained: map[string][]string{"第一章/第二条": {"C1"}},
		},
		{
			name: "a rejected comment explains nothing and is never unapplied",
			old:  law, new: reword1,
			comments:    []comment.Comment{on("C1", art3, "收取的收付款凭证", comment.Rejected), on("C2", "第一章/第一条", "", comment.Rejected)},
			explained:   map[string][]string{para1: nil},
			unexplained: []string{para1},
		},
		{
			name: "a comment not settled in the range explains nothing",
			old:  law, new: reword1,
			comments:    []comment.Comment{on("C1", art3, "收取的收付款凭证", comment.Adopted)},
			unsettled:   []string{"C1"},
			explained:   map[string][]string{para1: nil},
			unexplained: []string{para1},
		},
		{
			name: "an adopted comment on an unchanged article is unapplied, a pending one is not",
			old:  law, new: reword1,
			comments: []comment.Comment{on("C1", art3, "收取的收付款凭证", comment.Adopted),
				on("C2", "第一章/第一条", "", comment.Adopted), on("C3", "第一章/第二条", "", comment.Pending)},
			explained: map[string][]string{para1: {"C1"}},
			unapplied: []string{"C2"},
		},
		{
			name: "a paragraph inserted into an article is explained by the comment on the article",
			old:  law, new: edit("由国务院税务主管部门规定。", "由国务院税务主管部门规定。\n\n电子发票与纸质发票具有同等法律效力。"),
			comments:  []comment.Comment{on("C1", art3, "", comment.Adopted)},
			explained: map[string][]string{"第一章/第三条/第三款": {"C1"}},
		},
		{
			name: "a stage name swapped in the title is editorial",
			old:  law, new: edit("（征求意见稿）", "（送审稿）"),
			explained: map[string][]string{"": nil},
		},
		{
			name: "a title that changes more than its stage is substance",
			old:  law, new: edit("发票管理办法（征求意见稿）", "发票管理条例（送审稿）"),
			explained:   map[string][]string{"": nil},
			unexplained: []string{""},
		},
		{
			name:      "a German § claims its Absätze",
			old:       "## § 3\n\n(1) Unzulässig ist eine irreführende Werbung.\n\n(2) Eine Irreführung liegt vor.\n",
			new:       "## § 3\n\n(1) Unzulässig ist eine irreführende Werbung.\n\n(2) Eine Irreführung liegt insbesondere vor.\n",
			comments:  []comment.Comment{on("C1", "§ 3", "", comment.Adopted)},
			explained: map[string][]string{"§ 3/(2)": {"C1"}},
		},
		{
			name:        "outside laws, a comment on an item does not claim its sub-items",
			old:         "三、建设内容\n\n（一）实施技术突破计划\n\n1.加强技术创新。每年组织实施专项项目不少于20项。\n",
			new:         "三、建设内容\n\n（一）实施技术突破计划\n\n1.加强技术创新。形成不少于40项创新成果。\n",
			comments:    []comment.Comment{on("C1", "三/（一）", "", comment.Adopted)},
			explained:   map[string][]string{"三/（一）/1": nil},
			unexplained: []string{"三/（一）/1"},
			unapplied:   []string{"C1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "law.md"
			if !strings.HasPrefix(tt.old, "#") && !strings.Contains(tt.old, "§") {
				name = "plan.txt"
			}
			res := diff.Compare(parse(t, name, tt.old), parse(t, name, tt.new), diff.Options{})
			settled := map[string]bool{}
			for _, c := range tt.comments {
				settled[c.ID] = true
			}
			for _, id := range tt.unsettled {
				delete(settled, id)
			}
			d := Attach(AttachInput{Path: name, Result: res, Comments: tt.comments, Settled: settled,
				Stages: []string{"征求意见稿", "送审稿"}})
			got := explained(d)
			for label, want := range tt.explained {
				ids, ok := got[label]
				if !ok {
					t.Errorf("no change to %q; changes: %v", label, keys(got))
					continue
				}
				if !reflect.DeepEqual(ids, want) {
					t.Errorf("%q explained by %v, want %v", label, ids, want)
				}
			}
			if !reflect.DeepEqual(d.Unexplained, tt.unexplained) {
				t.Errorf("unexplained %q, want %q", d.Unexplained, tt.unexplained)
			}
			var un []string
			for _, c := range Unapplied([]Document{d}, tt.comments, RangeStart{Revs: map[string]bool{"r1": true}}) {
				un = append(un, c.ID)
			}
			if !reflect.DeepEqual(un, tt.unapplied) {
				t.Errorf("unapplied %v, want %v", un, tt.unapplied)
			}
		})
	}
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestEditorial(t *testing.T) {
	mod := diff.Change{Kind: diff.Modified}
	tests := []struct {
		old, new string
		stages   []string
		c        diff.Change
		want     bool
	}{
		{"关于推进X的实施方案（征求意见稿）", "关于推进X的实施方案（送审稿）", nil, mod, true},
		{"Data Act (draft-01)", "Data Act (draft-02)", []string{"draft-01", "draft-02"}, mod, true},
		{"Data Act (draft-01)", "Data Act (draft-02)", nil, mod, false},
		{"关于推进X的实施方案（征求意见稿）", "关于推进Y的实施方案（送审稿）", nil, mod, false},
		{"关于推进X的实施方案", "关于推进Y的实施方案", nil, mod, false},
		{"（一）任务", "(一)任务", nil, diff.Change{Kind: diff.Modified, FormattingOnly: true}, true},
		{"", "方案（送审稿）", nil, diff.Change{Kind: diff.Inserted}, false},
		{"方案（征求意见稿）", "方案（征求意见稿）", nil, mod, false},
		// 上海市检验检测条例 2016 → 2024: the 顿号 between titles struck
		{"按照《中华人民共和国公务员法》、《行政机关公务员处分条例》等法律", "按照《中华人民共和国公务员法》《行政机关公务员处分条例》等法律", nil, mod, true},
		{"按照《公务员法》、《处分条例》等法律", "按照《公务员法》《监察法》等法律", nil, mod, false},
		{"市场监管、公安", "市场监管公安", nil, mod, false},
	}
	for _, tt := range tests {
		if got := Editorial(tt.c, tt.old, tt.new, tt.stages...); got != tt.want {
			t.Errorf("Editorial(%q → %q, %q) = %v, want %v", tt.old, tt.new, tt.stages, got, tt.want)
		}
	}
}

func TestRangeStartOpen(t *testing.T) {
	start := RangeStart{Revs: map[string]bool{"r0": true, "r1": true}}
	tests := []struct {
		rev      string
		resolved []string
		want     bool
	}{
		{"r1", nil, true},
		{"r0", []string{"r2"}, true},
		{"r1", []string{"r1"}, false},
		{"r1", []string{"r3", "r0"}, false},
		{"r2", nil, false},
		{"", nil, true},
	}
	for _, tt := range tests {
		c := comment.Comment{Anchor: comment.Anchor{Rev: tt.rev}, ResolvedIn: tt.resolved}
		if got := start.open(c); got != tt.want {
			t.Errorf("open(made on %q, settled in %v) = %v, want %v", tt.rev, tt.resolved, got, tt.want)
		}
	}
}

func TestQuoteIn(t *testing.T) {
	tests := []struct {
		text, quote string
		want        bool
	}{
		{"在智慧医疗领域打造90项应用场景。", "打造90项应用场景", true},
		{"在智慧医疗领域打造９０项应用场景。", "打造90项应用场景", true}, // digit width
		{"产品（含样品）", "产品(含样品)", true},             // parenthesis width
		{"在智慧医疗领域打造80项应用场景。", "打造90项应用场景", false},
		{"任何文本", "", false},
		{"", "打造", false},
	}
	for _, tt := range tests {
		if got := QuoteIn(tt.text, comment.Anchor{Exact: tt.quote}); got != tt.want {
			t.Errorf("QuoteIn(%q, %q) = %v, want %v", tt.text, tt.quote, got, tt.want)
		}
	}
}

// TestClauseChanged: a rejected comment on a reworded article explains
// nothing, yet its clause did change; one on an untouched article did not.
func TestClauseChanged(t *testing.T) {
	res := diff.Compare(parse(t, "law.md", law), parse(t, "law.md", edit("收取的收付款凭证", "收取的凭证")), diff.Options{})
	comments := []comment.Comment{on("R", "第一章/第三条", "", comment.Rejected), on("U", "第一章/第一条", "", comment.Rejected),
		on("W", "", "", comment.Pending)}
	d := Attach(AttachInput{Path: "law.md", Result: res, Comments: comments, Settled: map[string]bool{"R": true, "U": true}})
	changed := ClauseChanged([]Document{d})
	for _, tt := range []struct {
		c    comment.Comment
		want bool
	}{{comments[0], true}, {comments[1], false}, {comments[2], true}} {
		if got := changed(tt.c); got != tt.want {
			t.Errorf("ClauseChanged(%s on %q) = %v, want %v", tt.c.ID, tt.c.Anchor.Label, got, tt.want)
		}
	}
}
