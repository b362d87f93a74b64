package comment

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

func readSeed(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/seed.csv")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestImportSeed reads the 14 comments of the Wuhan consultation report
// (testdata/seed.csv: a title row, Chinese headers, two section rows, 序号
// restarting, merged 单位/个人 cells left empty, reasons in 是否采纳, a
// closing note) in every encoding and layout a drafting office sends.
func TestImportSeed(t *testing.T) {
	utf8 := readSeed(t)
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(utf8)
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(utf8)
	if err != nil {
		t.Fatal(err)
	}
	u16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes(utf8)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Import("seed.csv", utf8)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "seed.golden.json", recordsJSON(t, want, true))

	if len(want) != 14 {
		t.Fatalf("%d records, want 14", len(want))
	}
	for i, r := range want {
		c := r.Comment
		if wantID := "C" + strconv.Itoa(i+1); c.ID != wantID || c.Seq != i+1 {
			t.Errorf("record %d: id %q seq %d, want %s", i, c.ID, c.Seq, wantID)
		}
		group := "一、公开网站征求意见采纳情况"
		if i >= 5 {
			group = "二、相关部门意见采纳情况"
		}
		if c.Group != group {
			t.Errorf("%s: group %q, want %q", c.ID, c.Group, group)
		}
	}
	spot := []struct {
		i                      int
		number, by             string
		status                 Status
		response, textContains string
	}{
		{0, "1", "华中科技大学管理学院中德知识产权研究所王华", Adopted, "调整了先导方向和建设内容", "可视化的示意图"},
		{4, "5", "华中科技大学管理学院中德知识产权研究所王华", Partial, "已在方案送审稿中注明论证专家及论证意见。", "咨询专家"},
		{5, "1", "市卫健委", Adopted, "根据市政府专题会要求,与市卫健委协商一致,调整为在智慧领域打造80项应用场景", "90项应用场景"},
		{8, "4", "市科技局", Adopted, "", "大模型解决方案10个"},
		{11, "7", "市城建局", Adopted, "修改责任单位,并根据市政府专题会要求,与市城建局协商一致,调整为“在智慧建造领域打造80项应用场景”。", "市房管局"},
		{12, "8", "市人才工作局", Adopted, "", "\n5.“培养万名算法工程师"},
		{13, "9", "硚口区科经局", Adopted, "明确支持各区建设20个以上以人工智能产业为主要方向的园区", "D+M小镇"},
	}
	for _, s := range spot {
		c := want[s.i].Comment
		if c.Number != s.number || c.By != s.by || c.Status != s.status || c.Response != s.response || !strings.Contains(c.Text, s.textContains) {
			t.Errorf("record %d: %+v", s.i, c)
		}
	}

	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"utf-8 with BOM", append([]byte("\ufeff"), utf8...)},
		{"GB18030", gb},
		{"GBK", gbk},
		{"UTF-16LE with BOM", u16},
		{"LF line ends", bytes.ReplaceAll(utf8, []byte("\r\n"), []byte("\n"))},
		{"tab separated", toTSV(t, utf8)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Import("seed.csv", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := recordsJSON(t, got, true), recordsJSON(t, want, true); !bytes.Equal(g, w) {
				t.Errorf("differs from the UTF-8 import:\n%s", firstDiff(string(g), string(w)))
			}
		})
	}
}

func toTSV(t *testing.T, data []byte) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = '\t'
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImportSeedXLSX reads the same report as a workbook: shared strings
// (rich text with phonetic runs), the 单位/个人 cells merged down instead of
// left empty, the sheet named by the workbook rather than sheet1.xml.
func TestImportSeedXLSX(t *testing.T) {
	rows, err := csv.NewReader(bytes.NewReader(readSeed(t))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Merge each run of empty 单位/个人 cells (column B) into the cell above.
	var merges []string
	for i := 0; i < len(rows); i++ {
		if i < 3 || rows[i][1] == "" {
			continue
		}
		j := i
		for j+1 < len(rows) && rows[j+1][1] == "" && isDigits(rows[j+1][0]) {
			j++
		}
		if j > i {
			merges = append(merges, "B"+strconv.Itoa(i+1)+":B"+strconv.Itoa(j+1))
		}
	}
	// A section heading merged across the columns stays one heading.
	merges = append(merges, "A3:D3")
	want, err := Import("seed.csv", readSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		s    sheet
	}{
		{"shared strings", sheet{rows: rows, merges: merges}},
		{"inline strings and numbers", sheet{rows: rows, merges: merges, inline: true, numbers: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Import("seed.xlsx", makeXLSX(t, tt.s))
			if err != nil {
				t.Fatal(err)
			}
			if g, w := recordsJSON(t, got, false), recordsJSON(t, want, false); !bytes.Equal(g, w) {
				t.Errorf("differs from the CSV import:\n%s", firstDiff(string(g), string(w)))
			}
			// XLSX rows are the sheet's row numbers: the header is row 2.
			if got[0].Row != 4 || got[13].Row != 18 {
				t.Errorf("rows %d … %d, want 4 … 18", got[0].Row, got[13].Row)
			}
		})
	}
}

func TestImportXLSXCells(t *testing.T) {
	// Cells placed by reference: B is empty in row 2, so 修改意见 stays in C.
	data := makeXLSX(t, sheet{rows: [][]string{
		{"ID", "By", "Comment", "", "Status", "Notes"},
		{"a-1", "", "First & <foremost>", "", "TRUE", ""},
		{"a-2", "Ann", "Second", "", "", "n/a"},
	}, numbers: true})
	got, err := Import("c.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []Comment{
		{ID: "a-1", Seq: 1, Number: "a-1", Text: "First & <foremost>", Status: Adopted},
		{ID: "a-2", Seq: 2, Number: "a-2", By: "Ann", Text: "Second", Status: Pending, Response: "n/a"},
	}
	for i, r := range got {
		if !reflect.DeepEqual(r.Comment, want[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", r.Row, r.Comment, want[i])
		}
	}
}

func TestImportJSON(t *testing.T) {
	data, err := os.ReadFile("testdata/comments.json")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := Import("comments.json", data)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "comments.json.golden", recordsJSON(t, recs, true))
	// Spot checks of what the golden file holds.
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	// ids: 2 is given as a number, the last comment has none: C-numbers for all.
	if recs[0].Comment.ID != "C1" || recs[1].Comment.Number != "2" || recs[0].Row != 4 || recs[3].Row != 30 {
		t.Errorf("ids/rows: %+v", recs)
	}
	if r := recs[0]; r.Clause != "三/（五）/1" || r.Comment.Anchor.Exact != "在智慧医疗领域打造90项应用场景" ||
		r.Comment.Response != "根据市政府专题会要求,与市卫健委协商一致,调整为80项\n调整为在智慧领域打造80项应用场景" {
		t.Errorf("first: %+v", r)
	}
	if a := recs[2].Comment.Anchor; a.ClauseID != "c-17" || a.Path != "act.md" || a.Prefix != "the " || a.Exact != "Minister may" || a.Suffix != " by order" || recs[2].Comment.Status != Partial || recs[2].Comment.Group != "Departments" {
		t.Errorf("anchor object: %+v", recs[2].Comment)
	}
	if recs[3].Comment.Status != Pending {
		t.Errorf("null status: %q", recs[3].Comment.Status)
	}
	// The bare list is read the same.
	list := data[bytes.IndexByte(data, '[') : bytes.LastIndexByte(data, ']')+1]
	again, err := Import("comments.json", list)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := recordsJSON(t, again, false), recordsJSON(t, recs, false); !bytes.Equal(g, w) {
		t.Errorf("bare list differs:\n%s", firstDiff(string(g), string(w)))
	}
}

func TestImportYAML(t *testing.T) {
	data, err := os.ReadFile("testdata/comments.yaml")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := Import("comments.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "comments.yaml.golden", recordsJSON(t, recs, true))
	if len(recs) != 3 || recs[0].Row != 2 || recs[1].Row != 8 || recs[2].Row != 16 {
		t.Fatalf("rows: %+v", recs)
	}
	// 序号 1, 2, 3 are unique: they are the ids.
	if recs[0].Comment.ID != "1" || recs[2].Comment.ID != "3" {
		t.Errorf("ids %q %q", recs[0].Comment.ID, recs[2].Comment.ID)
	}
	if c := recs[0].Comment; c.Text != "缺失清晰的、可视化的示意图。\n突破领域应当更加聚焦和明确。" || c.Response != "调整了先导方向和建设内容" {
		t.Errorf("block text: %+v", c)
	}
	if c := recs[1]; c.Clause != "三/（五）/3" || c.Comment.Anchor.Exact != "在智能建造领域打造80项应用场景" ||
		c.Comment.Proposed != "打造智能建造应用场景" || c.Comment.Response != "修改责任单位\n与市城建局协商一致,保留80项。" {
		t.Errorf("second: %+v", c)
	}
	if c := recs[2].Comment; c.Status != Rejected || c.By != "Ministry of Finance" || recs[2].Clause != "Article 5" {
		t.Errorf("third: %+v", c)
	}
	// {comments: [...]} is read the same.
	wrapped := "comments:\n" + indent(string(data))
	again, err := Import("c.yml", []byte(wrapped))
	if err != nil {
		t.Fatal(err)
	}
	if g, w := recordsJSON(t, again, false), recordsJSON(t, recs, false); !bytes.Equal(g, w) {
		t.Errorf("wrapped differs:\n%s", firstDiff(string(g), string(w)))
	}
}

func indent(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}

// TestImportColumns checks header variants, the order of columns, section
// rows and the rules for ids.
func TestImportColumns(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		want []Comment
		rows []int
	}{
		{
			name: "English headers in another order, ids given",
			csv:  "Status,Comment,By,ID,Reason,Clause,Quote,Proposed\nrejected,Too vague,Ann,a1,Intended,Article 5,may,shall\n",
			want: []Comment{{ID: "a1", Seq: 1, Number: "a1", By: "Ann", Text: "Too vague", Status: Rejected, Response: "Intended",
				Anchor: Anchor{Exact: "may"}, Proposed: "shall"}},
		},
		{
			name: "variants, full width and notes in headers",
			csv:  "ＩＤ,反馈人 ,意见内容（请注明条款）,采纳情况,*说明:,涉及条款,分组\n7,市城建局,删去,不予采纳（与上位法一致）,,三/（一）,部门\n",
			want: []Comment{{ID: "7", Seq: 1, Number: "7", By: "市城建局", Text: "删去", Status: Rejected, Response: "与上位法一致", Group: "部门"}},
		},
		{
			name: "unknown columns are ignored",
			csv:  "序号,联系电话,修改意见,页码\n1,027-1234,增加示意图,3\n",
			want: []Comment{{ID: "1", Seq: 1, Number: "1", Text: "增加示意图", Status: Pending}},
		},
		{
			name: "repeated ids are renumbered",
			csv:  "序号,修改意见\n1,甲\n1,乙\n",
			want: []Comment{{ID: "C1", Seq: 1, Number: "1", Text: "甲", Status: Pending}, {ID: "C2", Seq: 2, Number: "1", Text: "乙", Status: Pending}},
		},
		{
			name: "ids that cannot name a file are renumbered",
			csv:  "序号,修改意见\n#1,甲\n2,乙\n",
			want: []Comment{{ID: "C1", Seq: 1, Number: "#1", Text: "甲", Status: Pending}, {ID: "C2", Seq: 2, Number: "2", Text: "乙", Status: Pending}},
		},
		{
			name: "ids differing only in case are renumbered (one file on macOS)",
			csv:  "id,text\na1,甲\nA1,乙\n",
			want: []Comment{{ID: "C1", Seq: 1, Number: "a1", Text: "甲", Status: Pending}, {ID: "C2", Seq: 2, Number: "A1", Text: "乙", Status: Pending}},
		},
		{
			name: "no id column",
			csv:  "修改意见,是否采纳\n甲,否\n",
			want: []Comment{{ID: "C1", Seq: 1, Text: "甲", Status: Rejected}},
		},
		{
			name: "a lone text is a comment, a lone heading in the text column a section",
			csv:  "序号,修改意见,是否采纳\n,只有意见,\n,（二）部门意见,\n,有分组,\n",
			want: []Comment{{ID: "C1", Seq: 1, Text: "只有意见", Status: Pending}, {ID: "C2", Seq: 2, Text: "有分组", Group: "（二）部门意见", Status: Pending}},
		},
		{
			name: "two text columns are joined",
			csv:  "修改意见,具体意见,备注,理由\n甲,乙,丙,丁\n",
			want: []Comment{{ID: "C1", Seq: 1, Text: "甲\n乙", Response: "丙\n丁", Status: Pending}},
		},
		{
			name: "semicolons, blank lines and a title above the header",
			csv:  "Comments on the draft;;\n\nno;text;status\n1;A;accepted\n\n2;B;\n",
			want: []Comment{{ID: "1", Seq: 1, Number: "1", Text: "A", Status: Adopted}, {ID: "2", Seq: 2, Number: "2", Text: "B", Status: Pending}},
			rows: []int{4, 6},
		},
		{
			name: "a stray quote in a cell is kept",
			csv:  "修改意见,是否采纳\n把\"一批\"改为80项,是\n",
			want: []Comment{{ID: "C1", Seq: 1, Text: "把\"一批\"改为80项", Status: Adopted}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := Import("t.csv", []byte(tt.csv))
			if err != nil {
				t.Fatal(err)
			}
			var got []Comment
			var rows []int
			for _, r := range recs {
				got = append(got, r.Comment)
				rows = append(rows, r.Row)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("\n got %+v\nwant %+v", got, tt.want)
			}
			if tt.rows != nil && !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("rows %v, want %v", rows, tt.rows)
			}
		})
	}
}

// TestImportErrors pins each error message: file, row, column, reason. A
// bad row anywhere fails the whole file.
func TestImportErrors(t *testing.T) {
	gbBad := append([]byte("修改意见\n"), 0x81, 0x20, '\n')
	tests := []struct {
		name, file string
		data       []byte
		want       string
		is         error
	}{
		{"no text column", "bad.csv", []byte("序号,意见描述,foo,是否采纳\n1,x,y,是\n"),
			`bad.csv:1: no comment text column (修改意见/text); columns not understood: "意见描述", "foo"`, ErrNoTextColumn},
		{"no text column, all understood", "bad.csv", []byte("序号,单位/个人\n1,x\n"),
			`bad.csv:1: no comment text column (修改意见/text); found only "序号" (序号/id), "单位/个人" (单位/个人/by)`, ErrNoTextColumn},
		{"empty text", "bad.csv", []byte("序号,单位/个人,修改意见 ,是否采纳\n1,甲,意见,是\n2,乙,,是\n"),
			`bad.csv:3: column "修改意见": empty comment text`, ErrEmptyText},
		{"lone id", "bad.csv", []byte("序号,修改意见\n1,意见\n2,\n"),
			`bad.csv:3: column "修改意见": empty comment text`, ErrEmptyText},
		{"bad status", "bad.csv", []byte("序号,修改意见,是否采纳\n1,意见,是\n2,\"多行\n意见\",也许\n"),
			`bad.csv:3: column "是否采纳": unknown status "也许" (want 已采纳, 部分采纳, 未采纳, 待处理 or adopted, partial, rejected, pending)`, ErrBadStatus},
		{"broken quoting", "bad.csv", []byte("修改意见\n\"abc\"d\n"),
			`bad.csv:2: extraneous or missing " in quoted-field (character 5)`, nil},
		{"not text", "bad.csv", gbBad,
			`bad.csv: not UTF-8, UTF-16 or GB18030 text (the first byte that is not UTF-8 is on line 2)`, ErrEncoding},
		{"empty", "empty.csv", nil, `empty.csv: no header row`, ErrNoHeader},
		{"xls", "old.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
			`old.xls: unsupported file format: Excel 97-2003 (.xls); save it as .xlsx or .csv`, ErrFormat},
		{"xlsx not a zip", "c.xlsx", []byte("hello"), `c.xlsx: not a readable XLSX workbook: zip: not a valid zip file`, nil},
		{"json shape", "c.json", []byte(`{"items": []}`), `c.json: want a list of comments, or {"comments": [...]}`, nil},
		{"json element", "c.json", []byte("[\n  \"text\"\n]"), `c.json:2: want an object for each comment, got a string`, nil},
		{"json status", "c.json", []byte("[\n{\"text\": \"a\"},\n{\"text\": \"b\",\n \"status\": \"maybe\"}]"),
			`c.json:3: column "status": unknown status "maybe" (want 已采纳, 部分采纳, 未采纳, 待处理 or adopted, partial, rejected, pending)`, ErrBadStatus},
		{"json text not a string", "c.json", []byte(`[{"text": ["a"]}]`), `c.json:1: column "text": want text, got a list`, nil},
		{"json no text key", "c.json", []byte(`[{"comment_body": "a", "by": "x"}]`),
			`c.json: no comment text column (修改意见/text); columns not understood: "comment_body"`, ErrNoTextColumn},
		{"json empty text", "c.json", []byte("[{\"text\": \"a\"},\n {\"text\": \"  \"}]"), `c.json:2: column "text": empty comment text`, ErrEmptyText},
		{"json syntax", "c.json", []byte("[{\"text\": \"a\"},\n {\"text\" \"b\"}]"), `c.json:2: invalid character '"' after object key`, nil},
		{"yaml status", "c.yaml", []byte("- text: a\n- text: b\n  status: 也许\n"),
			`c.yaml:2: column "status": unknown status "也许" (want 已采纳, 部分采纳, 未采纳, 待处理 or adopted, partial, rejected, pending)`, ErrBadStatus},
		{"yaml mapping", "c.yaml", []byte("title: x\n"), `c.yaml:1: want a list of comments, or {"comments": [...]}`, nil},
		{"yaml nested", "c.yaml", []byte("- text:\n    - a\n"), `c.yaml:1: column "text": want text, got a list`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := Import(tt.file, tt.data)
			if err == nil {
				t.Fatalf("no error, %d records", len(recs))
			}
			if recs != nil {
				t.Errorf("records returned with an error: %d", len(recs))
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
			var ie *ImportError
			if !errors.As(err, &ie) || ie.File != tt.file {
				t.Errorf("not an *ImportError for %s: %#v", tt.file, err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v) false", tt.is)
			}
		})
	}
}

func TestFormatOf(t *testing.T) {
	for _, tt := range []struct{ name, data, want string }{
		{"a.csv", "x", "csv"}, {"a.TSV", "x", "csv"}, {"a.json", "x", "json"}, {"a.yml", "x", "yaml"},
		{"a.xlsx", "x", "xlsx"}, {"a.csv", "PK\x03\x04", "xlsx"}, {"comments", "\ufeff [ ]", "json"},
		{"comments", "- text: a", "yaml"}, {"comments", "序号,修改意见", "csv"},
	} {
		if got := formatOf(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("formatOf(%q, %q) = %s, want %s", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestHeaderNamesFolded(t *testing.T) {
	seen := map[string]field{}
	for _, h := range headerNames {
		for _, n := range h.names {
			k := foldHeader(n)
			if f, dup := seen[k]; dup && f != h.f {
				t.Errorf("header %q means both %v and %v", n, f, h.f)
			}
			seen[k] = h.f
		}
	}
}
