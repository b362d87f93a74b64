package render

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// The HTML pages share one layout: a head with the revisions, the body and a
// footer; styles inline, no scripts, nothing fetched. A Content-Security-Policy
// forbids scripts and fetches outright, as a second guard behind html/template's
// escaping.
const layoutTmpl = `{{define "top"}}<!DOCTYPE html>
<html lang="{{.HTMLLang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="redline">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<header class="doc-head">
<h1>{{.Title}}</h1>
{{- if .Meta}}
<table class="meta">
{{- range .Meta}}
<tr><th>{{.Key}}</th><td>{{.Value}}</td></tr>
{{- end}}
</table>
{{- end}}
{{- if .Summary}}
<p class="summary">{{.Summary}}</p>
{{- end}}
</header>
{{end}}
{{define "bottom"}}<footer>{{.Footer}}</footer>
</body>
</html>
{{end}}
{{define "comment"}}<div class="comment">
<p class="who">{{.By}} <span class="status st-{{.StatusClass}}">{{.Status}}</span></p>
<p class="cid">{{.T.comment}} {{.ID}}{{if .Label}} · {{.T.clause}} {{.Label}}{{end}}</p>
{{- if .Quote}}
<p class="quote"><span class="k">{{.T.quote}}{{.T.separator}}</span>{{.Quote}}</p>
{{- end}}
{{- if .Text}}
<p class="ctext">{{.Text}}</p>
{{- end}}
{{- if .Proposed}}
<p class="proposed"><span class="k">{{.T.proposed}}{{.T.separator}}</span>{{.Proposed}}</p>
{{- end}}
{{- if .Response}}
<p class="response"><span class="k">{{.T.response}}{{.T.separator}}</span>{{.Response}}</p>
{{- end}}
</div>
{{end}}`

const diffTmpl = `{{define "diff"}}{{template "top" .}}
{{- if .TOC}}
<nav class="toc">
<h2>{{.T.toc}}</h2>
<ol>
{{- range .TOC}}
<li><a href="#{{.Anchor}}">{{.Label}}{{if .Title}} {{.Title}}{{end}}</a><span class="tag">{{.Kind}}</span>{{if .Unexplained}}<span class="tag warn">{{$.T.unexplained}}</span>{{end}}</li>
{{- end}}
</ol>
</nav>
{{- end}}
{{- range .Docs}}
<section class="document">
<h2>{{.Path}} <span class="tag">{{.Summary}}</span></h2>
{{- if not .Changes}}
<p class="note">{{$.T.noChanges}}</p>
{{- end}}
{{- range .Changes}}
<article class="change" id="{{.Anchor}}">
<div class="body">
<h3><span class="label">{{.Label}}</span>{{if .Title}} <span class="title">{{.Title}}</span>{{end}}<span class="kind k-{{.KindClass}}">{{.Kind}}</span></h3>
{{- if .ShowText}}
<p class="redline">{{.Ops}}</p>
{{- end}}
{{- if or .Quantities .UnitsAdded .UnitsRemoved}}
<ul class="facts">
{{- range .Quantities}}
<li><span class="fact-key">{{$.T.quantities}}</span>{{if .Old}}<del><span class="sr">{{$.T.srDel}}</span>{{.Old}}</del>{{else}}{{$.T.none}}{{end}} → {{if .New}}<ins><span class="sr">{{$.T.srIns}}</span>{{.New}}</ins>{{else}}{{$.T.none}}{{end}}{{if .Context}} <span class="fact-note">{{.Context}}</span>{{end}}</li>
{{- end}}
{{- if or .UnitsAdded .UnitsRemoved}}
<li><span class="fact-key">{{$.T.units}}</span>{{range .UnitsAdded}}<ins><span class="sr">{{$.T.srIns}}</span>+{{.}}</ins> {{end}}{{range .UnitsRemoved}}<del><span class="sr">{{$.T.srDel}}</span>−{{.}}</del> {{end}}</li>
{{- end}}
</ul>
{{- end}}
</div>
<aside class="margin">
{{- range .Comments}}
{{template "comment" .}}
{{- else}}
{{- if .Unexplained}}
<p class="no-comment warn">{{$.T.unexplained}}</p>
{{- else}}
<p class="no-comment">{{$.T.noComment}}</p>
{{- end}}
{{- end}}
</aside>
</article>
{{- end}}
{{- if .Folded}}
<p class="folded">{{.Folded}}</p>
{{- end}}
{{- if .Unexplained}}
<section class="unexplained">
<h3>{{.UnexplainedHeading}}</h3>
<p class="note">{{$.T.unexplNote}}</p>
<ul>
{{- range .Unexplained}}
<li><a href="#{{.Anchor}}">{{.Label}}{{if .Title}} {{.Title}}{{end}}</a><span class="tag">{{.Kind}}</span></li>
{{- end}}
</ul>
</section>
{{- end}}
</section>
{{- end}}
{{- if .Unapplied}}
<section class="unapplied">
<h2>{{.UnappliedHeading}}</h2>
<p class="note">{{.T.unappNote}}</p>
{{- range .Unapplied}}
{{template "comment" .}}
{{- end}}
</section>
{{- end}}
{{template "bottom" .}}{{end}}`

// hPage is what every page's layout needs.
type hPage struct {
	HTMLLang, Title, Summary, Footer string
	CSS                              template.CSS
	Meta                             []hMeta
	T                                map[string]string
}

type hMeta struct{ Key, Value string }

type hComment struct {
	ID, By, Status, StatusClass, Label, Quote, Text, Proposed, Response string
	T                                                                   map[string]string
}

type hQty struct{ Old, New, Context string }

type hChange struct {
	Anchor, Label, Title, Kind, KindClass string
	ShowText, Unexplained                 bool
	Ops                                   template.HTML
	Quantities                            []hQty
	UnitsAdded, UnitsRemoved              []string
	Comments                              []hComment
}

type hDoc struct {
	Path, Summary, Folded, UnexplainedHeading string
	Changes, Unexplained                      []hChange
}

type hDiff struct {
	hPage
	TOC              []hChange
	Docs             []hDoc
	Unapplied        []hComment
	UnappliedHeading string
}

func htmlLang(l clause.Lang) string {
	if l == clause.LangZH {
		return "zh-CN"
	}
	return "en"
}

func newPage(t tr, title string) hPage {
	return hPage{HTMLLang: htmlLang(t.lang()), Title: title, CSS: template.CSS(pageCSS), T: t.all(), Footer: "redline"}
}

// revMeta describes a revision for the header: "送审稿 · e4f5a6b · 2023-10-20 · author".
func revMeta(t tr, r review.Rev) string {
	if r.Hash == "" {
		return unrecorded(t, r)
	}
	parts := []string{}
	if r.Stage != "" {
		parts = append(parts, r.Stage)
	}
	parts = append(parts, shortHash(r.Hash))
	if !r.Date.IsZero() {
		parts = append(parts, r.Date.Format("2006-01-02"))
	}
	if a := authorName(r.Author); a != "" {
		parts = append(parts, a)
	}
	return strings.Join(parts, " · ")
}

// hOps is an edit script as HTML, as every HTML page shows it: deletions
// in <del>, insertions in <ins>, each opening with what a screen reader
// says (删除 / 新增, deleted / inserted) in a span of class "sr" that the
// page's style sheet hides from sight; it is never selected or copied. The
// text is escaped as html/template escapes text (htmlEscape).
//
// What it buys (bench/repo-vs-git.sh, diff --format html): written by a
// template, the redlines of a 1 MB plan were a template call and a
// reflective walk for every piece of every change, a tenth of the
// command's time.
func hOps(t tr, ops []diff.Op) template.HTML {
	var b []byte
	for _, op := range ops {
		tag, sr := "", ""
		switch op.Kind {
		case diff.Delete:
			tag, sr = "del", t.s("srDel")
		case diff.Insert:
			tag, sr = "ins", t.s("srIns")
		}
		if tag == "" {
			b = htmlEscape(b, op.Text)
			continue
		}
		b = append(b, "<"+tag+`><span class="sr">`...)
		b = htmlEscape(b, sr)
		b = append(b, "</span>"...)
		b = htmlEscape(b, op.Text)
		b = append(b, "</"+tag+">"...)
	}
	return template.HTML(b)
}

// htmlEscape appends s escaped for an HTML text node or quoted attribute
// value exactly as html/template escapes a string there: NUL becomes
// U+FFFD, and " & ' + < > character references; every other byte, an
// invalid one included, is kept.
func htmlEscape(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b = append(append(b, s[last:i]...), repl...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// RedlineHTML is an edit script as HTML, as every HTML page of render shows
// it (hOps), with the screen readers' words in language l.
func RedlineHTML(ops []diff.Op, l clause.Lang) template.HTML {
	return hOps(newTr(l), ops)
}

func newHComment(t tr, c comment.Comment, withClause bool) hComment {
	h := hComment{ID: c.ID, By: c.By, Status: t.status(c.Status), StatusClass: string(c.Status),
		Quote: c.Anchor.Exact, Text: c.Text, Proposed: c.Proposed, Response: c.Response, T: t.all()}
	if withClause {
		h.Label = c.Anchor.Label
		if h.Label == "" {
			h.Label = t.s("wholeDoc")
		}
	}
	return h
}

func newHChange(t tr, c *review.Change, anchor string, unexplained bool) hChange {
	h := hChange{Anchor: anchor, Label: changeLabel(t, c), Title: c.Title, Kind: t.kind(c),
		KindClass: c.Kind.String(), Unexplained: unexplained,
		ShowText: hasEdits(changeOps(c)) || c.Kind != diff.Modified, Ops: hOps(t, fullOps(c)),
		UnitsAdded: c.Units.Added, UnitsRemoved: c.Units.Removed}
	for _, q := range c.Quantities {
		h.Quantities = append(h.Quantities, hQty{q.Old, q.New, q.Context})
	}
	for _, cm := range c.Comments {
		h.Comments = append(h.Comments, newHComment(t, cm, false))
	}
	return h
}

// HTML writes the annotated diff as one self-contained HTML file: a header
// with both revisions, a table of contents of the changed clauses, each
// change with deletions struck through and insertions underlined, quantity
// and unit changes, and the comments behind it in the margin; then the
// changes no comment explains and the adopted comments that changed nothing.
func HTML(w io.Writer, d *review.Diff, o Options) error {
	t := newTr(diffLang(o, d))
	v := hDiff{hPage: newPage(t, diffTitle(t, d))}
	v.Meta = []hMeta{{t.s("from"), revMeta(t, d.From)}, {t.s("to"), revMeta(t, d.To)}}
	v.Footer = "redline · " + revName(t, d.From) + " → " + revName(t, d.To)
	total, unexpl := 0, 0
	for di := range d.Documents {
		doc := &d.Documents[di]
		dt := newTr(docLang(o, doc.Lang))
		unexplained := unexplainedSet(doc)
		shown, folded := split(o, doc.Changes)
		hd := hDoc{Path: doc.Path, Summary: dt.n("changesN", len(doc.Changes))}
		anchors := map[*review.Change]string{}
		for i, c := range shown {
			anchors[c] = fmt.Sprintf("d%d-c%d", di+1, i+1)
			if r, first := runOf(doc, c); r != nil {
				if first {
					hc := hChange{Anchor: anchors[c], Label: runText(dt, r), Kind: dt.s("renumbered"), KindClass: "renumbered"}
					hd.Changes = append(hd.Changes, hc)
					v.TOC = append(v.TOC, hc)
				}
				continue
			}
			hc := newHChange(dt, c, anchors[c], unexplained[c])
			hd.Changes = append(hd.Changes, hc)
			v.TOC = append(v.TOC, hc)
		}
		if len(folded) > 0 {
			hd.Folded = dt.n("fmtFolded", len(folded)) + dt.join(labelsOf(t, folded))
		}
		for _, c := range unexplainedChanges(doc) {
			hd.Unexplained = append(hd.Unexplained, newHChange(dt, c, anchors[c], true))
		}
		if len(doc.Unexplained) > 0 {
			hd.Summary += dt.s("listSep") + dt.n("unexplN", len(doc.Unexplained))
			hd.UnexplainedHeading = dt.count("unexplained", len(doc.Unexplained))
		}
		total += len(doc.Changes)
		unexpl += len(doc.Unexplained)
		v.Docs = append(v.Docs, hd)
	}
	for _, c := range d.Unapplied {
		v.Unapplied = append(v.Unapplied, newHComment(t, c, true))
	}
	v.UnappliedHeading = t.count("unapplied", len(d.Unapplied))
	parts := []string{t.n("changesN", total)}
	if unexpl > 0 {
		parts = append(parts, t.n("unexplN", unexpl))
	}
	if len(d.Unapplied) > 0 {
		parts = append(parts, t.count("unapplied", len(d.Unapplied)))
	}
	v.Summary = strings.Join(parts, " · ")
	return execHTML(w, "diff", diffTmpl, v)
}

// execHTML parses the layout with one page's template and runs it.
func execHTML(w io.Writer, name, page string, data any) error {
	tmpl, err := template.New(name).Parse(layoutTmpl + page)
	if err != nil {
		return err
	}
	return tmpl.ExecuteTemplate(w, name, data)
}
