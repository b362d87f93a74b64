package clause

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// labelOf is Node.Label.
func labelOf(n *Node) string {
	if n == nil {
		return ""
	}
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
	s = strings.TrimSpace(s)
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '、', '.', '．', ':', '：', '—', '–', ' ', '\t', '\u3000':
			s = s[:len(s)-size]
			continue
		}
		break
	}
	return strings.TrimSpace(s)
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
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == '\u3000' || r == '\t' || r == '\u00a0':
			r = ' '
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060':
			continue
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
		return t
	}
	return s // a label of separators or invisible characters only is kept as it is
}

// Find returns the clause whose label path matches path (NormLabel on both
// sides), or nil. When no clause has that full path, a clause whose path
// ends with it is accepted ("第十二条" finds 第二章/第十二条); when several
// match, the first in document order wins.
func (d *Document) Find(path string) *Node {
	all := d.FindAll(path)
	if len(all) == 0 {
		return nil
	}
	return all[0]
}

// FindAll returns every clause whose label path matches path, in document
// order: the full-path matches if there are any, else the clauses whose path
// ends with path.
func (d *Document) FindAll(path string) []*Node {
	if d == nil || d.Root == nil {
		return nil
	}
	want := NormLabel(path)
	if want == "" {
		return nil
	}
	var exact, suffix []*Node
	var walk func(n *Node, prefix string)
	walk = func(n *Node, prefix string) {
		for _, c := range n.Children {
			p := normLevel(c.Label())
			if prefix != "" {
				p = prefix + "/" + p
			}
			if p == want {
				exact = append(exact, c)
			} else if strings.HasSuffix(p, "/"+want) {
				suffix = append(suffix, c)
			}
			walk(c, p)
		}
	}
	walk(d.Root, "")
	if len(exact) > 0 {
		return exact
	}
	return suffix
}
