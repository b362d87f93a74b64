package comment

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n%s", path, firstDiff(string(got), string(want)))
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, a, b)
		}
	}
	return ""
}

// recordsJSON renders records for golden files and comparisons.
func recordsJSON(t *testing.T, recs []Record, withRows bool) []byte {
	t.Helper()
	type rec struct {
		Row     int     `json:"row,omitempty"`
		Clause  string  `json:"clause,omitempty"`
		Comment Comment `json:"comment"`
	}
	out := make([]rec, len(recs))
	for i, r := range recs {
		out[i] = rec{Clause: r.Clause, Comment: r.Comment}
		if withRows {
			out[i].Row = r.Row
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sheet describes a worksheet for makeXLSX: rows of cells (placed by
// reference, empty cells left out), cells written as shared strings or,
// with inline, as inline strings, and merged ranges.
type sheet struct {
	rows   [][]string
	inline bool
	merges []string
	// numbers writes cells that are all digits as numeric cells.
	numbers bool
}

// makeXLSX writes a minimal workbook the way Excel lays it out: workbook,
// relationships, shared strings and one worksheet.
func makeXLSX(t testing.TB, s sheet) []byte {
	t.Helper()
	var sst []string
	index := map[string]int{}
	var ws strings.Builder
	ws.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, row := range s.rows {
		fmt.Fprintf(&ws, `<row r="%d">`, i+1)
		for j, v := range row {
			if v == "" {
				continue
			}
			ref := fmt.Sprintf("%s%d", colName(j+1), i+1)
			switch {
			case s.numbers && isDigits(v):
				fmt.Fprintf(&ws, `<c r="%s"><v>%s</v></c>`, ref, v)
			case s.inline:
				fmt.Fprintf(&ws, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, xmlEscape(v))
			default:
				k, ok := index[v]
				if !ok {
					k = len(sst)
					index[v] = k
					sst = append(sst, v)
				}
				fmt.Fprintf(&ws, `<c r="%s" t="s"><v>%d</v></c>`, ref, k)
			}
		}
		ws.WriteString(`</row>`)
	}
	ws.WriteString(`</sheetData>`)
	if len(s.merges) > 0 {
		fmt.Fprintf(&ws, `<mergeCells count="%d">`, len(s.merges))
		for _, m := range s.merges {
			fmt.Fprintf(&ws, `<mergeCell ref="%s"/>`, m)
		}
		ws.WriteString(`</mergeCells>`)
	}
	ws.WriteString(`</worksheet>`)
	var ss strings.Builder
	fmt.Fprintf(&ss, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(sst), len(sst))
	for _, v := range sst {
		// Rich text with a phonetic run, which is not part of the text.
		fmt.Fprintf(&ss, `<si><r><t xml:space="preserve">%s</t></r><rPh sb="0" eb="1"><t>ピン</t></rPh></si>`, xmlEscape(v))
	}
	ss.WriteString(`</sst>`)
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
			`<sheet name="意见" sheetId="1" r:id="rId7"/><sheet name="Other" sheetId="2" r:id="rId8"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/comments.xml"/>` +
			`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
			`</Relationships>`},
		{"xl/sharedStrings.xml", ss.String()},
		{"xl/worksheets/comments.xml", ws.String()},
		// The second sheet must not be read.
		{"xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func colName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
