package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// spice puts s into every string of d that an HTML page shows: paths,
// labels, titles, texts, quantities, units, revisions and every field of
// every comment, the unapplied ones included.
func spice(d *review.Diff, s string) {
	d.From.Stage, d.To.Author = s, s
	for di := range d.Documents {
		doc := &d.Documents[di]
		doc.Path = s + doc.Path
		for ci := range doc.Changes {
			c := &doc.Changes[ci]
			c.Title += s
			if c.NewLabel != "" {
				c.NewLabel += s
			}
			c.Ops = append(c.Ops, diff.Op{Kind: diff.Insert, Text: s}, diff.Op{Kind: diff.Equal, Text: s})
			c.NewText += s + s
			c.Units.Added = append(c.Units.Added, s)
			c.Units.Removed = append(c.Units.Removed, s)
			c.Quantities = append(c.Quantities, diff.QuantityChange{Old: s, New: s, Context: s}, diff.QuantityChange{New: s})
			for i := range c.Comments {
				spiceComment(&c.Comments[i], s)
			}
		}
	}
	for i := range d.Unapplied {
		spiceComment(&d.Unapplied[i], s)
	}
}

func spiceComment(c *comment.Comment, s string) {
	c.By += s
	c.Group += s
	c.Text += s
	c.Proposed += s
	c.Response += s
	c.Anchor.Exact += s
	c.Anchor.Label += s
}

// htmlCases are the diffs the HTML pages are compared on: the fixtures,
// with and without the changes only formatting made, in the other
// language, with markup and quotes in every string, with nothing changed,
// with nothing explained and nothing unapplied.
func htmlCases() map[string]func() (*review.Diff, Options) {
	const weird = `<b class="x">它's</b> & 1+1 > 0 "引号" #frag`
	cases := map[string]func() (*review.Diff, Options){
		"empty": func() (*review.Diff, Options) {
			return &review.Diff{From: revZH1, To: revZH2, Documents: []review.Document{{Path: "plan.md", Lang: clause.LangZH}}}, Options{}
		},
		"empty-en": func() (*review.Diff, Options) {
			return &review.Diff{From: revEN1, To: review.Rev{}, Documents: []review.Document{{Path: "a.md", Lang: clause.LangEN}, {Path: "b.md"}}}, Options{}
		},
	}
	for name, f := range map[string]func() *review.Diff{"wuhan": wuhanDiff, "english": englishDiff} {
		cases[name] = func() (*review.Diff, Options) { return f(), Options{} }
		cases[name+"-formatting"] = func() (*review.Diff, Options) { return f(), Options{ShowFormatting: true} }
		cases[name+"-zh"] = func() (*review.Diff, Options) { return f(), Options{Lang: clause.LangZH} }
		cases[name+"-en"] = func() (*review.Diff, Options) { return f(), Options{Lang: clause.LangEN} }
		cases[name+"-weird"] = func() (*review.Diff, Options) { d := f(); spice(d, weird); return d, Options{} }
		cases[name+"-xss"] = func() (*review.Diff, Options) { d := f(); spice(d, xssText+"\x00"); return d, Options{} }
		cases[name+"-explained"] = func() (*review.Diff, Options) {
			d := f()
			d.Unapplied = nil
			for i := range d.Documents {
				d.Documents[i].Unexplained = nil
			}
			return d, Options{}
		}
		cases[name+"-uncommented"] = func() (*review.Diff, Options) {
			d := f()
			for i := range d.Documents {
				for j := range d.Documents[i].Changes {
					d.Documents[i].Changes[j].Comments = nil
				}
			}
			return d, Options{}
		}
	}
	return cases
}

// pagesBoth writes the three HTML pages of d both with the Go writer and
// with the templates that wrote them before (html_oracle_test.go).
func pagesBoth(t testing.TB, d *review.Diff, o Options, edit func(*hDiff)) (got, want map[string]string) {
	t.Helper()
	got, want = map[string]string{}, map[string]string{}
	run := func(name string, write func(*bytes.Buffer) error, oracle func(*bytes.Buffer)) {
		var g, w bytes.Buffer
		if err := write(&g); err != nil {
			t.Fatal(err)
		}
		oracle(&w)
		got[name], want[name] = g.String(), w.String()
	}
	hd := newHDiff(d, o)
	if edit != nil {
		edit(&hd)
	}
	run("diff", func(b *bytes.Buffer) error {
		return writePage(b, hd.hPage, func(h *htmlWriter) { writeDiffBody(h, &hd) })
	},
		func(b *bytes.Buffer) { execOracle(t, b, "diff", diffTmpl, hd) })
	run("table", func(b *bytes.Buffer) error { return TableHTML(b, d, o) },
		func(b *bytes.Buffer) { execOracle(t, b, "table", tableTmpl, newHTable(d, o)) })
	r := reportFor(d, d.Documents[0].Path)
	run("report", func(b *bytes.Buffer) error { return ReportHTML(b, r, o) },
		func(b *bytes.Buffer) { execOracle(t, b, "report", reportTmpl, newHReport(r, o)) })
	if edit == nil {
		var b bytes.Buffer
		if err := HTML(&b, d, o); err != nil {
			t.Fatal(err)
		}
		if b.String() != got["diff"] {
			t.Fatal("HTML writes other bytes than writeDiffBody on newHDiff")
		}
	}
	return got, want
}

// TestHTMLPagesAsTemplates: the Go writer writes every HTML page byte for
// byte as the templates it replaced, on varied diffs and their reports.
func TestHTMLPagesAsTemplates(t *testing.T) {
	for name, c := range htmlCases() {
		t.Run(name, func(t *testing.T) {
			d, o := c()
			got, want := pagesBoth(t, d, o, nil)
			for page := range want {
				if got[page] != want[page] {
					t.Errorf("%s: the Go writer and the template differ%s", page, firstDiff(got[page], want[page]))
				}
			}
		})
	}
	// the report of no comments
	for _, l := range []clause.Lang{clause.LangZH, clause.LangEN} {
		r := &review.Report{Lang: l}
		var g, w bytes.Buffer
		if err := ReportHTML(&g, r, Options{}); err != nil {
			t.Fatal(err)
		}
		execOracle(t, &w, "report", reportTmpl, newHReport(r, Options{}))
		if g.String() != w.String() {
			t.Errorf("empty report (%s): the Go writer and the template differ%s", l, firstDiff(g.String(), w.String()))
		}
	}
}

// FuzzHTMLPagesAsTemplates: whatever a document or comment says, and
// whatever an anchor is, the Go writer writes the pages the templates
// wrote.
func FuzzHTMLPagesAsTemplates(f *testing.F) {
	for _, s := range []string{"", `<a href="x">'&'</a>`, "1+1", "\x00", "\xff\xfe<", "第一条\uFDD0", "&amp;", "d1-c3", "#?/ %"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := wuhanDiff()
		spice(d, s)
		got, want := pagesBoth(t, d, Options{}, func(v *hDiff) {
			v.TOC[0].Anchor += s
			v.Docs[0].Unexplained[0].Anchor = s
		})
		for page := range want {
			if got[page] != want[page] {
				t.Fatalf("%s with %q: the Go writer and the template differ%s", page, s, firstDiff(got[page], want[page]))
			}
		}
	})
}

// firstDiff shows where two pages part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return "\n got: …" + got[from:min(len(got), i+80)] + "\nwant: …" + want[from:min(len(want), i+80)]
}

// FuzzURLEscapeAsTemplate: urlEscape encodes an anchor as html/template
// encodes it in href="#…".
func FuzzURLEscapeAsTemplate(f *testing.F) {
	for _, s := range []string{"", "d1-c3", "a b", "条/款", "%41", "-._~!#$&*+,/:;=?@[]", "\x00\xff", `"'<>`} {
		f.Add(s)
	}
	tmpl := template.Must(template.New("t").Parse(`<a href="#{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if got := `<a href="#` + string(urlEscape(nil, s)) + `">`; got != want.String() {
			t.Fatalf("urlEscape(%q) = %q, html/template writes %q", s, got, want.String())
		}
	})
}
