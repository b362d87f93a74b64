package clause

import (
	"bytes"
	"path"
	"strings"
)

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
	p.info = infoEnd(src)
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
	p.closing = closingStart(src)
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

// inTOC reports whether a line belongs to a table of contents (目录): its
// entries look like headings (第一章　总则) but are not clauses. The table
// ends where its first entry appears again, or at the first sentence.
func (p *parser) inTOC(content []byte) bool {
	switch p.toc {
	case 0:
		if len(p.stack) == 1 && len(content) <= 24 && isTOCTitle(content) {
			p.toc = 1
			return true
		}
		return false
	case 1:
		if p.tocFirst == nil {
			p.tocFirst = content
			return true
		}
		if tocEntry(p.tocFirst) {
			// Entries with dot leaders and page numbers (RFCs, printed
			// books): the table ends at the first line without them.
			if tocEntry(content) {
				return true
			}
			p.toc = 2
			return false
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

// tocEntry reports whether a line is a table-of-contents entry with dot
// leaders and a page number: "1.1.  Notational Conventions . . . . .   2".
func tocEntry(b []byte) bool {
	if !bytes.Contains(b, []byte(". . .")) && !bytes.Contains(b, []byte("....")) && !bytes.Contains(b, []byte("……")) {
		return false
	}
	i := len(b)
	for i > 0 && b[i-1] >= '0' && b[i-1] <= '9' {
		i--
	}
	return i < len(b)
}
