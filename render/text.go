package render

import (
	"bytes"
	"io"
	"strings"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// termWriter writes wrapped terminal paragraphs and remembers the first
// write error.
type termWriter struct {
	w     io.Writer
	color bool
	width int
	err   error
	wr    wrapper
}

func newTermWriter(w io.Writer, o Options) *termWriter {
	width := o.Width
	if width <= 0 {
		width = 80
	}
	return &termWriter{w: w, color: o.Color, width: width}
}

// para writes segments wrapped to the width, the first line after first and
// the rest after rest.
func (t *termWriter) para(first, rest string, segs ...seg) {
	t.wr.wrap(segs, t.width, first, rest, t.color, t.lineBytes)
}

// lineBytes writes one line as it is, like line; it may change l's bytes.
func (t *termWriter) lineBytes(l []byte) {
	if t.err == nil {
		l = append(bytes.TrimRight(l, " "), '\n')
		_, t.err = t.w.Write(l)
	}
}

// line writes one line as it is.
func (t *termWriter) line(s string) {
	if t.err == nil {
		_, t.err = io.WriteString(t.w, strings.TrimRight(s, " ")+"\n")
	}
}

// redlineSegs marks an edit script's deletions and insertions: in colour, or
// as [-deleted-]{+inserted+} without.
func redlineSegs(ops []diff.Op, color bool) []seg {
	var segs []seg
	for _, op := range ops {
		switch op.Kind {
		case diff.Equal:
			segs = append(segs, seg{op.Text, plain})
		case diff.Delete:
			if color {
				segs = append(segs, seg{op.Text, del})
			} else {
				segs = append(segs, seg{"[-", markOpen}, seg{op.Text, plain}, seg{"-]", markClose})
			}
		case diff.Insert:
			if color {
				segs = append(segs, seg{op.Text, ins})
			} else {
				segs = append(segs, seg{"{+", markOpen}, seg{op.Text, plain}, seg{"+}", markClose})
			}
		}
	}
	return segs
}

// Text writes the annotated diff for a terminal: per change its label, kind,
// redline, quantity and unit changes and the comments behind it; then the
// changes no comment explains and the adopted comments that changed nothing.
func Text(w io.Writer, d *review.Diff, o Options) error {
	tw := newTermWriter(w, o)
	t := newTr(diffLang(o, d))
	tw.para("", "", seg{t.s("title"), bold})
	tw.para("  ", "    ", seg{t.s("from") + t.sep(), dim}, seg{revName(t, d.From), plain})
	tw.para("  ", "    ", seg{t.s("to") + t.sep(), dim}, seg{revName(t, d.To), plain})
	for i := range d.Documents {
		textDocument(tw, &d.Documents[i], o)
	}
	if len(d.Unapplied) > 0 {
		tw.line("")
		tw.para("", "", seg{t.count("unapplied", len(d.Unapplied)), bold})
		tw.para("  ", "  ", seg{t.s("unappNote"), dim})
		for _, c := range d.Unapplied {
			textComment(tw, t, c, true)
		}
	}
	return tw.err
}

func textDocument(tw *termWriter, doc *review.Document, o Options) {
	t := newTr(docLang(o, doc.Lang))
	shown, folded := split(o, doc.Changes)
	tw.line("")
	summary := t.n("changesN", len(doc.Changes))
	if len(doc.Unexplained) > 0 {
		summary += t.s("listSep") + t.n("unexplN", len(doc.Unexplained))
	}
	tw.para("", "", seg{"== " + doc.Path + " ==", bold}, seg{"  " + summary, dim})
	if len(doc.Changes) == 0 {
		tw.para("", "", seg{t.s("noChanges"), plain})
	}
	for _, c := range shown {
		if r, first := runOf(doc, c); r != nil {
			if first {
				tw.line("")
				tw.para("", "    ", seg{runText(t, r), bold}, seg{"  [" + t.s("renumbered") + "]", dim})
			}
			continue
		}
		tw.line("")
		textChange(tw, t, c)
	}
	if len(folded) > 0 {
		tw.line("")
		tw.para("", "  ", seg{t.n("fmtFolded", len(folded)), dim}, seg{t.join(labelsOf(t, folded)), plain})
	}
	if len(doc.Unexplained) > 0 {
		tw.line("")
		tw.para("", "", seg{t.count("unexplained", len(doc.Unexplained)), bold})
		for _, c := range unexplainedChanges(doc) {
			tw.para("  ", "    ", seg{changeLabel(t, c), bold}, seg{"  " + shownTitle(c), plain}, seg{"  " + t.kind(c), dim})
		}
	}
}

func textChange(tw *termWriter, t tr, c *review.Change) {
	head := []seg{{changeLabel(t, c), bold}}
	if title := shownTitle(c); title != "" {
		head = append(head, seg{"  " + title, plain})
	}
	head = append(head, seg{"  [" + t.kind(c) + "]", dim})
	tw.para("", "    ", head...)
	if hasEdits(changeOps(c)) || c.Kind != diff.Modified {
		tw.para("  ", "  ", redlineSegs(fullOps(c), tw.color)...)
	}
	for _, q := range c.Quantities {
		tw.para("  ", "    ", seg{t.s("quantities") + t.sep(), dim}, seg{quantityText(t, q), bold})
	}
	if !c.Units.Empty() {
		tw.para("  ", "    ", append([]seg{{t.s("units") + t.sep(), dim}}, unitSegs(c.Units)...)...)
	}
	for _, cm := range c.Comments {
		textComment(tw, t, cm, false)
	}
}

// unitSegs colours added units as insertions and removed ones as deletions.
func unitSegs(u diff.UnitChange) []seg {
	var segs []seg
	for _, a := range u.Added {
		segs = append(segs, seg{"+" + a, ins}, seg{" ", plain})
	}
	for _, r := range u.Removed {
		segs = append(segs, seg{"−" + r, del}, seg{" ", plain})
	}
	return segs
}

// textComment writes one comment: who, status, its text, proposal and response.
func textComment(tw *termWriter, t tr, c comment.Comment, withClause bool) {
	head := []seg{{t.s("comment") + " " + c.ID, bold}, {" · " + c.By + " · ", plain}, {t.status(c.Status), bold}}
	if withClause {
		label := c.Anchor.Label
		if label == "" {
			label = t.s("wholeDoc")
		}
		head = append(head, seg{" · " + t.s("clause") + " " + label, dim})
	}
	tw.para("  ", "      ", head...)
	if c.Anchor.Exact != "" {
		tw.para("    ", "    ", seg{t.s("quote") + t.sep(), dim}, seg{c.Anchor.Exact, plain})
	}
	if c.Text != "" {
		tw.para("    ", "    ", seg{c.Text, plain})
	}
	if c.Proposed != "" {
		tw.para("    ", "    ", seg{t.s("proposed") + t.sep(), dim}, seg{c.Proposed, plain})
	}
	if c.Response != "" {
		tw.para("    ", "    ", seg{t.s("response") + t.sep(), dim}, seg{c.Response, plain})
	}
}
