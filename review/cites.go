package review

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
)

// Renumbering is what a conforming amendment does to a document's
// citations of itself when clauses are inserted or deleted: for each way
// its numbered clauses are cited, each old number → its new one (the
// clause pairing's). A number whose clauses were paired to different new
// numbers (sections numbered anew in each part) is left out.
type Renumbering struct {
	Articles map[int]int // 第X条, Article 5, Art. 5, Artikel 5
	Sections map[int]int // Section 5, sec. 5; § 5 when SectionSign
	// SectionSign: the document numbers its sections § 5, so § 5 and
	// §§ 5–7 cite them (elsewhere a § cites another code).
	SectionSign bool
}

func (rn Renumbering) empty() bool { return len(rn.Articles) == 0 && len(rn.Sections) == 0 }

// renumbering reads r's Renumbering from its pairs: articles (第X条,
// Article 5) and the sections of documents that number their clauses
// Section 5 or § 5 (a Chinese 第一节 groups articles and is not cited so).
func renumbering(r *diff.Result) Renumbering {
	rn := Renumbering{Articles: map[int]int{}, Sections: map[int]int{}}
	clash := map[*map[int]int]map[int]bool{}
	for _, p := range r.Pairs {
		o, n := p.Old, p.New
		if o == nil || n == nil || o.Kind != n.Kind || !o.Num.Valid || !n.Num.Valid || o.Num.Sub != 0 || n.Num.Sub != 0 {
			continue
		}
		var m *map[int]int
		switch {
		case o.Kind == clause.KindArticle:
			m = &rn.Articles
		case o.Kind == clause.KindSection && !strings.Contains(o.Marker, "第"):
			m = &rn.Sections
			rn.SectionSign = rn.SectionSign || strings.Contains(o.Marker, "§")
		default:
			continue
		}
		if w, ok := (*m)[o.Num.Value]; ok && w != n.Num.Value {
			if clash[m] == nil {
				clash[m] = map[int]bool{}
			}
			clash[m][o.Num.Value] = true
		}
		(*m)[o.Num.Value] = n.Num.Value
	}
	for m, vs := range clash {
		for v := range vs {
			delete(*m, v)
		}
	}
	return rn
}

// CitesRenumbered reports whether newText is oldText with only the
// document's citations of its own articles and sections renumbered as
// those clauses were (renum), at least one of them changed: 民事诉讼法 2023
// inserted four articles before 第二百四十九条, and 本法第二百四十九条、第二百五十条
// became 本法第二百五十三条、第二百五十四条; an act that inserts an Article 2
// turns "as provided in Article 2" into "as provided in Article 3" — an
// editorial consequence, not a change of substance. Chinese citations
// (第X条, in Chinese or Arabic numerals) and English or German ones
// (Article 5, Art. 5(1)(a), Articles 3 and 4, Articles 3 to 5, section
// 5(2), § 5, §§ 5–7 where the document's sections are § 5) are read. A
// citation of another law is left alone: after a title in 《》, or
// followed by "of" and anything but this document or one of its own
// clauses (Article 5 of Regulation (EU) 2016/679, but Article 4 of this
// Act), by des/der (§ 2 des Arzneimittelgesetzes) or by a code's initials
// (§ 2 AMG, Article 5 GDPR) — and with it every citation joined to it (§ 11
// oder § 12 des Arzneimittelgesetzes). A range whose span the renumbering
// changed (Articles 3 to 5 when an article was inserted after Article 3)
// no longer names the same clauses and is no such consequence. Formatting
// differences (width, white space) are allowed as elsewhere.
func CitesRenumbered(oldText, newText string, renum Renumbering) bool {
	if oldText == newText || renum.empty() {
		return false
	}
	got, ok := renum.rewrite(oldText)
	if !ok {
		return false
	}
	return got == newText || diff.FormattingOnly(got, newText)
}

// rewrite returns s with its citations of the document's own clauses
// renumbered; ok is false when none changed or a cited range changed span.
func (rn Renumbering) rewrite(s string) (string, bool) {
	w := citeWriter{rn: rn, s: s}
	for i := 0; i < len(s); {
		end := i
		switch c := s[i]; {
		case c == 0xE7 && strings.HasPrefix(s[i:], "第"):
			end = w.chinese(i)
		case c == 0xC2 && strings.HasPrefix(s[i:], "§"), isASCIILetter(c) && (i == 0 || !isWordByte(s[i-1])):
			end = w.english(i)
		}
		if end > i {
			i = end
		} else {
			i++
		}
	}
	if w.bad || !w.changed {
		return "", false
	}
	w.out.WriteString(s[w.pos:])
	return w.out.String(), true
}

// citeWriter builds the rewritten text: s[:pos] is written to out.
type citeWriter struct {
	rn      Renumbering
	s       string
	out     strings.Builder
	pos     int
	changed bool
	bad     bool
}

// cite is one cited number: s[start:end], its value, the renumbering of
// its kind of clause, how to write it anew, and whether a range (至, to,
// bis, –) joins it to the cite before it.
type cite struct {
	start, end, v int
	m             map[int]int
	cn            bool // a Chinese numeral
	ranged        bool
}

// apply writes the renumbered cites of one citation of the document's
// own clauses.
func (w *citeWriter) apply(cs []cite) {
	for k, c := range cs {
		if c.m == nil {
			continue
		}
		nv, ok := c.m[c.v]
		if !ok {
			continue
		}
		if c.ranged && k > 0 && cs[k-1].m != nil {
			p := cs[k-1]
			if pv, ok := p.m[p.v]; !ok || nv-pv != c.v-p.v {
				w.bad = true
			}
		}
		if nv == c.v {
			continue
		}
		w.changed = true
		w.out.WriteString(w.s[w.pos:c.start])
		if c.cn {
			w.out.WriteString(clause.Numeral(nv))
		} else {
			w.out.WriteString(strconv.Itoa(nv))
		}
		w.pos = c.end
	}
}

// chinese reads the citation that starts with the 第 at s[i] — 第X条,
// with its 款, 项 and 目 and the citations joined to it by 、 和 或 及 至 —
// renumbers its articles unless a title in 《》 comes before it, and
// returns its end (i when s[i:] cites nothing).
func (w *citeWriter) chinese(i int) int {
	s := w.s
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	foreign := prev == '》' || prev == '〉'
	var cs []cite
	end, ranged := i, false
	for {
		c, unit, e := cnCiteAt(s, end)
		if e < 0 {
			break
		}
		if unit == "条" {
			c.m, c.ranged = w.rn.Articles, ranged && len(cs) > 0
		}
		cs = append(cs, c)
		end = e
		gap := end
		for _, r := range []string{"以及", "、", "和", "或", "及", "至", "到"} {
			if strings.HasPrefix(s[end:], r) {
				gap = end + len(r)
				ranged = r == "至" || r == "到"
				break
			}
		}
		if gap == end {
			ranged = false
		}
		if !strings.HasPrefix(s[gap:], "第") {
			break
		}
		end = gap
	}
	if len(cs) == 0 {
		return i
	}
	if !foreign {
		w.apply(cs)
	}
	return end
}

// cnCiteAt reads 第X条 (第X款, 第（X）项 …) at s[i:]: the number, its unit
// and the end; end is -1 when s[i:] is no such citation. A number followed
// by 之 (第十条之一) cites an inserted article and is read as no number.
func cnCiteAt(s string, i int) (c cite, unit string, end int) {
	if !strings.HasPrefix(s[i:], "第") {
		return c, "", -1
	}
	j := i + len("第")
	paren := ""
	for _, o := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if strings.HasPrefix(s[j:], o[0]) {
			paren, j = o[1], j+len(o[0])
		}
	}
	v, numEnd, arabic := cnNumberAt(s, j)
	if numEnd < 0 {
		return c, "", -1
	}
	c = cite{start: j, end: numEnd, v: v, cn: !arabic}
	j = numEnd
	if paren != "" {
		if !strings.HasPrefix(s[j:], paren) {
			return c, "", -1
		}
		j += len(paren)
	}
	for _, u := range []string{"条", "款", "项", "目", "章", "节", "编", "部分"} {
		if strings.HasPrefix(s[j:], u) {
			if u == "条" && strings.HasPrefix(s[j+len(u):], "之") {
				u = "条之"
			}
			return c, u, j + len(strings.TrimSuffix(u, "之"))
		}
	}
	return c, "", -1
}

// cnNumberAt reads a numeral at s[i:] (Chinese, or Arabic digits, half or
// full width); end is -1 when there is none.
func cnNumberAt(s string, i int) (v, end int, arabic bool) {
	j := i
	digits, cn := 0, false
	for j < len(s) && digits <= 99999 {
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case r >= '0' && r <= '9':
			digits = digits*10 + int(r-'0')
			arabic = true
		case r >= '０' && r <= '９':
			digits = digits*10 + int(r-'０')
			arabic = true
		case strings.ContainsRune("〇零一二两三四五六七八九十百千", r):
			cn = true
		default:
			w = 0
		}
		if w == 0 {
			break
		}
		j += w
	}
	if j == i || arabic == cn {
		return 0, -1, false
	}
	if arabic {
		return digits, j, true
	}
	v, ok := clause.NumeralValue(s[i:j])
	if !ok {
		return 0, -1, false
	}
	return v, j, false
}

// enCiteWords name the clauses an English or German citation numbers,
// longest first where one prefixes another; plural ones take a list
// (Articles 3 and 4, §§ 5–7).
var enCiteWords = [...]struct {
	w       string
	section bool // a section, else an article
	plural  bool
}{
	{"§§", true, true},
	{"§", true, false},
	{"articles", false, true},
	{"article", false, false},
	{"artikel", false, true},
	{"arts.", false, true},
	{"art.", false, false},
	{"sections", true, true},
	{"section", true, false},
	{"secs.", true, true},
	{"sec.", true, false},
}

// english reads the citation that starts at s[i] — Article 5, Art. 5(1)(a),
// Articles 3 to 5, section 5(2), § 2 Abs. 1, §§ 5–7, and those joined to
// it (Article 3 or Article 4, § 11 oder § 12) — renumbers its numbers
// unless it cites another law, and returns its end (i when s[i:] cites
// nothing).
func (w *citeWriter) english(i int) int {
	var cs []cite
	end, pos := i, i
	for {
		e, g := w.enGroup(pos)
		if e < 0 {
			break
		}
		cs, end = append(cs, g...), e
		j := skipSpace(w.s, end)
		k := wordAt(w.s, j, ",", "and", "or", "und", "oder", "sowie", "as well as")
		if k < 0 {
			break
		}
		if k2 := wordAt(w.s, skipSpace(w.s, k), "and", "or"); k2 > 0 {
			k = k2 // ", and Article 4"
		}
		pos = skipSpace(w.s, k)
	}
	if len(cs) == 0 {
		return i
	}
	if !foreignAfter(w.s, end) {
		w.apply(cs)
	}
	return end
}

// enGroup reads one word's citation at s[i:]: the word, its number or
// (plural) list of numbers, and the levels below each (5(1)(a), § 2 Abs.
// 1 Nr. 3, Article 5, paragraph 1). end is -1 when s[i:] is none.
func (w *citeWriter) enGroup(i int) (end int, cs []cite) {
	s := w.s
	for _, cw := range enCiteWords {
		j := i + len(cw.w)
		if j > len(s) || !strings.EqualFold(s[i:j], cw.w) {
			continue
		}
		if last := cw.w[len(cw.w)-1]; isASCIILetter(last) && (j == len(s) || !isSpaceAt(s, j)) {
			return -1, nil // "articles5", "sectional"
		}
		var m map[int]int
		switch {
		case !cw.section:
			m = w.rn.Articles
		case cw.w[0] != 0xC2 || w.rn.SectionSign:
			m = w.rn.Sections
		}
		j = skipSpace(s, j)
		end, ranged := -1, false
		for {
			v, numEnd, tokEnd, ok := enNumberAt(s, j)
			if !ok {
				break
			}
			c := cite{start: j, end: numEnd, v: v, ranged: ranged}
			if numEnd == tokEnd {
				c.m = m // 5a, 3.3.1: not a number the pairing gives
			}
			cs = append(cs, c)
			end = enTail(s, tokEnd)
			if !cw.plural {
				break
			}
			k := skipSpace(s, end)
			k2 := wordAt(s, k, ",", "and", "or", "to", "through", "bis", "und", "oder", "-", "–", "—")
			if k2 < 0 {
				break
			}
			ranged = !strings.Contains(",andorundoder", strings.ToLower(s[k:k2]))
			if k3 := wordAt(s, skipSpace(s, k2), "and", "or"); k3 > 0 && s[k:k2] == "," {
				k2 = k3
			}
			j = skipSpace(s, k2)
		}
		return end, cs
	}
	return -1, nil
}

// enNumberAt reads the number at s[i:]: its value, the end of its digits
// and of the whole token, which goes on past them for 5a and 3.3.1.
func enNumberAt(s string, i int) (v, numEnd, tokEnd int, ok bool) {
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-i < 5 {
		v = v*10 + int(s[j]-'0')
		j++
	}
	if j == i || j < len(s) && s[j] >= '0' && s[j] <= '9' {
		return 0, 0, 0, false
	}
	k := j
	switch {
	case k < len(s) && isASCIILetter(s[k]):
		if k+1 < len(s) && isWordByte(s[k+1]) {
			return 0, 0, 0, false // 5th, 3rd
		}
		k++ // 5a
	case k+1 < len(s) && s[k] == '.' && s[k+1] >= '0' && s[k+1] <= '9':
		for k+1 < len(s) && s[k] == '.' && s[k+1] >= '0' && s[k+1] <= '9' {
			k++
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
		}
	}
	return v, j, k, true
}

// enLevels are the words of the levels below an article or section.
var enLevels = []string{"subparagraph", "paragraph", "para.", "points", "point", "item", "sentence", "subsection", "subsec.",
	"absatz", "abs.", "satz", "nummer", "nr.", "buchstabe", "buchst.", "lit."}

// enTail skips the levels after a cited number: (1)(a), (2), Abs. 1 Nr. 3,
// ", paragraph 1, point (a)".
func enTail(s string, i int) int {
	for {
		j := skipSpace(s, i)
		if j < len(s) && s[j] == '(' {
			k := j + 1
			for k < len(s) && k-j <= 6 && (isASCIILetter(s[k]) || s[k] >= '0' && s[k] <= '9') {
				k++
			}
			if k > j+1 && k < len(s) && s[k] == ')' {
				i = k + 1
				continue
			}
			return i
		}
		if j < len(s) && s[j] == ',' {
			j = skipSpace(s, j+1)
		}
		k := wordAt(s, j, enLevels...)
		if k < 0 {
			return i
		}
		k = skipSpace(s, k)
		t := k
		for t < len(s) && t-k < 8 && (isASCIILetter(s[t]) || s[t] >= '0' && s[t] <= '9' || s[t] == '(' || s[t] == ')') {
			t++
		}
		if t == k {
			return i
		}
		i = t
	}
}

// foreignAfter reports whether what follows a citation at s[i:] says it
// cites another law: "of" and anything but this document or a level of it
// (of Regulation (EU) 2016/679, not of this Act, of Chapter II), des or
// der (§ 2 des Arzneimittelgesetzes), or a code's initials (§ 2 AMG,
// Article 5 GDPR).
func foreignAfter(s string, i int) bool {
	for {
		j := skipSpace(s, i)
		k := wordAt(s, j, "of", "des", "der")
		if k < 0 {
			t := j
			for t < len(s) && s[t] >= 'A' && s[t] <= 'Z' {
				t++
			}
			return t-j >= 2 && (t == len(s) || !isWordByte(s[t]))
		}
		k = skipSpace(s, k)
		if wordAt(s, k, "this", "these", "the present", "dieses", "dieser") > 0 {
			return false
		}
		l := wordAt(s, k, "chapter", "part", "title", "division", "article", "section", "annex", "schedule", "kapitel", "abschnitt", "teil", "§")
		if l < 0 {
			return true
		}
		l = skipSpace(s, l)
		t := l
		for t < len(s) && (isASCIILetter(s[t]) || s[t] >= '0' && s[t] <= '9') {
			t++
		}
		if t == l {
			return true
		}
		i = enTail(s, t)
	}
}

// wordAt returns the end of the first of words (ASCII case folded) at
// s[i:] that a letter does not go on from, or -1.
func wordAt(s string, i int, words ...string) int {
	for _, wd := range words {
		j := i + len(wd)
		if j > len(s) || !strings.EqualFold(s[i:j], wd) {
			continue
		}
		if isASCIILetter(wd[len(wd)-1]) && j < len(s) && isWordByte(s[j]) {
			continue
		}
		return j
	}
	return -1
}

// skipSpace skips spaces, line breaks and no-break spaces.
func skipSpace(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r':
			i++
		case strings.HasPrefix(s[i:], "\u00a0"):
			i += len("\u00a0")
		case strings.HasPrefix(s[i:], "\u202f"):
			i += len("\u202f")
		default:
			return i
		}
	}
	return i
}

func isSpaceAt(s string, i int) bool { return skipSpace(s, i) > i }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isWordByte(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' }
