package clause

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// finish computes what the tree walk could not know while reading: where
// each clause ends, and each clause's text, marker, body, title and units.
// Texts are substrings of one clean string, so they cost no allocation each.
func (p *parser) finish() error {
	p.children()
	clean := p.clean.String()
	p.doc.clean, p.doc.cleaned = clean, true
	root := p.doc.Root
	root.Start, root.End, root.cs = 0, len(p.src), 0
	var prev *Node
	var err error
	var visit func(n *Node, depth int)
	visit = func(n *Node, depth int) {
		if depth > p.opts.MaxDepth && err == nil {
			err = errorAt(p.doc.Name, p.src, n.Start, ErrTooDeep, "")
		}
		if prev != nil {
			p.own(prev, clean, p.ownEnd(prev, int(n.cs)))
		}
		prev = n
		for i, c := range n.Children {
			if i+1 < len(n.Children) {
				c.End = n.Children[i+1].Start
			} else {
				c.End = n.End
			}
			// The tail is the parent's; but a tail that more children
			// follow (a sentence between two lists of an Absatz) stays in
			// the source range of the child before it, so that the
			// children still cover the source in order.
			if n.tail != nil && c.Start < n.tail.src && c.End > n.tail.src && i+1 == len(n.Children) {
				c.End = n.tail.src
			}
		}
		n.HeadEnd = n.End
		if len(n.Children) > 0 {
			n.HeadEnd = n.Children[0].Start
		}
		for _, c := range n.Children {
			visit(c, depth+1)
		}
	}
	visit(root, 0)
	p.own(prev, clean, p.ownEnd(prev, len(clean)))
	if t := root.tail; t != nil && root != prev {
		p.setTail(root, clean, clean[root.tlo:root.thi], clean[root.blo:root.thi])
	}
	return err
}

// children fills every node's Children from the parent links, in creation
// order (which is document order among siblings), from one shared array.
func (p *parser) children() {
	root := p.doc.Root
	counts := make([]int32, len(p.all))
	rootKids := 0
	for _, n := range p.all {
		if n.Parent == root {
			rootKids++
		} else {
			counts[n.Parent.idx]++
		}
	}
	arena := make([]*Node, len(p.all))
	root.Children = arena[:0:rootKids]
	at := rootKids
	for i, n := range p.all {
		k := int(counts[i])
		n.Children = arena[at : at : at+k]
		at += k
	}
	for _, n := range p.all {
		n.Parent.Children = append(n.Parent.Children, n)
	}
	for _, n := range p.all {
		if len(n.Children) == 0 {
			n.Children = nil
		}
	}
	if rootKids == 0 {
		root.Children = nil
	}
}

// own sets n's own text from clean[n.cs:end].
func (p *parser) own(n *Node, clean string, end int) {
	lo := min(int(n.cs), len(clean))
	end = max(end, lo)
	raw := clean[lo:end]
	mlen := int(n.mlen)
	if mlen > len(raw) {
		mlen = 0
	}
	n.Marker = raw[:mlen]
	tl, th := trimBounds(raw)
	bl, _ := trimBounds(raw[mlen:])
	text, body := raw[tl:th], raw[mlen+bl:max(th, mlen+bl)]
	n.tlo, n.thi, n.blo = int32(lo+tl), int32(lo+th), int32(lo+mlen+bl)
	if n.blo > n.thi {
		n.blo = n.thi
	}
	if n.Kind == KindDocument || n.Kind == KindParagraph {
		if n.tail != nil && n.Kind != KindDocument {
			p.setTail(n, clean, text, body)
		}
		return
	}
	rest := setUnits(n, body, &p.units)
	n.Title = p.title(n, rest, text, len(rest) < len(body))
	if n.tail != nil {
		p.setTail(n, clean, text, body)
	}
}

// titleMax is the longest lead phrase, in characters, taken as a title.
const titleMax = 40

// title finds a clause's title in its body (without the units trailer): a
// heading's text, the text of a short line without sentence punctuation
// ("（一）实施人工智能技术突破计划"), or a lead phrase ending in 。
// ("1.推进智慧医疗多场景协同。建设…" → 推进智慧医疗多场景协同).
func (p *parser) title(n *Node, body, text string, trailer bool) string {
	body = strings.TrimLeftFunc(body, func(r rune) bool {
		switch r {
		case ' ', '\t', '\u3000', '—', '–', '-', ':', '：', '.', '．':
			return true
		}
		return false
	})
	if body == "" {
		return ""
	}
	nl := strings.IndexByte(body, '\n')
	first := body
	if nl >= 0 {
		first = trim(body[:nl])
	}
	if n.Depth > 0 && n.Kind != KindListItem && (n.src0() == '#' || n.setext) {
		// A Markdown heading: the rest of its line.
		if rest := text[min(int(n.mlen), len(text)):]; trim(rest) == "" || strings.HasPrefix(strings.TrimLeft(rest, " \t\u3000"), "\n") {
			return ""
		}
		return first
	}
	inArticle := false
	for a := n; a != nil; a = a.Parent {
		if (a.Kind == KindArticle || a.Kind == KindSection && strings.Contains(a.Marker, "§")) && !(a == n && a.Depth > 0) {
			inArticle = true // an article or a §: its parts have no titles of their own
		}
	}
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Kind == KindSection && strings.Contains(a.Marker, "§") {
			return "" // the Absätze, Nummern and Buchstaben of a § have no titles
		}
	}
	if p.doc.Lang == LangEN {
		return titleEN(first, nl >= 0 || len(n.Children) > 0, inArticle && n.Kind != KindArticle)
	}
	// A short first line with no sentence punctuation is a heading.
	if (nl >= 0 || len(n.Children) > 0 || first == body) && len(first) <= 4*titleMax && headingLike(first) && utf8.RuneCountInString(first) <= titleMax {
		if n.Kind == KindArticle && n.doc.Lang == LangZH && first == body && len(n.Children) == 0 && !strings.HasPrefix(first, "【") {
			// 第十条　本法自公布之日起施行 without its full stop: not a title.
			if utf8.RuneCountInString(first) > 12 {
				return ""
			}
		}
		return strings.Trim(first, "【】")
	}
	if inArticle {
		return "" // law articles, paragraphs and items have no lead phrases
	}
	// Lead phrase: text up to the first 。 when short. Commas are allowed
	// between short parallel phrases only (应用牵引，需求导向。
	// 加快算力基础设施建设，夯实发展底座。), not in a sentence that merely
	// ends early (到2025年，全市建成…。).
	const segMax = 10
	count, seg, commas, digits := 0, 0, 0, false
	for i, r := range first {
		switch r {
		case '。', '！', '？', '：':
			if count > 0 && (i+utf8.RuneLen(r) < len(body) || len(n.Children) > 0 || trailer) &&
				(commas == 0 || commas <= 3 && seg <= segMax && !digits) {
				return first[:i]
			}
			return ""
		case '，', ',':
			if seg > segMax || seg == 0 {
				return ""
			}
			commas, seg = commas+1, -1
		case '；', ';':
			return ""
		}
		if r >= '0' && r <= '9' {
			digits = true
		}
		count++
		seg++
		if count > titleMax {
			return ""
		}
	}
	return ""
}

// src0 returns the first byte of the clause in Src, or 0.
func (n *Node) src0() byte {
	if n.doc == nil || n.Start >= len(n.doc.Src) {
		return 0
	}
	return n.doc.Src[n.Start]
}

// titleEN finds an English title: a heading line ("Definitions") or a lead
// phrase of capitalised words ending in a full stop ("Scope. This Act …").
func titleEN(first string, heading, inArticle bool) string {
	if inArticle && endsLowerWord(first) {
		return "" // "(1) Dieses Gesetz findet Anwendung auf die Werbung für": a lead-in, not a title
	}
	if len(first) <= 80 && heading && headingLike(first) {
		return first
	}
	if inArticle {
		return ""
	}
	dot := strings.Index(first, ". ")
	if dot < 0 && strings.HasSuffix(first, ".") {
		dot = len(first) - 1
	}
	if dot <= 0 || dot > 60 {
		return ""
	}
	lead := first[:dot]
	if strings.ContainsAny(lead, ",;:") {
		return ""
	}
	words := strings.Fields(lead)
	if len(words) > 6 {
		return ""
	}
	for i, w := range words {
		if c := w[0]; (c < 'A' || c > 'Z') && !(i > 0 && smallWord(w)) {
			return ""
		}
	}
	return lead
}

// smallWord reports whether w is a word a title leaves in lower case.
func smallWord(w string) bool {
	switch w {
	case "of", "and", "the", "for", "to", "in", "on", "a", "an", "or", "by":
		return true
	}
	return false
}

// endsLowerWord reports whether s ends with a word in lower case (für,
// wenn, that): a sentence going on into a list, never a title.
func endsLowerWord(s string) bool {
	s = strings.TrimRight(s, " \t")
	i := strings.LastIndexAny(s, " \t")
	w := s[i+1:]
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	last, _ := utf8.DecodeLastRuneInString(w)
	return unicode.IsLower(r) && unicode.IsLetter(last)
}
