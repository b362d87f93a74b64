package render

import (
	"io"
	"strings"

	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// The 修改前后对照表 (comparison of revisions) is what a legislature
// publishes with an amendment: one row per changed clause, its text before
// and after, the deleted words marked in the before column and the inserted
// words in the after column. Unchanged clauses are left out, and a note says
// so. A fourth column carries the audit: the comments behind each change, or
// that no comment explains it, or that it is editorial; the adopted comments
// the text never took up follow the tables.

// compareRow is one row of the comparison table.
type compareRow struct {
	Label, Title  string
	Before, After []diff.Op // Before: equal and delete ops; After: equal and insert ops
	Basis         string    // the comments behind the change, or 未说明的修改, or 编辑性修改
}

// sideOps is the change as an edit script for the comparison table. A clause
// that was only renumbered has an all-equal script over its body; the table
// shows its number changing, so the texts are diffed by common prefix and
// suffix instead.
func sideOps(c *review.Change) []diff.Op {
	ops := fullOps(c)
	if hasEdits(ops) || c.OldText == "" || c.NewText == "" || c.OldText == c.NewText {
		return ops
	}
	a, b := []rune(c.OldText), []rune(c.NewText)
	p, s := commonEnds(a, b)
	var out []diff.Op
	add := func(k diff.OpKind, r []rune) {
		if len(r) > 0 {
			out = append(out, diff.Op{Kind: k, Text: string(r)})
		}
	}
	add(diff.Equal, a[:p])
	add(diff.Delete, a[p:len(a)-s])
	add(diff.Insert, b[p:len(b)-s])
	add(diff.Equal, a[len(a)-s:])
	return out
}

func compareRows(o Options, doc *review.Document) (rows []compareRow, folded []*review.Change) {
	shown, folded := split(o, doc.Changes)
	t := newTr(docLang(o, doc.Lang))
	unexplained := unexplainedSet(doc)
	for _, c := range shown {
		if run, first := runOf(doc, c); run != nil {
			if first {
				before, after, note := runSides(t, run)
				rows = append(rows, compareRow{Label: before + " → " + after,
					Before: []diff.Op{{Kind: diff.Equal, Text: before}},
					After:  []diff.Op{{Kind: diff.Equal, Text: after + t.s("listSep") + note}}})
			}
			continue
		}
		r := compareRow{Label: changeLabel(t, c), Title: shownTitle(c), Basis: basis(t, c, unexplained)}
		for _, op := range sideOps(c) {
			if op.Kind != diff.Insert {
				r.Before = append(r.Before, op)
			}
			if op.Kind != diff.Delete {
				r.After = append(r.After, op)
			}
		}
		rows = append(rows, r)
	}
	return rows, folded
}

// basis is the audit of one change for the table's last column.
func basis(t tr, c *review.Change, unexplained map[*review.Change]bool) string {
	var parts []string
	for _, cm := range c.Comments {
		parts = append(parts, commentRef(t, cm.ID, cm.By))
	}
	switch {
	case len(parts) > 0:
		return strings.Join(parts, t.s("listSep"))
	case editorial(c):
		return t.s("editorial")
	case unexplained[c] && c.Substance():
		return t.s("unexplTag")
	}
	return ""
}

// commentRef names a comment: "意见 D1（市卫健委）", "Comment C1 (Treasury)".
func commentRef(t tr, id, by string) string {
	s := t.s("comment") + " " + id
	if by == "" {
		return s
	}
	if t.zh {
		return s + "（" + by + "）"
	}
	return s + " (" + by + ")"
}

// unappliedRefs lists the unapplied comments of a diff for the table.
func unappliedRefs(t tr, d *review.Diff) []string {
	var out []string
	for _, c := range d.Unapplied {
		s := commentRef(t, c.ID, c.By)
		if l := c.Anchor.Label; l != "" {
			s += t.sep() + l
		}
		out = append(out, s)
	}
	return out
}

// tableNote is the note under a comparison table: unchanged clauses are
// omitted, and which clauses changed only in formatting.
func tableNote(t tr, folded []*review.Change) string {
	note := t.s("tableNote")
	if len(folded) > 0 {
		if t.zh {
			note += strings.TrimSuffix(t.n("fmtFolded", len(folded)), "：") + "：" + t.join(labelsOf(t, folded)) + "。"
		} else {
			note += " " + t.n("fmtFolded", len(folded)) + t.join(labelsOf(t, folded)) + "."
		}
	}
	return note
}

// TableMarkdown writes the 修改前后对照表 as Markdown: per document a table
// of clause | before | after.
func TableMarkdown(w io.Writer, d *review.Diff, o Options) error {
	m := &mdWriter{w: w}
	t := newTr(diffLang(o, d))
	m.printf("# %s\n\n", t.s("tableTitle"))
	m.printf("%s → %s\n", md(revName(t, d.From)), md(revName(t, d.To)))
	for i := range d.Documents {
		doc := &d.Documents[i]
		dt := newTr(docLang(o, doc.Lang))
		rows, folded := compareRows(o, doc)
		m.printf("\n## %s\n\n", md(doc.Path))
		if len(rows) > 0 {
			m.printf("| %s | %s | %s | %s |\n| --- | --- | --- | --- |\n", dt.s("clause"), dt.s("before"), dt.s("after"), dt.s("basis"))
		}
		for _, r := range rows {
			label := md(r.Label)
			if r.Title != "" {
				label += "<br>" + md(r.Title)
			}
			m.printf("| %s | %s | %s | %s |\n", label, mdRedline(r.Before, false), mdRedline(r.After, false), md(r.Basis))
		}
		if len(rows) == 0 {
			m.printf("%s\n", dt.s("noChanges"))
		}
		m.printf("\n%s\n", md(tableNote(dt, folded)))
	}
	if refs := unappliedRefs(t, d); len(refs) > 0 {
		m.printf("\n## %s\n\n%s\n\n", md(t.count("unapplied", len(refs))), md(t.s("unappNote")))
		for _, s := range refs {
			m.printf("- %s\n", md(s))
		}
	}
	return m.err
}

type hRow struct {
	Label, Title  string
	Before, After safeHTML
	Basis         string
}

type hTableDoc struct {
	Path, Note string
	Rows       []hRow
	T          map[string]string
}

type hTable struct {
	hPage
	Docs             []hTableDoc
	Unapplied        []string
	UnappliedHeading string
}

// TableHTML writes the 修改前后对照表 as one self-contained HTML file.
func TableHTML(w io.Writer, d *review.Diff, o Options) error {
	v := newHTable(d, o)
	return writePage(w, v.hPage, func(h *htmlWriter) { writeTableBody(h, &v) })
}

// newHTable is the 修改前后对照表 page's data.
func newHTable(d *review.Diff, o Options) hTable {
	t := newTr(diffLang(o, d))
	v := hTable{hPage: newPage(t, t.s("tableTitle"))}
	v.Meta = []hMeta{{t.s("from"), revMeta(t, d.From)}, {t.s("to"), revMeta(t, d.To)}}
	v.Footer = "redline · " + revName(t, d.From) + " → " + revName(t, d.To)
	for i := range d.Documents {
		doc := &d.Documents[i]
		dt := newTr(docLang(o, doc.Lang))
		rows, folded := compareRows(o, doc)
		hd := hTableDoc{Path: doc.Path, Note: tableNote(dt, folded), T: dt.all()}
		for _, r := range rows {
			hd.Rows = append(hd.Rows, hRow{r.Label, r.Title, hOps(dt, r.Before), hOps(dt, r.After), r.Basis})
		}
		v.Docs = append(v.Docs, hd)
	}
	if v.Unapplied = unappliedRefs(t, d); len(v.Unapplied) > 0 {
		v.UnappliedHeading = t.count("unapplied", len(v.Unapplied))
	}
	return v
}

// commonEnds returns the lengths of the longest common prefix of a and b
// and of the longest common suffix of what follows it.
func commonEnds[T comparable](a, b []T) (prefix, suffix int) {
	for prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	for suffix < len(a)-prefix && suffix < len(b)-prefix && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	return prefix, suffix
}

// writeTableBody writes the 修改前后对照表's body, between the layout's top
// and bottom. A document's strings (.T) are in its language, the page's
// (v.T) in the page's.
//
//	<section class="document">                                (each Doc)
//	<h2>Path</h2>
//	<table class="compare">                                   (if Rows)
//	<colgroup>…</colgroup>
//	<thead><tr><th>条款</th><th>修改前</th><th>修改后</th><th>依据</th></tr></thead>
//	<tbody>
//	<tr><td><span class="label">Label</span>                  (each Row; the line
//	Title</td><td>Before</td><td>After</td><td>Basis</td></tr>  break and Title if Title)
//	</tbody>
//	</table>
//	<p class="note">无修改</p>                                 (if no Rows)
//	<p class="note">Note</p>
//	</section>
//	<section class="unapplied">                               (if Unapplied)
//	<h2>UnappliedHeading</h2>
//	<p class="note">…</p>
//	<ul>
//	<li>意见 C1（Treasury）：Label</li>                         (each)
//	</ul>
//	</section>
func writeTableBody(h *htmlWriter, v *hTable) {
	for i := range v.Docs {
		d := &v.Docs[i]
		h.raw("\n<section class=\"document\">\n<h2>")
		h.text(d.Path)
		h.raw("</h2>")
		if len(d.Rows) > 0 {
			h.raw(`
<table class="compare">
<colgroup><col class="c-label"><col class="c-text"><col class="c-text"><col class="c-label"></colgroup>
<thead><tr>`)
			for _, k := range []string{"clause", "before", "after", "basis"} {
				h.raw("<th>")
				h.text(d.T[k])
				h.raw("</th>")
			}
			h.raw("</tr></thead>\n<tbody>")
			for _, r := range d.Rows {
				h.raw("\n<tr><td><span class=\"label\">")
				h.text(r.Label)
				h.raw("</span>")
				if r.Title != "" {
					h.raw("\n")
					h.text(r.Title)
				}
				h.raw("</td><td>")
				h.html(r.Before)
				h.raw("</td><td>")
				h.html(r.After)
				h.raw("</td><td>")
				h.text(r.Basis)
				h.raw("</td></tr>")
			}
			h.raw("\n</tbody>\n</table>")
		} else {
			h.raw("\n<p class=\"note\">")
			h.text(d.T["noChanges"])
			h.raw("</p>")
		}
		h.raw("\n<p class=\"note\">")
		h.text(d.Note)
		h.raw("</p>\n</section>")
	}
	if len(v.Unapplied) > 0 {
		h.raw("\n<section class=\"unapplied\">\n<h2>")
		h.text(v.UnappliedHeading)
		h.raw("</h2>\n<p class=\"note\">")
		h.text(v.T["unappNote"])
		h.raw("</p>\n<ul>")
		for _, s := range v.Unapplied {
			h.raw("\n<li>")
			h.text(s)
			h.raw("</li>")
		}
		h.raw("\n</ul>\n</section>")
	}
}
