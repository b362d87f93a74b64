package clause

import (
	"bytes"
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
	markRepeats(d)
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
	latin  bool   // numbered with an English word (Article, Part …), not 第

	kids  int   // children so far
	first *Node // the first of them

	// Paragraphs (款) of an article.
	paras     int // paragraphs seen: 0, 1, or 2 and more
	paraStart int // Src offset of the first paragraph
	paraClean int // its offset in the clean text
	kuans     int // 款 nodes made

	intro bool // a line of the clause ended in ： or "—": it introduces what follows
}

type parser struct {
	doc   *Document
	src   []byte
	opts  Options
	stack []entry
	clean strings.Builder
	slab  []Node
	all   []*Node // every clause in creation order: pre-order, but for a 款 made late
	units []Unit  // backing store of every clause's Units

	markdown    bool
	h1          int // number of "# " lines (0, 1, 2 for more): a single one is the document's title
	frontMatter int // byte length of the YAML front matter
	info        int // Src offset after a LawRefBook INFO block, 0 if none
	wrapW       int // hard-wrap width of the document, 0 if not hard-wrapped
	wrapTol     int
	indents     bool // some lines are indented: indentation marks paragraphs

	lastArticle, lastChapter, lastBian Number // numbered across the document

	// The previous content line.
	havePrev       bool
	prev           []byte
	prevEnd        int
	prevFullV      bool
	prevFullKnown  bool
	prevStrong     bool // the previous line started a block
	lineStrong     bool // the current line starts a block
	prevText       bool // the previous line was words of an article: a 款, an item in one
	lineText       bool // the current line is
	blankBefore    bool
	afterFurniture bool
	pageBreak      bool           // after a form feed, before the page's first line
	headers        map[string]int // first lines of pages: running headers when repeated
	toc            int            // 1: in a table of contents (目录), 2: after one
	tocFirst       []byte         // its first entry, which reappears where the body starts
	prevHeading    bool           // the previous line was a Markdown heading
	lineHeading    bool           // the current line is one
	err            error

	skip      int     // Src offset of a setext underline to skip
	titleLine bool    // the previous line was taken as the document's title
	closing   int     // Src offset where the closing matter starts, len(Src)+1 if none
	tails     []*Node // clauses with a tail, in document order
	tailNode  *Node   // the clause whose tail the last line went to
	tk        int     // finish: the next tail to cut an own text at
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
		if ln.start < p.info && !(len(content) > 0 && headingLevel(content) == 1) {
			// A LawRefBook INFO block (dates of passing and amendment):
			// metadata, not text — no clause, no title, no quantities.
			// Only the law's "# " title line in it is read.
			p.blankBefore = true
			continue
		}
		// A form feed before the content (or ending the line before) breaks
		// the page: what follows may be a running header.
		if ffAfter || ln.lo > ln.start && bytes.IndexByte(src[ln.start:ln.lo], '\f') >= 0 {
			p.afterFurniture, p.blankBefore, p.pageBreak = true, false, true
		}
		ffAfter = ln.end > ln.hi && ln.hi > ln.lo && bytes.IndexByte(src[ln.hi:ln.end], '\f') >= 0
		if ln.start == p.skip && p.skip > 0 {
			continue // a setext underline
		}
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
			// A table of contents is furniture: its entries are neither
			// clauses nor text that a revision changes.
			p.after(content)
			continue
		}
		strong := p.strong()
		p.lineStrong = strong
		placed := false
		if p.markdown {
			placed = p.markdownLine(ln, content, strong) || p.setext(ln, content, next)
		}
		if !placed {
			if m, ok := lexMarker(content); ok {
				placed = p.place(m, ln, content, strong)
			}
		}
		if !placed && (p.tailLine(ln, content) || p.afterList(ln, content)) {
			p.after(content)
			continue
		}
		if p.titleLine && !placed && !bracketed(content) && (p.wrapW > 0 && p.prevFull() || p.prevEnd == endCont || p.doc.Lang == LangEN && content[0] >= 'a' && content[0] <= 'z') {
			p.doc.Title = "" // the title line was a paragraph's first line, hard-wrapped
		}
		p.titleLine = false
		if !placed {
			if !p.havePrev && len(p.stack) == 1 && p.doc.Title == "" && titleLine(content) {
				p.doc.Title, p.titleLine = string(content), true
			}
			cont := p.continues(ln)
			title := false
			if !cont {
				title = p.paragraph(ln, content) // may open a 款 for this line
			}
			p.lineText = !title && p.article() > 0
			p.appendLine(ln, cont)
		}
		p.after(content)
	}
	return p.err
}

// after records the line just read as the previous line.
func (p *parser) after(content []byte) {
	p.havePrev = true
	p.prev = content
	p.prevEnd = endClass(content)
	if p.prevEnd == endSemi && len(p.stack) > 1 && !endsSemicolon(content) {
		p.stack[len(p.stack)-1].intro = true
	}
	p.prevFullKnown = false
	// A heading starts a block: a short line after "，" is a wrap.
	p.prevStrong = p.lineStrong
	p.lineStrong = false
	p.prevText, p.lineText = p.lineText, false
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
//
// The words of an article (its 款 and items) are sentences, never headings:
// a line of them that stops before its sentence ends is hard-wrapped,
// however short, and the next line goes on with it.
func (p *parser) strong() bool {
	if !p.havePrev || p.blankBefore || p.prevHeading {
		return true
	}
	if p.prevText {
		return p.prevEnd == endSemi || p.prevEnd == endFull && closesSentence(p.prev)
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
	if p.prevStrong && headingLike(p.prev) {
		return true // a short line without punctuation is a heading
	}
	// A short line with commas but no full stop: a wrap by hand.
	return false
}

// continues reports whether a text line continues the paragraph of the line
// before (a hard wrap) rather than starting a new one.
func (p *parser) continues(ln line) bool {
	if !p.strong() || closingPunct(p.src[ln.lo:ln.hi]) || p.mdContinues(ln) {
		return true
	}
	// In hard-wrapped text a full line may end in 。 by chance: a new
	// paragraph then shows by its indentation, if the text keeps any.
	return p.wrapW > 0 && p.indents && p.prevFull() && !p.blankBefore && p.prevEnd == endFull && ln.lo == ln.start
}

// appendLine adds a line's content to the clean text of the current clause:
// after a line break, or joined to the line before when cont says the line
// continues it (without a space in Chinese, with one in English).
func (p *parser) appendLine(ln line, cont bool) {
	top := p.stack[len(p.stack)-1].n
	if p.clean.Len() > int(top.cs) {
		if !cont {
			p.clean.WriteByte('\n')
		} else if joinSpace(p.prev, p.src[ln.lo:ln.hi], p.doc.Lang == LangZH) {
			p.clean.WriteByte(' ')
		}
	}
	p.clean.Write(p.src[ln.lo:ln.hi])
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
		// Slabs of nodes; the first one sized for the document, so that
		// small documents (and there are many in a history) stay small.
		size := 256
		if p.all == nil {
			size = min(max(len(p.src)/100, 8), 256)
			p.all = make([]*Node, 0, len(p.src)/100+8)
		}
		p.slab = make([]Node, 0, size)
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
	// Children slices are built once at the end (finish): appending to
	// them here would cost an allocation for nearly every clause.
	parent := &p.stack[len(p.stack)-1]
	p.tailNode = nil
	if parent.kids++; parent.kids == 1 {
		parent.first = n
	}
	n.Parent = parent.n
	p.adopt(n)
	e.n = n
	p.stack = append(p.stack, e)
}

// adopt records a node of the tree in creation order.
func (p *parser) adopt(n *Node) {
	n.idx = int32(len(p.all))
	p.all = append(p.all, n)
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
	e.scheme, e.rank, e.last, e.latin = m.scheme, m.rank, m.num, m.latin
	p.push(n, e)
	if p.err != nil {
		return n
	}
	p.clean.Write(p.src[start:ln.hi])
	return n
}
