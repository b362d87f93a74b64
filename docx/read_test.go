package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func readFixture(t testing.TB, name string) *Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "office", name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

// TestOfficeFixtures reads the documents LibreOffice wrote (make.py) and
// compares their text, numbering rendered as labels, with the golden text.
func TestOfficeFixtures(t *testing.T) {
	for _, name := range []string{"plan.docx", "law.docx", "marked.docx"} {
		t.Run(name, func(t *testing.T) {
			got := readFixture(t, name).Text()
			golden := filepath.Join("testdata", "office", strings.TrimSuffix(name, ".docx")+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("text differs from %s (-update rewrites it):\n%s", golden, got)
			}
		})
	}
}

func TestNumberingLabels(t *testing.T) {
	d := readFixture(t, "plan.docx")
	var labels []string
	for _, p := range d.Paragraphs {
		labels = append(labels, strings.TrimSpace(p.Label))
	}
	want := []string{"", "一、", "（一）", "", "二、", "（一）", "1.", "2.", "（二）", "1.", "（1）", "（2）", "2.", "三、", "（一）"}
	if strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Errorf("labels\n got %q\nwant %q", labels, want)
	}
	law := readFixture(t, "law.docx")
	if got := strings.TrimSpace(law.Paragraphs[11].Label); got != "第十一条" {
		t.Errorf("the eleventh article is labelled %q, want 第十一条", got)
	}
}

func TestMarkedUpCopy(t *testing.T) {
	d := readFixture(t, "marked.docx")
	if !d.Tracked() {
		t.Fatal("tracked changes not seen")
	}
	type cm struct{ author, quote, text string }
	var got []cm
	for _, c := range d.Comments {
		got = append(got, cm{c.Author, c.Quote, c.Text})
		if c.Para < 0 || !strings.Contains(d.ParagraphText(c.Para), c.Quote) {
			t.Errorf("comment %q: paragraph %d does not hold its quote", c.Text, c.Para)
		}
	}
	want := []cm{
		{"市司法局", "打造90项应用场景", "建议调整为80项，与市卫健委协商一致。"},
		{"市财政局", "加强组织领导", "请明确资金保障。"},
	}
	if len(got) != len(want) {
		t.Fatalf("comments %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("comment %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	type ch struct {
		author string
		insert bool
		text   string
	}
	var changes []ch
	for _, c := range d.Changes {
		changes = append(changes, ch{c.Author, c.Insert, c.Text})
	}
	wantCh := []ch{
		{"市司法局", false, "组织实施人工智能创新专项项目"},
		{"市司法局", true, "组织实施人工智能领域创新专项"},
		{"市财政局", true, "新增省级平台10个。"}, // three w:ins in the file, one change
		{"市司法局", false, "、交通"},
	}
	if len(changes) != len(wantCh) {
		t.Fatalf("changes %+v, want %+v", changes, wantCh)
	}
	for i := range wantCh {
		if changes[i] != wantCh[i] {
			t.Errorf("change %d = %+v, want %+v", i, changes[i], wantCh[i])
		}
	}
	// The text each change proposes: the original with that change alone.
	p := d.Changes[3].Para
	if got, want := d.WithChange(p, 3), "推进智慧城市数智治理。在水务、城管等领域形成100项智慧城市应用场景。（责任单位：市政务数据局）"; got != want {
		t.Errorf("WithChange = %q, want %q", got, want)
	}
	p = d.Changes[0].Para
	if got := d.WithChange(p, 0); !strings.Contains(got, "每年不少于20项") {
		t.Errorf("the deletion alone: %q", got)
	}
}

func zipOf(t testing.TB, files map[string]string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, body := range files {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	z.Close()
	return b.Bytes()
}

const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func TestBadInput(t *testing.T) {
	bomb := func() []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		f, _ := z.Create("word/document.xml")
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for i := 0; i < (MaxPart>>20)+2; i++ {
			f.Write(chunk)
		}
		z.Close()
		return b.Bytes()
	}
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"binary doc", append(append([]byte{}, oleMagic...), make([]byte, 512)...), ErrBinaryDoc},
		{"encrypted", append(append(append([]byte{}, oleMagic...), make([]byte, 64)...), utf16le("EncryptedPackage")...), ErrEncrypted},
		{"not a zip", []byte("PK\x03\x04 but nothing else"), ErrNotDocx},
		{"a zip without a document", zipOf(t, map[string]string{"xl/workbook.xml": "<x/>"}), ErrNotDocx},
		{"zip bomb", bomb(), ErrTooLarge},
		{"entity trick", zipOf(t, map[string]string{"word/document.xml": `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document ` + w + `><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`}), ErrNotDocx},
		{"unknown entity", zipOf(t, map[string]string{"word/document.xml": `<w:document ` + w + `><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`}), ErrNotDocx},
		{"deep nesting", zipOf(t, map[string]string{"word/document.xml": strings.Repeat("<a>", maxDepth+5) + strings.Repeat("</a>", maxDepth+5)}), ErrNotDocx},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(c.data)
			if !errors.Is(err, c.want) {
				t.Fatalf("Read = %v, want %v", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// TestNumberingRules covers what the office fixtures do not: numbering from
// a paragraph style, restarts, start overrides, isLgl and lvlRestart.
func TestNumberingRules(t *testing.T) {
	numbering := `<w:numbering ` + w + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/><w:suff w:val="space"/><w:pStyle w:val="Chapter"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%2条"/><w:lvlRestart w:val="0"/><w:suff w:val="space"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%3）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>`
	styles := `<w:styles ` + w + `>
<w:style w:styleId="Chapter"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:styleId="Article"><w:basedOn w:val="Base"/></w:style>
<w:style w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>`
	para := func(pPr, text string) string {
		return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	num := func(id, lvl string) string {
		return `<w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + id + `"/></w:numPr>`
	}
	body := para(`<w:pStyle w:val="Chapter"/>`, "总则") +
		para(`<w:pStyle w:val="Article"/>`, "甲") +
		para(num("1", "2"), "项") +
		para(num("1", "2"), "项") +
		para(`<w:pStyle w:val="Article"/>`, "乙") +
		para(num("1", "2"), "项") +
		para(`<w:pStyle w:val="Chapter"/>`, "附则") +
		para(`<w:pStyle w:val="Article"/>`, "丙") + // lvlRestart 0: articles run on across chapters
		para(num("2", "0"), "One") +
		para(num("2", "1"), "sub") +
		para(num("3", "0"), "restarted at five") +
		para(num("2", "0"), "continues list 2") +
		para(`<w:pStyle w:val="Chapter"/>`+num("0", "0"), "numbering switched off")
	doc := `<w:document ` + w + `><w:body>` + body + `</w:body></w:document>`
	rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/word/styles.xml"/>
</Relationships>`
	d, err := Read(zipOf(t, map[string]string{
		"word/document.xml": doc, "word/numbering.xml": numbering, "word/styles.xml": styles,
		"word/_rels/document.xml.rels": rels,
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := "第一章 总则\n第一条 甲\n（一）项\n（二）项\n第二条 乙\n（一）项\n第二章 附则\n第三条 丙\n" +
		"I. One\n1.1 sub\nV. restarted at five\nII. continues list 2\nnumbering switched off\n"
	if got := d.Text(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestTablesAndAcceptedText(t *testing.T) {
	doc := `<w:document ` + w + `><w:body>
<w:p><w:r><w:t xml:space="preserve">保留 </w:t></w:r><w:del w:id="1" w:author="甲"><w:r><w:delText>删去</w:delText></w:r></w:del><w:ins w:id="2" w:author="乙"><w:r><w:t>加上</w:t></w:r></w:ins></w:p>
<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="甲"/></w:rPr></w:pPr><w:r><w:t>前半</w:t></w:r></w:p>
<w:p><w:r><w:t>后半</w:t></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>意见</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>改为80项</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>`
	d, err := Read(zipOf(t, map[string]string{"word/document.xml": doc}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Text(), "保留 加上\n前半后半\n序号 | 意见\n1 | 改为80项\n"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if len(d.Tables) != 1 || len(d.Tables[0]) != 2 || d.Tables[0][1][1] != "改为80项" {
		t.Errorf("Tables = %q", d.Tables)
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"plan.docx", "marked.docx"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "office", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add(zipOf(f, map[string]string{"word/document.xml": `<w:document ` + w + `><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>`}))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(data)
		if err != nil {
			return
		}
		_ = d.Text()
		for i := range d.Paragraphs {
			for k := range d.Changes {
				_ = d.WithChange(i, k)
			}
		}
	})
}
