package clause

import (
	"strings"
	"testing"
)

// TestDocumentTitle: a document's title is Document.Title and root text,
// never a clause and never a prefix of label paths.
func TestDocumentTitle(t *testing.T) {
	cases := []struct{ name, src, title, paths string }{
		{"md-h1-cn", "# 《武汉市人工智能实施方案》\n\n## 一、总体要求\n### （一）指导思想\n坚持。\n", "《武汉市人工智能实施方案》", "一\n一/（一）"},
		{"md-h1-plain-lines", "# 《武汉市人工智能实施方案》\n一、总体要求\n（一）指导思想\n", "《武汉市人工智能实施方案》", "一\n一/（一）"},
		{"md-h1-en", "# Implementation Act\n\n## Article 1 Scope\nText.\n", "Implementation Act", "Article 1"},
		{"md-front-matter", "---\nstage: draft\n---\n# 实施方案\n## 一、目标\n", "实施方案", "一"},
		{"md-numbered-h1", "# 第一章 总则\n第一条 甲。\n", "", "第一章\n第一章/第一条"},
		{"md-two-h1", "# 背景\n# 目标\n", "", "背景\n目标"},
		{"txt-first-line", "武汉建设国家人工智能创新应用先导区实施方案(2023-2025年)\n\n（征求意见稿）\n\n一、总体要求\n", "武汉建设国家人工智能创新应用先导区实施方案(2023-2025年)", "一"},
		{"txt-en", "Municipal Artificial Intelligence Pilot Zone Act\n\nDraft 01, published for consultation.\n\nArticle 1 Scope\nText.\n", "Municipal Artificial Intelligence Pilot Zone Act", "Article 1"},
		{"txt-sentence", "为深入贯彻落实规划，制定本方案。\n一、总体要求\n", "", "一"},
		{"txt-numbered", "一、总体要求\n二、主要任务\n", "", "一\n二"},
		{"txt-colon", "各区人民政府：\n一、总体要求\n", "", "一"},
		{"txt-wrapped-paragraph", "This Act sets out how the City builds a national pilot zone for the\napplication of artificial intelligence.\n\nArticle 1 Scope\nx.\n", "", "Article 1"},
		{"txt-title-with-years", "武汉建设国家人工智能创新应用先导区实施方案\n（2023—2025年）\n一、总体要求\n", "武汉建设国家人工智能创新应用先导区实施方案", "一"},
	}
	for _, c := range cases {
		name := "doc.txt"
		if c.name[:2] == "md" {
			name = "doc.md"
		}
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, name, c.src)
			if d.Title != c.title {
				t.Errorf("Title = %q, want %q", d.Title, c.title)
			}
			if got := paths(d); got != c.paths {
				t.Errorf("paths:\n%s\nwant:\n%s", got, c.paths)
			}
			if c.title != "" && !strings.Contains(d.Root.Text(), c.title) {
				t.Errorf("root text %q lacks the title", d.Root.Text())
			}
		})
	}
}

// TestEnglishArticleTitles: "Article 6 Title." / "Article 6 — Title" /
// "Article 6. Title" and inserted articles take the title.
func TestEnglishArticleTitles(t *testing.T) {
	src := "Article 6 Title.\nText here.\nArticle 7 — Fees\nText.\nArticle 8. Penalties\nText.\nArticle 8A Review.\nMore text.\nArticle 9 Scope. This Act applies to all bodies.\n"
	want := map[string]string{"Article 6": "Title", "Article 7": "Fees", "Article 8": "Penalties", "Article 8A": "Review", "Article 9": "Scope"}
	d := mustParse(t, "act.txt", src)
	for path, title := range want {
		n := d.Find(path)
		if n == nil {
			t.Fatalf("no %s in\n%s", path, paths(d))
		}
		if n.Title != title {
			t.Errorf("%s: Title = %q, want %q", path, n.Title, title)
		}
	}
}

// TestSetextHeadings: "Title\n=====" and "Heading\n-----" are Markdown
// headings; the underline is syntax, not text.
func TestSetextHeadings(t *testing.T) {
	cases := []struct{ name, src, title, paths, text string }{
		{"title-and-h2", "Implementation Act\n==================\n\nScope\n-----\nThis Act applies.\n\nTerms\n-----\nIn this Act.\n", "Implementation Act", "Scope\nTerms", "Scope\nThis Act applies."},
		{"numbered", "实施方案\n====\n\n一、总体要求\n------\n（一）指导思想\n坚持。\n", "实施方案", "一\n一/（一）", "一、总体要求"},
		{"paragraph-then-break", "Some text here\nand more text.\n\n---\n\nArticle 1 Scope\nx.\n", "", "Article 1", "Article 1 Scope\nx."},
		{"atx-h1-too", "# Act\n\nTitle\n=====\n", "Act", "Title", "Title"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, "doc.md", c.src)
			if d.Title != c.title {
				t.Errorf("Title = %q, want %q", d.Title, c.title)
			}
			if got := paths(d); got != c.paths {
				t.Fatalf("paths:\n%s\nwant:\n%s", got, c.paths)
			}
			if n := d.Clauses()[0]; n.Text() != c.text {
				t.Errorf("first clause text %q, want %q", n.Text(), c.text)
			}
		})
	}
	d := mustParse(t, "doc.md", "Title\n=====\n\nScope\n-----\nThis Act applies.\n")
	if n := d.Find("Scope"); n == nil || n.Title != "Scope" || n.Depth != 2 || n.Kind != KindHeading {
		t.Errorf("Scope heading = %+v", n)
	}
}

// A LawRefBook INFO block is metadata: no clause, not the title, not text.
func TestInfoBlock(t *testing.T) {
	for _, c := range []struct{ name, src, title string }{
		{"with-title", "# 中华人民共和国示例法\n\n1999年4月29日 第九届全国人民代表大会常务委员会第九次会议通过\n\n2023年9月1日 修订\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了示例，制定本法。\n", "中华人民共和国示例法"},
		{"without-title", "1999年4月29日 第九届全国人民代表大会常务委员会第九次会议通过\n\n（一）2009年8月27日修正\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了示例，制定本法。\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, "law.md", c.src)
			if d.Title != c.title {
				t.Errorf("Title = %q, want %q", d.Title, c.title)
			}
			if got := paths(d); got != "第一章\n第一章/第一条" {
				t.Errorf("paths:\n%s", got)
			}
			for _, n := range append(d.Clauses(), d.Root) {
				if strings.Contains(n.Text(), "1999") || strings.Contains(n.Text(), "INFO") {
					t.Errorf("%q: text %q holds the INFO block", n.Path(), n.Text())
				}
			}
		})
	}
}
