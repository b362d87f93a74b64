package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Document is what a .docx says: its paragraphs in order (a table row is
// one paragraph, its cells joined by " | "), the reviewers' comments and
// the tracked changes.
type Document struct {
	Paragraphs []Paragraph
	Comments   []Comment
	Changes    []Change
	// Tables holds each table's rows of cells, in the accepted form.
	Tables [][][]string
}

// Paragraph is one paragraph as a sequence of segments.
type Paragraph struct {
	// Label is Word's automatic numbering as rendered on the page, with
	// the space that separates it from the text ("第一条 ", "（一）"); "" when
	// the paragraph is not numbered.
	Label    string
	Segments []Segment
	// Table is the index into Document.Tables of the table the row belongs
	// to, -1 for a paragraph of the body.
	Table int
	// MarkInserted and MarkDeleted record a tracked change of the
	// paragraph mark itself: a deleted mark joins the paragraph to the
	// next one once the changes are accepted.
	MarkInserted, MarkDeleted bool
}

// Segment is a run of text with the tracked change it belongs to.
type Segment struct {
	Text   string
	Change int // index into Document.Changes; -1 when the text is not a tracked change
}

// Comment is a Word comment (批注) with the text it is anchored to.
type Comment struct {
	ID, Author, Date string
	Text             string // the comment's own words
	Quote            string // the commented text, as accepted
	Para             int    // index of the paragraph where the range starts
}

// Change is one tracked change.
type Change struct {
	ID, Author, Date string
	Insert           bool // an insertion (w:ins, w:moveTo); else a deletion
	Text             string
	Para             int
}

// Tracked reports whether the document carries unaccepted tracked changes.
func (d *Document) Tracked() bool {
	if len(d.Changes) > 0 {
		return true
	}
	for _, p := range d.Paragraphs {
		if p.MarkInserted || p.MarkDeleted {
			return true
		}
	}
	return false
}

// Text is the paragraph's text with every tracked change accepted.
func (d *Document) accepted(p *Paragraph) string {
	var b strings.Builder
	for _, s := range p.Segments {
		if s.Change < 0 || d.Changes[s.Change].Insert {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// ParagraphText is paragraph i's text (without its label) with every
// tracked change accepted.
func (d *Document) ParagraphText(i int) string { return d.accepted(&d.Paragraphs[i]) }

// WithChange is paragraph i's text as it was before any tracked change,
// with changes ks alone applied: the text a reviewer who made only those
// changes proposes.
func (d *Document) WithChange(i int, ks ...int) string {
	var b strings.Builder
	for _, s := range d.Paragraphs[i].Segments {
		if s.Change < 0 {
			b.WriteString(s.Text)
			continue
		}
		applied := false
		for _, k := range ks {
			applied = applied || k == s.Change
		}
		if applied == d.Changes[s.Change].Insert {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// Adjacent reports whether change b's text directly follows change a's in
// their paragraph: together they replace one text with another.
func (d *Document) Adjacent(a, b int) bool {
	p := d.Changes[a].Para
	if p != d.Changes[b].Para || p < 0 || p >= len(d.Paragraphs) {
		return false
	}
	segs := d.Paragraphs[p].Segments
	for i := 0; i+1 < len(segs); i++ {
		if segs[i].Change == a {
			return segs[i+1].Change == b
		}
	}
	return false
}

// Text is the document as a reader sees it with every tracked change
// accepted: one line per paragraph, numbering rendered as labels.
func (d *Document) Text() string {
	s, _ := d.textOffsets()
	return s
}

// Offsets are the byte offsets in Text of each paragraph's start (its
// label).
func (d *Document) Offsets() []int {
	_, o := d.textOffsets()
	return o
}

// Original is paragraph i's text (without its label) with every tracked
// change rejected.
func (d *Document) Original(i int) string { return d.WithChange(i) }

func (d *Document) textOffsets() (string, []int) {
	offs := make([]int, len(d.Paragraphs))
	var b strings.Builder
	joined := false
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		text := d.accepted(p)
		offs[i] = b.Len()
		if !joined {
			b.WriteString(p.Label)
		}
		b.WriteString(text)
		// A deleted paragraph mark joins this paragraph to the next.
		joined = p.MarkDeleted && i+1 < len(d.Paragraphs)
		if !joined {
			b.WriteByte('\n')
		}
	}
	return b.String(), offs
}

// Read parses a .docx.
func Read(data []byte) (*Document, error) {
	p, err := open(data)
	if err != nil {
		return nil, err
	}
	main := p.mainPart()
	body, err := p.read(main)
	if err != nil {
		return nil, err
	}
	if body == nil {
		return nil, fmt.Errorf("%w: no %s", ErrNotDocx, main)
	}
	_, parts, err := p.rels(main)
	if err != nil {
		return nil, err
	}
	var numXML, stylesXML, commentsXML []byte
	if parts["numbering"] != "" {
		if numXML, err = p.read(parts["numbering"]); err != nil {
			return nil, err
		}
	}
	if parts["styles"] != "" {
		if stylesXML, err = p.read(parts["styles"]); err != nil {
			return nil, err
		}
	}
	if parts["comments"] != "" {
		if commentsXML, err = p.read(parts["comments"]); err != nil {
			return nil, err
		}
	}
	num, err := parseNumbering(numXML, stylesXML)
	if err != nil {
		return nil, err
	}
	r := &reader{num: num, doc: &Document{}, open: map[string]int{}, commentAt: map[string]int{}}
	if err := r.body(body); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotDocx, main, err)
	}
	if commentsXML != nil {
		if err := r.comments(commentsXML); err != nil {
			return nil, fmt.Errorf("%w: comments: %v", ErrNotDocx, err)
		}
	}
	return r.doc, nil
}

type reader struct {
	num *numbering
	doc *Document

	para      *Paragraph // the paragraph being read
	pStyle    string
	numID     string
	ilvl      int
	hasIlvl   bool
	change    []int // the tracked changes enclosing the current run, innermost last
	open      map[string]int
	commentAt map[string]int // comment id → index in doc.Comments
	quotes    map[string]*strings.Builder

	table    int
	row      []string    // cells of the row being read
	rowSegs  [][]Segment // their segments
	cellSegs []Segment   // the cell being read
	rowMarks [2]bool
	tables   [][][]string // rows of each table
}

// body walks document.xml with a token decoder: the structure of interest
// (paragraphs, runs, changes, comment ranges, tables) is shallow but may
// sit inside any wrapper (w:sdt, w:hyperlink, w:smartTag, w:customXml), so
// elements not named here are descended into.
func (r *reader) body(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []string
	skip := 0 // depth inside an element whose text is not body text
	inPPr := false
	r.table = -1
	r.quotes = map[string]*strings.Builder{}
	tableDepth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			if len(stack) > maxDepth {
				return fmt.Errorf("elements nested deeper than %d", maxDepth)
			}
			if skip > 0 {
				skip++
				continue
			}
			name := t.Name.Local
			switch name {
			case "txbxContent", "Fallback", "instrText", "delInstrText", "footnoteReference", "endnoteReference":
				// Text boxes and fallbacks repeat or lie outside the flow;
				// field instructions are codes, not text.
				skip = 1
			case "tbl":
				tableDepth++
				if tableDepth == 1 {
					r.table = len(r.tables)
					r.tables = append(r.tables, nil)
				}
			case "tr":
				if tableDepth == 1 {
					r.row, r.rowSegs, r.rowMarks = nil, nil, [2]bool{}
				}
			case "tc":
				if tableDepth == 1 {
					r.cellSegs = nil
				}
			case "p":
				r.para = &Paragraph{Table: -1}
				r.pStyle, r.numID, r.ilvl, r.hasIlvl = "", "", 0, false
			case "pPr":
				inPPr = true
			case "pStyle":
				if inPPr {
					r.pStyle = attr(t, "val")
				}
			case "numId":
				if inPPr {
					r.numID = attr(t, "val")
				}
			case "ilvl":
				if inPPr {
					r.ilvl, r.hasIlvl = atoi(attr(t, "val"), 0), true
				}
			case "ins", "moveTo", "del", "moveFrom":
				if inPPr {
					// A change of the paragraph mark (w:pPr/w:rPr/w:ins|del).
					if r.para != nil {
						if name == "ins" || name == "moveTo" {
							r.para.MarkInserted = true
						} else {
							r.para.MarkDeleted = true
						}
					}
					continue
				}
				r.doc.Changes = append(r.doc.Changes, Change{
					ID: attr(t, "id"), Author: attr(t, "author"), Date: attr(t, "date"),
					Insert: name == "ins" || name == "moveTo", Para: len(r.doc.Paragraphs),
				})
				r.change = append(r.change, len(r.doc.Changes)-1)
			case "t", "delText":
				if inPPr || r.para == nil {
					skip = 1
				}
			case "tab":
				if !inPPr && r.para != nil {
					r.text("\t")
				}
			case "br", "cr":
				if !inPPr && r.para != nil {
					r.text("\n")
				}
			case "noBreakHyphen":
				if r.para != nil {
					r.text("-")
				}
			case "commentRangeStart":
				id := attr(t, "id")
				r.open[id] = len(r.doc.Paragraphs)
				r.quotes[id] = &strings.Builder{}
			case "commentRangeEnd":
				r.closeComment(attr(t, "id"))
			case "commentReference":
				id := attr(t, "id")
				if _, ok := r.open[id]; !ok {
					if _, seen := r.commentAt[id]; !seen {
						r.commentAt[id] = len(r.doc.Paragraphs)
					}
				}
			}
		case xml.EndElement:
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if skip > 0 {
				skip--
				continue
			}
			switch name {
			case "pPr":
				inPPr = false
			case "ins", "moveTo", "del", "moveFrom":
				if !inPPr && len(r.change) > 0 {
					r.change = r.change[:len(r.change)-1]
				}
			case "p":
				r.endParagraph(tableDepth)
			case "tc":
				if tableDepth == 1 {
					r.row = append(r.row, r.segText(r.cellSegs))
					r.rowSegs = append(r.rowSegs, r.cellSegs)
					r.cellSegs = nil
				}
			case "tr":
				if tableDepth == 1 {
					r.endRow()
				}
			case "tbl":
				tableDepth--
				if tableDepth == 0 {
					r.table = -1
				}
			}
		case xml.CharData:
			if skip > 0 || r.para == nil || len(stack) == 0 {
				continue
			}
			if n := stack[len(stack)-1]; n == "t" || n == "delText" {
				r.text(string(t))
			}
		case xml.Directive:
			// A DOCTYPE has no place in WordprocessingML; entity tricks
			// start with one.
			return fmt.Errorf("unexpected <!%s>", firstWord(string(t)))
		}
	}
	for id := range r.open {
		r.closeComment(id)
	}
	r.doc.Tables = r.tables
	r.mergeChanges()
	return nil
}

// mergeChanges joins tracked changes that an editor split into several
// elements (LibreOffice writes one w:ins per run): adjacent changes of one
// paragraph with the same author, date and kind are one change.
func (r *reader) mergeChanges() {
	cs := r.doc.Changes
	if len(cs) < 2 {
		return
	}
	to := make([]int, len(cs))
	var out []Change
	for i, c := range cs {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.Para == c.Para && last.Author == c.Author && last.Date == c.Date && last.Insert == c.Insert && r.adjacent(i-1, i) {
				last.Text += c.Text
				to[i] = n - 1
				continue
			}
		}
		to[i] = len(out)
		out = append(out, c)
	}
	r.doc.Changes = out
	for pi := range r.doc.Paragraphs {
		segs := r.doc.Paragraphs[pi].Segments[:0]
		for _, s := range r.doc.Paragraphs[pi].Segments {
			if s.Change >= 0 {
				s.Change = to[s.Change]
			}
			if n := len(segs); n > 0 && segs[n-1].Change == s.Change {
				segs[n-1].Text += s.Text
				continue
			}
			segs = append(segs, s)
		}
		r.doc.Paragraphs[pi].Segments = segs
	}
}

// adjacent reports whether change b's text follows change a's with no
// other text between them.
func (r *reader) adjacent(a, b int) bool {
	p := r.doc.Changes[a].Para
	if p >= len(r.doc.Paragraphs) {
		return false
	}
	segs := r.doc.Paragraphs[p].Segments
	for i := 0; i+1 < len(segs); i++ {
		if segs[i].Change == a {
			return segs[i+1].Change == b
		}
	}
	return false
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return s
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// text adds s to the current paragraph, inside the innermost change, and
// to every open comment's quote when it is accepted text.
func (r *reader) text(s string) {
	c := -1
	if len(r.change) > 0 {
		c = r.change[len(r.change)-1]
		r.doc.Changes[c].Text += s
	}
	segs := &r.para.Segments
	if n := len(*segs); n > 0 && (*segs)[n-1].Change == c {
		(*segs)[n-1].Text += s
	} else {
		*segs = append(*segs, Segment{Text: s, Change: c})
	}
	if c < 0 || r.doc.Changes[c].Insert {
		for id := range r.open {
			r.quotes[id].WriteString(s)
		}
	}
}

func (r *reader) segText(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Change < 0 || r.doc.Changes[s.Change].Insert {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func (r *reader) endParagraph(tableDepth int) {
	p := r.para
	r.para = nil
	if p == nil {
		return
	}
	if numID, ilvl, ok := r.num.resolve(r.pStyle, r.numID, r.ilvl, r.hasIlvl); ok {
		// A paragraph whose mark and text are all deleted is gone once the
		// changes are accepted: it takes no number.
		if !(p.MarkDeleted && strings.TrimSpace(r.segTextAccepted(p)) == "") {
			p.Label = r.num.next(numID, ilvl)
		}
	}
	if tableDepth > 0 {
		// A cell's paragraphs join into the cell, label first.
		if len(r.cellSegs) > 0 {
			r.cellSegs = append(r.cellSegs, Segment{Text: " ", Change: -1})
		}
		if p.Label != "" {
			r.cellSegs = append(r.cellSegs, Segment{Text: p.Label, Change: -1})
		}
		r.cellSegs = append(r.cellSegs, p.Segments...)
		r.rowMarks[0] = r.rowMarks[0] || p.MarkInserted
		r.rowMarks[1] = r.rowMarks[1] || p.MarkDeleted
		return
	}
	r.doc.Paragraphs = append(r.doc.Paragraphs, *p)
}

func (r *reader) segTextAccepted(p *Paragraph) string { return r.segText(p.Segments) }

// endRow turns a table row into one paragraph, its cells joined by " | ".
func (r *reader) endRow() {
	t := r.table
	r.tables[t] = append(r.tables[t], r.row)
	p := Paragraph{Table: t}
	for i, segs := range r.rowSegs {
		if i > 0 {
			p.Segments = append(p.Segments, Segment{Text: " | ", Change: -1})
		}
		p.Segments = append(p.Segments, segs...)
	}
	r.doc.Paragraphs = append(r.doc.Paragraphs, p)
	r.row, r.rowSegs = nil, nil
}

func (r *reader) closeComment(id string) {
	para, ok := r.open[id]
	if !ok {
		return
	}
	delete(r.open, id)
	r.commentAt[id] = para
	// The quote is kept in r.quotes until comments.xml is read.
}

// comments reads the comments part and pairs each comment with its range.
func (r *reader) comments(data []byte) error {
	var x struct {
		Comment []struct {
			ID     string `xml:"id,attr"`
			Author string `xml:"author,attr"`
			Date   string `xml:"date,attr"`
			Para   []struct {
				Runs []struct {
					T []string `xml:"t"`
				} `xml:",any"`
			} `xml:"p"`
		} `xml:"comment"`
	}
	if err := decodeStrict(data, &x); err != nil {
		return err
	}
	for _, c := range x.Comment {
		var text []string
		for _, p := range c.Para {
			var b strings.Builder
			for _, run := range p.Runs {
				for _, t := range run.T {
					b.WriteString(t)
				}
			}
			if s := strings.TrimSpace(b.String()); s != "" {
				text = append(text, s)
			}
		}
		para, ok := r.commentAt[c.ID]
		if !ok {
			para = -1
		}
		quote := ""
		if q := r.quotes[c.ID]; q != nil {
			quote = strings.TrimSpace(q.String())
		}
		r.doc.Comments = append(r.doc.Comments, Comment{
			ID: c.ID, Author: c.Author, Date: c.Date,
			Text: strings.Join(text, "\n"), Quote: quote, Para: para,
		})
	}
	return nil
}

// Rejected is the document with every tracked change rejected: the text
// the reviewers started from.
func (d *Document) Rejected() string {
	var b strings.Builder
	joined := false
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		if !joined {
			b.WriteString(p.Label)
		}
		for _, s := range p.Segments {
			if s.Change < 0 || !d.Changes[s.Change].Insert {
				b.WriteString(s.Text)
			}
		}
		joined = p.MarkInserted && i+1 < len(d.Paragraphs)
		if !joined {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
