package clause

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func mustParse(t *testing.T, name, src string) *Document {
	t.Helper()
	d, err := Parse(name, []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, d)
	return d
}

// paths lists every clause's path, one per line.
func paths(d *Document) string {
	var out []string
	for _, n := range d.Clauses() {
		out = append(out, n.Path())
	}
	return strings.Join(out, "\n")
}

func TestNumbers(t *testing.T) {
	cn := []struct {
		in   string
		want int
	}{
		{"一", 1}, {"十", 10}, {"十二", 12}, {"二十", 20}, {"二十三", 23}, {"一百", 100},
		{"一百六十五", 165}, {"一百零五", 105}, {"一千零一十", 1010}, {"两千", 2000},
		{"三百二十", 320}, {"一百一十", 110}, {"九十九", 99},
	}
	for _, c := range cn {
		t.Run(c.in, func(t *testing.T) {
			v, n, ok := parseCNNumber([]byte(c.in + "条"))
			if !ok || v != c.want || n != len(c.in) {
				t.Errorf("parseCNNumber(%q) = %d, %d, %v; want %d", c.in, v, n, ok, c.want)
			}
		})
	}
	for _, bad := range []string{"一二", "十十", "百", "〇", "零", "条"} {
		if v, _, ok := parseCNNumber([]byte(bad)); ok {
			t.Errorf("parseCNNumber(%q) = %d, want failure", bad, v)
		}
	}
	for v := 1; v < 3000; v++ {
		s := cnNumeral(v)
		got, n, ok := parseCNNumber([]byte(s))
		if !ok || got != v || n != len(s) {
			t.Fatalf("cnNumeral(%d) = %q parses to %d", v, s, got)
		}
	}
	roman := map[string]int{"i": 1, "iv": 4, "ix": 9, "xii": 12, "XL": 40, "MCMXC": 1990, "ii": 2, "iii": 3}
	for s, want := range roman {
		if got, ok := romanValue([]byte(s)); !ok || got != want {
			t.Errorf("romanValue(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, bad := range []string{"iiii", "vx", "iI", "ab", ""} {
		if _, ok := romanValue([]byte(bad)); ok {
			t.Errorf("romanValue(%q) succeeded", bad)
		}
	}
	if v, n, ok := parseArabic([]byte("１２．"), 3); !ok || v != 12 || n != 6 {
		t.Errorf("parseArabic(full width) = %d, %d, %v", v, n, ok)
	}
}

func TestNormLabel(t *testing.T) {
	same := [][]string{
		{"二/(二)/1", "二/（二）/1", "二、/（二）/1.", " 二 / （二） / 1． ", "二/(二)/１"},
		{"第三章/第十二条", "第三章/第十二条 "},
		{"Article 5", "Article\u30005", "Article  5."},
		{"2/2.3/(a)", "2./2.3./（a）"},
		{"Part I", "PART I", "part I", "Part\u3000I."},
		{"Article 5", "ARTICLE 5", "article 5"},
		{"SEC. 2/(1)/(A)", "Sec. 2/(1)/(A)", "sec. 2/（1）/（A）"},
	}
	for _, group := range same {
		want := NormLabel(group[0])
		for _, s := range group[1:] {
			if got := NormLabel(s); got != want {
				t.Errorf("NormLabel(%q) = %q, want %q (as %q)", s, got, want, group[0])
			}
		}
	}
	if NormLabel("(A)") == NormLabel("(a)") || NormLabel("Part I") == NormLabel("Part i") {
		t.Error("NormLabel folds the case of a numbering")
	}
	if NormLabel("一") == NormLabel("二") || NormLabel("（一）") == NormLabel("一") {
		t.Error("NormLabel folds different labels together")
	}
}

func TestFind(t *testing.T) {
	d := mustParse(t, "plan.txt", "一、总体要求\n（一）指导思想\n1.坚持创新。\n二、主要任务\n（一）技术攻关\n（二）场景应用\n1.智慧医疗。\n2.智慧城市。\n")
	cases := []struct{ path, want string }{
		{"二/(二)/1", "1.智慧医疗。"},
		{"二、/（二）/1.", "1.智慧医疗。"},
		{"二/（二）/２", "2.智慧城市。"},
		{"一/（一）", "（一）指导思想"},
		{"（二）/2", "2.智慧城市。"}, // leading levels omitted
		{"三", ""},
		{"", ""},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			n := d.Find(c.path)
			got := ""
			if n != nil {
				got = n.Text()
			}
			if got != c.want {
				t.Errorf("Find(%q) = %q, want %q", c.path, got, c.want)
			}
		})
	}
	for _, c := range []struct{ path, want string }{
		{"第二部分/（二）/1", "1.智慧医疗。"}, // 第二部分 cites the top-level 二
		{"第一部分", "一、总体要求"},
		{"二/场景应用/2", "2.智慧城市。"},       // a title in place of a number
		{"二、主要任务/（一）", "（一）技术攻关"},     // number and title
		{"第二部分“主要任务”/（二）", "（二）场景应用"}, // as consultation reports write it
		{"二/场景应用", "（二）场景应用"},
		{"四", ""},
		{"（一）/第一部分", ""}, // 第一部分 only at the top level
	} {
		t.Run("loose/"+c.path, func(t *testing.T) {
			got := ""
			if n := d.Find(c.path); n != nil {
				got = n.Text()
			}
			if got != c.want {
				t.Errorf("Find(%q) = %q, want %q", c.path, got, c.want)
			}
		})
	}
	parts := mustParse(t, "plan.txt", "第一部分 总体要求\n一、指导思想\n第三部分 建设内容\n（五）推进智慧医疗。\n")
	for path, want := range map[string]string{"三/（五）": "（五）推进智慧医疗。", "三": "第三部分 建设内容", "一": "一、指导思想"} {
		if n := parts.Find(path); n == nil || n.Text() != want {
			t.Errorf("Find(%q) = %v, want %q", path, n, want)
		}
	}
	en := mustParse(t, "act.txt", "PART I PRELIMINARY\nArticle 1 Scope\nThis Act applies.\nARTICLE 2 Terms\nIn this Act.\n")
	for path, want := range map[string]string{"Part I/Article 1": "Article 1 Scope\nThis Act applies.", "part i/article 1": "", "Article 2": "ARTICLE 2 Terms\nIn this Act.", "PART I/ARTICLE 2": "ARTICLE 2 Terms\nIn this Act."} {
		got := ""
		if n := en.Find(path); n != nil {
			got = n.FullText()
		}
		if got != want {
			t.Errorf("Find(%q) = %q, want %q", path, got, want)
		}
	}
	if all := d.FindAll("（一）"); len(all) != 2 {
		t.Errorf("FindAll(（一）) = %d clauses, want 2", len(all))
	}
}

func TestInvalidUTF8(t *testing.T) {
	cases := []string{"", "abc", "一二三", "\xe4\xb8", "\xe4\xb8\x80\xff", "\xed\xa0\x80", "\xe0\x80\xaf", "\xef\xbc\x88", "\xf0\x9f\x98\x80", "\xf4\x90\x80\x80", "a\xc0\xafb", "\xe1\x80"}
	for _, c := range cases {
		got := invalidUTF8([]byte(c))
		want := -1
		if !utf8.ValidString(c) {
			for i := 0; i < len(c); {
				r, size := utf8.DecodeRuneInString(c[i:])
				if r == utf8.RuneError && size == 1 {
					want = i
					break
				}
				i += size
			}
		}
		if got != want {
			t.Errorf("invalidUTF8(%q) = %d, want %d", c, got, want)
		}
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name string
		src  string
		opts Options
		want error
		pos  string
	}{
		{"binary", "一、总体要求\n\x00\x01\x02", Options{}, ErrBinary, "f.txt:2:1: "},
		{"gbk", "一、总体\n要求\xd7\xdc", Options{}, ErrNotUTF8, "f.txt:2:3: "},
		{"large", strings.Repeat("a", 100), Options{MaxBytes: 10}, ErrTooLarge, "f.txt: "},
		{"deep", "一、a\n（一）b\n1.c\n（1）d\n①e\n", Options{MaxDepth: 3}, ErrTooDeep, "f.txt:4:1: "},
		{"deep-law", "第一编 a\n第一章 b\n第一节 c\n第一条 d\n", Options{MaxDepth: 3}, ErrTooDeep, "f.txt:4:1: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("f.txt", []byte(c.src), c.opts)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			var pe *Error
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), c.pos) {
				t.Errorf("err = %q, want prefix %q", err, c.pos)
			}
		})
	}
	if _, err := Parse("deep.md", []byte("# t\n## a\n- b\n  - c\n    - d\n"), Options{MaxDepth: 3}); !errors.Is(err, ErrTooDeep) || !strings.HasPrefix(err.Error(), "deep.md:5:5: ") {
		t.Errorf("Markdown list too deep: %v", err)
	}
	if _, err := Parse("ok.txt", []byte("一、a\n（一）b\n1.c\n"), Options{MaxDepth: 3}); err != nil {
		t.Errorf("depth 3 within MaxDepth 3: %v", err)
	}
}

// TestMessy covers what real files do: widths, invisible characters, line
// endings, page furniture, and lines that only look like clauses.
func TestMessy(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"crlf-bom", "\uFEFF一、总体要求\r\n（一）指导思想\r\n1.坚持创新。\r\n", "一\n一/（一）\n一/（一）/1"},
		{"zero-width", "\u200b一、总体要求\n\u3000\u3000（一）指导思想\n", "一\n一/（一）"},
		{"mixed-parens", "一、a\n(一)b\n（二)c\n(三）d\n", "一\n一/(一)\n一/（二)\n一/(三）"},
		{"full-width-digits", "一、a\n１．b。\n２．c。\n", "一\n一/１\n一/２"},
		{"ideographic-space-article", "第一条\u3000为了规范管理，制定本法。\n第二条\u3000本法适用于全国。\n", "第一条\n第二条"},
		{"cross-reference", "第一条\u3000违反本法规定的，依照\n第十二条的规定处罚。\n第二条\u3000本法自公布之日起施行。\n", "第一条\n第二条"},
		{"cross-reference-spaced", "第一条\u3000违反本法规定的，依照本法\n第十二条 规定处罚。\n第二条\u3000施行。\n", "第一条\n第二条"},
		{"article-numbers-across-chapters", "第一章 总则\n第一条 甲。\n第二条 乙。\n第二章 分则\n第三条 丙。\n第三条之一 丁。\n第四条 戊。\n",
			"第一章\n第一章/第一条\n第一章/第二条\n第二章\n第二章/第三条\n第二章/第三条之一\n第二章/第四条"},
		{"number-in-sentence", "一、目标\n1.提高效率。到2025年，全市算力规模达到现有规模的\n2.5倍，数据交易规模达到\n3、5个百分点以上。\n2.降低成本。\n", "一\n一/1\n一/2"},
		{"unexpected-after-unfinished", "一、目标\n1.甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未\n5.项目达到以上\n2.乙。\n", "一\n一/1\n一/2"},
		{"expected-after-unfinished", "一、目标\n1.甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未\n2.乙。\n", "一\n一/1\n一/2"},
		{"furniture", "一、甲\n\f\n— 3 —\n二、乙\n- 4 -\n第 5 页 共 20 页\nPage 6 of 20\n三、丙\n", "一\n二\n三"},
		{"running-header", "标题\n一、甲\n— 1 —\f\n数据条例\n二、乙\n\f数据条例\n三、丙\n", "一\n二\n三"},
		{"roman-after-h", "(a) x;\n(b) x;\n(c) x;\n(d) x;\n(e) x;\n(f) x;\n(g) x;\n(h) x;\n(i) x.\n", "(a)\n(b)\n(c)\n(d)\n(e)\n(f)\n(g)\n(h)\n(i)"},
		{"roman-nested", "(a) x:\n(i) y;\n(ii) z;\n(b) w.\n", "(a)\n(a)/(i)\n(a)/(ii)\n(b)"},
		{"article-reference", "Article 5 Scope\nThis Act applies.\nArticle 6 applies to providers.\nArticle 6 Penalties\nA fine.\n", "Article 5\nArticle 5/¶1\nArticle 5/¶2\nArticle 6"},
		{"inserted-articles", "Article 5 Scope\nx.\nArticle 5A Review\ny.\nArticle 5b Appeal\nz.\nArticle 6 Fees\nw.\n", "Article 5\nArticle 5A\nArticle 5b\nArticle 6"},
		{"us-bill", "SEC. 2. DEFINITIONS.\nIn this Act:\n(1) AGENCY.—The term means—\n(A) an agency; and\n(B) a department.\n(2) SYSTEM.—The term has the meaning given in section\n3 of title 15.\nSEC. 3. REPORTS.\n(a) In General.—The report shall include—\n(1) a summary; and\n(2) recommendations.\n",
			"SEC. 2\nSEC. 2/(1)\nSEC. 2/(1)/(A)\nSEC. 2/(1)/(B)\nSEC. 2/(2)\nSEC. 3\nSEC. 3/(a)\nSEC. 3/(a)/(1)\nSEC. 3/(a)/(2)"},
		{"article-title-full-stop", "Article 6 Title.\nText here.\nArticle 7 — Fees\nText.\nArticle 8. Penalties\nText.\nArticle 8A Review.\nMore text.\n", "Article 6\nArticle 7\nArticle 8\nArticle 8A"},
		{"section-decimals", "Section 1 Scope\nx.\nSection 1.1 General\ny.\nSection 1.2 Terms\nz.\nSection 1.2.1 Small bodies\nw.\nSection 2 Other\nv.\n",
			"Section 1\nSection 1/Section 1.1\nSection 1/Section 1.2\nSection 1/Section 1.2/Section 1.2.1\nSection 2"},
		{"section-signs", "§ 1 Scope\nx, as set out in\nSection 2.3 of this Act.\n§ 1.1 General\ny.\nSec. 4 Fees\nz.\n", "§ 1\n§ 1/§ 1.1\nSec. 4"},
		{"new-level-after-short-line", "（二）基本原则\n坚持以下原则，具体包括\n1.应用牵引。\n2.创新驱动。\n", "（二）\n（二）/1\n（二）/2"},
		{"one-clause-per-line", "一、总体要求\n（一）指导思想\n以习近平新时代中国特色社会主义思想为指导，推动发展\n（二）基本原则\n1.应用牵引,需求导向。坚持。\n2.创新驱动。\n二、主要任务\n", "一\n一/（一）\n一/（二）\n一/（二）/1\n一/（二）/2\n二"},
		{"annex-letters", "Annex A\nx.\nAnnex C\ny.\n", "Annex A\nAnnex C"},
		{"decimals", "1. Scope\n1.1 General\n1.2 Exceptions\n1.2.1 Small bodies\n2. Terms\n2.1 Definitions\n", "1\n1/1.1\n1/1.2\n1/1.2/1.2.1\n2\n2/2.1"},
		{"circled", "1.甲。\n①子；\n②丑。\n2.乙。\n", "1\n1/①\n1/②\n2"},
		{"part-then-cnnum", "第一部分 总体要求\n一、指导思想\n二、目标\n第二部分 主要任务\n一、技术\n", "第一部分\n第一部分/一\n第一部分/二\n第二部分\n第二部分/一"},
		{"higher-level-closes", "一、a\n1.b。\n（一）c\n（二）d\n", "一\n一/1\n一/（一）\n一/（二）"},
		{"markdown-plain-lines", "一、总体要求\n（一）指导思想\n1.坚持创新。\n", "一\n一/（一）\n一/（一）/1"},
		{"table-of-contents", "目  录\n第一章 总则\n第二章 附则\n第一章 总则\n第一条 甲。\n第二章 附则\n第二条 乙。\n", "第一章\n第一章/第一条\n第二章\n第二章/第二条"},
		{"annex", "一、甲\n二、乙\n附件：1.清单\n附件1\n重点任务清单\n", "一\n二\n附件\n附件1"},
		{"quoted-reference-not-marker", "二、相关部门意见\n1\n市卫健委\n第三部分“建设内容”中，建议修改。\n", "二"},
		// A draft pasted from a web page or PDF, wrapped inside sentences at
		// no fixed width: a line of a 款 or an item that stops before its
		// sentence ends does not end the 款, however short.
		{"short-wrap-in-article", "第一条 为了规范数据处理活动，保障数据安全，制定本条例。\n第二条 本条例所称的\n数据，是指任何以电子或者其他方式对信息的记录。\n第三条 本条例自公布之日起施行。\n",
			"第一条\n第二条\n第三条"},
		{"short-wrap-in-paragraph", "第二条 甲。\n本条例所称的\n数据，是指信息的记录。\n", "第二条\n第二条/第一款\n第二条/第二款"},
		{"short-wrap-in-item", "第三条 本条例下列用语的含义：\n（一）数据，是指任何以\n电子方式对信息的记录；\n（二）数据处理，包括收集\n存储等。\n前款所称数据不含纸质记录。\n",
			"第三条\n第三条/第一款\n第三条/第一款/（一）\n第三条/第一款/（二）\n第三条/第二款"},
		{"bracket-inside-sentence", "第六条 本条例所称个人信息（以下简称信息）\n是指各种信息。\n第七条 违反本条例的，依照《数据安全法》\n处罚。\n第八条 本条例自公布之日起施行。（试行）\n试行期为三年。\n",
			"第六条\n第七条\n第八条\n第八条/第一款\n第八条/第二款"},
		{"headings-after-unfinished-article", "第一章 总则\n第一条 为了规范数据处理活动\n第二章 附则\n第二条 本条例自公布之日起施行\n附件\n数据目录\n",
			"第一章\n第一章/第一条\n第二章\n第二章/第二条\n附件"},
		{"article-title-own-line", "第七条\n立法目的\n为了保障数据安全，制定本条。\n第八条 乙。\n", "第七条\n第八条"},
		{"outside-articles-heading", "一、总体要求\n（一）指导思想\n以新发展理念为指导。\n", "一\n一/（一）"},
		// After an article's items, a line is the article's next 款 when the
		// last item ended its sentence, with 。 or, as drafts often do, ；.
		{"after-items-semicolon", "第六条 有下列行为之一的，予以警告：\n（一）甲；\n（二）乙；\n前款规定的行为，由市场监督管理部门认定。\n",
			"第六条\n第六条/第一款\n第六条/第一款/（一）\n第六条/第一款/（二）\n第六条/第二款"},
		{"after-items-full-stop", "第六条 有下列行为之一的，予以警告：\n（一）甲；\n（二）乙。\n前款规定的行为，由市场监督管理部门认定。\n",
			"第六条\n第六条/第一款\n第六条/第一款/（一）\n第六条/第一款/（二）\n第六条/第二款"},
		{"after-items-unfinished", "第六条 有下列行为之一的，予以警告：\n（一）甲；\n（二）乙\n丙。\n", "第六条\n第六条/（一）\n第六条/（二）"},
		{"after-items-sub-items", "第五条 应当采取下列措施：\n（一）甲；\n（二）下列技术措施：\n1.加密；\n2.认证；\n前款措施由主管部门规定。\n",
			"第五条\n第五条/第一款\n第五条/第一款/（一）\n第五条/第一款/（二）\n第五条/第一款/（二）/1\n第五条/第一款/（二）/2\n第五条/第二款"},
		{"item-introduces-lines", "第五条 应当采取下列措施：\n（一）甲；\n（二）下列技术措施：\n加密；\n认证。\n前款措施由主管部门规定。\n",
			"第五条\n第五条/第一款\n第五条/第一款/（一）\n第五条/第一款/（二）\n第五条/第二款"},
		{"item-marker-alone", "第五条 应当采取下列措施：\n（一）\n建立制度；\n（二）开展培训。\n", "第五条\n第五条/（一）\n第五条/（二）"},
		{"act-short-wrap", "Article 1 Purpose\nThis Act regulates the processing of\ndata in the public sector.\nArticle 2 Scope\nIt applies to public bodies.\n", "Article 1\nArticle 2"},
		{"act-list-runs-on", "Article 3 Duties\n1. A public body shall not:\n(a) charge a fee; or\n(b) require registration;\nunless the Minister so directs.\n",
			"Article 3\nArticle 3/1\nArticle 3/1/(a)\nArticle 3/1/(b)"},
	}
	// Drafts in .md files are often plain lines: the same must hold there,
	// except where Markdown syntax reads differently ("- 4 -", "1. Scope").
	markdownDiffers := map[string]bool{"furniture": true, "decimals": true}
	for _, c := range cases {
		for _, name := range []string{"doc.txt", "doc.md"} {
			if name == "doc.md" && markdownDiffers[c.name] {
				continue
			}
			t.Run(c.name+"/"+name, func(t *testing.T) {
				d := mustParse(t, name, c.src)
				if got := paths(d); got != c.want {
					t.Errorf("paths:\n%s\nwant:\n%s", got, c.want)
				}
			})
		}
	}
}

func TestText(t *testing.T) {
	cases := []struct {
		name, src, path, text, body string
	}{
		{"cjk-wrap", "一、目标\n1.提高效率。到2025年，全市算力规模达到现有规模的\n2.5倍，数据交易规模明显提升。\n", "一/1",
			"1.提高效率。到2025年，全市算力规模达到现有规模的2.5倍，数据交易规模明显提升。", "提高效率。到2025年，全市算力规模达到现有规模的2.5倍，数据交易规模明显提升。"},
		{"latin-wrap", "Article 1 Scope\nThis Act applies to every public body that holds\ndatasets of public interest.\n", "Article 1",
			"Article 1 Scope\nThis Act applies to every public body that holds datasets of public interest.", "Scope\nThis Act applies to every public body that holds datasets of public interest."},
		{"page-break-inside", "一、目标\n1.提高效率。到2025年，全市算力规模达到现有规模的\n\n— 3 —\n\f\n两倍以上。\n", "一/1",
			"1.提高效率。到2025年，全市算力规模达到现有规模的两倍以上。", "提高效率。到2025年，全市算力规模达到现有规模的两倍以上。"},
		{"crlf", "一、目标\r\n（一）甲。\r\n乙。\r\n", "一/（一）", "（一）甲。\n乙。", "甲。\n乙。"},
		{"article-ideographic-space", "第一条\u3000为了规范管理，制定本法。\n", "第一条", "第一条\u3000为了规范管理，制定本法。", "为了规范管理，制定本法。"},
		{"units-kept", "1.甲。（责任单位：市科技局）\n", "1", "1.甲。（责任单位：市科技局）", "甲。（责任单位：市科技局）"},
		{"short-wrap-in-article", "第二条 本条例所称的\n数据，是指任何以电子或者其他方式对信息的记录。\n", "第二条",
			"第二条 本条例所称的数据，是指任何以电子或者其他方式对信息的记录。", "本条例所称的数据，是指任何以电子或者其他方式对信息的记录。"},
		{"short-wrap-in-item", "第三条 用语的含义：\n（一）数据，是指\n信息的记录；\n（二）乙。\n", "第三条/（一）", "（一）数据，是指信息的记录；", "数据，是指信息的记录；"},
		{"short-wrap-in-act", "Article 1 Purpose\nThis Act regulates the processing of\ndata in the public sector.\n", "Article 1",
			"Article 1 Purpose\nThis Act regulates the processing of data in the public sector.", "Purpose\nThis Act regulates the processing of data in the public sector."},
		{"after-items-semicolon", "第六条 有下列行为之一的，予以警告：\n（一）甲；\n（二）乙；\n前款规定的行为，由市场监督管理部门认定。\n", "第六条/（二）", "（二）乙；", "乙；"},
		{"item-introduces-lines", "第五条 应当采取下列措施：\n（一）甲；\n（二）下列技术措施：\n加密；\n认证。\n", "第五条/（二）", "（二）下列技术措施：\n加密；\n认证。", "下列技术措施：\n加密；\n认证。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, "doc.txt", c.src)
			n := d.Find(c.path)
			if n == nil {
				t.Fatalf("%s not found in\n%s", c.path, paths(d))
			}
			if n.Text() != c.text {
				t.Errorf("Text = %q\nwant   %q", n.Text(), c.text)
			}
			if n.Body() != c.body {
				t.Errorf("Body = %q\nwant   %q", n.Body(), c.body)
			}
		})
	}
}

func TestUnitsAndTitles(t *testing.T) {
	cases := []struct {
		name, src, title, units string
	}{
		{"responsible", "1.加强技术创新。每年组织项目20项。（责任单位：市科技局、市经信局）", "加强技术创新", "0:市科技局 0:市经信局"},
		{"half-width", "1.加强技术创新。每年组织项目20项。(责任单位:市科技局,市经信局)", "加强技术创新", "0:市科技局 0:市经信局"},
		{"lead-support", "1.实施算力伙伴计划。建设算力。（牵头单位：市经信局；配合单位：市发改委、各区人民政府）", "实施算力伙伴计划", "1:市经信局 2:市发改委 2:各区人民政府"},
		{"lead-marked", "1.甲项工作。推进。（责任单位：市经信局（牵头）、市科技局）", "甲项工作", "1:市经信局 0:市科技局"},
		{"trailing-stop", "1.甲项工作。推进。（责任单位：市经信局）。", "甲项工作", "0:市经信局"},
		{"own-line", "1.甲项工作。推进工作落实。\n责任单位：市经信局、市科技局", "甲项工作", "0:市经信局 0:市科技局"},
		{"no-trailer", "1.甲项工作。推进（含试点）。", "甲项工作", ""},
		{"comma-no-title", "1.到2025年，全市建成一批平台。", "", ""},
		{"comma-no-title-more", "1.到2025年，全市建成一批平台。同时建设基地。", "", ""},
		{"long-comma-no-title", "1.坚持以应用场景建设带动技术迭代，推动发展。同时建设基地。", "", ""},
		{"parallel-phrases", "1.应用牵引,需求导向。坚持以应用场景建设带动技术迭代。", "应用牵引,需求导向", ""},
		{"parallel-phrases-full-width", "1.创新驱动，重点突破。发挥优势。", "创新驱动，重点突破", ""},
		{"heading-item", "（一）实施人工智能技术突破计划", "实施人工智能技术突破计划", ""},
		{"lead-comma-half-width", "1.坚持应用牵引,需求导向。坚持以应用场景建设带动技术迭代。", "坚持应用牵引,需求导向", ""},
		{"lead-comma-longer", "1.加快算力基础设施建设，夯实发展底座。建设智能计算中心。", "加快算力基础设施建设，夯实发展底座", ""},
		{"lead-comma-trailer", "1.强化数据要素供给，推动公共数据开放。（责任单位：市数据局）", "强化数据要素供给，推动公共数据开放", "0:市数据局"},
		{"lead-too-long", "1.坚持以应用场景建设带动技术迭代和产业发展，推动发展。同时建设基地。", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, "doc.txt", c.src)
			n := d.Root.Children[0]
			if n.Title != c.title {
				t.Errorf("Title = %q, want %q", n.Title, c.title)
			}
			var us []string
			for _, u := range n.Units {
				us = append(us, string(rune('0'+u.Role))+":"+u.Name)
			}
			if got := strings.Join(us, " "); got != c.units {
				t.Errorf("Units = %q, want %q", got, c.units)
			}
			if len(n.Units) > 0 {
				tr := string(d.Src[n.UnitsStart:n.UnitsEnd])
				if !strings.Contains(tr, n.Units[0].Name) || !strings.Contains(n.Text(), strings.TrimSpace(tr)) {
					t.Errorf("trailer range %q", tr)
				}
			}
		})
	}
}

func TestMarkdownTitle(t *testing.T) {
	cases := []struct{ src, want string }{
		{"# 武汉市促进人工智能产业发展若干措施\n## 一、总体要求\n## 二、主要措施\n", "一\n二"},
		{"# 第一章 总则\n第一条 甲。\n", "第一章\n第一章/第一条"},
		{"# 背景\n# 目标\n", "背景\n目标"},
		{"引言\n# 唯一标题\n", "唯一标题"},
	}
	for _, c := range cases {
		if got := paths(mustParse(t, "doc.md", c.src)); got != c.want {
			t.Errorf("%q:\n%s\nwant:\n%s", c.src, got, c.want)
		}
	}
}

func TestLang(t *testing.T) {
	if d := mustParse(t, "a.txt", "一、总体要求 (AI)\n"); d.Lang != LangZH {
		t.Errorf("Chinese: %v", d.Lang)
	}
	if d := mustParse(t, "a.txt", "Article 1 Scope\nThis Act applies to 武汉.\n"); d.Lang != LangEN {
		t.Errorf("English: %v", d.Lang)
	}
}

func TestParagraphLabels(t *testing.T) {
	d := mustParse(t, "law.txt", "第一章 总则\n第十二条 甲。\n乙：\n（一）丙；\n（二）丁。\n戊。\n")
	want := "第一章\n第一章/第十二条\n第一章/第十二条/第一款\n第一章/第十二条/第二款\n第一章/第十二条/第二款/（一）\n第一章/第十二条/第二款/（二）\n第一章/第十二条/第三款"
	if got := paths(d); got != want {
		t.Errorf("paths:\n%s\nwant:\n%s", got, want)
	}
	if n := d.Find("第十二条/第二款/(二)"); n == nil || n.Body() != "丁。" {
		t.Errorf("Find 第十二条/第二款/(二) = %v", n)
	}
	if got, want := d.Find("第十二条").FullText(), "第十二条 甲。\n乙：\n（一）丙；\n（二）丁。\n戊。"; got != want {
		t.Errorf("FullText = %q, want %q", got, want)
	}
	if got, want := d.Find("第十二条").Text(), "第十二条"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// TestLawPDF checks that the PDF extraction of the law parses to the same
// clauses with the same texts as the clean law, page furniture and hard
// wraps notwithstanding.
func TestLawPDF(t *testing.T) {
	read := func(name string) *Document {
		src, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return mustParse(t, name, string(src))
	}
	clean, pdf := read("law.txt"), read("law-pdf.txt")
	a, b := clean.Clauses(), pdf.Clauses()
	if len(a) != len(b) {
		t.Fatalf("%d clauses in law.txt, %d in law-pdf.txt", len(a), len(b))
	}
	edited := map[string]bool{"第二编/第三章/第一节/第八条": true, "第二编/第四章/第十一条": true}
	for i := range a {
		if a[i].Path() != b[i].Path() {
			t.Fatalf("clause %d: %s vs %s", i, a[i].Path(), b[i].Path())
		}
		if !edited[a[i].Path()] && a[i].Text() != b[i].Text() {
			t.Errorf("%s:\n clean %q\n pdf   %q", a[i].Path(), a[i].Text(), b[i].Text())
		}
	}
}

// hardWrap imitates a PDF extraction: lines cut every width characters, a
// footer and a form feed every 25 lines, a running header after each.
func hardWrap(src string, width int) string {
	var out []string
	for _, l := range strings.Split(src, "\n") {
		// Cut by display width, as a page cuts: CJK two columns, ASCII one.
		w, from := 0, 0
		for i, r := range l {
			cw := 2
			if r < 0x80 {
				cw = 1
			}
			if w+cw > 2*width {
				out = append(out, l[from:i])
				from, w = i, 0
			}
			w += cw
		}
		out = append(out, l[from:])
	}
	var b strings.Builder
	for i, l := range out {
		b.WriteString(l + "\n")
		if i%25 == 24 {
			b.WriteString("\n— " + string(rune('0'+i/25%10)) + " —\n\f\n武汉市人民政府文件\n")
		}
	}
	return b.String()
}

// TestHardWrapped checks that documents cut into lines of any width parse to
// the same clauses and texts (paragraph breaks aside) as the originals.
func TestHardWrapped(t *testing.T) {
	for _, file := range []string{"plan.txt", "law.txt"} {
		src, err := os.ReadFile("testdata/" + file)
		if err != nil {
			t.Fatal(err)
		}
		orig := mustParse(t, file, string(src))
		for _, width := range []int{24, 30, 37, 45} {
			t.Run(file+"/"+string(rune('0'+width/10))+string(rune('0'+width%10)), func(t *testing.T) {
				wrapped := mustParse(t, file, hardWrap(string(src), width))
				a, b := orig.Clauses(), wrapped.Clauses()
				if paths(orig) != paths(wrapped) {
					t.Fatalf("paths differ:\n%s", lineDiff(paths(orig), paths(wrapped)))
				}
				for i := range a {
					at := strings.ReplaceAll(a[i].Text(), "\n", "")
					bt := strings.ReplaceAll(b[i].Text(), "\n", "")
					if at != bt {
						t.Errorf("%s:\n orig    %q\n wrapped %q", a[i].Path(), at, bt)
					}
					if a[i].Title != b[i].Title || len(a[i].Units) != len(b[i].Units) {
						t.Errorf("%s: title %q/%q, %d/%d units", a[i].Path(), a[i].Title, b[i].Title, len(a[i].Units), len(b[i].Units))
					}
				}
			})
		}
	}
}

// firstInvalid is the reference for invalidUTF8: the offset of the first
// byte utf8.DecodeRune refuses, or -1.
func firstInvalid(p []byte) int {
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// FuzzInvalidUTF8 checks the word-at-a-time validator against the decoder,
// with the input also repeated so that 8-byte and 24-byte blocks are hit at
// every alignment.
func FuzzInvalidUTF8(f *testing.F) {
	for _, s := range []string{"", "abcdefghijklmnop", "推进智慧医疗多场景协同，建设智慧医疗服务平台。", "\xed\x9f\xbf한국어\xed\xa0\x80",
		"\xe0\xa0\x80\xe0\x80\x80", "全市总算力规模超过1500PFLOPS（１）", "一二三四五六七八\xe4\xb8", "\xef\xbf\xbf\xee\x80\x80\xec\xbf\xbf\xe1\x80\x80"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		for _, q := range [][]byte{p, bytes.Repeat(p, 9)} {
			if got, want := invalidUTF8(q), firstInvalid(q); got != want {
				t.Fatalf("invalidUTF8(%q) = %d, want %d", q, got, want)
			}
		}
	})
}

func TestInvalidUTF8Blocks(t *testing.T) {
	han := "推进智慧医疗多场景协同建设" // 13 characters: blocks and a tail
	for pre := 0; pre < 9; pre++ {
		base := strings.Repeat("a", pre) + han + han
		for i := 0; i < len(base); i++ {
			for _, c := range []byte{0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xe0, 0xed, 0xf0, 0xff} {
				b := []byte(base)
				b[i] = c
				if got, want := invalidUTF8(b), firstInvalid(b); got != want {
					t.Fatalf("invalidUTF8(%q) = %d, want %d", b, got, want)
				}
			}
		}
	}
}

// raggedWrap imitates a draft pasted from a web page: lines of sentences
// broken anywhere inside a sentence, at no fixed width, often after only a
// few characters. It never breaks after sentence-final punctuation or a
// closing bracket (where a line may end a 款), nor before a digit, a Latin
// letter, an opening bracket or "一、" (where a line may start a clause);
// English breaks between two lower-case words.
func raggedWrap(src string, seed uint32) string {
	next := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	var b strings.Builder
	for _, l := range strings.SplitAfter(src, "\n") {
		body := strings.TrimRight(l, "\n")
		r := []rune(body)
		if len(r) < 8 || !closesSentence([]byte(body)) {
			b.WriteString(l)
			continue
		}
		// Never inside the indentation or the marker: "第三条之一　".
		lead := 0
		for lead < len(r) && (r[lead] == ' ' || r[lead] == '\u3000') {
			lead++
		}
		gap := lead
		for gap < len(r) && gap < lead+8 && r[gap] != ' ' && r[gap] != '\u3000' {
			gap++
		}
		from, at := 0, gap+2+next(10)
		for at < len(r)-2 {
			prev, cur := r[at-1], r[at]
			if cur == ' ' && prev >= 'a' && prev <= 'z' && r[at+1] >= 'a' && r[at+1] <= 'z' {
				b.WriteString(string(r[from:at]) + "\n") // English: between two words
				from = at + 1
				at = from + 2 + next(12)
				continue
			}
			if strings.ContainsRune("。！？；：…）》”、，（\u3000 ", prev) || strings.ContainsRune("（(《“，。、；：）\u3000", cur) || cur < 0x80 || r[at+1] == '、' {
				at++ // no break here; try the next place
				continue
			}
			b.WriteString(string(r[from:at]) + "\n")
			from = at
			at = from + 2 + next(12)
		}
		b.WriteString(string(r[from:]) + l[len(body):])
	}
	return b.String()
}

// TestRaggedWrap checks that a law broken inside its sentences at random
// places parses to the same clauses and texts as the original: a short
// line of an article that stops mid-sentence does not end its 款.
func TestRaggedWrap(t *testing.T) {
	for _, file := range []string{"law.txt", "act.txt"} {
		src, err := os.ReadFile("testdata/" + file)
		if err != nil {
			t.Fatal(err)
		}
		orig := mustParse(t, file, string(src))
		for seed := uint32(1); seed <= 6; seed++ {
			wrapped := raggedWrap(string(src), seed)
			if seed == 1 && strings.Count(wrapped, "\n") < strings.Count(string(src), "\n")*2 {
				t.Fatalf("%s: too few breaks", file)
			}
			d := mustParse(t, file, wrapped)
			if paths(orig) != paths(d) {
				t.Fatalf("%s, seed %d: paths differ:\n%s", file, seed, lineDiff(paths(orig), paths(d)))
			}
			a, b := orig.Clauses(), d.Clauses()
			for i := range a {
				if a[i].Text() != b[i].Text() {
					t.Errorf("%s, seed %d, %s:\n orig    %q\n wrapped %q", file, seed, a[i].Path(), a[i].Text(), b[i].Text())
				}
			}
		}
	}
}
