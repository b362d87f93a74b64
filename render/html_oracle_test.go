package render

import (
	"html/template"
	"io"
	"strings"
	"testing"
)

// The templates that wrote the HTML pages until the pages were written in
// Go (htmlWriter, writeTop, writeDiffBody …), kept verbatim as the oracle
// TestHTMLPagesAsTemplates and FuzzHTMLPagesAsTemplates compare the Go
// writer with: any drift in markup, whitespace or escaping fails them.
//
// Only the values that were typed for html/template change on the way in
// (templateOracle): the redlines (.Ops, .Before, .After) are safeHTML now,
// and the style sheet (.CSS) is no longer a field of the page.

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

const tableTmpl = `{{define "table"}}{{template "top" .}}
{{- range .Docs}}
<section class="document">
<h2>{{.Path}}</h2>
{{- if .Rows}}
<table class="compare">
<colgroup><col class="c-label"><col class="c-text"><col class="c-text"><col class="c-label"></colgroup>
<thead><tr><th>{{.T.clause}}</th><th>{{.T.before}}</th><th>{{.T.after}}</th><th>{{.T.basis}}</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr><td><span class="label">{{.Label}}</span>{{if .Title}}
{{.Title}}{{end}}</td><td>{{.Before}}</td><td>{{.After}}</td><td>{{.Basis}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="note">{{.T.noChanges}}</p>
{{- end}}
<p class="note">{{.Note}}</p>
</section>
{{- end}}
{{- if .Unapplied}}
<section class="unapplied">
<h2>{{.UnappliedHeading}}</h2>
<p class="note">{{.T.unappNote}}</p>
<ul>
{{- range .Unapplied}}
<li>{{.}}</li>
{{- end}}
</ul>
</section>
{{- end}}
{{template "bottom" .}}{{end}}`

// templateOracle is the old layout with one page's template, typed as
// before: the redlines as template.HTML, the style sheet as template.CSS.
func templateOracle(t testing.TB, name, page string) *template.Template {
	t.Helper()
	src := layoutTmpl + page
	for _, r := range [][2]string{
		{"{{.CSS}}", "{{css}}"},
		{"{{.Ops}}", "{{safe .Ops}}"},
		{"{{.Before}}", "{{safe .Before}}"},
		{"{{.After}}", "{{safe .After}}"},
	} {
		src = strings.ReplaceAll(src, r[0], r[1])
	}
	return template.Must(template.New(name).Funcs(template.FuncMap{
		"css":  func() template.CSS { return template.CSS(pageCSS) },
		"safe": func(h safeHTML) template.HTML { return template.HTML(h) },
	}).Parse(src))
}

// execOracle runs a page's old template on its data.
func execOracle(t testing.TB, w io.Writer, name, page string, data any) {
	t.Helper()
	if err := templateOracle(t, name, page).ExecuteTemplate(w, name, data); err != nil {
		t.Fatal(err)
	}
}
