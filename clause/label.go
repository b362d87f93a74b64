package clause

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// repeatSep joins a label that repeats among its siblings to the count
// that tells it apart: the second clause labelled 1 in § 3 is 1~2.
const repeatSep = "~"

// labelOf is Node.Label: the numbering as written, and when the text itself
// repeats it among the clause's siblings (three lists in one §), "~" and
// the clause's place among those that share it: 1, 1~2, 1~3.
func labelOf(n *Node) string {
	if n == nil {
		return ""
	}
	if n.rep > 0 {
		return baseLabel(n) + repeatSep + strconv.Itoa(int(n.rep)+1)
	}
	return baseLabel(n)
}

// markRepeats sets rep and repeated for the children of every clause whose
// labels (folded by normLevel) repeat among their siblings. Numbered
// siblings that count up cannot repeat, so only the rare parent whose
// children restart a count (or are unnumbered) has its labels compared.
func markRepeats(d *Document) {
	var seen map[string]int32
	var visit func(n *Node)
	visit = func(n *Node) {
		if mayRepeat(n.Children) {
			if seen == nil {
				seen = map[string]int32{}
			}
			clear(seen)
			for _, c := range n.Children {
				l := normLevel(baseLabel(c))
				k, dup := seen[l]
				seen[l] = k + 1
				if dup {
					c.rep, c.repeated = k, true
				}
			}
			for _, c := range n.Children {
				if c.rep == 0 && seen[normLevel(baseLabel(c))] > 1 {
					c.repeated = true
				}
			}
		}
		for _, c := range n.Children {
			visit(c)
		}
	}
	visit(d.Root)
}

// mayRepeat reports whether two of cs might share a label: false when each
// is numbered and counts up from the last before it of the same kind.
func mayRepeat(cs []*Node) bool {
	if len(cs) < 2 {
		return false
	}
	var last [32]Number
	var seen [32]bool
	for _, c := range cs {
		if !c.Num.Valid && c.Kind != KindParagraph || int(c.Kind) >= len(last) {
			return true // unnumbered: labelled by its title
		}
		k := c.Kind
		if p := last[k]; seen[k] && (c.Num.Value < p.Value || c.Num.Value == p.Value && c.Num.Sub <= p.Sub) {
			return true
		}
		last[k], seen[k] = c.Num, true
	}
	return false
}

// baseLabel is the label as written, without the repeat count.
func baseLabel(n *Node) string {
	switch n.Kind {
	case KindDocument:
		return ""
	case KindParagraph:
		if n.doc != nil && n.doc.Lang == LangEN {
			return "¶" + strconv.Itoa(n.Num.Value)
		}
		return "第" + cnNumeral(n.Num.Value) + "款"
	case KindHeading:
		if n.Title != "" {
			return n.Title
		}
		return strings.TrimSpace(n.Marker)
	case KindListItem:
		if !n.Num.Valid {
			return "•" + strconv.Itoa(n.Num.Value)
		}
	}
	s := n.Marker
	if strings.HasPrefix(s, "#") {
		s = strings.TrimLeft(s, "#")
	}
	return trimLabel(s)
}

// trimLabel strips surrounding white space and trailing separators:
// "一、" → "一", "1." → "1", "Article 5." → "Article 5", "附件1：" → "附件1".
func trimLabel(s string) string {
	s = trim(s)
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '、', '.', '．', ':', '：', '—', '–', ' ', '\t', '\u3000':
			s = s[:len(s)-size]
			continue
		}
		break
	}
	return trim(s)
}

// bodyOf is Node.Body.
func bodyOf(n *Node) string {
	if n == nil || n.doc == nil {
		return ""
	}
	if n.tail != nil {
		return n.tail.body
	}
	if d := n.doc; d.cleaned {
		return d.clean[n.blo:n.thi]
	}
	return strings.TrimSpace(strings.TrimPrefix(n.Text(), n.Marker))
}

// NormLabel folds a label path for matching, level by level: full-width
// ASCII (（）１．：) to half-width, the ideographic space to a space,
// zero-width characters dropped, runs of spaces to one, and surrounding
// space and trailing 、 . ． : ： stripped. So 二/(二)/1, 二/（二）/1 and
// 二、/（二）/1. all fold to 二/(二)/1.
func NormLabel(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	levels := strings.Split(s, "/")
	for i, lv := range levels {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(normLevel(lv))
	}
	return b.String()
}

func normLevel(s string) string {
	s = norm.NFC.String(s) // an NFD spelling names the same clause
	var b strings.Builder
	space := false
	for _, r := range s {
		if ZeroWidth(r) {
			continue
		}
		if r = FoldWidth(r); r == '\t' || r == '\u00a0' {
			r = ' '
		}
		if r == ' ' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if t := trimLabel(b.String()); t != "" {
		return foldWord(t)
	}
	return s // a label of separators or invisible characters only is kept as it is
}

// Find returns the clause whose label path matches path (NormLabel on both
// sides), or nil. When no clause has that full path, a clause whose path
// ends with it is accepted ("第十二条" finds 第二章/第十二条); when several
// match, the first in document order wins. When nothing matches so, a
// looser match is tried (see FindAll).
func (d *Document) Find(path string) *Node {
	all := d.FindAll(path)
	if len(all) == 0 {
		return nil
	}
	return all[0]
}

// FindAll returns every clause whose label path matches path, in document
// order: the full-path matches if there are any, else the clauses whose path
// ends with path. Failing both, levels match loosely, as consultation
// reports cite clauses: a top-level 第三部分 is the document's 三 (and the
// other way round), and a level may be a clause's title instead of its
// number or after it (三/（五）/推进智慧医疗多场景协同, 三、建设内容,
// 第三部分“建设内容”). Last, a citation written in prose, levels quoted or
// joined by dashes, is read as a path (see citationPath).
func (d *Document) FindAll(path string) []*Node {
	if d == nil || d.Root == nil {
		return nil
	}
	want := NormLabel(path)
	if want == "" {
		return nil
	}
	// A label written without the repeat count (§ 3/1 where § 3 holds
	// 1, 1~2, 1~3) names every clause of the group: the caller sees that
	// it is ambiguous. base is the path without repeat counts.
	var exact, suffix []*Node
	var walk func(n *Node, prefix, base string, rep bool)
	walk = func(n *Node, prefix, base string, rep bool) {
		for _, c := range n.Children {
			rep := rep || c.repeated
			p, b := normLevel(c.Label()), ""
			if c.rep > 0 {
				b = normLevel(baseLabel(c))
			} else {
				b = p
			}
			if prefix != "" {
				p, b = prefix+"/"+p, base+"/"+b
			}
			if p == want || rep && b == want {
				exact = append(exact, c)
			} else if strings.HasSuffix(p, "/"+want) || rep && strings.HasSuffix(b, "/"+want) {
				suffix = append(suffix, c)
			}
			walk(c, p, b, rep)
		}
	}
	walk(d.Root, "", "", false)
	if len(exact) > 0 {
		return exact
	}
	if len(suffix) > 0 {
		return suffix
	}
	if steps, ok := parseCitation(path); ok {
		if found := d.findCitation(steps); len(found) > 0 {
			return found
		}
	}
	if found := d.findLoose(strings.Split(want, "/")); len(found) > 0 {
		return found
	}
	if cited := citationPath(path); cited != "" {
		return d.findLoose(strings.Split(NormLabel(cited), "/"))
	}
	return nil
}

// foldWord lower-cases a leading English word (two letters or more, as in
// Article, PART, SEC.), so that "ARTICLE 5", "Article 5" and "article 5"
// are one label. Single letters keep their case: (A) and (a), Part I and
// Part i are different numberings.
func foldWord(s string) string {
	n := 0
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z') {
		n++
	}
	if n < 2 || n < len(s) && s[n] != ' ' && s[n] != '.' && (s[n] < '0' || s[n] > '9') {
		return s
	}
	upper := false
	for i := 0; i < n; i++ {
		upper = upper || s[i] <= 'Z'
	}
	if !upper {
		return s
	}
	return strings.ToLower(s[:n]) + s[n:]
}

// findLoose is FindAll's last resort: levels matched by levelMatches,
// full paths first, then paths that end with want.
func (d *Document) findLoose(want []string) []*Node {
	var full, suffix []*Node
	for _, n := range d.Clauses() {
		k, m := len(want)-1, n
		for ; k >= 0 && m != nil && m.Kind != KindDocument; k, m = k-1, m.Parent {
			if !levelMatches(m, want[k]) {
				break
			}
		}
		if k >= 0 {
			continue
		}
		if m == nil || m.Kind == KindDocument {
			full = append(full, n)
		} else {
			suffix = append(suffix, n)
		}
	}
	if len(full) > 0 {
		return full
	}
	return suffix
}

// levelMatches reports whether one level of a cited path, folded by
// normLevel, names clause n: by its label, with 第三部分 and 三 taken as one
// at the top level, by its title, or by its label followed by its title.
func levelMatches(n *Node, w string) bool {
	label, alias := normLevel(n.Label()), ""
	if n.Parent == nil || n.Parent.Kind == KindDocument {
		alias = partAlias(n, label)
	}
	if label == w || alias != "" && alias == w {
		return true
	}
	title := ""
	if n.Title != "" {
		title = normLevel(n.Title)
		if title == w {
			return true
		}
	}
	for _, l := range [...]string{label, alias} {
		if l == "" || title == "" || !strings.HasPrefix(w, l) {
			continue
		}
		rest := strings.Trim(w[len(l):], "、.:：“”\"‘’《》「」 ")
		if rest == title {
			return true
		}
	}
	return false
}

// partAlias returns the other spelling of a top-level Chinese number: 三
// for 第三部分, 第三部分 for 三; "" for other clauses.
func partAlias(n *Node, label string) string {
	switch n.Kind {
	case KindCNNum:
		return "第" + label + "部分"
	case KindPart:
		if inner, ok := strings.CutPrefix(label, "第"); ok {
			if inner, ok = strings.CutSuffix(inner, "部分"); ok {
				return inner
			}
		}
	}
	return ""
}
