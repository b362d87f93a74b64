package clause

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every citation form lawyers and consultation tables write finds the
// clause it means (testdata/cite holds the documents).
func TestFindCitationForms(t *testing.T) {
	docs := map[string]*Document{}
	for _, name := range []string{"law.md", "act.md", "gesetz.md", "rfc.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", "cite", name))
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(name, b, Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = d
	}
	tests := []struct {
		doc, cite string
		want      string // the paths found, " | " between several; "" for none
	}{
		{"law.md", "第三条第一款", "第一章/第三条/第一款"},
		{"law.md", "第三条第二款", "第一章/第三条/第二款"},
		{"law.md", "第三条/第一款", "第一章/第三条/第一款"},
		{"law.md", "第二十一条第二款第（一）项", "第二章/第二十一条/第二款/（一）"},
		{"law.md", "第二十一条第二款第(一)项", "第二章/第二十一条/第二款/（一）"},
		{"law.md", "第二十一条第一款第二项", "第二章/第二十一条/第一款/（二）"},
		{"law.md", "第一章第三条", "第一章/第三条"},
		{"law.md", "第二章第三条", ""},
		{"law.md", "第3条", "第一章/第三条"},
		{"law.md", "第 3 条", "第一章/第三条"},
		{"law.md", "第３条", "第一章/第三条"},
		{"law.md", "第三条之一", "第一章/第三条之一"},
		{"law.md", "第3条之1", "第一章/第三条之一"},
		{"law.md", "第一条第一款", "第一章/第一条"}, // an article of one 款 is its 款
		{"law.md", "第一条第二款", ""},
		{"law.md", "第二十一条第（一）项", "第二章/第二十一条/第一款/（一） | 第二章/第二十一条/第二款/（一）"},
		{"law.md", "第二章/第二十一条", "第二章/第二十一条"},
		{"gesetz.md", "§ 2 Abs. 1 Nr. 3", "§ 2/(1)/3"},
		{"gesetz.md", "§ 1 Absatz 2", "§ 1/(2)"},
		{"gesetz.md", "§ 1 Absatz 2 Nummer 1", "§ 1/(2)/1"},
		{"gesetz.md", "§2/(1)/7", "§ 2/(1)/7"},
		{"gesetz.md", "§ 2 (1) 7", "§ 2/(1)/7"},
		{"gesetz.md", "§ 2/(1)/7", "§ 2/(1)/7"},
		{"gesetz.md", "§ 3", ""},
		{"act.md", "Art. 5(1)(a)", "Article 5/1/(a)"},
		{"act.md", "Art. 5 (1) (b)", "Article 5/1/(b)"},
		{"act.md", "Article 5, paragraph 1", "Article 5/1"},
		{"act.md", "Article 5, paragraph 2", "Article 5/2"},
		{"act.md", "article 5 paragraph 1, point (a)", "Article 5/1/(a)"},
		{"act.md", "Article 6", "Article 6"},
		{"act.md", "Art. 7", ""},
		{"rfc.txt", "Section 3.3.1", "3/3.3/3.3.1"},
		{"rfc.txt", "Section 3.3", "3/3.3"},
		{"rfc.txt", "3.3.1", "3/3.3/3.3.1"},
	}
	for _, tt := range tests {
		t.Run(tt.doc+"/"+tt.cite, func(t *testing.T) {
			var got []string
			for _, n := range docs[tt.doc].FindAll(tt.cite) {
				got = append(got, n.Path())
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("FindAll(%q) = %q, want %q", tt.cite, g, tt.want)
			}
		})
	}
}

func TestParseCitationRejects(t *testing.T) {
	for _, s := range []string{"", "第三", "第条", "§", "Art.", "建设内容", "第三条的规定", "Satz 2", "(1", "Section three"} {
		if steps, ok := parseCitation(s); ok {
			t.Errorf("parseCitation(%q) = %+v, want no citation", s, steps)
		}
	}
}

// FuzzParseCitation checks that any string is a citation or not without
// panicking, and that a citation has between 1 and maxCiteSteps levels.
func FuzzParseCitation(f *testing.F) {
	for _, s := range []string{"第三条第一款", "第二十一条第二款第（一）项", "第一章第三条", "第 3 条", "第三条之一",
		"§ 2 Abs. 1 Nr. 3", "§2/(1)/7", "Art. 5(1)(a)", "Article 5, paragraph 1", "Section 3.3.1", "Buchst. aa"} {
		f.Add(s)
	}
	d, err := Parse("law.md", []byte("## 第一章 总则\n\n第一条 甲。\n\n乙。\n\n（一）丙；\n"), Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		steps, ok := parseCitation(s)
		if ok && (len(steps) == 0 || len(steps) > maxCiteSteps) {
			t.Fatalf("parseCitation(%q): %d levels", s, len(steps))
		}
		for _, n := range d.FindAll(s) {
			if n.Doc() != d {
				t.Fatalf("FindAll(%q) returned a clause of another document", s)
			}
		}
	})
}
