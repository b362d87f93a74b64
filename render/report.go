package render

import (
	"encoding/csv"
	"fmt"
	"html/template"
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

const reportTmpl = `{{define "report"}}{{template "top" .}}
{{- range .Groups}}
<section class="part">
{{- if .Heading}}
<h2>{{.Heading}}</h2>
{{- end}}
<table class="report">
<colgroup><col class="r-seq"><col class="r-by"><col class="r-text"><col class="r-disp"><col class="r-changed"></colgroup>
<thead><tr><th>{{$.T.seq}}</th><th>{{$.T.by}}</th><th>{{$.T.text}}</th><th>{{$.T.disposition}}</th><th>{{$.T.whatChanged}}</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr><td class="seq">{{.Seq}}</td><td>{{.By}}</td><td>{{.Text}}{{if .Proposed}}
<span class="k">{{$.T.proposed}}{{$.T.separator}}</span>{{.Proposed}}{{end}}</td><td><span class="status st-{{.StatusClass}}">{{.Status}}</span>{{if .Response}}
{{.Response}}{{end}}</td><td>
{{- range .Changes}}<p class="changed-item"><span class="label">{{.Label}}</span>{{$.T.separator}}{{.Ops}}</p>{{end}}
{{- if not .Changes}}<p class="changed-item"><span class="label">{{.Label}}</span>{{$.T.separator}}<span class="k">{{.Unchanged}}</span></p>{{end}}
{{- if .Revs}}<p class="changed-item k">{{$.T.revision}}{{$.T.separator}}{{.Revs}}</p>{{end}}</td></tr>
{{- end}}
</tbody>
</table>
</section>
{{- end}}
{{- if not .Groups}}
<p class="note">{{.T.noComments}}</p>
{{- end}}
{{- if .Unexplained}}
<section class="unexplained">
<h2>{{.UnexplainedHeading}}</h2>
<p class="note">{{.T.unexplNote}}</p>
{{- range .Unexplained}}
<p class="changed-item"><span class="label">{{.Label}}</span>{{$.T.separator}}{{.Ops}}</p>
{{- end}}
</section>
{{- end}}
{{template "bottom" .}}{{end}}`

type hReportChange struct {
	Label string
	Ops   template.HTML
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
	return execHTML(w, "report", reportTmpl, v)
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
