package docx

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// File is a Word document to write: blocks (paragraphs and tables) in
// order, A4 portrait, in the fonts of Chinese official documents where the
// reader has them (仿宋 body, 黑体 headings, 宋体 tables) and the usual
// Latin fonts otherwise.
type File struct {
	Lang   string // "zh-CN" or "en-US": the proofing language of the text
	Blocks []Block
	// Landscape turns the page (wide comparison tables).
	Landscape bool
}

// Block is a Para or a Table.
type Block interface{ block() }

// Para is one paragraph.
type Para struct {
	Style string // "", "Title", "Heading1", "Heading2", "Small"
	Runs  []Run
	// MarkIns and MarkDel track a change of the paragraph mark: an
	// inserted paragraph has MarkIns (and its runs are insertions); a
	// deleted one MarkDel (its runs deletions), so it merges into the next
	// paragraph when the changes are accepted.
	MarkIns, MarkDel *Rev
	// Notes are Word comments anchored to the whole paragraph.
	Notes []Note
}

// Run is a stretch of text with one formatting and one tracked change.
type Run struct {
	Text              string
	Ins, Del          *Rev // a tracked insertion or deletion
	Strike, Underline bool
	Bold              bool
	Color             string // "C00000"; "" for automatic
}

// Rev says who made a tracked change and when (RFC 3339, UTC).
type Rev struct{ Author, Date string }

// Note is a Word comment (批注): its author, date and paragraphs.
type Note struct {
	Author, Date string
	Paras        []string
}

// Table is a table with a fixed grid: Widths in twentieths of a point, one
// per column; a header row repeats on each page.
type Table struct {
	Widths []int
	Header []Cell
	Rows   [][]Cell
}

// Cell is one table cell: its paragraphs, each a list of runs.
type Cell struct {
	Paras [][]Run
}

func (Para) block()  {}
func (Table) block() {}

const (
	nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// Write writes the document as a .docx package.
func (f *File) Write(w io.Writer) error {
	b := &builder{}
	b.doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.doc.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	for _, bl := range f.Blocks {
		switch x := bl.(type) {
		case Para:
			b.para(x)
		case *Para:
			b.para(*x)
		case Table:
			b.table(x)
		case *Table:
			b.table(*x)
		}
	}
	pg := `<w:pgSz w:w="11906" w:h="16838"/>`
	if f.Landscape {
		pg = `<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>`
	}
	b.doc.WriteString(`<w:sectPr>` + pg + `<w:pgMar w:top="1440" w:right="1304" w:bottom="1440" w:left="1304" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`)
	b.doc.WriteString(`</w:body></w:document>`)

	lang := f.Lang
	if lang == "" {
		lang = "zh-CN"
	}
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes(len(b.notes) > 0)},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`</Relationships>`},
		{"word/_rels/document.xml.rels", documentRels(len(b.notes) > 0)},
		{"word/document.xml", b.doc.String()},
		{"word/styles.xml", styles(lang)},
		{"word/settings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<w:settings xmlns:w="` + nsW + `"><w:defaultTabStop w:val="420"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`},
	}
	if len(b.notes) > 0 {
		parts = append(parts, struct{ name, body string }{"word/comments.xml", b.comments()})
	}
	for _, p := range parts {
		fw, err := z.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

type builder struct {
	doc     strings.Builder
	id      int // the last w:id given: revisions and comments share one sequence, so no id repeats
	notes   []Note
	noteIDs []string
}

func (b *builder) next() string {
	b.id++
	return strconv.Itoa(b.id)
}

func (b *builder) revAttrs(r *Rev) string {
	s := ` w:id="` + b.next() + `" w:author="` + esc(r.Author) + `"`
	if r.Date != "" {
		s += ` w:date="` + esc(r.Date) + `"`
	}
	return s
}

func (b *builder) para(p Para) {
	d := &b.doc
	d.WriteString("<w:p>")
	if p.Style != "" || p.MarkIns != nil || p.MarkDel != nil {
		d.WriteString("<w:pPr>")
		if p.Style != "" {
			d.WriteString(`<w:pStyle w:val="` + esc(p.Style) + `"/>`)
		}
		if p.MarkIns != nil || p.MarkDel != nil {
			d.WriteString("<w:rPr>")
			if p.MarkIns != nil {
				d.WriteString("<w:ins" + b.revAttrs(p.MarkIns) + "/>")
			}
			if p.MarkDel != nil {
				d.WriteString("<w:del" + b.revAttrs(p.MarkDel) + "/>")
			}
			d.WriteString("</w:rPr>")
		}
		d.WriteString("</w:pPr>")
	}
	var ids []string
	for _, n := range p.Notes {
		id := b.next()
		b.notes = append(b.notes, n)
		b.noteIDs = append(b.noteIDs, id)
		ids = append(ids, id)
		d.WriteString(`<w:commentRangeStart w:id="` + id + `"/>`)
	}
	b.runs(p.Runs)
	for _, id := range ids {
		d.WriteString(`<w:commentRangeEnd w:id="` + id + `"/>`)
		d.WriteString(`<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="` + id + `"/></w:r>`)
	}
	d.WriteString("</w:p>")
}

func (b *builder) runs(rs []Run) {
	d := &b.doc
	for _, r := range rs {
		if r.Text == "" {
			continue
		}
		switch {
		case r.Ins != nil:
			d.WriteString("<w:ins" + b.revAttrs(r.Ins) + ">")
			b.run(r, "w:t")
			d.WriteString("</w:ins>")
		case r.Del != nil:
			d.WriteString("<w:del" + b.revAttrs(r.Del) + ">")
			b.run(r, "w:delText")
			d.WriteString("</w:del>")
		default:
			b.run(r, "w:t")
		}
	}
}

// run writes one w:r; a tab becomes w:tab and a line break w:br, as Word
// keeps them.
func (b *builder) run(r Run, textElem string) {
	d := &b.doc
	d.WriteString("<w:r>")
	if r.Bold || r.Strike || r.Underline || r.Color != "" {
		d.WriteString("<w:rPr>")
		if r.Bold {
			d.WriteString("<w:b/>")
		}
		if r.Strike {
			d.WriteString("<w:strike/>")
		}
		if r.Color != "" {
			d.WriteString(`<w:color w:val="` + esc(r.Color) + `"/>`)
		}
		if r.Underline {
			d.WriteString(`<w:u w:val="single"/>`)
		}
		d.WriteString("</w:rPr>")
	}
	text := r.Text
	for text != "" {
		i := strings.IndexAny(text, "\t\n")
		seg := text
		if i >= 0 {
			seg = text[:i]
		}
		if seg != "" {
			d.WriteString("<" + textElem + ` xml:space="preserve">` + esc(seg) + "</" + textElem + ">")
		}
		if i < 0 {
			break
		}
		if text[i] == '\t' {
			d.WriteString("<w:tab/>")
		} else {
			d.WriteString("<w:br/>")
		}
		text = text[i+1:]
	}
	d.WriteString("</w:r>")
}

func (b *builder) table(t Table) {
	d := &b.doc
	total := 0
	for _, w := range t.Widths {
		total += w
	}
	d.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="` + strconv.Itoa(total) + `" w:type="dxa"/>`)
	d.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		d.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	d.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, w := range t.Widths {
		d.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	d.WriteString(`</w:tblGrid>`)
	if len(t.Header) > 0 {
		b.row(t.Widths, t.Header, true)
	}
	for _, r := range t.Rows {
		b.row(t.Widths, r, false)
	}
	d.WriteString(`</w:tbl>`)
	// Word needs a paragraph between a table and what follows it.
	d.WriteString(`<w:p/>`)
}

func (b *builder) row(widths []int, cells []Cell, header bool) {
	d := &b.doc
	d.WriteString("<w:tr>")
	if header {
		d.WriteString("<w:trPr><w:tblHeader/></w:trPr>")
	}
	for i, c := range cells {
		w := 0
		if i < len(widths) {
			w = widths[i]
		}
		d.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(w) + `" w:type="dxa"/></w:tcPr>`)
		if len(c.Paras) == 0 {
			d.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>`)
		}
		for _, p := range c.Paras {
			d.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>`)
			if header {
				for i := range p {
					p[i].Bold = true
				}
			}
			b.runs(p)
			d.WriteString(`</w:p>`)
		}
		d.WriteString(`</w:tc>`)
	}
	d.WriteString("</w:tr>")
}

func (b *builder) comments() string {
	var s strings.Builder
	s.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	s.WriteString(`<w:comments xmlns:w="` + nsW + `">`)
	for i, n := range b.notes {
		fmt.Fprintf(&s, `<w:comment w:id="%s" w:author="%s"`, b.noteIDs[i], esc(n.Author))
		if n.Date != "" {
			s.WriteString(` w:date="` + esc(n.Date) + `"`)
		}
		s.WriteString(` w:initials="` + esc(initials(n.Author)) + `">`)
		paras := n.Paras
		if len(paras) == 0 {
			paras = []string{""}
		}
		for _, p := range paras {
			s.WriteString(`<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:t xml:space="preserve">` + esc(p) + `</w:t></w:r></w:p>`)
		}
		s.WriteString(`</w:comment>`)
	}
	s.WriteString(`</w:comments>`)
	return s.String()
}

func initials(name string) string {
	for _, r := range name {
		return string(r)
	}
	return ""
}

// esc escapes text for XML and drops what XML 1.0 cannot carry (control
// characters other than tab and newline, unpaired surrogates).
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			// not representable in XML 1.0
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func contentTypes(comments bool) string {
	s := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>`
	if comments {
		s += `<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>`
	}
	return s + `</Types>`
}

func documentRels(comments bool) string {
	s := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>`
	if comments {
		s += `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>`
	}
	return s + `</Relationships>`
}

// styles: 公文 fonts — 仿宋 for the body, 黑体 for headings, 宋体 in tables
// (Word substitutes a font the reader lacks) — at 三号/四号 sizes for
// Chinese, Times New Roman / Arial for Latin text.
func styles(lang string) string {
	body, size := "仿宋", "32" // 三号, 16 pt
	if !strings.HasPrefix(lang, "zh") {
		body, size = "Times New Roman", "24"
	}
	rpr := func(latin, eastAsia, sz string, bold bool) string {
		s := `<w:rPr><w:rFonts w:ascii="` + latin + `" w:hAnsi="` + latin + `" w:eastAsia="` + eastAsia + `" w:cs="` + latin + `"/>`
		if bold {
			s += `<w:b/>`
		}
		return s + `<w:sz w:val="` + sz + `"/><w:szCs w:val="` + sz + `"/><w:lang w:val="` + lang + `" w:eastAsia="` + lang + `"/></w:rPr>`
	}
	style := func(id, name, based, ppr, rp string) string {
		s := `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/>`
		if based != "" {
			s += `<w:basedOn w:val="` + based + `"/>`
		}
		return s + `<w:qFormat/>` + ppr + rp + `</w:style>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:styles xmlns:w="` + nsW + `">` +
		`<w:docDefaults><w:rPrDefault>` + rpr("Times New Roman", body, size, false) + `</w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		style("Normal", "Normal", "", "", "") +
		style("Title", "Title", "Normal", `<w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/></w:pPr>`, rpr("Arial", "宋体", "44", true)) +
		style("Heading1", "heading 1", "Normal", `<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>`, rpr("Arial", "黑体", "32", true)) +
		style("Heading2", "heading 2", "Normal", `<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr>`, rpr("Arial", "黑体", "28", true)) +
		style("Small", "Small", "Normal", "", rpr("Times New Roman", body, "21", false)) +
		style("TableText", "Table Text", "Normal", `<w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr>`, rpr("Times New Roman", "宋体", "21", false)) +
		style("CommentText", "annotation text", "Normal", "", rpr("Times New Roman", "宋体", "20", false)) +
		`<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>` +
		`<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:tblPr><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`</w:styles>`
}
