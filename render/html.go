package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// hPage is what every page's layout needs.
type hPage struct {
	HTMLLang, Title, Summary, Footer string
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
	Ops                                   safeHTML
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
	return hPage{HTMLLang: htmlLang(t.lang()), Title: title, T: t.all(), Footer: "redline"}
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
func hOps(t tr, ops []diff.Op) safeHTML {
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
	return safeHTML(b)
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
func RedlineHTML(ops []diff.Op, l clause.Lang) string {
	return string(hOps(newTr(l), ops))
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
	h := hChange{Anchor: anchor, Label: changeLabel(t, c), Title: shownTitle(c), Kind: t.kind(c),
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
	v := newHDiff(d, o)
	return writePage(w, v.hPage, func(h *htmlWriter) { writeDiffBody(h, &v) })
}

// newHDiff is the annotated diff page's data.
func newHDiff(d *review.Diff, o Options) hDiff {
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
	return v
}

// The HTML pages share one layout (writePage): a head with the revisions,
// the body and a footer; styles inline, no scripts, nothing fetched. They
// are written in Go by an htmlWriter, which keeps the page's own markup
// apart from what it shows: markup is written with raw, and only ever
// constant; every string from a document, a comment or a translation goes
// through text, which escapes it as html/template escapes a string in a
// text node, a quoted attribute value or <title> (htmlEscape,
// FuzzHTMLEscapeAsTemplate); redlines, escaped piece by piece by hOps,
// are safeHTML, written with html. A Content-Security-Policy forbids
// scripts and fetches outright, as a second guard behind that escaping.
//
// html/template wrote the pages before, from the templates now kept in
// html_oracle_test.go; TestHTMLPagesAsTemplates and
// FuzzHTMLPagesAsTemplates check that the Go writer writes their bytes.

// safeHTML is HTML that hOps escaped: an htmlWriter writes it as is.
type safeHTML string

// htmlWriter writes one HTML page, holding up to htmlChunk bytes before it
// writes them on. It keeps the first write error and writes nothing after
// it.
//
// What it buys (bench/repo-vs-git.sh, diff --format html): parsing the
// layout and a page's template, html/template's escape analysis and the
// reflective execution were 12% of the command's processor time on a 1 MB
// plan. Written in Go, the command takes 3–6 ms less processor time
// (perf stat, interleaved on a busy machine: median 53.0 → 47.3 ms) and
// 150 fewer page faults (1814 → 1665); without html/template's init every
// command starts faster (--help 14.2 → 12.7 ms, 398 → 364 page faults),
// and the binary is 2.3 MB smaller (12.9 → 10.6 MB).
type htmlWriter struct {
	w   io.Writer
	b   []byte
	err error
}

// htmlChunk is how much of a page an htmlWriter holds: as much as the
// command's buffered output, so that each chunk goes straight through it.
const htmlChunk = 64 << 10

// raw writes the page's own markup. It never takes data.
func (h *htmlWriter) raw(s string) {
	h.b = append(h.b, s...)
	h.spill()
}

// text writes a string from a document, a comment or a translation,
// escaped for a text node, a quoted attribute value or <title>.
func (h *htmlWriter) text(s string) {
	h.b = htmlEscape(h.b, s)
	h.spill()
}

// html writes a redline hOps wrote.
func (h *htmlWriter) html(s safeHTML) {
	h.b = append(h.b, s...)
	h.spill()
}

// fragment writes s as the fragment of a URL in a quoted attribute value,
// href="#…", as html/template writes it there: percent-encoded (urlEscape),
// which leaves nothing for the attribute to escape.
func (h *htmlWriter) fragment(s string) {
	h.b = urlEscape(h.b, s)
	h.spill()
}

func (h *htmlWriter) spill() {
	if len(h.b) >= htmlChunk {
		h.flush()
	}
}

func (h *htmlWriter) flush() {
	if len(h.b) > 0 && h.err == nil {
		_, h.err = h.w.Write(h.b)
	}
	h.b = h.b[:0]
}

// urlEscape appends s percent-encoded as html/template encodes a string in
// a URL's query or fragment: every byte but A–Z a–z 0–9 - . _ ~ becomes
// %xx, in lower-case hex.
func urlEscape(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}

// writePage writes a whole page: the layout's top, the page's body, and
// the layout's bottom on a line of its own.
func writePage(w io.Writer, p hPage, body func(h *htmlWriter)) error {
	h := &htmlWriter{w: w, b: make([]byte, 0, htmlChunk+4<<10)}
	writeTop(h, &p)
	body(h)
	h.raw("\n")
	writeBottom(h, &p)
	h.flush()
	return h.err
}

// writeTop writes the layout's top: the head and the page's header.
//
//	<!DOCTYPE html>
//	<html lang="zh-CN">
//	<head>
//	<meta …>                                   (charset, viewport, CSP, generator)
//	<title>Title</title>
//	<style>pageCSS</style>
//	</head>
//	<body>
//	<header class="doc-head">
//	<h1>Title</h1>
//	<table class="meta">                       (if Meta)
//	<tr><th>Key</th><td>Value</td></tr>        (each Meta)
//	</table>
//	<p class="summary">Summary</p>             (if Summary)
//	</header>
func writeTop(h *htmlWriter, p *hPage) {
	h.raw(`<!DOCTYPE html>
<html lang="`)
	h.text(p.HTMLLang)
	h.raw(`">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="redline">
<title>`)
	h.text(p.Title)
	h.raw("</title>\n<style>")
	h.raw(pageCSS)
	h.raw(`</style>
</head>
<body>
<header class="doc-head">
<h1>`)
	h.text(p.Title)
	h.raw("</h1>")
	if len(p.Meta) > 0 {
		h.raw("\n<table class=\"meta\">")
		for _, m := range p.Meta {
			h.raw("\n<tr><th>")
			h.text(m.Key)
			h.raw("</th><td>")
			h.text(m.Value)
			h.raw("</td></tr>")
		}
		h.raw("\n</table>")
	}
	if p.Summary != "" {
		h.raw("\n<p class=\"summary\">")
		h.text(p.Summary)
		h.raw("</p>")
	}
	h.raw("\n</header>\n")
}

// writeBottom writes the layout's bottom:
//
//	<footer>Footer</footer>
//	</body>
//	</html>
func writeBottom(h *htmlWriter, p *hPage) {
	h.raw("<footer>")
	h.text(p.Footer)
	h.raw("</footer>\n</body>\n</html>\n")
}

// writeComment writes one comment, in a change's margin or among the
// unapplied comments, in c.T's language:
//
//	<div class="comment">
//	<p class="who">By <span class="status st-adopted">Status</span></p>
//	<p class="cid">意见 ID · 条款 Label</p>        (" · 条款 Label" if Label)
//	<p class="quote"><span class="k">原文：</span>Quote</p>      (if Quote)
//	<p class="ctext">Text</p>                                  (if Text)
//	<p class="proposed"><span class="k">建议：</span>Proposed</p> (if Proposed)
//	<p class="response"><span class="k">答复：</span>Response</p> (if Response)
//	</div>
func writeComment(h *htmlWriter, c *hComment) {
	h.raw("<div class=\"comment\">\n<p class=\"who\">")
	h.text(c.By)
	h.raw(" <span class=\"status st-")
	h.text(c.StatusClass)
	h.raw("\">")
	h.text(c.Status)
	h.raw("</span></p>\n<p class=\"cid\">")
	h.text(c.T["comment"])
	h.raw(" ")
	h.text(c.ID)
	if c.Label != "" {
		h.raw(" · ")
		h.text(c.T["clause"])
		h.raw(" ")
		h.text(c.Label)
	}
	h.raw("</p>")
	for _, p := range []struct{ class, key, s string }{
		{"quote", "quote", c.Quote}, {"ctext", "", c.Text},
		{"proposed", "proposed", c.Proposed}, {"response", "response", c.Response},
	} {
		if p.s == "" {
			continue
		}
		h.raw("\n<p class=\"" + p.class + "\">")
		if p.key != "" {
			h.raw("<span class=\"k\">")
			h.text(c.T[p.key])
			h.text(c.T["separator"])
			h.raw("</span>")
		}
		h.text(p.s)
		h.raw("</p>")
	}
	h.raw("\n</div>\n")
}

// writeDiffBody writes the annotated diff's body, between the layout's top
// and bottom. Page strings ($.T) are in the page's language, a document's
// changes and their comments in the document's.
//
//	<nav class="toc">                                         (if TOC)
//	<h2>目录</h2>
//	<ol>
//	<li><a href="#d1-c1">Label Title</a><span class="tag">Kind</span><span class="tag warn">未说明</span></li>
//	</ol>                                                     (" Title" if Title; warn if Unexplained)
//	</nav>
//	<section class="document">                                (each Doc)
//	<h2>Path <span class="tag">Summary</span></h2>
//	<p class="note">无修改</p>                                 (if no Changes)
//	<article class="change" id="d1-c1">…</article>            (each Change: writeChange)
//	<p class="folded">Folded</p>                              (if Folded)
//	<section class="unexplained">                             (if Unexplained)
//	<h3>UnexplainedHeading</h3>
//	<p class="note">…</p>
//	<ul>
//	<li><a href="#d1-c1">Label Title</a><span class="tag">Kind</span></li>
//	</ul>
//	</section>
//	</section>
//	<section class="unapplied">                               (if Unapplied)
//	<h2>UnappliedHeading</h2>
//	<p class="note">…</p>
//
//	<div class="comment">…</div>                              (each: writeComment)
//	</section>
func writeDiffBody(h *htmlWriter, v *hDiff) {
	T := v.T
	if len(v.TOC) > 0 {
		h.raw("\n<nav class=\"toc\">\n<h2>")
		h.text(T["toc"])
		h.raw("</h2>\n<ol>")
		for i := range v.TOC {
			c := &v.TOC[i]
			h.raw("\n<li>")
			writeChangeLink(h, c)
			if c.Unexplained {
				h.raw("<span class=\"tag warn\">")
				h.text(T["unexplained"])
				h.raw("</span>")
			}
			h.raw("</li>")
		}
		h.raw("\n</ol>\n</nav>")
	}
	for i := range v.Docs {
		d := &v.Docs[i]
		h.raw("\n<section class=\"document\">\n<h2>")
		h.text(d.Path)
		h.raw(" <span class=\"tag\">")
		h.text(d.Summary)
		h.raw("</span></h2>")
		if len(d.Changes) == 0 {
			h.raw("\n<p class=\"note\">")
			h.text(T["noChanges"])
			h.raw("</p>")
		}
		for j := range d.Changes {
			writeChange(h, T, &d.Changes[j])
		}
		if d.Folded != "" {
			h.raw("\n<p class=\"folded\">")
			h.text(d.Folded)
			h.raw("</p>")
		}
		if len(d.Unexplained) > 0 {
			h.raw("\n<section class=\"unexplained\">\n<h3>")
			h.text(d.UnexplainedHeading)
			h.raw("</h3>\n<p class=\"note\">")
			h.text(T["unexplNote"])
			h.raw("</p>\n<ul>")
			for j := range d.Unexplained {
				h.raw("\n<li>")
				writeChangeLink(h, &d.Unexplained[j])
				h.raw("</li>")
			}
			h.raw("\n</ul>\n</section>")
		}
		h.raw("\n</section>")
	}
	if len(v.Unapplied) > 0 {
		h.raw("\n<section class=\"unapplied\">\n<h2>")
		h.text(v.UnappliedHeading)
		h.raw("</h2>\n<p class=\"note\">")
		h.text(T["unappNote"])
		h.raw("</p>")
		for i := range v.Unapplied {
			h.raw("\n")
			writeComment(h, &v.Unapplied[i])
		}
		h.raw("\n</section>")
	}
}

// writeChangeLink writes a change as the table of contents and the list
// of unexplained changes link to it:
//
//	<a href="#d1-c1">Label Title</a><span class="tag">Kind</span>   (" Title" if Title)
func writeChangeLink(h *htmlWriter, c *hChange) {
	h.raw("<a href=\"#")
	h.fragment(c.Anchor)
	h.raw("\">")
	h.text(c.Label)
	if c.Title != "" {
		h.raw(" ")
		h.text(c.Title)
	}
	h.raw("</a><span class=\"tag\">")
	h.text(c.Kind)
	h.raw("</span>")
}

// writeChange writes one change of the annotated diff, page strings from T:
//
//	<article class="change" id="d1-c1">
//	<div class="body">
//	<h3><span class="label">Label</span> <span class="title">Title</span><span class="kind k-modified">Kind</span></h3>
//	<p class="redline">Ops</p>                                (if ShowText)
//	<ul class="facts">                                        (if Quantities or units)
//	<li><span class="fact-key">数量</span><del>…Old</del> → <ins>…New</ins> <span class="fact-note">Context</span></li>
//	                                                          (无 for an empty side; the note if Context)
//	<li><span class="fact-key">单位</span><ins>…+Unit</ins> <del>…−Unit</del> </li>
//	</ul>
//	</div>
//	<aside class="margin">
//
//	<div class="comment">…</div>                              (each Comment: writeComment)
//	<p class="no-comment">…</p>                               (if no Comments; warn if Unexplained)
//	</aside>
//	</article>
func writeChange(h *htmlWriter, T map[string]string, c *hChange) {
	h.raw("\n<article class=\"change\" id=\"")
	h.text(c.Anchor)
	h.raw("\">\n<div class=\"body\">\n<h3><span class=\"label\">")
	h.text(c.Label)
	h.raw("</span>")
	if c.Title != "" {
		h.raw(" <span class=\"title\">")
		h.text(c.Title)
		h.raw("</span>")
	}
	h.raw("<span class=\"kind k-")
	h.text(c.KindClass)
	h.raw("\">")
	h.text(c.Kind)
	h.raw("</span></h3>")
	if c.ShowText {
		h.raw("\n<p class=\"redline\">")
		h.html(c.Ops)
		h.raw("</p>")
	}
	units := len(c.UnitsAdded) > 0 || len(c.UnitsRemoved) > 0
	if len(c.Quantities) > 0 || units {
		h.raw("\n<ul class=\"facts\">")
		for _, q := range c.Quantities {
			h.raw("\n<li><span class=\"fact-key\">")
			h.text(T["quantities"])
			h.raw("</span>")
			if q.Old != "" {
				writeFact(h, T, "del", "", q.Old)
			} else {
				h.text(T["none"])
			}
			h.raw(" → ")
			if q.New != "" {
				writeFact(h, T, "ins", "", q.New)
			} else {
				h.text(T["none"])
			}
			if q.Context != "" {
				h.raw(" <span class=\"fact-note\">")
				h.text(q.Context)
				h.raw("</span>")
			}
			h.raw("</li>")
		}
		if units {
			h.raw("\n<li><span class=\"fact-key\">")
			h.text(T["units"])
			h.raw("</span>")
			for _, u := range c.UnitsAdded {
				writeFact(h, T, "ins", "+", u)
				h.raw(" ")
			}
			for _, u := range c.UnitsRemoved {
				writeFact(h, T, "del", "−", u)
				h.raw(" ")
			}
			h.raw("</li>")
		}
		h.raw("\n</ul>")
	}
	h.raw("\n</div>\n<aside class=\"margin\">")
	for i := range c.Comments {
		h.raw("\n")
		writeComment(h, &c.Comments[i])
	}
	if len(c.Comments) == 0 {
		if c.Unexplained {
			h.raw("\n<p class=\"no-comment warn\">")
			h.text(T["unexplained"])
		} else {
			h.raw("\n<p class=\"no-comment\">")
			h.text(T["noComment"])
		}
		h.raw("</p>")
	}
	h.raw("\n</aside>\n</article>")
}

// writeFact writes one side of a quantity or unit change, tag "del" or
// "ins", sign a constant ("", "+" or "−"):
//
//	<del><span class="sr">删除</span>−s</del>
func writeFact(h *htmlWriter, T map[string]string, tag, sign, s string) {
	sr := "srIns"
	if tag == "del" {
		sr = "srDel"
	}
	h.raw("<" + tag + "><span class=\"sr\">")
	h.text(T[sr])
	h.raw("</span>" + sign)
	h.text(s)
	h.raw("</" + tag + ">")
}
