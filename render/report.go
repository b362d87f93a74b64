package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// The consultation report (公开征求意见情况的报告) lists every comment in
// order, grouped as the comments say (public, then departments), with who
// made it, the comment, its disposition and response, and — what the
// published reports never could — what actually changed in the text.

// reportGroup is one section of the report.
type reportGroup struct {
	Name    string
	Entries []*review.ReportEntry
}

// groups orders the entries: groups in order of first appearance, entries in
// Seq order inside each (entries without a Seq keep their place).
func groups(r *review.Report) []reportGroup {
	var out []reportGroup
	index := map[string]int{}
	for i := range r.Entries {
		e := &r.Entries[i]
		g, ok := index[e.Comment.Group]
		if !ok {
			g = len(out)
			index[e.Comment.Group] = g
			out = append(out, reportGroup{Name: e.Comment.Group})
		}
		out[g].Entries = append(out[g].Entries, e)
	}
	for _, g := range out {
		sort.SliceStable(g.Entries, func(i, j int) bool {
			a, b := g.Entries[i].Comment.Seq, g.Entries[j].Comment.Seq
			return a > 0 && b > 0 && a < b
		})
	}
	return out
}

// groupHeading is "一、公开网站征求意见采纳情况" or "1. Public consultation".
func groupHeading(t tr, i int, name string) string {
	if name == "" {
		name = t.s("otherGroup")
	}
	if t.zh {
		return clause.Numeral(i+1) + "、" + name
	}
	return strconv.Itoa(i+1) + ". " + name
}

// seqOf is the entry's number in its group: 序号 restarts in each section,
// as published reports number it; Seq only orders.
func seqOf(_ *review.ReportEntry, i int) string { return strconv.Itoa(i + 1) }

// disposition is "已采纳，根据…" or "adopted: …".
func disposition(t tr, e *review.ReportEntry) string {
	s := t.status(e.Comment.Status)
	if e.Comment.Response == "" {
		return s
	}
	if t.zh {
		return s + "，" + e.Comment.Response
	}
	return s + ": " + e.Comment.Response
}

// commentText is the comment with its proposal.
func commentText(t tr, e *review.ReportEntry) string {
	s := e.Comment.Text
	if e.Comment.Proposed != "" {
		if s != "" {
			s += "\n"
		}
		s += t.s("proposed") + t.sep() + e.Comment.Proposed
	}
	return s
}

// entryLabel is where the comment is: its clause, or the whole document.
func entryLabel(t tr, e *review.ReportEntry) string {
	if e.Label != "" {
		return e.Label
	}
	if e.Comment.Anchor.Label != "" {
		return e.Comment.Anchor.Label
	}
	return t.s("wholeDoc")
}

// revsText lists the revisions that settled a comment: "e4f5a6b 送审稿".
func revsText(t tr, e *review.ReportEntry) string {
	var parts []string
	for _, r := range e.Revs {
		parts = append(parts, revShort(r))
	}
	if len(parts) == 0 {
		for _, h := range e.Comment.ResolvedIn {
			parts = append(parts, shortHash(h))
		}
	}
	return t.join(parts)
}

// unchangedNote is what the report says of a comment that explains no
// change: its clause's text did not change in the range, or it did, but not
// because of this comment (a rejected comment on a reworded clause).
func unchangedNote(t tr, e *review.ReportEntry) string {
	if e.ClauseChanged {
		return t.s("otherChange")
	}
	return t.s("textSame")
}

// reportContext is how many characters of unchanged text the report keeps
// around each edit.
const reportContext = 12

// ReportMarkdown writes the consultation report as Markdown.
func ReportMarkdown(w io.Writer, r *review.Report, o Options) error {
	m := &mdWriter{w: w}
	t := newTr(reportLang(o, r))
	m.printf("# %s\n\n", md(reportTitle(t, r)))
	m.printf("%s%s%s → %s\n", t.s("range"), t.sep(), md(revName(t, r.From)), md(revName(t, r.To)))
	gs := groups(r)
	for gi, g := range gs {
		if len(gs) > 1 || g.Name != "" {
			m.printf("\n## %s\n", md(groupHeading(t, gi, g.Name)))
		}
		m.printf("\n| %s | %s | %s | %s | %s |\n| --- | --- | --- | --- | --- |\n",
			t.s("seq"), t.s("by"), t.s("text"), t.s("disposition"), t.s("whatChanged"))
		for i, e := range g.Entries {
			m.printf("| %s | %s | %s | %s | %s |\n", seqOf(e, i), md(e.Comment.By), md(commentText(t, e)),
				md(disposition(t, e)), mdChanged(t, e))
		}
	}
	if len(r.Entries) == 0 {
		m.printf("\n%s\n", t.s("noComments"))
	}
	if len(r.Unexplained) > 0 {
		m.printf("\n## %s\n\n%s\n\n", md(t.count("unexplained", len(r.Unexplained))), md(t.s("unexplNote")))
		for i := range r.Unexplained {
			c := &r.Unexplained[i]
			m.printf("- **%s**%s%s\n", md(changeLabel(t, c)), t.sep(), mdRedline(condense(sideOps(c), reportContext), false))
		}
	}
	return m.err
}

// mdChanged is the "what changed" cell: each changed clause with its
// condensed redline, then the revisions.
func mdChanged(t tr, e *review.ReportEntry) string {
	var parts []string
	for i := range e.Changes {
		c := &e.Changes[i]
		parts = append(parts, "**"+md(notedLabel(t, c))+"**"+t.sep()+mdRedline(condense(sideOps(c), reportContext), false))
	}
	if len(parts) == 0 {
		parts = append(parts, "**"+md(entryLabel(t, e))+"**"+t.sep()+unchangedNote(t, e))
	}
	if rs := revsText(t, e); rs != "" {
		parts = append(parts, t.s("revision")+t.sep()+md(rs))
	}
	return strings.Join(parts, "<br>")
}

func reportLang(o Options, r *review.Report) clause.Lang {
	if o.Lang != "" {
		return o.Lang
	}
	if r.Lang != "" {
		return r.Lang
	}
	var texts []string
	for _, e := range r.Entries {
		texts = append(texts, e.Comment.Text)
	}
	return guessLang(o, texts...)
}

// reportTitle is the report's title. A bare document title becomes the
// customary "关于《…》公开征求意见情况的报告".
func reportTitle(t tr, r *review.Report) string {
	title := strings.TrimSpace(r.Title)
	switch {
	case title == "":
		return t.s("reportTitle")
	case strings.Contains(title, "报告") || strings.Contains(strings.ToLower(title), "report"):
		return title
	case t.zh:
		return "关于《" + strings.Trim(title, "《》") + "》公开征求意见情况的报告"
	}
	return "Report on the consultation on " + title
}

type hReportChange struct {
	Label string
	Ops   safeHTML
}

type hReportRow struct {
	Seq, By, Text, Proposed, Status, StatusClass, Response, Label, Revs, Unchanged string
	Changes                                                                        []hReportChange
}

type hReportGroup struct {
	Heading string
	Rows    []hReportRow
}

type hReport struct {
	hPage
	Groups             []hReportGroup
	Unexplained        []hReportChange
	UnexplainedHeading string
}

// ReportHTML writes the consultation report as one self-contained HTML file.
func ReportHTML(w io.Writer, r *review.Report, o Options) error {
	v := newHReport(r, o)
	return writePage(w, v.hPage, func(h *htmlWriter) { writeReportBody(h, &v) })
}

// newHReport is the consultation report page's data.
func newHReport(r *review.Report, o Options) hReport {
	t := newTr(reportLang(o, r))
	v := hReport{hPage: newPage(t, reportTitle(t, r))}
	v.Meta = []hMeta{{t.s("from"), revMeta(t, r.From)}, {t.s("to"), revMeta(t, r.To)}}
	v.Footer = "redline · " + revName(t, r.From) + " → " + revName(t, r.To)
	gs := groups(r)
	for gi, g := range gs {
		hg := hReportGroup{}
		if len(gs) > 1 || g.Name != "" {
			hg.Heading = groupHeading(t, gi, g.Name)
		}
		for i, e := range g.Entries {
			row := hReportRow{Seq: seqOf(e, i), By: e.Comment.By, Text: e.Comment.Text, Proposed: e.Comment.Proposed,
				Status: t.status(e.Comment.Status), StatusClass: string(e.Comment.Status), Response: e.Comment.Response,
				Label: entryLabel(t, e), Revs: revsText(t, e), Unchanged: unchangedNote(t, e)}
			for j := range e.Changes {
				c := &e.Changes[j]
				row.Changes = append(row.Changes, hReportChange{notedLabel(t, c), hOps(t, condense(sideOps(c), reportContext))})
			}
			hg.Rows = append(hg.Rows, row)
		}
		v.Groups = append(v.Groups, hg)
	}
	for i := range r.Unexplained {
		c := &r.Unexplained[i]
		v.Unexplained = append(v.Unexplained, hReportChange{changeLabel(t, c), hOps(t, condense(sideOps(c), reportContext))})
	}
	if len(v.Unexplained) > 0 {
		v.UnexplainedHeading = t.count("unexplained", len(v.Unexplained))
	}
	return v
}

// csvColumns are the report's CSV columns. The Chinese headers are those
// `redline comment import` reads, so a report can be edited and read back.
var csvColumns = [][2]string{
	{"序号", "No."}, {"分组", "Group"}, {"单位/个人", "Commenter"}, {"条款", "Clause"},
	{"原文", "Quote"}, {"修改意见", "Comment"}, {"建议修改为", "Proposed"},
	{"是否采纳", "Disposition"}, {"理由", "Response"}, {"修改前", "Before"},
	{"修改后", "After"}, {"修改情况", "What changed"}, {"修订", "Revision"},
}

// ReportCSV writes the consultation report as CSV, one row per comment:
// UTF-8 with a byte-order mark so that Excel reads it as UTF-8, CRLF line
// ends. A cell that would start with = + - or @ is prefixed with ' so a
// spreadsheet shows it instead of evaluating it.
func ReportCSV(w io.Writer, r *review.Report, o Options) error {
	t := newTr(reportLang(o, r))
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		head[i] = c[1]
		if t.zh {
			head[i] = c[0]
		}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, g := range groups(r) {
		name := g.Name
		for i, e := range g.Entries {
			var before, after, changed []string
			for j := range e.Changes {
				c := &e.Changes[j]
				before = append(before, c.OldText)
				after = append(after, c.NewText)
				changed = append(changed, notedLabel(t, c)+t.sep()+plainRedline(condense(sideOps(c), reportContext)))
			}
			if len(e.Changes) == 0 {
				changed = append(changed, unchangedNote(t, e))
			}
			row := []string{seqOf(e, i), name, e.Comment.By, entryLabel(t, e), e.Comment.Anchor.Exact,
				e.Comment.Text, e.Comment.Proposed, t.status(e.Comment.Status), e.Comment.Response,
				strings.Join(before, "\n"), strings.Join(after, "\n"), strings.Join(changed, "\n"), revsText(t, e)}
			for k := range row {
				row[k] = csvSafe(row[k])
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// plainRedline marks an edit script as [-deleted-]{+inserted+}.
func plainRedline(ops []diff.Op) string {
	var b strings.Builder
	for _, op := range ops {
		switch op.Kind {
		case diff.Equal:
			b.WriteString(op.Text)
		case diff.Delete:
			fmt.Fprintf(&b, "[-%s-]", op.Text)
		case diff.Insert:
			fmt.Fprintf(&b, "{+%s+}", op.Text)
		}
	}
	return b.String()
}

// csvSafe keeps spreadsheets from reading a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeReportBody writes the consultation report's body, between the
// layout's top and bottom:
//
//	<section class="part">                                    (each Group)
//	<h2>Heading</h2>                                          (if Heading)
//	<table class="report">
//	<colgroup>…</colgroup>
//	<thead><tr><th>序号</th>…</tr></thead>
//	<tbody>
//	<tr><td class="seq">Seq</td><td>By</td><td>Text           (each Row)
//	<span class="k">建议修改为：</span>Proposed</td><td><span class="status st-adopted">Status</span>
//	Response</td><td><p class="changed-item">…</p></td></tr>  (Proposed, Response if any: writeReportRow)
//	</tbody>
//	</table>
//	</section>
//	<p class="note">…</p>                                     (if no Groups)
//	<section class="unexplained">                             (if Unexplained)
//	<h2>UnexplainedHeading</h2>
//	<p class="note">…</p>
//	<p class="changed-item"><span class="label">Label</span>：Ops</p>   (each)
//	</section>
func writeReportBody(h *htmlWriter, v *hReport) {
	T := v.T
	for i := range v.Groups {
		g := &v.Groups[i]
		h.raw("\n<section class=\"part\">")
		if g.Heading != "" {
			h.raw("\n<h2>")
			h.text(g.Heading)
			h.raw("</h2>")
		}
		h.raw(`
<table class="report">
<colgroup><col class="r-seq"><col class="r-by"><col class="r-text"><col class="r-disp"><col class="r-changed"></colgroup>
<thead><tr>`)
		for _, k := range []string{"seq", "by", "text", "disposition", "whatChanged"} {
			h.raw("<th>")
			h.text(T[k])
			h.raw("</th>")
		}
		h.raw("</tr></thead>\n<tbody>")
		for j := range g.Rows {
			writeReportRow(h, T, &g.Rows[j])
		}
		h.raw("\n</tbody>\n</table>\n</section>")
	}
	if len(v.Groups) == 0 {
		h.raw("\n<p class=\"note\">")
		h.text(T["noComments"])
		h.raw("</p>")
	}
	if len(v.Unexplained) > 0 {
		h.raw("\n<section class=\"unexplained\">\n<h2>")
		h.text(v.UnexplainedHeading)
		h.raw("</h2>\n<p class=\"note\">")
		h.text(T["unexplNote"])
		h.raw("</p>")
		for i := range v.Unexplained {
			h.raw("\n")
			writeReportChange(h, T, &v.Unexplained[i])
		}
		h.raw("\n</section>")
	}
}

// writeReportRow writes one comment of the report:
//
//	<tr><td class="seq">Seq</td><td>By</td><td>Text
//	<span class="k">建议修改为：</span>Proposed</td><td><span class="status st-adopted">Status</span>
//	Response</td><td>…</td></tr>
//
// The line break and proposal only if Proposed, the line break and
// response only if Response. The last cell holds each change
// (writeReportChange), or if none the clause and what the report says of
// it, then the revisions if any:
//
//	<p class="changed-item"><span class="label">Label</span>：<span class="k">Unchanged</span></p>
//	<p class="changed-item k">修订：Revs</p>
func writeReportRow(h *htmlWriter, T map[string]string, r *hReportRow) {
	h.raw("\n<tr><td class=\"seq\">")
	h.text(r.Seq)
	h.raw("</td><td>")
	h.text(r.By)
	h.raw("</td><td>")
	h.text(r.Text)
	if r.Proposed != "" {
		h.raw("\n<span class=\"k\">")
		h.text(T["proposed"])
		h.text(T["separator"])
		h.raw("</span>")
		h.text(r.Proposed)
	}
	h.raw("</td><td><span class=\"status st-")
	h.text(r.StatusClass)
	h.raw("\">")
	h.text(r.Status)
	h.raw("</span>")
	if r.Response != "" {
		h.raw("\n")
		h.text(r.Response)
	}
	h.raw("</td><td>")
	for i := range r.Changes {
		writeReportChange(h, T, &r.Changes[i])
	}
	if len(r.Changes) == 0 {
		h.raw("<p class=\"changed-item\"><span class=\"label\">")
		h.text(r.Label)
		h.raw("</span>")
		h.text(T["separator"])
		h.raw("<span class=\"k\">")
		h.text(r.Unchanged)
		h.raw("</span></p>")
	}
	if r.Revs != "" {
		h.raw("<p class=\"changed-item k\">")
		h.text(T["revision"])
		h.text(T["separator"])
		h.text(r.Revs)
		h.raw("</p>")
	}
	h.raw("</td></tr>")
}

// writeReportChange writes one changed clause with its condensed redline:
//
//	<p class="changed-item"><span class="label">Label</span>：Ops</p>
func writeReportChange(h *htmlWriter, T map[string]string, c *hReportChange) {
	h.raw("<p class=\"changed-item\"><span class=\"label\">")
	h.text(c.Label)
	h.raw("</span>")
	h.text(T["separator"])
	h.html(c.Ops)
	h.raw("</p>")
}
