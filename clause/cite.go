package clause

import "strings"

// citationPath turns a clause cited in prose, the way consultation reports
// cite them — 第三部分“建设内容”“(五)实施人工智能场景应用计划-推进智慧医疗多场景协同” —
// into a label path for the loose matcher: levels split at quotation marks,
// dashes and slashes, and a bare number joined with the title that follows
// it (第三部分 + 建设内容 → 第三部分建设内容). It returns "" when the citation
// has no such punctuation, so nothing new would be tried.
func citationPath(s string) string {
	if !strings.ContainsAny(s, citeSeps) {
		return ""
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(citeSeps, r) })
	var levels []string
	for _, p := range parts {
		p = strings.Trim(p, " \t\u3000,，、。;；:：")
		if p == "" {
			continue
		}
		if n := len(levels); n > 0 && bareMarker(levels[n-1]) && !startsWithMarker(p) && !numberish(p) {
			levels[n-1] += p
			continue
		}
		levels = append(levels, p)
	}
	return strings.Join(levels, "/")
}

// citeSeps are the characters that separate levels in a prose citation.
const citeSeps = "“”\"‘’'「」『』-－—–/"

// bareMarker reports whether s is a clause number and nothing else: 第三部分, (五), 三、.
func bareMarker(s string) bool {
	m, ok := lexMarker([]byte(s))
	return ok && m.end == len(s)
}

// startsWithMarker reports whether s opens with a clause number.
func startsWithMarker(s string) bool {
	_, ok := lexMarker([]byte(s))
	return ok
}

// numberish reports whether s is made only of digits, numerals and
// numbering punctuation: a level of its own ("2", "（五）"), never a title.
func numberish(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789０１２３４５６７８９零〇一二三四五六七八九十百千两()（）.．、第条款项目章节编部分之 ", r) {
			return false
		}
	}
	return true
}

// A citeStep is one level of a citation as lawyers write it: 第三条, 第一款,
// 第（一）项, § 2, Abs. 1, Nr. 3, Art. 5, (1), (a), Section 3.3.1.
type citeStep struct {
	class citeClass
	kind  Kind   // for citeStructural: the clause kind
	num   Number // the number cited (Sub: 之一, 5a)
	label string // for citeDecimal: the folded label, "3.3.1"
	kuan  bool   // a 款: the first 款 of an article without 款 is the article
}

// citeClass says which clauses a step may name.
type citeClass uint8

const (
	citeStructural citeClass = iota // 编 部分 章 节 条, Part, Chapter, Article, §
	citePara                        // 款, Abs., paragraph, (1) after an article
	citeItem                        // 项, Nr., point 3, item 3
	citeSubItem                     // 目
	citeLetter                      // Buchst. a, lit. a, (a), a)
	citeNumber                      // a bare number in a path: 7, (1)
	citeDecimal                     // Section 3.3.1, 3.3.1
)

// maxCiteSteps bounds a citation's levels (and so the work of matching it).
const maxCiteSteps = 12

// parseCitation reads a citation in any of the forms lawyers write —
// 第三条第一款, 第二十一条第二款第（一）项, 第一章第三条, 第3条, 第 3 条,
// 第三条之一, § 2 Abs. 1 Nr. 3, § 2 Absatz 1, §2/(1)/7, Art. 5(1)(a),
// Article 5, paragraph 1, Section 3.3.1 — into its levels. ok is false
// when s is not wholly such a citation.
func parseCitation(s string) (steps []citeStep, ok bool) {
	b := []byte(foldCite(s))
	i := 0
	for {
		i = skipCiteSeps(b, i)
		if i >= len(b) {
			break
		}
		if len(steps) == maxCiteSteps {
			return nil, false
		}
		st, n := citeStepAt(b[i:], steps)
		if n == 0 {
			return nil, false
		}
		steps = append(steps, st)
		i += n
	}
	return steps, len(steps) > 0
}

// foldCite folds full-width ASCII to half-width and the ideographic and
// no-break spaces to spaces. Case stays: words match without it, but a
// single-letter numbering keeps it (Part I is not Part i).
func foldCite(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == '\u3000' || r == '\u00a0' || r == '\t':
			r = ' '
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// skipCiteSeps skips what separates the levels of a citation: spaces,
// commas, 、 and the slashes of a label path.
func skipCiteSeps(b []byte, i int) int {
	for i < len(b) {
		switch {
		case b[i] == ' ' || b[i] == ',' || b[i] == '/' || b[i] == ';':
			i++
		case strings.HasPrefix(string(b[i:]), "、"), strings.HasPrefix(string(b[i:]), "，"):
			i += 3
		default:
			return i
		}
	}
	return i
}

// cnUnits are the words after 第N in a Chinese citation.
var cnUnits = [...]struct {
	w     string
	kind  Kind
	class citeClass
}{
	{"分编", KindBian, citeStructural},
	{"编", KindBian, citeStructural},
	{"部分", KindPart, citeStructural},
	{"章", KindChapter, citeStructural},
	{"节", KindSection, citeStructural},
	{"条", KindArticle, citeStructural},
	{"款", KindParagraph, citePara},
	{"项", KindCNParen, citeItem},
	{"目", KindArabic, citeSubItem},
}

// enCiteWords are the words that name a level in German and English
// citations (folded to lower case), longest first where one prefixes another.
var enCiteWords = [...]struct {
	w     string
	kind  Kind
	class citeClass
}{
	{"§", KindSection, citeStructural},
	{"articles", KindArticle, citeStructural},
	{"article", KindArticle, citeStructural},
	{"artikel", KindArticle, citeStructural},
	{"art.", KindArticle, citeStructural},
	{"art", KindArticle, citeStructural},
	{"chapter", KindChapter, citeStructural},
	{"kapitel", KindChapter, citeStructural},
	{"part", KindPart, citeStructural},
	{"teil", KindPart, citeStructural},
	{"section", KindSection, citeStructural},
	{"sec.", KindSection, citeStructural},
	{"annex", KindAnnex, citeStructural},
	{"appendix", KindAnnex, citeStructural},
	{"anhang", KindAnnex, citeStructural},
	{"absatz", KindParagraph, citePara},
	{"abs.", KindParagraph, citePara},
	{"subparagraph", KindParagraph, citePara},
	{"paragraph", KindParagraph, citePara},
	{"para.", KindParagraph, citePara},
	{"¶", KindParagraph, citePara},
	{"nummer", KindArabic, citeItem},
	{"nr.", KindArabic, citeItem},
	{"no.", KindArabic, citeItem},
	{"point", KindArabic, citeItem},
	{"item", KindArabic, citeItem},
	{"buchstabe", KindLatinParen, citeLetter},
	{"buchst.", KindLatinParen, citeLetter},
	{"lit.", KindLatinParen, citeLetter},
}

// citeStepAt reads one level at the start of b (folded by foldCite) and
// returns it with its byte length, 0 when b starts with no level. before
// are the levels read so far: "(1)" after an article is its paragraph.
func citeStepAt(b []byte, before []citeStep) (citeStep, int) {
	s := string(b)
	if strings.HasPrefix(s, "第") {
		return cnCiteStep(b)
	}
	for _, w := range enCiteWords {
		if len(b) < len(w.w) || !equalFoldASCII(b[:len(w.w)], w.w) {
			continue
		}
		i := len(w.w)
		sp := skipSpaces(b, i)
		if sp == i && w.w[len(w.w)-1] != '.' && w.w != "§" && w.w != "¶" {
			continue // "parts", "articles 5": a word, not this level
		}
		st, n := citeValue(b[sp:], w.class, w.kind)
		if n == 0 {
			return citeStep{}, 0
		}
		return st, sp + n
	}
	class := citeNumber
	if k := len(before); k > 0 && before[k-1].class == citeStructural && (before[k-1].kind == KindArticle || before[k-1].kind == KindSection) && before[k-1].label == "" {
		class = citePara // Art. 5(1), § 2 (1)
	} else if k > 0 && before[k-1].class == citePara {
		class = citeItem // Art. 5(1)(a): the point
	}
	st, n := citeValue(b, class, 0)
	if n > 0 && st.class != citeLetter && strings.HasPrefix(s[n:], "项") {
		st.class, st.kind, n = citeItem, KindCNParen, n+len("项")
	}
	return st, n
}

// cnCiteStep reads 第N条[之M], 第N款, 第（N）项, 第 3 条 ….
func cnCiteStep(b []byte) (citeStep, int) {
	i := skipSpaces(b, len("第"))
	paren := false
	if o := openParenAt(b[i:]); o > 0 {
		paren, i = true, i+o
	}
	v, n, ok := parseCNNumber(b[i:])
	if !ok {
		if v, n, ok = parseArabic(b[i:], 4); !ok {
			return citeStep{}, 0
		}
	}
	i += n
	if paren {
		c := closeParenAt(b[i:])
		if c == 0 {
			return citeStep{}, 0
		}
		i += c
	}
	i = skipSpaces(b, i)
	for _, u := range cnUnits {
		if !strings.HasPrefix(string(b[i:]), u.w) {
			continue
		}
		if paren && u.class != citeItem && u.class != citeSubItem {
			return citeStep{}, 0
		}
		st := citeStep{class: u.class, kind: u.kind, num: Number{Value: v, Valid: true}, kuan: u.class == citePara}
		i += len(u.w)
		if u.kind == KindArticle && strings.HasPrefix(string(b[i:]), "之") {
			sub, sn, subOK := parseCNNumber(b[i+len("之"):])
			if !subOK {
				sub, sn, subOK = parseArabic(b[i+len("之"):], 3)
			}
			if subOK {
				st.num.Sub, i = sub, i+len("之")+sn
			}
		}
		return st, i
	}
	return citeStep{}, 0
}

// citeValue reads the number of a level: 5, 5a, 1a, a, aa, iv (roman only
// for parts and chapters), (1), (a), 1., a), 3.3.1 for sections.
func citeValue(b []byte, class citeClass, kind Kind) (citeStep, int) {
	i, paren := 0, false
	if o := openParenAt(b); o > 0 {
		paren, i = true, o
	}
	st := citeStep{class: class, kind: kind}
	if v, n, ok := parseArabic(b[i:], 4); ok {
		i += n
		st.num = Number{Value: v, Valid: true}
		if (class == citeStructural || class == citeNumber) && !paren && i+1 < len(b) && b[i] == '.' && b[i+1] >= '0' && b[i+1] <= '9' {
			// Section 3.3.1: a decimal label.
			j := i
			for j+1 < len(b) && b[j] == '.' && b[j+1] >= '0' && b[j+1] <= '9' {
				j++
				for j < len(b) && b[j] >= '0' && b[j] <= '9' {
					j++
				}
			}
			st.class, st.label, i = citeDecimal, string(b[:j]), j
		} else if i < len(b) && b[i] >= 'a' && b[i] <= 'z' && (i+1 == len(b) || !isASCIILetter(b[i+1])) {
			st.num.Sub, i = int(b[i]-'a')+1, i+1 // § 3a, Nr. 1a
		}
	} else if v, n, ok := parseCNNumber(b[i:]); ok && (paren || class != citeLetter) {
		i += n
		st.num = Number{Value: v, Valid: true}
		switch {
		case paren && (class == citeNumber || class == citePara || class == citeItem):
			st.class, st.kind = citeItem, KindCNParen // （一）
		case class == citeNumber:
			st.kind = KindCNNum // 三、
		}
	} else {
		j := i
		for j < len(b) && isASCIILetter(b[j]) && j-i < 8 {
			j++
		}
		if j == i || j < len(b) && isASCIILetter(b[j]) {
			return citeStep{}, 0
		}
		letters := b[i:j]
		if rv, roman := romanValue(letters); roman && letters[0] <= 'Z' && (kind == KindPart || kind == KindChapter || kind == KindAnnex && len(letters) > 1) {
			st.num = Number{Value: rv, Valid: true}
		} else if kind == KindAnnex && len(letters) == 1 && letters[0] <= 'Z' {
			st.num = Number{Value: int(letters[0]-'A') + 1, Valid: true} // Appendix A
		} else if isRepeatedLetter(letters) {
			// a, b … z; aa, bb … as German statutes write sub-items.
			st.class, st.kind, st.label = citeLetter, KindLatinParen, string(letters)
			st.num = Number{Value: int(letters[0]-'a') + 1, Valid: true}
		} else {
			return citeStep{}, 0
		}
		i = j
	}
	if paren {
		c := closeParenAt(b[i:])
		if c == 0 {
			return citeStep{}, 0
		}
		i += c
	} else if i < len(b) && (b[i] == ')' || b[i] == '.') {
		i++ // a), 1.
	}
	return st, i
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isRepeatedLetter reports whether b is one letter written once or more: a, aa, bbb.
func isRepeatedLetter(b []byte) bool {
	for _, c := range b {
		if c != b[0] || c < 'a' || c > 'z' {
			return false
		}
	}
	return len(b) > 0 && len(b) <= 3
}

// findCitation returns the clauses a citation names, in document order:
// the clauses that match its first level anywhere in the document, then,
// level by level, the nearest descendants of those that match the next.
// A 第一款 of an article that has no 款 is the article itself.
func (d *Document) findCitation(steps []citeStep) []*Node {
	var cur []*Node
	var collect func(n *Node, st citeStep)
	collect = func(n *Node, st citeStep) {
		for _, c := range n.Children {
			if st.matches(c) {
				cur = append(cur, c)
				continue
			}
			collect(c, st)
		}
	}
	collect(d.Root, steps[0])
	for _, st := range steps[1:] {
		prev := cur
		cur = nil
		for _, p := range prev {
			if st.kuan && st.num.Value == 1 && st.num.Sub == 0 && !hasKind(p, KindParagraph) {
				cur = append(cur, p)
				continue
			}
			collect(p, st)
		}
		if len(cur) == 0 {
			return nil
		}
	}
	return cur
}

func hasKind(n *Node, k Kind) bool {
	for _, c := range n.Children {
		if c.Kind == k {
			return true
		}
	}
	return false
}

// matches reports whether clause n is the one a step names.
func (st citeStep) matches(n *Node) bool {
	if st.class == citeDecimal {
		l := strings.ToLower(normLevel(n.Label()))
		l = strings.TrimPrefix(strings.TrimPrefix(l, "section "), "sec. ")
		return l == st.label
	}
	// A 款 is unnumbered in the text, but counted: Num.Value is its place.
	if !n.Num.Valid && n.Kind != KindParagraph || n.Num.Value != st.num.Value || n.Num.Sub != st.num.Sub {
		return false
	}
	switch st.class {
	case citeStructural:
		if st.kind == KindSection && n.Kind == KindArticle || st.kind == KindArticle && n.Kind == KindSection && strings.Contains(n.Marker, "§") {
			return true // § and Article name one level
		}
		return n.Kind == st.kind
	case citePara:
		switch n.Kind {
		case KindParagraph, KindArabicParen, KindArabic, KindListItem:
			return true
		}
	case citeItem:
		if st.kind == KindCNParen {
			return n.Kind == KindCNParen || n.Kind == KindArabicParen
		}
		switch n.Kind {
		case KindArabic, KindArabicParen, KindListItem, KindCNParen:
			return true
		}
	case citeSubItem:
		return n.Kind == KindArabic || n.Kind == KindArabicParen || n.Kind == KindListItem
	case citeLetter:
		// a names a) or (a), aa names aa): the letter and how often it is written.
		return n.Kind == KindLatinParen && strings.Trim(baseLabel(n), "()（） ") == st.label
	case citeNumber:
		if st.kind != 0 {
			return n.Kind == st.kind
		}
		switch n.Kind {
		case KindParagraph, KindArabicParen, KindArabic, KindListItem, KindCNParen, KindCNNum, KindCircled, KindRomanParen:
			return true
		}
	}
	return false
}
