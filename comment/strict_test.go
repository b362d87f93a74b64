package comment

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/redline-docs/redline/internal/limits"
)

func encodeTo(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestImportEncodingsAndLineEnds: one table in every encoding and line end
// redline reads gives the same comments; legacy encodings it cannot tell
// from GB18030 safely are refused, naming the encoding.
func TestImportEncodingsAndLineEnds(t *testing.T) {
	const table = "序号,单位/个人,条款,修改意见,是否采纳\n1,市卫健委,三/（五）/2,建议调整为80项,已采纳\n2,市科技局,,请补充责任单位,未采纳\n"
	want, err := Import("t.csv", []byte(table))
	if err != nil || len(want) != 2 {
		t.Fatalf("UTF-8: %d records, %v", len(want), err)
	}
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"lone CR", []byte(strings.ReplaceAll(table, "\n", "\r"))},
		{"CRLF", []byte(strings.ReplaceAll(table, "\n", "\r\n"))},
		{"UTF-8 BOM", append([]byte("\ufeff"), table...)},
		{"UTF-16LE", encodeTo(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), table)},
		{"UTF-16BE", encodeTo(t, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), table)},
		{"GBK", encodeTo(t, simplifiedchinese.GBK, table)},
		{"GB18030 lone CR", encodeTo(t, simplifiedchinese.GB18030, strings.ReplaceAll(table, "\n", "\r"))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Import("t.csv", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d records, want %d", len(got), len(want))
			}
			for i := range got {
				if !reflect.DeepEqual(got[i].Comment, want[i].Comment) || got[i].Row != want[i].Row || got[i].Clause != want[i].Clause {
					t.Errorf("record %d = %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
	for _, tt := range []struct {
		name, text, suspect string
		enc                 encoding.Encoding
	}{
		{"Shift-JIS", "番号,意見\n1,この規定は個人情報の保護に関する法律に基づき、適正な取扱いを確保するためのものである。\n", "Shift-JIS", japanese.ShiftJIS},
		{"EUC-KR", "번호,의견\n1,이 법은 개인정보의 처리 및 보호에 관한 사항을 정함으로써 개인의 자유와 권리를 보호한다.\n", "EUC-KR", korean.EUCKR},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Import("t.csv", encodeTo(t, tt.enc, tt.text))
			if !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), tt.suspect) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want one line refusing the encoding, naming %s", err, tt.suspect)
			}
		})
	}
}

func TestImportStrictObjects(t *testing.T) {
	t.Run("multi-document YAML imports every document", func(t *testing.T) {
		data := "- text: 第一条意见\n  by: 甲\n---\n- text: 第二条意见\n  by: 乙\n---\ncomments:\n  - text: 第三条意见\n"
		recs, err := Import("c.yaml", []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, r := range recs {
			texts = append(texts, fmt.Sprintf("%d:%s", r.Row, r.Comment.Text))
		}
		if got, want := strings.Join(texts, " "), "1:第一条意见 4:第二条意见 8:第三条意见"; got != want {
			t.Errorf("records %s, want %s", got, want)
		}
	})
	t.Run("bad second YAML document", func(t *testing.T) {
		_, err := Import("c.yaml", []byte("- text: a\n---\n- text: b\n  status: 也许\n"))
		if err == nil || !strings.HasPrefix(err.Error(), `c.yaml:3: column "status"`) {
			t.Fatalf("err = %v, want the row of the second document", err)
		}
	})
	for _, tt := range []struct{ name, data, want string }{
		{"trailing garbage", "[{\"text\": \"a\"}]\n\ngarbage", "c.json:3: "},
		{"second value", "[{\"text\": \"a\"}]\n[{\"text\": \"b\"}]\n", "c.json:2: data after the end of the JSON value"},
		{"wrapped, trailing", "{\"comments\": [{\"text\": \"a\"}], \"x\": 1}\n}", "c.json:2: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Import("c.json", []byte(tt.data))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q…", err, tt.want)
			}
		})
	}
	t.Run("wrapped with keys after the list", func(t *testing.T) {
		recs, err := Import("c.json", []byte(`{"comments": [{"text": "a"}], "generated": "2024-01-01"}`+"\n"))
		if err != nil || len(recs) != 1 {
			t.Fatalf("%d records, %v", len(recs), err)
		}
	})
}

// TestImportXLSXBomb: a workbook whose zip holds too many entries, or a
// part that decompresses past the limit, is refused as too large.
func TestImportXLSXBomb(t *testing.T) {
	zipOf := func(add func(zw *zip.Writer)) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		add(zw)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	many := zipOf(func(zw *zip.Writer) {
		for i := 0; i <= limits.XLSXEntries; i++ {
			if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("x/%d", i), Method: zip.Store}); err != nil {
				t.Fatal(err)
			}
		}
	})
	if _, err := Import("many.xlsx", many); !errors.Is(err, limits.ErrTooLarge) {
		t.Errorf("many entries: err = %v, want too large", err)
	}
	bomb := zipOf(func(zw *zip.Writer) {
		w, err := zw.Create("xl/worksheets/sheet1.xml")
		if err != nil {
			t.Fatal(err)
		}
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for i := 0; i <= limits.XLSXPart>>20; i++ {
			w.Write(chunk)
		}
	})
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes, want a small file", len(bomb))
	}
	_, err := Import("bomb.xlsx", bomb)
	if err == nil || !strings.Contains(err.Error(), "larger than 64 MiB decompressed") {
		t.Errorf("zip bomb: err = %v, want refused as too large", err)
	}
}

// TestImportRowLimit: a table past limits.CommentRows rows is refused as
// soon as the reader gets there, naming the row.
func TestImportRowLimit(t *testing.T) {
	csv := append([]byte("id,text\n"), bytes.Repeat([]byte("1,a\n"), limits.CommentRows+1)...)
	_, err := Import("big.csv", csv)
	if !errors.Is(err, limits.ErrTooLarge) || !strings.HasPrefix(err.Error(), fmt.Sprintf("big.csv:%d: more than", limits.CommentRows+2)) {
		t.Fatalf("err = %v, want too large at row %d", err, limits.CommentRows+2)
	}
	if _, err := Import("big.yaml", bytes.Repeat([]byte("- text: a\n"), limits.CommentYAML/10+1)); !errors.Is(err, limits.ErrTooLarge) {
		t.Fatalf("YAML: err = %v, want too large", err)
	}
}
