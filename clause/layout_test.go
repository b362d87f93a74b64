package clause

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func parseTestdata(t *testing.T, name string) *Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "layout", name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(name, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// German statutes as public git repositories of federal law hold them:
// ## § 1, (1) Absätze, 1. and 1a. Nummern, a) and aa) Buchstaben; no part
// of a § has a title, and a hard-wrapped line goes on with its paragraph.
func TestLayoutGermanStatute(t *testing.T) {
	d := parseTestdata(t, "gesetz.md")
	want := `§ 1
§ 1/(1)
§ 1/(1)/1
§ 1/(1)/1a
§ 1/(1)/2
§ 1/(1a)
§ 1/(2)
§ 1/(2)/1
§ 1/(2)/1/a)
§ 1/(2)/1/b)
§ 1/(2)/1/b)/aa)
§ 1/(2)/1/b)/bb)
§ 1/(2)/2
§ 2
§ 3
§ 3/(1)
§ 3/(1)/1
§ 3/(1)/2
§ 3/(1)/1~2
§ 3/(1)/2~2
§ 3/(2)`
	if got := paths(d); got != want {
		t.Errorf("paths:\n%s\nwant:\n%s", got, want)
	}
	for _, n := range d.Clauses() {
		if n.Title != "" {
			t.Errorf("%s: title %q, want none", n.Path(), n.Title)
		}
	}
	if n := d.Find("§ 1/(1)/2"); n == nil || n.Text() != "2.  andere Mittel, soweit sich die Werbeaussage auf die Erkennung von Krankheiten bezieht." {
		t.Errorf("hard-wrapped Nummer: %q", n.Text())
	}
	// The sentence after a list is the Absatz's, not its last Nummer's.
	if n := d.Find("§ 3/(1)/2"); n == nil || n.Text() != "2.  mit Zeugnissen." {
		t.Errorf("last Nummer before the sentence: %q", n.Text())
	}
	if n := d.Find("§ 3/(1)"); n == nil || !strings.Contains(n.Text(), "Für Medizinprodukte gilt Satz 1 Nr. 2 entsprechend.") {
		t.Errorf("the Absatz lacks the sentence after its list: %q", n.Text())
	}
	for cite, want := range map[string]string{
		"§ 1 Abs. 1 Nr. 1a":                           "§ 1/(1)/1a",
		"§ 1 Abs. 2 Nr. 1 Buchst. b":                  "§ 1/(2)/1/b)",
		"§ 1 Abs. 2 Nr. 1 Buchst. b Doppelbuchst. aa": "",
		"§ 1 Abs. 2 Nr. 1 Buchst. b, aa":              "§ 1/(2)/1/b)/aa)",
	} {
		got := ""
		if all := d.FindAll(cite); len(all) == 1 {
			got = all[0].Path()
		}
		if got != want {
			t.Errorf("FindAll(%q) = %q, want %q", cite, got, want)
		}
	}
}

// IETF plain text: running headers and footers and form feeds are no
// text, a wrapped "Section 4." is no heading, Appendix A and A.1 are
// clauses, the table of contents holds none.
func TestLayoutRFC(t *testing.T) {
	d := parseTestdata(t, "rfc-like.txt")
	want := "1\n1/1.1\n2\nAppendix A\nAppendix A/A.1"
	if got := paths(d); got != want {
		t.Errorf("paths:\n%s\nwant:\n%s", got, want)
	}
	for _, n := range append(d.Clauses(), d.Root) {
		txt := n.Text()
		for _, bad := range []string{"[Page", "RFC 8089   ", "\f", "Kerwin   ", ". . .", "Table of Contents"} {
			if strings.Contains(txt, bad) {
				t.Errorf("%q: text holds %q: %q", n.Path(), bad, txt)
			}
		}
	}
	if n := d.Find("1"); n == nil || !strings.HasSuffix(n.Text(), "Section 4.") {
		t.Errorf("the wrapped reference is not the end of section 1: %q", n.Text())
	}
	if n := d.Find("Section 3.3.1"); n != nil {
		t.Errorf("Find(Section 3.3.1) = %q", n.Path())
	}
	if n := d.Find("A.1"); n == nil || n.Path() != "Appendix A/A.1" {
		t.Errorf("Find(A.1) = %v", n)
	}
}

func TestRFCFurniture(t *testing.T) {
	for s, want := range map[string]bool{
		"Kerwin                       Standards Track                    [Page 5]":      true,
		"RFC 8089                   The \"file\" URI Scheme              February 2017": true,
		"Internet-Draft              File URI                            March 2016":    true,
		"as described on [Page 5]":                false,
		"RFC 8089 was published in February 2017": false,
	} {
		if got := isFurniture([]byte(s)); got != want {
			t.Errorf("isFurniture(%q) = %v, want %v", s, got, want)
		}
	}
}
