package render

import (
	"io"
	"sort"
	"strings"
	"time"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/docx"
	"github.com/redline-docs/redline/review"
)

// DiffDocx writes the redline as a Word document: the new revision's text
// with every edit from the old one as a real tracked change (w:ins, w:del,
// whole paragraphs with their paragraph marks) by the author and date of
// the revision that made it, and on each changed clause a Word comment
// with the consultation comments behind the change — or a note that none
// explains it. Accepting every change in Word gives exactly the new text;
// rejecting every change, exactly the old. Numbering is text, as in the
// revisions themselves, so accept and reject cannot renumber anything.
//
// With several documents, each starts with its path as a heading (not a
// tracked change).
func DiffDocx(w io.Writer, d *review.Diff, o Options) error {
	lang := diffLang(o, d)
	t := newTr(lang)
	rev := &docx.Rev{Author: authorName(d.To.Author), Date: wordDate(d.To.Date)}
	if rev.Author == "" {
		rev.Author = "redline"
	}
	f := &docx.File{Lang: wordLang(lang)}
	for i := range d.Documents {
		doc := &d.Documents[i]
		if len(d.Documents) > 1 {
			f.Blocks = append(f.Blocks, docx.Para{Style: "Heading1", Runs: []docx.Run{{Text: doc.Path}}})
		}
		f.Blocks = append(f.Blocks, redlineParas(t, doc, rev)...)
	}
	return f.Write(w)
}

func wordLang(l clause.Lang) string {
	if l == clause.LangZH {
		return "zh-CN"
	}
	return "en-US"
}

func wordDate(tm time.Time) string {
	if tm.IsZero() {
		return ""
	}
	return tm.UTC().Format("2006-01-02T15:04:05Z")
}

func source(d *clause.Document) string {
	if d == nil {
		return ""
	}
	return string(d.Src)
}

// redlineParas diffs the two whole texts word by word and lays the edit
// script out as Word paragraphs. Between two stretches of unchanged text,
// the deleted text D and the inserted text I each span one or more lines;
// their lines pair up in order as edited paragraphs (ending in a normal
// paragraph mark), and the lines one side has more of become whole
// deleted paragraphs (deleted mark) or whole inserted ones (inserted
// mark), as Word records a paragraph removed or added. So accepting every
// change leaves exactly the new text and rejecting every change exactly
// the old, in Word and in the programs that follow its rules.
func redlineParas(t tr, doc *review.Document, rev *docx.Rev) []docx.Block {
	oldSrc, newSrc := source(doc.Old), source(doc.New)
	// A paragraph always ends with its mark in Word: a last line without
	// a newline is ended as if it had one (appended, so no offset moves).
	if oldSrc != "" && !strings.HasSuffix(oldSrc, "\n") {
		oldSrc += "\n"
	}
	if newSrc != "" && !strings.HasSuffix(newSrc, "\n") {
		newSrc += "\n"
	}
	p := &paraBuilder{rev: rev, notes: newNoteFinder(t, doc), noted: map[int]bool{}}
	if steps, ok := alignLines(splitLines(oldSrc), splitLines(newSrc)); ok {
		// Paragraph by paragraph: whole paragraphs inserted or deleted
		// with their marks, edited ones word by word. Every reader —
		// Word, LibreOffice, pandoc — accepts and rejects these alike.
		for _, st := range steps {
			switch {
			case st.old != nil && st.new != nil:
				p.ops(diff.Text(*st.old, *st.new))
			case st.old != nil:
				p.hunk(*st.old, "")
			default:
				p.hunk("", *st.new)
			}
		}
	} else {
		p.ops(diff.Text(oldSrc, newSrc))
	}
	if len(p.cur.Runs) > 0 || len(p.cur.Notes) > 0 {
		p.out = append(p.out, p.cur)
	}
	return p.out
}

// ops lays out an edit script (see redlineParas).
func (p *paraBuilder) ops(ops []diff.Op) {
	for i := 0; i < len(ops); {
		if ops[i].Kind == diff.Equal {
			p.equal(ops[i].Text)
			i++
			continue
		}
		var del, ins strings.Builder
		for ; i < len(ops) && ops[i].Kind != diff.Equal; i++ {
			if ops[i].Kind == diff.Delete {
				del.WriteString(ops[i].Text)
			} else {
				ins.WriteString(ops[i].Text)
			}
		}
		p.hunk(del.String(), ins.String())
	}
}

// splitLines cuts a text after each newline; the last line may lack one.
func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// lineStep is one paragraph of the line alignment: an old line and the new
// line it became, or a line only one side has.
type lineStep struct{ old, new *string }

// maxLineGrid bounds the line alignment's table (old × new lines between
// the common head and tail); past it the word diff of the whole texts is
// laid out instead.
const maxLineGrid = 4 << 20

// alignLines aligns two texts line by line: the longest common subsequence
// of identical lines, then within each stretch between them the changed
// lines paired by similarity, in order.
func alignLines(a, b []string) ([]lineStep, bool) {
	head, tail := commonEnds(a, b)
	ma, mb := a[head:len(a)-tail], b[head:len(b)-tail]
	if len(ma)*len(mb) > maxLineGrid {
		return nil, false
	}
	var steps []lineStep
	for i := 0; i < head; i++ {
		steps = append(steps, lineStep{&a[i], &b[i]})
	}
	// LCS table over the middle, from the end.
	n, m := len(ma), len(mb)
	lcs := make([]int32, (n+1)*(m+1))
	at := func(i, j int) *int32 { return &lcs[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				*at(i, j) = *at(i+1, j+1) + 1
			} else {
				*at(i, j) = max(*at(i+1, j), *at(i, j+1))
			}
		}
	}
	var olds, news []string
	flush := func() {
		steps = append(steps, pairLines(olds, news)...)
		olds, news = nil, nil
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && ma[i] == mb[j]:
			flush()
			steps = append(steps, lineStep{&ma[i], &mb[j]})
			i, j = i+1, j+1
		case j >= m || (i < n && *at(i+1, j) >= *at(i, j+1)):
			olds = append(olds, ma[i])
			i++
		default:
			news = append(news, mb[j])
			j++
		}
	}
	flush()
	for k := len(a) - tail; k < len(a); k++ {
		steps = append(steps, lineStep{&a[k], &b[k-len(a)+len(b)]})
	}
	return steps, true
}

// pairLines pairs the changed old lines of a stretch with its new lines:
// in order, each pair at least a third alike (bigram Dice), as many alike
// as possible; the rest stand alone as deleted or inserted paragraphs.
func pairLines(olds, news []string) []lineStep {
	k, m := len(olds), len(news)
	if k == 0 || m == 0 || k*m > 1<<14 {
		var out []lineStep
		for i := range olds {
			out = append(out, lineStep{old: &olds[i]})
		}
		for i := range news {
			out = append(out, lineStep{new: &news[i]})
		}
		return out
	}
	// best[i][j]: the most similarity pairing olds[i:] with news[j:].
	best := make([]float64, (k+1)*(m+1))
	at := func(i, j int) *float64 { return &best[i*(m+1)+j] }
	sim := func(i, j int) float64 { return dice(olds[i], news[j]) }
	for i := k - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := max(*at(i+1, j), *at(i, j+1))
			if s := sim(i, j); s >= 1.0/3 {
				v = max(v, *at(i+1, j+1)+s)
			}
			*at(i, j) = v
		}
	}
	var out []lineStep
	i, j := 0, 0
	for i < k || j < m {
		switch {
		case i < k && j < m && sim(i, j) >= 1.0/3 && *at(i, j) == *at(i+1, j+1)+sim(i, j):
			out = append(out, lineStep{&olds[i], &news[j]})
			i, j = i+1, j+1
		case j >= m || (i < k && *at(i, j) == *at(i+1, j)):
			out = append(out, lineStep{old: &olds[i]})
			i++
		default:
			out = append(out, lineStep{new: &news[j]})
			j++
		}
	}
	return out
}

// dice is the bigram Dice coefficient of two lines' runes.
func dice(a, b string) float64 {
	ra, rb := []rune(strings.TrimSpace(a)), []rune(strings.TrimSpace(b))
	if len(ra) < 2 || len(rb) < 2 {
		if string(ra) == string(rb) {
			return 1
		}
		return 0
	}
	grams := map[[2]rune]int{}
	for i := 0; i+1 < len(ra); i++ {
		grams[[2]rune{ra[i], ra[i+1]}]++
	}
	common := 0
	for i := 0; i+1 < len(rb); i++ {
		g := [2]rune{rb[i], rb[i+1]}
		if grams[g] > 0 {
			grams[g]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(ra)+len(rb)-2)
}

type paraBuilder struct {
	rev            *docx.Rev
	notes          *noteFinder
	noted          map[int]bool
	out            []docx.Block
	cur            docx.Para
	oldOff, newOff int
}

func (p *paraBuilder) end(markIns, markDel bool) {
	if markIns {
		p.cur.MarkIns = p.rev
	}
	if markDel {
		p.cur.MarkDel = p.rev
	}
	p.out = append(p.out, p.cur)
	p.cur = docx.Para{}
}

// add appends a run of one line's text (no newline) and advances the
// offsets; an edit gets its clause's Word comment once.
func (p *paraBuilder) add(kind diff.OpKind, text string) {
	if text == "" {
		return
	}
	// Word has no carriage returns: a CRLF line ends its paragraph like LF
	// (the offsets still count the CR).
	if show := strings.TrimSuffix(text, "\r"); show != "" {
		r := docx.Run{Text: show}
		k := -1
		switch kind {
		case diff.Insert:
			r.Ins = p.rev
			k = p.notes.at(p.newOff, true)
		case diff.Delete:
			r.Del = p.rev
			k = p.notes.at(p.oldOff, false)
		}
		if k >= 0 && !p.noted[k] {
			p.noted[k] = true
			p.cur.Notes = append(p.cur.Notes, p.notes.note(k))
		}
		p.cur.Runs = append(p.cur.Runs, r)
	}
	if kind != diff.Insert {
		p.oldOff += len(text)
	}
	if kind != diff.Delete {
		p.newOff += len(text)
	}
}

// newline advances the offsets past one line break of the given sides.
func (p *paraBuilder) newline(old, new bool) {
	if old {
		p.oldOff++
	}
	if new {
		p.newOff++
	}
}

func (p *paraBuilder) equal(text string) {
	for {
		line, rest, nl := strings.Cut(text, "\n")
		p.add(diff.Equal, line)
		if !nl {
			return
		}
		p.newline(true, true)
		p.end(false, false)
		text = rest
	}
}

func (p *paraBuilder) hunk(del, ins string) {
	dp, ip := strings.Split(del, "\n"), strings.Split(ins, "\n")
	k, m := len(dp), len(ip)
	n := min(k, m)
	for j := 0; j < n-1; j++ {
		p.add(diff.Delete, dp[j])
		p.add(diff.Insert, ip[j])
		p.newline(true, true)
		p.end(false, false)
	}
	for j := n - 1; j < k-1; j++ {
		p.add(diff.Delete, dp[j])
		p.newline(true, false)
		p.end(false, true)
	}
	for j := n - 1; j < m-1; j++ {
		p.add(diff.Insert, ip[j])
		p.newline(false, true)
		p.end(true, false)
	}
	p.add(diff.Delete, dp[k-1])
	p.add(diff.Insert, ip[m-1])
}

// noteFinder finds, for an edit at a byte offset of the old or the new
// text, the clause change it belongs to — the clause whose own text holds
// the offset — and writes that change's Word comment.
type noteFinder struct {
	t       tr
	changes []*review.Change
	olds    []span
	news    []span
}

type span struct {
	lo, hi int
	change int
}

func newNoteFinder(t tr, doc *review.Document) *noteFinder {
	f := &noteFinder{t: t}
	for i := range doc.Changes {
		c := &doc.Changes[i]
		f.changes = append(f.changes, c)
		k := len(f.changes) - 1
		if c.Old != nil {
			f.olds = append(f.olds, changeSpans(c, c.Old, k)...)
		}
		if c.New != nil {
			f.news = append(f.news, changeSpans(c, c.New, k)...)
		}
	}
	sort.Slice(f.olds, func(i, j int) bool { return f.olds[i].lo < f.olds[j].lo })
	sort.Slice(f.news, func(i, j int) bool { return f.news[i].lo < f.news[j].lo })
	return f
}

// changeSpans are the byte ranges of n that change c is about: the whole
// clause with its parts for a clause inserted or deleted whole, else its
// own text (ownSpans).
func changeSpans(c *review.Change, n *clause.Node, k int) []span {
	if c.Whole {
		parts, partial := c.WholeParts()
		if !partial {
			return []span{{n.Start, n.End, k}}
		}
		var s []span // the folded parts only: the others are changes of their own
		for _, m := range parts {
			s = append(s, ownSpans(m, k)...)
		}
		return s
	}
	return ownSpans(n, k)
}

// ownSpans are the byte ranges of a clause's own text: from its start to
// its first child, and for the document root also after its last child.
func ownSpans(n *clause.Node, k int) []span {
	s := []span{{n.Start, n.HeadEnd, k}}
	if n.Kind == clause.KindDocument && len(n.Children) > 0 {
		last := n.Children[len(n.Children)-1]
		s = append(s, span{last.End, n.End, k})
	}
	return s
}

func (f *noteFinder) at(off int, isNew bool) int {
	spans := f.olds
	if isNew {
		spans = f.news
	}
	// Own-text spans of distinct clauses do not overlap: the last span
	// starting at or before off is the only candidate.
	i := sort.Search(len(spans), func(i int) bool { return spans[i].lo > off }) - 1
	if i >= 0 && off < spans[i].hi {
		return spans[i].change
	}
	return -1
}

// note is the Word comment on one change: what changed, then each
// consultation comment behind it, or that none explains it.
func (f *noteFinder) note(k int) docx.Note {
	t := f.t
	c := f.changes[k]
	n := docx.Note{Author: "redline"}
	n.Paras = append(n.Paras, changeLabel(t, c)+" "+t.kind(c))
	if len(c.Comments) == 0 {
		if c.Substance() {
			n.Paras = append(n.Paras, t.s("noComment"))
		}
		return n
	}
	for _, cm := range c.Comments {
		n.Paras = append(n.Paras, commentLine(t, cm))
	}
	return n
}

// commentLine is one consultation comment as the report tabulates it:
// 单位/个人, 意见, 是否采纳, 理由.
func commentLine(t tr, c comment.Comment) string {
	parts := []string{c.ID}
	if c.By != "" {
		parts = append(parts, t.s("by")+t.sep()+c.By)
	}
	if c.Text != "" {
		parts = append(parts, t.s("text")+t.sep()+c.Text)
	}
	parts = append(parts, t.s("status")+t.sep()+t.status(c.Status))
	if c.Response != "" {
		parts = append(parts, t.s("response")+t.sep()+c.Response)
	}
	return strings.Join(parts, t.s("listSep"))
}

// docxRuns turns one side of a comparison row into runs: deleted words
// struck through, inserted words underlined (formatting, not tracked
// changes: the table shows both texts at once).
func docxRuns(ops []diff.Op) []docx.Run {
	var rs []docx.Run
	for _, op := range ops {
		r := docx.Run{Text: op.Text}
		switch op.Kind {
		case diff.Delete:
			r.Strike, r.Color = true, "C00000"
		case diff.Insert:
			r.Underline, r.Bold, r.Color = true, true, "0000C0"
		}
		rs = append(rs, r)
	}
	return rs
}

func textCell(lines ...string) docx.Cell {
	var c docx.Cell
	for _, l := range lines {
		for _, p := range strings.Split(l, "\n") {
			c.Paras = append(c.Paras, []docx.Run{{Text: p}})
		}
	}
	return c
}

// TableDocx writes the 修改前后对照表 as a Word table — 条款 | 修改前 |
// 修改后 | 修改依据 — deletions struck and insertions underlined, on A4
// landscape with a real grid.
func TableDocx(w io.Writer, d *review.Diff, o Options) error {
	t := newTr(diffLang(o, d))
	f := &docx.File{Lang: wordLang(t.lang()), Landscape: true}
	f.Blocks = append(f.Blocks,
		docx.Para{Style: "Title", Runs: []docx.Run{{Text: t.s("tableTitle")}}},
		docx.Para{Style: "Small", Runs: []docx.Run{{Text: revName(t, d.From) + " → " + revName(t, d.To)}}})
	// Landscape A4 is 16838 twips wide; less the margins, 14230 for the grid.
	widths := []int{2000, 4700, 4700, 2830}
	for i := range d.Documents {
		doc := &d.Documents[i]
		dt := newTr(docLang(o, doc.Lang))
		rows, folded := compareRows(o, doc)
		f.Blocks = append(f.Blocks, docx.Para{Style: "Heading1", Runs: []docx.Run{{Text: doc.Path}}})
		if len(rows) == 0 {
			f.Blocks = append(f.Blocks, docx.Para{Runs: []docx.Run{{Text: dt.s("noChanges")}}})
		} else {
			tb := docx.Table{Widths: widths, Header: []docx.Cell{
				textCell(dt.s("clause")), textCell(dt.s("before")), textCell(dt.s("after")), textCell(dt.s("basis")),
			}}
			for _, r := range rows {
				label := textCell(r.Label)
				if r.Title != "" {
					label.Paras = append(label.Paras, []docx.Run{{Text: r.Title}})
				}
				basis := textCell(r.Basis)
				tb.Rows = append(tb.Rows, []docx.Cell{label,
					{Paras: [][]docx.Run{docxRuns(r.Before)}},
					{Paras: [][]docx.Run{docxRuns(r.After)}},
					basis})
			}
			f.Blocks = append(f.Blocks, tb)
		}
		f.Blocks = append(f.Blocks, docx.Para{Style: "Small", Runs: []docx.Run{{Text: tableNote(dt, folded)}}})
	}
	return f.Write(w)
}

// ReportDocx writes the consultation report as a Word document: the
// report's title, its range, and per group a table of 序号 | 单位/个人 |
// 修改意见 | 是否采纳 | 修改情况, as the Markdown and HTML reports.
func ReportDocx(w io.Writer, r *review.Report, o Options) error {
	t := newTr(reportLang(o, r))
	f := &docx.File{Lang: wordLang(t.lang()), Landscape: true}
	f.Blocks = append(f.Blocks,
		docx.Para{Style: "Title", Runs: []docx.Run{{Text: reportTitle(t, r)}}},
		docx.Para{Style: "Small", Runs: []docx.Run{{Text: t.s("range") + t.sep() + revName(t, r.From) + " → " + revName(t, r.To)}}})
	widths := []int{900, 2200, 4600, 3000, 3530}
	gs := groups(r)
	for gi, g := range gs {
		if len(gs) > 1 || g.Name != "" {
			f.Blocks = append(f.Blocks, docx.Para{Style: "Heading1", Runs: []docx.Run{{Text: groupHeading(t, gi, g.Name)}}})
		}
		tb := docx.Table{Widths: widths, Header: []docx.Cell{
			textCell(t.s("seq")), textCell(t.s("by")), textCell(t.s("text")), textCell(t.s("disposition")), textCell(t.s("whatChanged")),
		}}
		for i, e := range g.Entries {
			var changed docx.Cell
			for k := range e.Changes {
				c := &e.Changes[k]
				runs := []docx.Run{{Text: changeLabel(t, c) + t.sep(), Bold: true}}
				changed.Paras = append(changed.Paras, append(runs, docxRuns(condense(sideOps(c), reportContext))...))
			}
			if len(e.Changes) == 0 {
				changed.Paras = append(changed.Paras, []docx.Run{{Text: entryLabel(t, e) + t.sep(), Bold: true}, {Text: t.s("textSame")}})
			}
			if rs := revsText(t, e); rs != "" {
				changed.Paras = append(changed.Paras, []docx.Run{{Text: t.s("revision") + t.sep() + rs}})
			}
			tb.Rows = append(tb.Rows, []docx.Cell{textCell(seqOf(e, i)), textCell(e.Comment.By),
				textCell(commentText(t, e)), textCell(disposition(t, e)), changed})
		}
		f.Blocks = append(f.Blocks, tb)
	}
	if len(r.Entries) == 0 {
		f.Blocks = append(f.Blocks, docx.Para{Runs: []docx.Run{{Text: t.s("noComments")}}})
	}
	return f.Write(w)
}
