package clause

import (
	"os"
	"strings"
	"testing"
)

// TestTrailerAfterSubItems: a responsibility trailer on its own line after
// an item's sub-items names the item's units, not its last sub-item's.
func TestTrailerAfterSubItems(t *testing.T) {
	cases := []struct{ name, src, path, text, units, lastText string }{
		{"after-sub-items", "一、任务\n1.推进智能制造。建设智能工厂：\n（1）甲。\n（2）乙。\n（责任单位：市经信局、市科技局）\n2.丙。\n",
			"一/1", "1.推进智能制造。建设智能工厂：\n（责任单位：市经信局、市科技局）", "市经信局 市科技局", "（2）乙。"},
		{"bare-trailer", "1.推进智能制造。建设：\n（1）甲。\n（2）乙。\n责任单位：市经信局\n",
			"1", "1.推进智能制造。建设：\n责任单位：市经信局", "市经信局", "（2）乙。"},
		{"end-of-document", "1.推进智能制造。建设：\n（1）甲。\n（2）乙。\n（牵头单位：市经信局；配合单位：市科技局）",
			"1", "1.推进智能制造。建设：\n（牵头单位：市经信局；配合单位：市科技局）", "市经信局 市科技局", "（2）乙。"},
		// Under a heading-like item, an item's trailer on its own line stays the item's.
		{"heading-parent", "（一）实施技术突破计划\n1.甲。\n（责任单位：市科技局）\n2.乙。\n",
			"（一）/1", "1.甲。\n（责任单位：市科技局）", "市科技局", ""},
		{"inline-stays", "1.推进。建设：\n（1）甲。（责任单位：市科技局）\n（2）乙。\n",
			"1/（1）", "（1）甲。（责任单位：市科技局）", "市科技局", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, "doc.txt", c.src)
			n := d.Find(c.path)
			if n == nil {
				t.Fatalf("no %s in\n%s", c.path, paths(d))
			}
			if n.Text() != c.text {
				t.Errorf("Text = %q, want %q", n.Text(), c.text)
			}
			var us []string
			for _, u := range n.Units {
				us = append(us, u.Name)
			}
			if got := strings.Join(us, " "); got != c.units {
				t.Errorf("Units = %q, want %q", got, c.units)
			}
			if len(n.Units) > 0 && !strings.Contains(string(d.Src[n.UnitsStart:n.UnitsEnd]), n.Units[0].Name) {
				t.Errorf("trailer range %q", d.Src[n.UnitsStart:n.UnitsEnd])
			}
			if c.lastText != "" {
				last := n.Children[len(n.Children)-1]
				if last.Text() != c.lastText || len(last.Units) > 0 {
					t.Errorf("last sub-item: %q, %d units", last.Text(), len(last.Units))
				}
				if strings.Contains(string(d.Src[last.Start:last.End]), "单位") {
					t.Errorf("last sub-item's source %q includes the trailer", d.Src[last.Start:last.End])
				}
				if !strings.Contains(n.FullText(), "单位") {
					t.Errorf("FullText %q lacks the trailer", n.FullText())
				}
			}
		})
	}
}

// TestClosingMatter: a date line or a publication note ending the document
// is the root's text, not the last clause's. A signing unit's name stays.
func TestClosingMatter(t *testing.T) {
	cases := []struct{ name, src, last, root string }{
		{"date", "一、甲\n二、乙。\n\n2023年10月25日\n", "二、乙。", "2023年10月25日"},
		{"note-and-date", "一、甲\n二、乙。\n\n　　　　2023年10月25日\n（此件公开发布）\n", "二、乙。", "2023年10月25日\n（此件公开发布）"},
		{"cn-date", "一、甲\n二、乙。\n二〇二三年十月二十五日\n", "二、乙。", "二〇二三年十月二十五日"},
		{"full-width", "一、甲\n二、乙。\n２０２３年１０月２５日\n\n— 3 —\n", "二、乙。", "２０２３年１０月２５日"},
		{"unit-stays", "一、甲\n二、乙。\n武汉市人民政府\n2023年10月25日\n", "二、乙。\n武汉市人民政府", "2023年10月25日"},
		{"not-at-end", "一、甲\n2023年10月25日\n二、乙。\n", "二、乙。", ""},
		{"date-in-sentence", "一、甲\n二、乙。自2023年10月25日起施行。\n", "二、乙。自2023年10月25日起施行。", ""},
		{"preamble", "标题\n\n一、甲\n二、乙。\n2023年10月25日\n", "二、乙。", "标题\n2023年10月25日"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, "doc.txt", c.src)
			all := d.Clauses()
			last := all[len(all)-1]
			if last.Text() != c.last {
				t.Errorf("last clause %q, want %q", last.Text(), c.last)
			}
			if d.Root.Text() != c.root {
				t.Errorf("root text %q, want %q", d.Root.Text(), c.root)
			}
			if c.root != "" && strings.Contains(string(d.Src[last.Start:last.End]), "日") {
				t.Errorf("last clause's source %q includes the closing matter", d.Src[last.Start:last.End])
			}
		})
	}
}

// TestWithoutBlankLines: drafts written one clause per line, without blank
// lines between paragraphs (as Markdown drafts of Chinese documents are),
// parse to the same clauses as with them.
func TestWithoutBlankLines(t *testing.T) {
	for _, f := range []string{"draft.md", "plan.txt", "act.txt", "law.txt"} {
		src, err := os.ReadFile("testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, l := range strings.Split(string(src), "\n") {
			if strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
		dense := strings.Join(lines, "\n") + "\n"
		for _, name := range []string{f, "dense.md"} {
			t.Run(f+"/"+name, func(t *testing.T) {
				a, b := mustParse(t, name, string(src)), mustParse(t, name, dense)
				if paths(a) != paths(b) {
					t.Fatalf("paths differ:\n%s", lineDiff(paths(a), paths(b)))
				}
				if a.Title != b.Title {
					t.Errorf("Title %q vs %q", a.Title, b.Title)
				}
			})
		}
	}
}
