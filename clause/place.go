package clause

// place decides whether a marker starts a clause and where in the tree it
// goes. It reports false when the line is ordinary text.
func (p *parser) place(m marker, ln line, content []byte, strong bool) bool {
	if m.rank > 0 {
		return p.placeStructural(m, ln, content, strong)
	}
	return p.placeEnumerated(m, ln, content, strong)
}

// placeStructural places 第X编/部分/章/节/条, Part, Chapter, Article,
// Section and annexes: it closes every open clause of the same or a lower
// rank (and every enumerated one) and opens the new one there.
func (p *parser) placeStructural(m marker, ln line, content []byte, strong bool) bool {
	if !m.spaced && !headingLike(content) {
		return false // 第十二条的规定: a cross-reference, not an article
	}
	if !m.spaced && !strong && m.kind == KindArticle && m.end < len(content) {
		return false // "…依照本条例\n第九条规定": a cross-reference cut short
	}
	var last *Number
	switch {
	case m.kind == KindArticle:
		last = &p.lastArticle
	case m.kind == KindChapter && m.rank == rankChapter && m.num.Valid:
		last = &p.lastChapter
	case m.kind == KindBian && m.rank == rankBian:
		last = &p.lastBian
	}
	expected := m.num.Valid && m.num.Value == 1 && m.num.Sub == 0
	if last != nil {
		expected = isNext(*last, m.num)
	} else if i := p.findScheme(m.scheme, true); i > 0 {
		expected = isNext(p.stack[i].last, m.num)
	}
	if m.kind == KindAnnex && !m.latin && headingLike(content) {
		// "附件" or "附件：数据目录" on a line of its own is the annex,
		// even after an article whose last line lacks its full stop.
		expected = true
	}
	if !strong && !expected {
		return false
	}
	if m.latin && !strong && !headingLike(content) {
		return false // "… referred to in\nArticle 6 shall …"
	}
	i := len(p.stack) - 1
	for i > 0 && (p.stack[i].rank == 0 || p.stack[i].rank >= m.rank) {
		i--
	}
	p.popTo(i)
	if last != nil {
		*last = m.num
	}
	e := entry{}
	if m.kind == KindArticle {
		body := skipSpaces(content, m.end)
		if body < len(content) && !(m.latin && enHeading(content[body:])) {
			e.paras, e.paraStart = 1, ln.lo+body
		}
	}
	n := p.openClause(m, ln, ln.lo, e)
	if m.rank < rankArticle {
		p.lineStrong = true // a heading starts a block, after whatever line
	}
	if e.paras == 1 {
		p.stack[len(p.stack)-1].paraClean = int(n.cs) + (e.paraStart - ln.lo)
		p.lineText = true // the article's first 款 starts on its line
	}
	return true
}

// findScheme returns the stack index of the open clause of the given scheme
// (among the enumerated clauses above the nearest structural one, or among
// all when structural is true), or 0.
func (p *parser) findScheme(s uint16, structural bool) int {
	for i := len(p.stack) - 1; i > 0; i-- {
		e := &p.stack[i]
		if e.scheme == s && (structural || e.rank == 0) {
			return i
		}
		if !structural && e.rank > 0 {
			return 0
		}
	}
	return 0
}

// cnOrder is the fixed nesting order of the official-document schemes
// (GB/T 9704): 一、 > （一） > 1. > （1） > ①; 0 for the others.
func cnOrder(s uint16) int {
	switch s {
	case scheme(KindCNNum, 0):
		return 1
	case scheme(KindCNParen, 0):
		return 2
	case scheme(KindArabic, 0):
		return 3
	case scheme(KindArabicParen, 0):
		return 4
	case scheme(KindCircled, 0):
		return 5
	}
	return 0
}

// placeEnumerated places 一、 （一） 1. （1） ① (a) (i) 2.3 and list items:
// as the next sibling of the open clause of the same scheme, or as the first
// child of the innermost open clause.
func (p *parser) placeEnumerated(m marker, ln line, content []byte, strong bool) bool {
	if m.alt > 0 {
		// (i) after (h) is the letter i; otherwise a roman numeral.
		latin := scheme(KindLatinParen, int(m.scheme&0xff))
		if i := p.findScheme(latin, false); i > 0 && p.stack[i].last.Value+1 == m.alt {
			m.kind, m.scheme, m.num.Value = KindLatinParen, latin, m.alt
		} else if p.findScheme(m.scheme, false) == 0 && m.num.Value != 1 {
			m.kind, m.scheme, m.num.Value = KindLatinParen, latin, m.alt
		}
	}
	i := p.findScheme(m.scheme, false)
	prevNum := 0
	if i > 0 {
		prevNum = p.stack[i].last.Value
		// A bullet after a bullet of the same list is its next item, in
		// any context: Markdown lets a list item interrupt a paragraph.
		next := m.bullet || isNext(p.stack[i].last, m.num)
		if !strong && !next {
			return false
		}
		if m.kind == KindDecimal && !m.spaced && !next && !headingLike(content) {
			return false // 2.3万元 …
		}
		p.popTo(i - 1)
	} else {
		if !strong && !(m.kind == KindListItem && (m.bullet || m.num.Value == 1)) && !p.softBreakBefore(m) {
			return false
		}
		if m.kind == KindDecimal && !m.spaced && !headingLike(content) {
			return false
		}
		if o := cnOrder(m.scheme); o > 0 {
			// A higher official-document level closes the lower ones.
			j := len(p.stack) - 1
			for j > 0 && p.stack[j].rank == 0 && cnOrder(p.stack[j].scheme) >= o {
				j--
			}
			p.popTo(j)
		}
	}
	if m.bullet {
		m.num = Number{Value: prevNum + 1} // unnumbered: •1, •2 …
	}
	p.openClause(m, ln, ln.lo, entry{})
	// An item of an article is a sentence, or part of one; elsewhere an
	// item may be a heading ("（一）加强组织领导").
	p.lineText = skipSpaces(content, m.end) < len(content) && p.article() > 0
	return true
}

// article returns the stack index of the innermost open article, or 0.
func (p *parser) article() int {
	for i := len(p.stack) - 1; i > 0; i-- {
		if p.stack[i].n.Kind == KindArticle {
			return i
		}
	}
	return 0
}

// paragraph handles a text line that starts a new paragraph inside an
// article: the article's paragraphs become 款 once there are two of them.
// After the article's items, the line is its next 款 if the last item
// ended its sentence (with 。, or in Chinese with ；, as drafts end the last
// item too); it goes on in the item after a line ending in ： (the item
// introduces it).
// paragraph reports whether the line is the article's title, on a line of
// its own after a bare 第X条.
func (p *parser) paragraph(ln line, content []byte) (title bool) {
	ai := p.article()
	if ai == 0 {
		return false
	}
	top := &p.stack[len(p.stack)-1]
	if ai != len(p.stack)-1 && top.n.Kind != KindParagraph && !p.itemEnded(top) {
		return false // the item goes on
	}
	art := &p.stack[ai]
	if art.paras == 0 {
		if art.kids == 0 {
			if p.clean.Len() == int(art.n.cs+art.n.mlen) && headingLike(content) {
				return true // the article's title on its own line
			}
			art.paras, art.paraStart = 1, ln.lo
			art.paraClean = p.clean.Len()
			if p.clean.Len() > int(top.n.cs) {
				art.paraClean++ // after the "\n" appendLine writes
			}
			return false
		}
		first := art.first
		art.paras, art.paraStart, art.paraClean = 1, first.Start, int(first.cs)
	}
	p.popTo(ai)
	art = &p.stack[ai]
	if art.kuans == 0 {
		k := p.newNode()
		k.Kind, k.Start, k.cs, k.Num = KindParagraph, art.paraStart, int32(art.paraClean), Number{Value: 1}
		k.Parent = art.n
		// The article's children so far follow the first paragraph: they
		// become its children. They were all made after the article.
		kept := 0
		for _, c := range p.all[art.n.idx+1:] {
			if c.Parent != art.n {
				continue
			}
			if c.Start >= art.paraStart {
				c.Parent = k
			} else if kept++; kept == 1 {
				art.first = c
			}
		}
		p.adopt(k)
		if art.kids = kept + 1; kept == 0 {
			art.first = k
		}
		art.kuans = 1
	}
	art.kuans++
	k := p.newNode()
	p.breakClean()
	k.Kind, k.Start, k.cs, k.Num = KindParagraph, ln.lo, int32(p.clean.Len()), Number{Value: art.kuans}
	p.push(k, entry{scheme: scheme(KindParagraph, 0), rank: rankParagraph})
	return false
}

// itemEnded reports whether the open item e of an article ended on the line
// before, so that a text line after it is the article's: its sentence
// ended with 。 or ；, and no line of it ended in ： (or "—"), which
// introduces what follows. An item whose marker stood alone has its words
// still to come.
func (p *parser) itemEnded(e *entry) bool {
	if p.clean.Len() == int(e.n.cs+e.n.mlen) {
		return false // "（一）" on a line of its own
	}
	switch p.prevEnd {
	case endFull:
		return closesSentence(p.prev)
	case endSemi:
		// An English list runs on after "; or": the text after it is
		// flush text of the sentence the list is in.
		return !e.intro && p.doc.Lang == LangZH
	}
	return false
}

// enHeading reports whether the rest of an English article's line is its
// heading: "Penalties", or a short title with a full stop ("Scope.").
func enHeading(b []byte) bool {
	if headingLike(b) {
		return true
	}
	if len(b) < 2 || len(b) > 80 || b[len(b)-1] != '.' || !headingLike(b[:len(b)-1]) {
		return false
	}
	return titleEN(string(b), false, false) == string(b[:len(b)-1])
}

// softBreakBefore reports whether a marker that opens a new level (its
// number is 1) follows a line break that is no hard wrap: in a document
// that is not hard-wrapped, after a short line that does not end in a
// comma. Drafts, in Markdown above all, are written one clause per line
// ("坚持以下原则，具体包括\n1.应用牵引。"); a soft wrap only joins lines that
// start with no plausible marker.
func (p *parser) softBreakBefore(m marker) bool {
	return p.wrapW == 0 && m.num.Valid && m.num.Value == 1 && m.num.Sub == 0 &&
		(m.spaced || m.kind != KindDecimal) && p.prevEnd != endCont && !p.prevFull()
}
