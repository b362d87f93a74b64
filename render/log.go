package render

import (
	"io"
	"strings"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// columns writes an aligned table for a terminal. Widths count display
// columns, so Chinese text (two columns a character) lines up. Every column
// but the last is as wide as its widest cell, capped at maxW[i] (0: no cap);
// the last takes what is left of width, and cells that do not fit are cut
// with "…". When the last column would be cramped, the columns marked in
// shrink give up room first.
func columns(tw *termWriter, header []string, rows [][]string, maxW []int, shrink []bool) {
	n := len(header)
	w := make([]int, n)
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			if cw := StringWidth(flat(c)); cw > w[i] {
				w[i] = cw
			}
		}
	}
	used := 0
	for i := 0; i < n-1; i++ {
		if maxW[i] > 0 && w[i] > maxW[i] {
			w[i] = maxW[i]
		}
		used += w[i] + 2
	}
	// When the last column would be cramped, narrow the widest others first.
	const roomy, narrowest = 20, 8
	for tw.width-used < min(roomy, w[n-1]) {
		widest := -1
		for i := 0; i < n-1; i++ {
			if shrink[i] && w[i] > narrowest && (widest < 0 || w[i] > w[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		w[widest]--
		used--
	}
	if last := tw.width - used; last < w[n-1] {
		w[n-1] = max(last, 10)
	}
	line := func(r []string, st style) {
		var segs []seg
		for i, c := range r {
			cell := truncate(flat(c), w[i])
			if i < n-1 {
				cell = padRight(cell, w[i]) + "  "
			}
			segs = append(segs, seg{cell, st})
		}
		tw.line(renderAtoms(atoms(segs), tw.color))
	}
	line(header, bold)
	for _, r := range rows {
		line(r, plain)
	}
}

// flat puts a cell on one line.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// commentIDs lists comments by id.
func commentIDs(t tr, cs []comment.Comment) string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return t.join(ids)
}

// LogText writes a revision list, newest first: hash, stage, date, author,
// message and the comments each revision settles.
func LogText(w io.Writer, revs []review.Rev, o Options) error {
	tw := newTermWriter(w, o)
	var texts []string
	for _, r := range revs {
		texts = append(texts, r.Message, r.Stage)
	}
	t := newTr(guessLang(o, texts...))
	if len(revs) == 0 {
		tw.line(t.s("noRevisions"))
	}
	for i, r := range revs {
		if i > 0 {
			tw.line("")
		}
		head := []seg{{shortHash(r.Hash), bold}}
		if r.Stage != "" {
			head = append(head, seg{"  " + r.Stage, ins})
		}
		if !r.Date.IsZero() {
			head = append(head, seg{"  " + r.Date.Format("2006-01-02 15:04 -0700"), dim})
		}
		if a := authorName(r.Author); a != "" {
			head = append(head, seg{"  " + a, plain})
		}
		tw.para("", "    ", head...)
		if r.Message != "" {
			tw.para("    ", "    ", seg{r.Message, plain})
		}
		if len(r.Resolves) > 0 {
			tw.para("    ", "    ", seg{t.s("resolves") + t.sep(), dim}, seg{t.join(r.Resolves), plain})
		}
	}
	return tw.err
}

// eventWord is a history event in t's language.
func eventWord(t tr, e review.Event) string {
	if e == review.Created {
		return t.s("created")
	}
	return t.s(string(e))
}

// HistoryText writes a clause's history, oldest first: per revision the
// event, the label, the text (as a redline against the previous entry) and
// the comments behind it.
func HistoryText(w io.Writer, h *review.History, o Options) error {
	tw := newTermWriter(w, o)
	t := newTr(docLang(o, h.Lang))
	title := t.s("history") + " " + h.ClauseID
	if h.Path != "" {
		if t.zh {
			title += "（" + h.Path + "）"
		} else {
			title += " (" + h.Path + ")"
		}
	}
	tw.para("", "", seg{title, bold})
	for _, e := range h.Entries {
		tw.line("")
		head := []seg{{shortHash(e.Rev.Hash), bold}}
		if e.Rev.Stage != "" {
			head = append(head, seg{"  " + e.Rev.Stage, plain})
		}
		if !e.Rev.Date.IsZero() {
			head = append(head, seg{"  " + e.Rev.Date.Format("2006-01-02"), dim})
		}
		head = append(head, seg{"  [" + eventWord(t, e.Event) + "]", dim}, seg{"  " + e.Label, bold})
		tw.para("", "    ", head...)
		ops := e.Ops
		switch {
		case e.Event == review.Deleted:
			ops = []diff.Op{{Kind: diff.Delete, Text: e.Text}}
		case len(ops) == 0:
			ops = []diff.Op{{Kind: diff.Equal, Text: e.Text}}
		}
		if e.Text != "" || hasEdits(ops) {
			tw.para("  ", "  ", redlineSegs(ops, tw.color)...)
		}
		for _, c := range e.Comments {
			textComment(tw, t, c, false)
		}
	}
	return tw.err
}

// BlameText writes, for each clause, the revision and comments that last
// changed it, with the start of its text.
func BlameText(w io.Writer, b *review.Blame, o Options) error {
	tw := newTermWriter(w, o)
	t := newTr(docLang(o, b.Lang))
	tw.para("", "", seg{t.s("blame") + " " + b.Path, bold}, seg{"  " + revName(t, b.Rev), dim})
	tw.line("")
	var rows [][]string
	for _, l := range b.Clauses {
		date := ""
		if !l.Rev.Date.IsZero() {
			date = l.Rev.Date.Format("2006-01-02")
		}
		rows = append(rows, []string{l.Label, revShort(l.Rev), date, commentIDs(t, l.Comments), plainText(l.Text)})
	}
	columns(tw, []string{t.s("clause"), t.s("revision"), t.s("date"), t.s("comments"), t.s("textCol")}, rows, []int{24, 20, 10, 20}, []bool{false, true, false, true})
	return tw.err
}

// CommentsText writes a comment list as an aligned table: id, who, clause,
// status and the start of the comment.
func CommentsText(w io.Writer, cs []comment.Comment, o Options) error {
	tw := newTermWriter(w, o)
	var texts []string
	for _, c := range cs {
		texts = append(texts, c.Text, c.By)
	}
	t := newTr(guessLang(o, texts...))
	if len(cs) == 0 {
		tw.line(t.s("noComments"))
		return tw.err
	}
	var rows [][]string
	for _, c := range cs {
		label := c.Anchor.Label
		if label == "" {
			label = t.s("wholeDoc")
		}
		rows = append(rows, []string{c.ID, c.By, label, t.status(c.Status), c.Text})
	}
	columns(tw, []string{t.s("id"), t.s("by"), t.s("clause"), t.s("status"), t.s("text")}, rows, []int{12, 20, 16, 0}, []bool{false, true, true, false})
	return tw.err
}

// plainText is a clause's text for one table cell: a Markdown heading's "## "
// dropped, as in the redlines.
func plainText(s string) string {
	return diff.Render(stripHeading([]diff.Op{{Kind: diff.Equal, Text: s}}))
}
