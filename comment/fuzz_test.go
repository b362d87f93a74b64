package comment

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// checkImport holds for every input: an error is an *ImportError naming the
// file and no records come with it; records have text, valid unique ids,
// valid statuses and running Seq.
func checkImport(t *testing.T, name string, data []byte) {
	recs, err := Import(name, data)
	if err != nil {
		var ie *ImportError
		if !errors.As(err, &ie) || ie.File != name {
			t.Fatalf("error is not an *ImportError for %s: %v", name, err)
		}
		if recs != nil {
			t.Fatalf("%d records with an error", len(recs))
		}
		return
	}
	ids := map[string]bool{}
	for i, r := range recs {
		c := r.Comment
		if strings.TrimSpace(c.Text) == "" {
			t.Fatalf("record %d has no text", i)
		}
		if ValidID(c.ID) != nil || ids[c.ID] {
			t.Fatalf("record %d: bad or repeated id %q", i, c.ID)
		}
		ids[c.ID] = true
		if !c.Status.Valid() || c.Seq != i+1 {
			t.Fatalf("record %d: status %q seq %d", i, c.Status, c.Seq)
		}
		if _, err := Marshal(c); err != nil {
			t.Fatalf("record %d cannot be stored: %v", i, err)
		}
	}
}

func FuzzImportCSV(f *testing.F) {
	seed, err := os.ReadFile("testdata/seed.csv")
	if err != nil {
		f.Fatal(err)
	}
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(seed)
	f.Add(seed)
	f.Add(gb)
	f.Add([]byte("序号,修改意见,是否采纳\n1,意见,是\n,二、部门,\n2,\"多行\n意见\",部分采纳，理由\n"))
	f.Add([]byte("id\ttext\tstatus\na\tb\tno\n"))
	f.Add([]byte("\xff\xfe1\x00,\x00"))
	f.Add([]byte("修改意见\n\"a\"b\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkImport(t, "f.csv", data) })
}

func FuzzImportJSON(f *testing.F) {
	data, err := os.ReadFile("testdata/comments.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`[{"text": "a", "id": 1}, {"text": "b", "id": 1}]`))
	f.Add([]byte(`{"comments": [{"修改意见": "x", "anchor": {"exact": "y"}}]}`))
	f.Add([]byte(`[{"text": null}]`))
	f.Fuzz(func(t *testing.T, data []byte) { checkImport(t, "f.json", data) })
}

func FuzzImportYAML(f *testing.F) {
	data, err := os.ReadFile("testdata/comments.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("comments:\n  - text: a\n    anchor: {exact: b}\n"))
	f.Add([]byte("- &a {text: x}\n- *a\n"))
	f.Add([]byte("- text: [a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkImport(t, "f.yaml", data) })
}

// FuzzImportXLSX fuzzes the worksheet and shared-strings parts, zipped into
// a workbook (fuzzing the zip bytes themselves rarely gets past the zip
// checksum).
func FuzzImportXLSX(f *testing.F) {
	book := makeXLSX(f, sheet{rows: [][]string{
		{"序号", "单位/个人", "修改意见", "是否采纳"}, {"一、公开网站"}, {"1", "甲", "意见", "已采纳,理由"}, {"2", "", "意见二", "否"},
	}, merges: []string{"B3:B4"}})
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		f.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		parts[zf.Name] = b.Bytes()
	}
	f.Add(parts["xl/worksheets/comments.xml"], parts["xl/sharedStrings.xml"])
	f.Add([]byte(`<worksheet><sheetData><row><c t="inlineStr"><is><t>text</t></is></c></row><row><c t="s"><v>0</v></c></row></sheetData></worksheet>`), []byte(`<sst><si><t>x</t></si></sst>`))
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="XFD2" t="b"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A1:C9"/></mergeCells></worksheet>`), []byte{})
	f.Fuzz(func(t *testing.T, ws, sst []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, body := range map[string][]byte{
			"xl/workbook.xml":            parts["xl/workbook.xml"],
			"xl/_rels/workbook.xml.rels": parts["xl/_rels/workbook.xml.rels"],
			"xl/worksheets/comments.xml": ws,
			"xl/sharedStrings.xml":       sst,
		} {
			w, _ := zw.Create(name)
			w.Write(body)
		}
		zw.Close()
		checkImport(t, "f.xlsx", buf.Bytes())
	})
}

// FuzzLocate: offsets are always inside the text; a quote that occurs is
// found exactly; the anchor Quote builds finds its own text again.
func FuzzLocate(f *testing.F) {
	f.Add(newPlan, "深入开展", "在智慧医疗领域打造90项应用场景", "。", 10, 40)
	f.Add("甲乙丙甲乙丙", "", "乙丙", "甲", 0, 3)
	f.Add("abc", "x", "ab\xff", "", 5, -1)
	f.Fuzz(func(t *testing.T, text, prefix, exact, suffix string, i, j int) {
		a := Anchor{Prefix: prefix, Exact: exact, Suffix: suffix}
		s, e, m := Locate(text, a)
		if s < 0 || s > e || e > len(text) {
			t.Fatalf("Locate = %d, %d of %d bytes", s, e, len(text))
		}
		if m == Orphaned && (s != 0 || e != 0) {
			t.Fatalf("orphaned at %d, %d", s, e)
		}
		if exact != "" && strings.Contains(text, exact) && (m != Exact || text[s:e] != exact) {
			t.Fatalf("occurring quote: %q %v", text[s:e], m)
		}
		if !utf8.ValidString(text) {
			return
		}
		p, q, x := Quote(text, i, j)
		if q == "" {
			return
		}
		s, e, m = Locate(text, Anchor{Prefix: p, Exact: q, Suffix: x})
		if m != Exact || text[s:e] != q {
			t.Fatalf("own quote %q: got %q %v", q, text[s:e], m)
		}
	})
}
