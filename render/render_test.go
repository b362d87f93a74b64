package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

var ansiRE = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestWrap(t *testing.T) {
	long := "1.推进智慧医疗多场景协同。建设智慧医疗服务平台，深入开展远程会诊、远程影像、远程检验、远程机器人手术应用示范，在智慧医疗领域打造90项应用场景。"
	for _, tc := range []struct {
		name  string
		segs  []seg
		width int
		color bool
	}{
		{"chinese", []seg{{long, plain}}, 30, false},
		{"chinese narrow", []seg{{long, plain}}, 13, false},
		{"english", []seg{{"The Agency shall publish at least 6 reports each year on the use of AI in public services.", plain}}, 24, false},
		{"markers", redlineSegs(ops("=在智慧医疗领域打造", "-90", "+80", "=项应用场景，深入开展远程会诊、远程影像。"), false), 20, false},
		{"colour", redlineSegs(ops("=在智慧医疗领域打造", "-建设智慧医疗服务平台", "+推进智慧医院建设", "=项应用场景。"), true), 16, true},
		{"unbreakable", []seg{{"https://example.org/a/very/long/path/that/cannot/break", plain}}, 20, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := wrap(tc.segs, tc.width, "  ", "  ", tc.color)
			var got strings.Builder
			for _, l := range lines {
				plainLine := ansiRE.ReplaceAllString(l, "")
				if w := runewidth.StringWidth(plainLine); w > tc.width {
					t.Errorf("line %q is %d columns wide, more than %d", plainLine, w, tc.width)
				}
				body := strings.TrimPrefix(plainLine, "  ")
				if r := []rune(body); len(r) > 0 && strings.ContainsRune("，。、；：）", r[0]) {
					t.Errorf("line starts with closing punctuation: %q", body)
				}
				if strings.HasSuffix(body, "[-") || strings.HasSuffix(body, "{+") || strings.HasPrefix(body, "-]") || strings.HasPrefix(body, "+}") {
					t.Errorf("a marker was split from its text: %q", body)
				}
				if codes := ansiRE.FindAllString(l, -1); len(codes) > 0 && codes[len(codes)-1] != ansiReset {
					t.Errorf("colour leaks past the end of line %q", l)
				}
				got.WriteString(body)
			}
			var want strings.Builder
			for _, s := range tc.segs {
				want.WriteString(s.text)
			}
			norm := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if norm(got.String()) != norm(want.String()) {
				t.Errorf("wrapping lost text:\n got %q\nwant %q", got.String(), want.String())
			}
		})
	}
}

// FuzzWrap checks that wrapping never widens a line past the width (unless
// one unbreakable piece is wider) and never loses text.
func FuzzWrap(f *testing.F) {
	f.Add("1.推进智慧医疗多场景协同。建设智慧医疗服务平台，打造90项应用场景。", 20)
	f.Add("The Agency shall publish at least 6 reports each year.", 12)
	f.Add("（责任单位：市科技局、市经信局）\n第二行", 8)
	f.Fuzz(func(t *testing.T, s string, width int) {
		if width < 0 || width > 200 || !utf8.ValidString(s) || strings.ContainsRune(s, '\r') {
			return // documents and comments reach the renderers decoded: UTF-8, line ends normalised
		}
		lines := wrap([]seg{{s, plain}}, width, "", "", false)
		var got strings.Builder
		for _, l := range lines {
			got.WriteString(l)
		}
		norm := func(s string) string {
			var b strings.Builder
			for _, r := range s {
				if r >= ' ' && r != '\u3000' && r != ' ' && r != 0x7f {
					b.WriteRune(r)
				}
			}
			return b.String()
		}
		// Control characters come out escaped (Sanitize), as on a terminal.
		if norm(got.String()) != norm(Sanitize(s)) {
			t.Errorf("wrapping lost text:\n got %q\nwant %q", got.String(), Sanitize(s))
		}
	})
}

// TestWords checks that every UI string has both languages and that every
// key the renderers use exists.
func TestWords(t *testing.T) {
	for k, w := range words {
		if w[0] == "" || w[1] == "" {
			t.Errorf("words[%q] lacks a translation", k)
		}
	}
	files, _ := filepath.Glob("*.go")
	use := regexp.MustCompile(`\.(?:s|n|count)\("(\w+)"|\.T\.(\w+)`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			key := m[1] + m[2]
			if _, ok := words[key]; !ok {
				t.Errorf("%s uses UI string %q, which words lacks", f, key)
			}
		}
	}
}

// jsonKeys lists every key path of a JSON document: "documents[].path".
func jsonKeys(prefix string, v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			out[prefix+k] = true
			jsonKeys(prefix+k+".", e, out)
		}
	case []any:
		for _, e := range x {
			jsonKeys(strings.TrimSuffix(prefix, ".")+"[].", e, out)
		}
	}
}

// TestJSONFields pins the field names of the JSON outputs README fixes.
func TestJSONFields(t *testing.T) {
	cm := []string{"id", "by", "clause_id", "label", "quote", "text", "proposed", "status", "response", "resolved_in"}
	withPrefix := func(p string, names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, p+n)
		}
		return out
	}
	cat := func(lists ...[]string) []string {
		var out []string
		for _, l := range lists {
			out = append(out, l...)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		render func(*bytes.Buffer) error
		want   []string
	}{
		{"diff", func(b *bytes.Buffer) error { return DiffJSON(b, wuhanDiff()) }, cat(
			[]string{"schema_version", "from", "to", "documents", "unapplied_comments"},
			withPrefix("from.", "rev", "stage", "date"), withPrefix("to.", "rev", "stage", "date"),
			withPrefix("documents[].", "path", "changes", "unexplained"),
			withPrefix("documents[].changes[].", "clause_id", "kind", "renumbered", "formatting_only", "editorial", "old_label", "new_label",
				"title", "old_text", "new_text", "ops", "quantities", "units", "comments"),
			withPrefix("documents[].changes[].ops[].", "op", "text"),
			withPrefix("documents[].changes[].quantities[].", "old", "new", "context"),
			withPrefix("documents[].changes[].units.", "added", "removed"),
			withPrefix("documents[].changes[].comments[].", cm...),
			withPrefix("unapplied_comments[].", cm...))},
		{"log", func(b *bytes.Buffer) error { return LogJSON(b, []review.Rev{revZH2, revZH1}) }, cat(
			[]string{"schema_version", "revisions"},
			withPrefix("revisions[].", "rev", "date", "author", "message", "stage", "resolves"))},
		{"history", func(b *bytes.Buffer) error { return HistoryJSON(b, wuhanHistory()) }, cat(
			[]string{"schema_version", "clause_id", "path", "entries"},
			withPrefix("entries[].", "rev", "date", "author", "stage", "event", "label", "text", "comments"),
			withPrefix("entries[].comments[].", cm...))},
		{"blame", func(b *bytes.Buffer) error { return BlameJSON(b, wuhanBlame()) }, cat(
			[]string{"schema_version", "rev", "path", "clauses"},
			withPrefix("clauses[].", "clause_id", "label", "rev", "date", "author", "comments", "stage", "text"),
			withPrefix("clauses[].comments[].", cm...))},
		{"comments", func(b *bytes.Buffer) error { return CommentsJSON(b, wuhanComments()) }, cat(
			[]string{"schema_version", "comments"}, withPrefix("comments[].", cm...))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.render(&buf); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasSuffix(buf.Bytes(), []byte("}\n")) || bytes.HasSuffix(buf.Bytes(), []byte("\n\n")) {
				t.Errorf("output does not end in exactly one newline")
			}
			var v map[string]any
			if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			if v["schema_version"] != float64(1) {
				t.Errorf("schema_version = %v, want 1", v["schema_version"])
			}
			got := map[string]bool{}
			jsonKeys("", v, got)
			var gotList []string
			for k := range got {
				gotList = append(gotList, k)
			}
			sort.Strings(gotList)
			want := append([]string(nil), tc.want...)
			sort.Strings(want)
			if strings.Join(gotList, "\n") != strings.Join(want, "\n") {
				t.Errorf("fields differ\n got %v\nwant %v", gotList, want)
			}
		})
	}
}

// TestJSONShapes checks nulls and arrays where README fixes them.
func TestJSONShapes(t *testing.T) {
	d := &review.Diff{
		From: revZH1, // To: the working tree
		Documents: []review.Document{{Path: "plan.md", Changes: []review.Change{
			{Change: diff.Change{Kind: diff.Inserted, New: &clause.Node{}}, ClauseID: "k1", NewLabel: "一", NewText: "一、新"},
			{Change: diff.Change{Kind: diff.Deleted, Old: &clause.Node{}}, ClauseID: "k2", OldLabel: "二", OldText: "二、旧"},
		}}},
	}
	var buf bytes.Buffer
	if err := DiffJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	var v struct {
		To struct {
			Rev, Stage, Date *string
		}
		Documents []struct {
			Unexplained []string `json:"unexplained"`
			Changes     []map[string]json.RawMessage
		}
		Unapplied json.RawMessage `json:"unapplied_comments"`
	}
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if v.To.Rev != nil || v.To.Stage != nil || v.To.Date != nil {
		t.Errorf("working tree revision: want null rev, stage and date, got %s", buf.String())
	}
	if string(v.Unapplied) != "[]" || v.Documents[0].Unexplained == nil {
		t.Errorf("empty lists must be [], got %s", buf.String())
	}
	ins, del := v.Documents[0].Changes[0], v.Documents[0].Changes[1]
	for name, want := range map[string]string{
		"ins.old_label": "null", "ins.old_text": "null", "ins.new_label": `"一"`,
		"del.new_label": "null", "del.new_text": "null", "del.old_text": `"二、旧"`,
		"ins.ops": "[]", "ins.quantities": "[]", "ins.comments": "[]",
		"ins.units": `{"added":[],"removed":[]}`,
	} {
		c := ins
		if strings.HasPrefix(name, "del.") {
			c = del
		}
		var compact bytes.Buffer
		json.Compact(&compact, c[strings.SplitN(name, ".", 2)[1]])
		if compact.String() != want {
			t.Errorf("%s = %s, want %s", name, compact.String(), want)
		}
	}
	if strings.Contains(buf.String(), `\u003c`) {
		t.Errorf("JSON escapes HTML characters")
	}
	var cb bytes.Buffer
	CommentsJSON(&cb, []comment.Comment{{ID: "c1", Text: "<b>"}})
	if !strings.Contains(cb.String(), `"resolved_in": []`) || !strings.Contains(cb.String(), `"text": "<b>"`) {
		t.Errorf("comment JSON: resolved_in must be [] and text unescaped:\n%s", cb.String())
	}
}

func TestLangOverride(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, wuhanDiff(), Options{Lang: clause.LangEN, Width: 200}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[modified]", "Comment dep-1 · 市卫健委 · adopted", "Changes no comment explains (1)", "[renumbered]"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("English labels on a Chinese document: lacks %q\n%s", want, buf.String())
		}
	}
	buf.Reset()
	if err := TableMarkdown(&buf, englishDiff(), Options{Lang: clause.LangZH}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "| 条款 | 修改前 | 修改后 |") {
		t.Errorf("Chinese table headings on an English document: got\n%s", buf.String())
	}
}

func TestMarkdownEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1.推进智慧医疗", "1.推进智慧医疗"},
		{"1. Scope", `1\. Scope`},
		{"- item", `\- item`},
		{"-5%", "-5%"},
		{"a*b*_c_", `a\*b\*\_c\_`},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"a|b", `a\|b`},
		{"[link](x)", `\[link\](x)`},
		{"# not a heading", `\# not a heading`},
		{"two\nlines", "two<br>lines"},
		{"===", `\===`},
		{"A&amp;B", "A&amp;amp;B"},
	} {
		if got := md(tc.in); got != tc.want {
			t.Errorf("md(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := mdRedline(ops("=1", "-. Old", "+. New"), true); got != `1<del>\. Old</del><ins>. New</ins>` {
		t.Errorf("line-start escape across ops: %q", got)
	}
}

func TestReportCSV(t *testing.T) {
	r := wuhanReport()
	r.Entries[0].Comment.Text = "=HYPERLINK(\"http://x\")"
	var buf bytes.Buffer
	if err := ReportCSV(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFF序号,分组,单位/个人,条款,原文,修改意见,建议修改为,是否采纳,理由,修改前,修改后,修改情况,修订\r\n") {
		t.Errorf("CSV must start with a BOM and the Chinese header, CRLF:\n%q", out[:min(len(out), 200)])
	}
	if !strings.Contains(out, `'=HYPERLINK`) {
		t.Errorf("a formula in a comment must be neutralised")
	}
	if n := strings.Count(out, "\r\n"); n < len(r.Entries)+1 {
		t.Errorf("%d lines for %d comments", n, len(r.Entries))
	}
}

// TestReportOrder: comments are grouped in order of first appearance,
// ordered by Seq within each group and numbered from 1 in each.
func TestReportOrder(t *testing.T) {
	r := &review.Report{Lang: clause.LangZH, Entries: []review.ReportEntry{
		{Comment: comment.Comment{ID: "d2", By: "乙", Group: "部门", Seq: 12}},
		{Comment: comment.Comment{ID: "p1", By: "甲", Group: "公众", Seq: 1}},
		{Comment: comment.Comment{ID: "d1", By: "丙", Group: "部门", Seq: 11}},
	}}
	var buf bytes.Buffer
	if err := ReportMarkdown(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	order := []string{"## 一、部门", "| 1 | 丙 |", "| 2 | 乙 |", "## 二、公众", "| 1 | 甲 |"}
	at := 0
	for _, s := range order {
		i := strings.Index(out[at:], s)
		if i < 0 {
			t.Fatalf("%q missing or out of order in\n%s", s, out)
		}
		at += i
	}
}

// TestHTMLEscapesEverything: document paths, labels, titles, texts and
// comments are all text in every HTML output.
func TestHTMLEscapesEverything(t *testing.T) {
	evil := `<script>window.pwned=1</script>`
	d := wuhanDiff()
	d.Documents[0].Path = evil + ".md"
	c := &d.Documents[0].Changes[1]
	c.NewLabel, c.Title = evil, evil
	c.Ops = append(c.Ops, diff.Op{Kind: diff.Insert, Text: evil})
	c.Units.Added = append(c.Units.Added, evil)
	c.Quantities = append(c.Quantities, diff.QuantityChange{Old: evil, New: evil, Context: evil})
	d.To.Stage = evil
	r := reportFor(d, evil)
	for name, render := range map[string]func(*bytes.Buffer) error{
		"diff":   func(b *bytes.Buffer) error { return HTML(b, d, Options{}) },
		"table":  func(b *bytes.Buffer) error { return TableHTML(b, d, Options{}) },
		"report": func(b *bytes.Buffer) error { return ReportHTML(b, r, Options{}) },
	} {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "<script") {
			t.Errorf("%s: an unescaped <script> got through", name)
		}
		if !strings.Contains(buf.String(), "&lt;script&gt;") {
			t.Errorf("%s: the script should show as text", name)
		}
	}
}

// TestEmpty: nothing to show is shown plainly, in every format.
func TestEmpty(t *testing.T) {
	d := &review.Diff{From: revZH1, To: revZH2, Documents: []review.Document{{Path: "plan.md", Lang: clause.LangZH}}}
	r := &review.Report{Lang: clause.LangZH}
	for name, render := range map[string]func(*bytes.Buffer) error{
		"text":       func(b *bytes.Buffer) error { return Text(b, d, Options{}) },
		"markdown":   func(b *bytes.Buffer) error { return Markdown(b, d, Options{}) },
		"html":       func(b *bytes.Buffer) error { return HTML(b, d, Options{}) },
		"table":      func(b *bytes.Buffer) error { return TableMarkdown(b, d, Options{}) },
		"tablehtml":  func(b *bytes.Buffer) error { return TableHTML(b, d, Options{}) },
		"report":     func(b *bytes.Buffer) error { return ReportMarkdown(b, r, Options{}) },
		"reporthtml": func(b *bytes.Buffer) error { return ReportHTML(b, r, Options{}) },
		"csv":        func(b *bytes.Buffer) error { return ReportCSV(b, r, Options{}) },
		"log":        func(b *bytes.Buffer) error { return LogText(b, nil, Options{}) },
		"comments":   func(b *bytes.Buffer) error { return CommentsText(b, nil, Options{}) },
		"history":    func(b *bytes.Buffer) error { return HistoryText(b, &review.History{}, Options{}) },
		"blame":      func(b *bytes.Buffer) error { return BlameText(b, &review.Blame{}, Options{}) },
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := render(&buf); err != nil {
				t.Fatal(err)
			}
			if buf.Len() == 0 {
				t.Errorf("no output")
			}
		})
	}
}

func TestReportTitle(t *testing.T) {
	for _, tc := range []struct {
		title string
		lang  clause.Lang
		want  string
	}{
		{"", clause.LangZH, "征求意见情况报告"},
		{"武汉建设国家人工智能创新应用先导区实施方案(2023-2025年)", clause.LangZH, "关于《武汉建设国家人工智能创新应用先导区实施方案(2023-2025年)》公开征求意见情况的报告"},
		{"关于《某方案》公开征求意见情况的报告", clause.LangZH, "关于《某方案》公开征求意见情况的报告"},
		{"AI Policy", clause.LangEN, "Report on the consultation on AI Policy"},
	} {
		if got := reportTitle(newTr(tc.lang), &review.Report{Title: tc.title}); got != tc.want {
			t.Errorf("reportTitle(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

func TestFullOps(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    review.Change
		want []diff.Op
	}{
		{"marker put back", review.Change{Change: diff.Change{Ops: ops("=推进。", "-90", "+80", "=项")}, OldText: "1.推进。90项", NewText: "1.推进。80项"},
			ops("=1.推进。", "-90", "+80", "=项")},
		{"renumbered", review.Change{Change: diff.Change{Ops: ops("=推进。")}, OldText: "2.推进。", NewText: "3.推进。"},
			ops("-2.", "+3.", "=推进。")},
		{"article renumbered", review.Change{Change: diff.Change{Ops: ops("=Register.")}, OldText: "Article 7 Register.", NewText: "Article 8 Register."},
			ops("=Article ", "-7", "+8", "= Register.")},
		{"inserted", review.Change{Change: diff.Change{Kind: diff.Inserted, Ops: ops("+Personal data.")}, NewText: "Article 6 Personal data."},
			ops("+Article 6 Personal data.")},
		{"markdown heading", review.Change{Change: diff.Change{Ops: ops("=## 二、先导方向\n立足", "+我市")}, OldText: "## 二、先导方向\n立足", NewText: "## 二、先导方向\n立足我市"},
			ops("=二、先导方向\n立足", "+我市")},
		{"heading level changed", review.Change{Change: diff.Change{Ops: ops("-## ", "+### ", "=标题")}, OldText: "## 标题", NewText: "### 标题"},
			ops("-## ", "+### ", "=标题")},
		{"ops do not fit the texts", review.Change{Change: diff.Change{Ops: ops("=x")}, OldText: "y", NewText: "z"},
			ops("=x")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fullOps(&tc.c)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("fullOps = %v, want %v", got, tc.want)
			}
		})
	}
}

// An unnumbered heading is labelled by its text: its title is not shown a
// second time beside the label.
func TestShownTitle(t *testing.T) {
	tests := []struct {
		old, new, title, want string
	}{
		{"一/（三）/1", "一/（三）/1", "探索金融科技公共服务平台", "探索金融科技公共服务平台"},
		{"", "Anlage Krankheiten und Leiden", "Anlage Krankheiten und Leiden", ""},
		{"Anlage (zu § 12) Krankheiten", "Anlage Krankheiten", "Anlage Krankheiten", ""},
		{"Teil 1/Anlage Krankheiten", "", "Anlage Krankheiten", ""},
		{"§ 3", "§ 4", "Anlage", "Anlage"},
	}
	for _, tt := range tests {
		c := &review.Change{OldLabel: tt.old, NewLabel: tt.new, Title: tt.title}
		if got := shownTitle(c); got != tt.want {
			t.Errorf("shownTitle(%q → %q, %q) = %q, want %q", tt.old, tt.new, tt.title, got, tt.want)
		}
	}
}
