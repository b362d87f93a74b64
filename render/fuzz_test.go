package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/redline-docs/redline/diff"
)

// FuzzMarkdownEscape: whatever a document or comment says, its Markdown is
// one line with no raw HTML, and reading the escapes back gives the text.
func FuzzMarkdownEscape(f *testing.F) {
	for _, s := range []string{"1. Scope", "- item", "<script>alert(1)</script>", "a|b*c_d`e", "===", "两行\n文本", "&amp;"} {
		f.Add(s)
	}
	unescape := strings.NewReplacer("<br>", "\n", "&lt;", "<", "&gt;", ">", "&amp;", "&",
		`\\`, `\`, "\\`", "`", `\*`, `*`, `\_`, `_`, `\[`, `[`, `\]`, `]`, `\#`, `#`, `\|`, `|`, `\~`, `~`,
		`\-`, `-`, `\+`, `+`, `\=`, `=`, `\.`, `.`, `\)`, `)`)
	f.Fuzz(func(t *testing.T, s string) {
		got := md(s)
		if strings.ContainsAny(strings.ReplaceAll(got, "<br>", ""), "<>\n") {
			t.Fatalf("md(%q) = %q holds raw HTML or a line break", s, got)
		}
		if back := unescape.Replace(got); back != strings.ReplaceAll(s, "\r", "") {
			t.Fatalf("md(%q) = %q reads back as %q", s, got, back)
		}
	})
}

// FuzzHTMLEscape: whatever a document or comment says, it shows as text in
// the HTML redline.
func FuzzHTMLEscape(f *testing.F) {
	f.Add("<script>alert(1)</script>")
	f.Add(`"><img src=x onerror=alert(1)>`)
	f.Add("</textarea><svg onload=alert(1)>")
	f.Fuzz(func(t *testing.T, s string) {
		d := wuhanDiff()
		c := &d.Documents[0].Changes[1]
		c.Title = s
		c.Ops = append(c.Ops, diff.Op{Kind: diff.Insert, Text: s})
		c.Comments[0].Text, c.Comments[0].By = s, s
		var buf bytes.Buffer
		if err := HTML(&buf, d, Options{}); err != nil {
			t.Fatal(err)
		}
		out := strings.ToLower(buf.String())
		for _, bad := range []string{"<script", "<img", "<svg", "<iframe", "<textarea"} {
			if strings.Contains(out, bad) {
				t.Fatalf("%q got into the page unescaped from %q", bad, s)
			}
		}
	})
}

// FuzzHTMLEscapeAsTemplate: htmlEscape, which writes every string of every
// HTML page (htmlWriter.text), escapes text exactly as html/template
// escapes it in a text node, a quoted attribute value and <title>, so a
// page reads the same as when the templates wrote it.
func FuzzHTMLEscapeAsTemplate(f *testing.F) {
	for _, s := range []string{"", "plain", `<a href="x">'&'</a>`, "1+1", "\x00", "\xff\xfe<", "第一条\uFDD0\uFFFE", "&amp;", "</title>"} {
		f.Add(s)
	}
	tmpl := template.Must(template.New("t").Parse(`<p>{{.}}</p><p class="{{.}}"><title>{{.}}</title>`))
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		e := string(htmlEscape(nil, s))
		if got := "<p>" + e + `</p><p class="` + e + `"><title>` + e + "</title>"; got != want.String() {
			t.Fatalf("htmlEscape(%q) = %q, html/template writes %q", s, got, want.String())
		}
	})
}
