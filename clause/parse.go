package clause

import (
	"bytes"
	"path"
	"strings"
)

// Parse parses src into a clause tree. name is the file name: it appears in
// error positions, and an extension .md or .markdown (or, without a known
// extension, front matter or "#" headings in src) selects Markdown. Parse
// never modifies src and keeps it as Document.Src.
func Parse(name string, src []byte, opts Options) (*Document, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 64 << 20
	}
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = 32
	}
	if err := check(name, src, opts); err != nil {
		return nil, err
	}
	d := &Document{Name: name, Src: src}
	d.Root = &Node{Kind: KindDocument, End: len(src), HeadEnd: len(src), doc: d}
	p := &parser{doc: d, src: src, opts: opts}
	p.scan()
	if err := p.run(); err != nil {
		return nil, err
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	return d, nil
}

// line is one line of the source.
type line struct {
	start, end int // the line in Src, without its line break
	lo, hi     int // its content without indentation and trailing space
}

// entry is one open clause on the parser's stack.
type entry struct {
	n      *Node
	scheme uint16
	rank   int    // structural rank, heading level (1–6), or 0: enumerated
	last   Number // the clause's number, to judge what may follow it

	// Paragraphs (款) of an article.
	paras     int // paragraphs seen: 0, 1, or 2 and more
	paraStart int // Src offset of the first paragraph
	paraClean int // its offset in the clean text
	kuans     int // 款 nodes made
}

type parser struct {
	doc   *Document
	src   []byte
	opts  Options
	stack []entry
	clean strings.Builder
	slab  []Node
	units []Unit // backing store of every clause's Units

	markdown    bool
	h1          int // number of "# " lines (0, 1, 2 for more): a single one is the document's title
	frontMatter int // byte length of the YAML front matter
	wrapW       int // hard-wrap width of the document, 0 if not hard-wrapped
	wrapTol     int
	indents     bool // some lines are indented: indentation marks paragraphs

	lastArticle, lastChapter, lastBian Number // numbered across the document

	// The previous content line.
	havePrev        bool
	prev            []byte
	prevEnd         int
	prevFullV       bool
	prevFullKnown   bool
	prevHeadingLike bool
	lineStrong      bool // the current line starts a block
	blankBefore     bool
	afterFurniture  bool
	pageBreak       bool           // after a form feed, before the page's first line
	headers         map[string]int // first lines of pages: running headers when repeated
	toc             int            // 1: in a table of contents (目录), 2: after one
	tocFirst        []byte         // its first entry, which reappears where the body starts
	prevHeading     bool           // the previous line was a Markdown heading
	lineHeading     bool           // the current line is one
	err             error
}

// nextLine reads the line starting at s: its bounds without the line break
// and its content without indentation and trailing space. next is where the
// following line starts, len(src)+1 after the last one.
func nextLine(src []byte, s int) (ln line, next int) {
	e := bytes.IndexByte(src[s:], '\n')
	if e < 0 {
		e, next = len(src), len(src)+1
	} else {
		e += s
		next = e + 1
	}
	ln.start, ln.end = s, e
	if e > s && src[e-1] == '\r' {
		ln.end--
	}
	lo, hi := trimSpace(src[s:ln.end])
	ln.lo, ln.hi = s+lo, s+hi
	return ln, next
}

// Sample bounds: the language, the hard-wrap width and the indentation
// habit of a document show in its first lines.
const (
	sampleLines = 2000
	sampleBytes = 128 << 10
)

// scan measures the document from a sample of its lines (hard-wrap width,
// indentation, language) and decides whether it is Markdown.
func (p *parser) scan() {
	src := p.src
	var hist [256]int
	long, cjk, letters, atx, indented, lines := 0, 0, 0, 0, 0, 0
	for s := 0; s <= len(src) && lines < sampleLines && s < sampleBytes; lines++ {
		ln, next := nextLine(src, s)
		content := src[ln.lo:ln.hi]
		if len(content) > 0 {
			w := widthOf(content)
			if ln.lo > ln.start {
				indented++
			}
			if w >= 20 {
				long++
				if w < len(hist) {
					hist[w]++
				}
			}
			if s < 64<<10 {
				c, l := countScript(content)
				cjk, letters = cjk+c, letters+l
			}
			if content[0] == '#' && headingLevel(content) > 0 {
				atx++
			}
		}
		s = next
	}
	if cjk*2 >= letters {
		p.doc.Lang = LangZH
	} else {
		p.doc.Lang = LangEN
	}
	// Hard-wrapped text (PDF extraction, e-mail) has most lines at one width.
	best := 0
	for w := 20; w < len(hist); w++ {
		if hist[w] >= hist[best] {
			best = w
		}
	}
	if best >= 30 {
		tol := best / 10
		if tol < 3 {
			tol = 3
		}
		near := 0
		for w := best - tol; w <= best+2 && w < len(hist); w++ {
			near += hist[w]
		}
		if near >= 6 && near*10 >= long*4 {
			p.wrapW, p.wrapTol = best, tol
		}
	}
	p.indents = indented*20 >= lines
	p.frontMatter = frontMatterEnd(src)
	switch strings.ToLower(path.Ext(p.doc.Name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		p.markdown = true
	case ".txt", ".text":
	default:
		p.markdown = atx > 0 || p.frontMatter > 0 || countH1(src, 0, 1) > 0
	}
	p.doc.markdown = p.markdown
	if !p.markdown {
		p.frontMatter = 0
	} else {
		p.h1 = countH1(src, p.frontMatter, 2)
	}
	p.scanHeaders()
}

// countH1 counts "# " heading lines after byte from, up to max.
func countH1(src []byte, from, limit int) int {
	n := 0
	if from == 0 && headingLevel(src) == 1 {
		n++
	}
	for i := max(from-1, 0); n < limit; {
		k := bytes.Index(src[i:], []byte("\n#"))
		if k < 0 {
			break
		}
		i += k + 1
		e := bytes.IndexByte(src[i:], '\n')
		if e < 0 {
			e = len(src) - i
		}
		if headingLevel(bytes.TrimRight(src[i:i+e], "\r")) == 1 {
			n++
		}
	}
	return n
}

// scanHeaders counts the first line of every page (after a form feed), to
// recognise running headers.
func (p *parser) scanHeaders() {
	src := p.src
	for i := 0; ; {
		k := bytes.IndexByte(src[i:], '\f')
		if k < 0 {
			return
		}
		s := i + k + 1
		for lines := 0; s <= len(src) && lines < 4; lines++ {
			ln, next := nextLine(src, s)
			s = next
			if c := src[ln.lo:ln.hi]; len(c) > 0 && !isFurniture(c) {
				p.countHeader(c)
				break
			}
		}
		// Go on after the lines read: form feeds within them start no page
		// of their own, and reading them again would be quadratic.
		if i = s; i >= len(src) {
			return
		}
	}
}

// countHeader counts the first line of a page (the first content line after
// a form feed, footers aside). A line that heads two pages or more is a
// running header, dropped from the text like a footer.
func (p *parser) countHeader(content []byte) {
	if _, isMarker := lexMarker(content); isMarker || len(content) > 120 {
		return // a clause that happens to start two pages is no header
	}
	if p.headers == nil {
		p.headers = map[string]int{}
	}
	p.headers[string(content)]++
}

// isHeader reports whether a line heading a page is a running header.
func (p *parser) isHeader(content []byte) bool {
	return p.headers != nil && p.headers[string(content)] >= 2
}

// run reads the lines and builds the tree.
func (p *parser) run() error {
	src := p.src
	p.clean.Grow(len(src))
	p.stack = append(p.stack, entry{n: p.doc.Root})
	var fence []byte
	ffAfter := false
	for s := 0; s <= len(src); {
		if p.err != nil {
			return p.err
		}
		ln, next := nextLine(src, s)
		s = next
		content := src[ln.lo:ln.hi]
		if ln.start < p.frontMatter {
			// Front matter is the root's text, never a clause.
			p.appendLine(ln, false)
			p.blankBefore = true
			continue
		}
		// A form feed before the content (or ending the line before) breaks
		// the page: what follows may be a running header.
		if ffAfter || ln.lo > ln.start && bytes.IndexByte(src[ln.start:ln.lo], '\f') >= 0 {
			p.afterFurniture, p.blankBefore, p.pageBreak = true, false, true
		}
		ffAfter = ln.end > ln.hi && ln.hi > ln.lo && bytes.IndexByte(src[ln.hi:ln.end], '\f') >= 0
		if len(content) == 0 {
			if !p.afterFurniture {
				p.blankBefore = true
			}
			continue
		}
		if p.markdown && (fence != nil || isFence(content)) {
			// Code blocks are text.
			if fence == nil {
				fence = content[:3]
			} else if bytes.HasPrefix(content, fence) && len(bytes.Trim(content, string(fence[:1]))) == 0 {
				fence = nil
			}
			p.appendLine(ln, false)
			p.after(content)
			continue
		}
		if isFurniture(content) || p.pageBreak && p.isHeader(content) {
			p.afterFurniture, p.blankBefore = true, false
			continue
		}
		p.pageBreak = false
		p.afterFurniture = false
		if p.inTOC(content) {
			p.appendLine(ln, false)
			p.after(content)
			continue
		}
		strong := p.strong()
		p.lineStrong = strong
		placed := false
		if p.markdown {
			placed = p.markdownLine(ln, content, strong)
		}
		if !placed {
			if m, ok := lexMarker(content); ok {
				placed = p.place(m, ln, content, strong)
			}
		}
		if !placed {
			cont := p.continues(ln)
			if !cont {
				p.paragraph(ln, content) // may open a 款 for this line
			}
			p.appendLine(ln, cont)
		}
		p.after(content)
	}
	return p.err
}

// inTOC reports whether a line belongs to a table of contents (目录): its
// entries look like headings (第一章　总则) but are not clauses. The table
// ends where its first entry appears again, or at the first sentence.
func (p *parser) inTOC(content []byte) bool {
	switch p.toc {
	case 0:
		if len(content) <= 24 && isTOCTitle(content) && len(p.stack) == 1 {
			p.toc = 1
			return true
		}
		return false
	case 1:
		if p.tocFirst == nil {
			p.tocFirst = content
			return true
		}
		if string(content) == string(p.tocFirst) || !headingLike(content) {
			p.toc = 2
			return false
		}
		return true
	}
	return false
}

// isTOCTitle reports whether a line is 目录 (spaced out or not) or Contents.
func isTOCTitle(b []byte) bool {
	var buf [16]byte
	k := 0
	for i := 0; i < len(b); {
		if s := spaceAt(b[i:]); s > 0 {
			i += s
			continue
		}
		if k == len(buf) {
			return false
		}
		buf[k] = b[i]
		k++
		i++
	}
	w := string(buf[:k])
	return w == "目录" || equalFoldASCII(buf[:k], "contents") || equalFoldASCII(buf[:k], "tableofcontents")
}

// after records the line just read as the previous line.
func (p *parser) after(content []byte) {
	p.havePrev = true
	p.prev = content
	p.prevEnd = endClass(content)
	p.prevFullKnown = false
	// A heading starts a block: a short line after "，" is a wrap.
	p.prevHeadingLike = p.lineStrong && headingLike(content)
	p.lineStrong = false
	p.blankBefore = false
	p.prevHeading, p.lineHeading = p.lineHeading, false
}

// prevFull reports whether the previous line fills the line width: in
// hard-wrapped text, the wrap width; otherwise 40 columns (20 CJK
// characters), more than a heading takes. It is measured when first asked.
func (p *parser) prevFull() bool {
	if !p.prevFullKnown {
		w := widthOf(p.prev)
		if p.wrapW > 0 {
			p.prevFullV = w >= p.wrapW-p.wrapTol
		} else {
			p.prevFullV = w >= 40
		}
		p.prevFullKnown = true
	}
	return p.prevFullV
}

// strong reports whether the previous line ended a sentence (or there was
// none, or a blank line came between): a marker here very likely starts a
// clause. After an unfinished sentence a marker-looking line is suspect.
func (p *parser) strong() bool {
	if !p.havePrev || p.blankBefore || p.prevHeading {
		return true
	}
	switch p.prevEnd {
	case endFull, endSemi:
		return true
	case endCont:
		return false
	}
	if p.prevFull() {
		return false // a hard wrap, or a soft line break inside a paragraph
	}
	if p.prevHeadingLike {
		return true // a short line without punctuation is a heading
	}
	// A short line with commas but no full stop: a wrap by hand.
	return false
}

// continues reports whether a text line continues the paragraph of the line
// before (a hard wrap) rather than starting a new one.
func (p *parser) continues(ln line) bool {
	if !p.strong() || closingPunct(p.src[ln.lo:ln.hi]) {
		return true
	}
	// In hard-wrapped text a full line may end in 。 by chance: a new
	// paragraph then shows by its indentation, if the text keeps any.
	return p.wrapW > 0 && p.indents && p.prevFull() && !p.blankBefore && p.prevEnd == endFull && ln.lo == ln.start
}

// appendLine adds a line's content to the clean text of the current clause.
func (p *parser) appendLine(ln line, cont bool) {
	p.appendFrom(ln.lo, ln.hi, cont)
}

func (p *parser) appendFrom(lo, hi int, cont bool) {
	top := p.stack[len(p.stack)-1].n
	if p.clean.Len() > int(top.cs) {
		if !cont {
			p.clean.WriteByte('\n')
		} else if joinSpace(p.prev, p.src[lo:hi], p.doc.Lang == LangZH) {
			p.clean.WriteByte(' ')
		}
	}
	p.clean.Write(p.src[lo:hi])
}

// breakClean ends the clean text of the clause before a new one with a line
// break, so that FullText, which spans a clause and its descendants, keeps
// clauses on lines of their own. Text never includes it.
func (p *parser) breakClean() {
	if p.clean.Len() > 0 {
		p.clean.WriteByte('\n')
	}
}

// newNode allocates a node from the slab.
func (p *parser) newNode() *Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]Node, 0, 256)
	}
	p.slab = p.slab[:len(p.slab)+1]
	n := &p.slab[len(p.slab)-1]
	n.doc = p.doc
	return n
}

// push opens a new clause as the last child of the stack's top.
func (p *parser) push(n *Node, e entry) {
	if len(p.stack) > p.opts.MaxDepth {
		if p.err == nil {
			p.err = errorAt(p.doc.Name, p.src, n.Start, ErrTooDeep, "")
		}
		return
	}
	parent := p.stack[len(p.stack)-1].n
	n.Parent = parent
	parent.Children = append(parent.Children, n)
	e.n = n
	p.stack = append(p.stack, e)
}

// popTo closes every clause above stack index i.
func (p *parser) popTo(i int) { p.stack = p.stack[:i+1] }

// openClause makes the node for an accepted marker starting at Src offset
// start and pushes it, and writes the line from there to the clean text.
func (p *parser) openClause(m marker, ln line, start int, e entry) *Node {
	n := p.newNode()
	n.Kind, n.Num, n.Start, n.mlen = m.kind, m.num, start, int32(m.end)
	p.breakClean()
	n.cs = int32(p.clean.Len())
	e.scheme, e.rank, e.last = m.scheme, m.rank, m.num
	p.push(n, e)
	if p.err != nil {
		return n
	}
	p.clean.Write(p.src[start:ln.hi])
	return n
}

// place decides whether a marker starts a clause and where in the tree it
// goes. It reports false when the line is ordinary text.
func (p *parser) place(m marker, ln line, content []byte, strong bool) bool {
	if m.rank > 0 {
		return p.placeStructural(m, ln, content, strong)
	}
	return p.placeEnumerated(m, ln, content, strong)
}

func (p *parser) placeStructural(m marker, ln line, content []byte, strong bool) bool {
	if !m.spaced && !headingLike(content) {
		return false // 第十二条的规定: a cross-reference, not an article
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
		if body < len(content) && !(m.latin && headingLike(content[body:])) {
			e.paras, e.paraStart = 1, ln.lo+body
		}
	}
	n := p.openClause(m, ln, ln.lo, e)
	if e.paras == 1 {
		p.stack[len(p.stack)-1].paraClean = int(n.cs) + (e.paraStart - ln.lo)
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
		next := isNext(p.stack[i].last, m.num)
		if !strong && !next {
			return false
		}
		if m.kind == KindDecimal && !m.spaced && !next && !headingLike(content) {
			return false // 2.3万元 …
		}
		p.popTo(i - 1)
	} else {
		if !strong && !(m.kind == KindListItem && (m.bullet || m.num.Value == 1)) {
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
// It reports whether it opened a 款 for the line.
func (p *parser) paragraph(ln line, content []byte) bool {
	ai := p.article()
	if ai == 0 {
		return false
	}
	top := &p.stack[len(p.stack)-1]
	if ai != len(p.stack)-1 && top.n.Kind != KindParagraph && p.prevEnd != endFull {
		return false // an item that goes on after ；
	}
	art := &p.stack[ai]
	if art.paras == 0 {
		if len(art.n.Children) == 0 {
			if p.clean.Len() == int(art.n.cs+art.n.mlen) && headingLike(content) {
				return false // the article's title on its own line
			}
			art.paras, art.paraStart = 1, ln.lo
			art.paraClean = p.clean.Len()
			if p.clean.Len() > int(top.n.cs) {
				art.paraClean++ // after the "\n" appendLine writes
			}
			return false
		}
		first := art.n.Children[0]
		art.paras, art.paraStart, art.paraClean = 1, first.Start, int(first.cs)
	}
	p.popTo(ai)
	art = &p.stack[ai]
	if art.kuans == 0 {
		k := p.newNode()
		k.Kind, k.Start, k.cs, k.Num = KindParagraph, art.paraStart, int32(art.paraClean), Number{Value: 1}
		k.Parent = art.n
		kept := art.n.Children[:0:0]
		for _, c := range art.n.Children {
			if c.Start >= art.paraStart {
				c.Parent = k
				k.Children = append(k.Children, c)
			} else {
				kept = append(kept, c)
			}
		}
		art.n.Children = append(kept, k)
		art.kuans = 1
	}
	art.kuans++
	k := p.newNode()
	p.breakClean()
	k.Kind, k.Start, k.cs, k.Num = KindParagraph, ln.lo, int32(p.clean.Len()), Number{Value: art.kuans}
	p.push(k, entry{scheme: scheme(KindParagraph, 0), rank: rankParagraph})
	return true
}
