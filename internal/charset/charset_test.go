package charset

import (
	"bytes"
	"errors"
	"github.com/redline-docs/redline/internal/corpustest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func gbk(t testing.TB, s string) []byte { return encode(t, simplifiedchinese.GB18030, s) }

// Real sentences in the languages whose legacy encodings must not pass for
// GB18030.
const (
	chinese = "第一条　为了规范人工智能应用场景建设，推动数据资源开发利用，制定本办法。\n第二条　本市行政区域内的有关单位和个人，应当依照本办法开展工作。\n"
	jaText  = "第一条　この法律は、個人情報の適正な取扱いに関し、基本理念を定めることにより、個人の権利利益を保護することを目的とする。\n"
	koText  = "제1조(목적) 이 법은 개인정보의 처리 및 보호에 관한 사항을 정함으로써 개인의 자유와 권리를 보호하고, 나아가 개인의 존엄과 가치를 구현함을 목적으로 한다.\n"
	taiwan  = "第一條　為規範個人資料之蒐集、處理及利用，以避免人格權受侵害，並促進個人資料之合理利用，特制定本法。\n"
	german  = "§ 1 Anwendungsbereich\n(1) Dieses Gesetz findet Anwendung auf die Werbung für Arzneimittel im Sinne des § 2 Abs. 1 Nr. 1 und für Medizinprodukte außerhalb der Fachkreise.\n"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    string
		from    string
		loneCR  bool
		err     error
		line    int
		suspect string
	}{
		{"utf-8 as is", []byte(chinese), chinese, "", false, nil, 0, ""},
		{"gb18030 converted", gbk(t, chinese), chinese, "GB18030", false, nil, 0, ""},
		{"gbk of a short line", gbk(t, "（责任单位：市科技局）\n"), "（责任单位：市科技局）\n", "GB18030", false, nil, 0, ""},
		{"utf-8 bom dropped", append([]byte("\ufeff"), chinese...), chinese, "UTF-8 with BOM", false, nil, 0, ""},
		{"utf-16le", encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), chinese), chinese, "UTF-16LE", false, nil, 0, ""},
		{"utf-16be", encode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), chinese), chinese, "UTF-16BE", false, nil, 0, ""},
		{"lone cr", []byte("第一条　甲。\r第二条　乙。\r"), "第一条　甲。\n第二条　乙。\n", "", true, nil, 0, ""},
		{"crlf kept", []byte("第一条　甲。\r\n第二条　乙。\r\n"), "第一条　甲。\r\n第二条　乙。\r\n", "", false, nil, 0, ""},
		{"gb18030 with lone cr", gbk(t, "第一条　甲。\r第二条　乙。\r"), "第一条　甲。\n第二条　乙。\n", "GB18030", true, nil, 0, ""},
		{"nul is binary", []byte("ab\ncd\x00ef"), "", "", false, ErrBinary, 2, ""},
		{"nul after a bom is binary", []byte("\ufeffab\ncd\x00ef"), "", "", false, ErrBinary, 2, ""},
		{"utf-16 without bom", encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "Article 1\nThe Minister may.\n"), "", "", false, ErrBinary, 1, "UTF-16 without a byte-order mark"},
		{"lone continuation bytes", []byte("一\n二\n\x80\x80\x80"), "", "", false, ErrUnknown, 3, ""},
		{"private-use pair", []byte{0xaa, 0xa1, '\n'}, "", "", false, ErrUnknown, 1, ""},
		{"shift-jis", encode(t, japanese.ShiftJIS, jaText), "", "", false, ErrUnknown, 1, "Shift-JIS (Japanese)"},
		{"euc-jp", encode(t, japanese.EUCJP, jaText), "", "", false, ErrUnknown, 1, "EUC-JP (Japanese)"},
		{"euc-kr", encode(t, korean.EUCKR, koText), "", "", false, ErrUnknown, 1, "EUC-KR (Korean)"},
		{"big5", encode(t, traditionalchinese.Big5, taiwan), "", "", false, ErrUnknown, 1, "Big5 (traditional Chinese)"},
		{"latin-1", encode(t, charmap.Windows1252, german), "", "", false, ErrUnknown, 1, "a single-byte code page such as Latin-1 or Windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := bytes.Clone(tt.in)
			got, err := Decode(in)
			if !bytes.Equal(in, tt.in) {
				t.Fatalf("Decode wrote into its input")
			}
			if tt.err != nil {
				var e *Error
				if !errors.Is(err, tt.err) || !errors.As(err, &e) || e.Line != tt.line || e.Suspect != tt.suspect {
					t.Fatalf("err = %v (%+v), want %v on line %d, suspect %q", err, e, tt.err, tt.line, tt.suspect)
				}
				if tt.suspect != "" && !strings.Contains(err.Error(), tt.suspect) {
					t.Errorf("message %q does not name %q", err, tt.suspect)
				}
				return
			}
			if err != nil || string(got.Text) != tt.want || got.From != tt.from || got.LoneCR != tt.loneCR {
				t.Fatalf("= %q, %q, %v, %v; want %q, %q, %v", got.Text, got.From, got.LoneCR, err, tt.want, tt.from, tt.loneCR)
			}
			if _, converted, _ := ToUTF8(tt.in); converted != (tt.from != "" || tt.loneCR) {
				t.Errorf("ToUTF8 converted = %v", converted)
			}
		})
	}
}

// TestCorpusGB18030: every Chinese law of the corpus, re-encoded as
// GB18030, is read back as it was — the plausibility test must not refuse
// real Chinese.
func TestCorpusGB18030(t *testing.T) {
	dir := filepath.Join(corpustest.Dir(t), "cn-law")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.md"))
	if len(files) == 0 {
		t.Fatalf("no laws in %s", dir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		enc, err := simplifiedchinese.GB18030.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Decode(enc)
		if err != nil || !bytes.Equal(d.Text, b) && !d.LoneCR {
			t.Errorf("%s: %v", f, err)
		}
		// Each line on its own too: short texts must pass.
		for i, line := range strings.Split(string(b), "\n") {
			if i > 40 {
				break
			}
			enc := gbk(t, line)
			if _, err := Decode(enc); err != nil {
				t.Errorf("%s line %d %q: %v", filepath.Base(f), i+1, line, err)
			}
		}
	}
}

// FuzzToUTF8: whatever comes in, what comes out is UTF-8 without a NUL, and
// text converted from GB18030 alone encodes back to the input.
func FuzzToUTF8(f *testing.F) {
	f.Add([]byte("第一条"))
	f.Add(gbk(f, "（责任单位：市科技局）"))
	f.Add([]byte{0xff, 0xfe, 0x00})
	f.Add([]byte("a\rb\r\nc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data)
		if err != nil {
			return
		}
		if !clean(d.Text) && d.From != "" {
			t.Fatalf("converted output %q is not clean UTF-8", d.Text)
		}
		if bytes.IndexByte(d.Text, 0) >= 0 || loneCR(d.Text) >= 0 {
			t.Fatalf("output %q holds a NUL or a lone CR", d.Text)
		}
		if d.From == "GB18030" && !d.LoneCR {
			back, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(d.Text)
			if string(back) != string(data) {
				t.Fatalf("round trip lost bytes")
			}
		}
		if !d.Converted() && !bytes.Equal(d.Text, data) {
			t.Fatalf("unconverted text differs from its input")
		}
	})
}
