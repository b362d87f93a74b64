// Package charset turns the bytes of a text file into UTF-8: UTF-8 as it
// is (a byte-order mark dropped), UTF-16 with a byte-order mark and GB18030
// (and so GBK and GB2312, its subsets) converted, lone CR line endings made
// LF. Documents on commit, documents given to diff --no-index and comment
// tables all go through it, so one file is never text to one command and
// refused by another.
//
// GB18030 decodes almost any byte string, so it is assumed only when the
// result reads like Chinese; bytes that read like another legacy encoding
// (Shift-JIS, EUC-JP, EUC-KR, Big5, a Latin code page) are refused with an
// error naming it, and never converted.
package charset

import (
	"bytes"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Errors Decode returns, wrapped in *Error.
var (
	ErrBinary  = errors.New("binary content (NUL byte), not text")
	ErrUnknown = errors.New("neither UTF-8 nor GB18030 text")
)

// Error says where the bytes stopped being text, and what they look like.
type Error struct {
	Line    int // 1-based line of the NUL byte, or of the first byte that is not UTF-8
	Err     error
	Suspect string // the encoding the bytes look like ("Shift-JIS (Japanese)"), or ""
}

func (e *Error) Error() string {
	if e.Suspect != "" {
		return fmt.Sprintf("%v: looks like %s; save it as UTF-8", e.Err, e.Suspect)
	}
	return e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Decoded is the UTF-8 text Decode made of some bytes.
type Decoded struct {
	Text []byte
	// From names the encoding converted from ("GB18030", "UTF-16LE",
	// "UTF-16BE", "UTF-8 with BOM"), or "" when the bytes were UTF-8.
	From string
	// LoneCR is true when lone CR line endings were made LF.
	LoneCR bool
}

// Converted reports whether Text differs from the bytes decoded.
func (d Decoded) Converted() bool { return d.From != "" || d.LoneCR }

// Describe says what was converted, for a notice: "converted from GB18030
// to UTF-8", "CR line endings made LF"; "" when nothing was.
func (d Decoded) Describe() string {
	var parts []string
	if d.From != "" {
		parts = append(parts, "converted from "+d.From+" to UTF-8")
	}
	if d.LoneCR {
		parts = append(parts, "CR line endings made LF")
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return parts[0] + ", " + parts[1]
}

// ToUTF8 returns data as UTF-8, and whether it differs from data (see
// Decode).
func ToUTF8(data []byte) (text []byte, converted bool, err error) {
	d, err := Decode(data)
	return d.Text, d.Converted(), err
}

// Decode returns data as UTF-8 text.
//
//   - UTF-16 with a byte-order mark (LE or BE) is converted; a UTF-8
//     byte-order mark is dropped.
//   - Data with a NUL byte is otherwise binary.
//   - UTF-8 is kept as it is.
//   - Other data is GB18030 only when it decodes cleanly, holds no
//     replacement or private-use characters (where GB18030 puts byte pairs
//     no real text uses), encodes back to the same bytes (a decoder maps
//     some invalid sequences silently) and reads like Chinese (see
//     plausiblyChinese). Else it is refused, naming the encoding it looks
//     like when one fits.
//   - Lone CR line endings (old Mac files) become LF, a byte for a byte; CR
//     LF is kept.
func Decode(data []byte) (Decoded, error) {
	var d Decoded
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		from := "UTF-16LE"
		if data[0] == 0xfe {
			from = "UTF-16BE"
		}
		u, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil || !clean(u) || bytes.IndexByte(u, 0) >= 0 {
			return d, &Error{Line: 1, Err: ErrUnknown, Suspect: "damaged " + from}
		}
		d.Text, d.From = u, from
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) && utf8.Valid(data):
		if i := bytes.IndexByte(data, 0); i >= 0 {
			return d, &Error{Line: 1 + bytes.Count(data[:i], []byte("\n")), Err: ErrBinary}
		}
		d.Text, d.From = data[3:], "UTF-8 with BOM"
	default:
		if i := bytes.IndexByte(data, 0); i >= 0 {
			e := &Error{Line: 1 + bytes.Count(data[:i], []byte("\n")), Err: ErrBinary}
			if looksUTF16(data) {
				e.Suspect = "UTF-16 without a byte-order mark"
			}
			return d, e
		}
		if utf8.Valid(data) {
			d.Text = data
			break
		}
		bad := &Error{Line: firstBadLine(data), Err: ErrUnknown}
		out, ok := decodeExact(simplifiedchinese.GB18030, data)
		if !ok || !plausiblyChinese(data, out) {
			bad.Suspect = suspect(data)
			return d, bad
		}
		d.Text, d.From = out, "GB18030"
	}
	if i := loneCR(d.Text); i >= 0 {
		if d.From == "" || d.From == "UTF-8 with BOM" {
			d.Text = bytes.Clone(d.Text) // never write into the caller's bytes
		}
		crToLF(d.Text, i)
		d.LoneCR = true
	}
	return d, nil
}

// decodeExact decodes data with enc when it decodes to clean text that
// encodes back to exactly data.
func decodeExact(enc encoding.Encoding, data []byte) ([]byte, bool) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil || !clean(out) {
		return nil, false
	}
	back, err := enc.NewEncoder().Bytes(out)
	if err != nil || !bytes.Equal(back, data) {
		return nil, false
	}
	return out, true
}

// loneCR is the offset of the first CR not followed by LF, or -1.
func loneCR(b []byte) int {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '\r')
		if j < 0 {
			return -1
		}
		i += j
		if i+1 >= len(b) || b[i+1] != '\n' {
			return i
		}
		i += 2
	}
}

// crToLF makes every lone CR of b from offset i on an LF, in place.
func crToLF(b []byte, i int) {
	for ; i < len(b); i++ {
		if b[i] == '\r' && (i+1 >= len(b) || b[i+1] != '\n') {
			b[i] = '\n'
		}
	}
}

// plausiblyChinese reports whether data, which decoded as GB18030 to text,
// reads like Chinese rather than another double-byte encoding that happens
// to decode:
//
//   - all but one in ten characters are in GB2312, the common set (Shift-JIS
//     kana and most Shift-JIS kanji fall in GBK's extension rows or in
//     GB18030's four-byte sequences);
//   - the text is not EUC-KR: hangul decode as common GB2312 hanzi, but
//     only from the first third of GB2312's rows (lead bytes B0–C8), where
//     Chinese text has under two thirds of its characters, and Korean
//     separates words with spaces, Chinese hardly ever;
//   - it is not EUC-JP: Japanese kana are GB2312 characters too, but
//     Chinese text has next to none;
//   - in a text long enough to tell, the most frequent Chinese characters
//     are frequent.
func plausiblyChinese(data, text []byte) bool {
	total, common, upper, spaced := 0, 0, 0, 0
	for i := 0; i < len(data); {
		b := data[i]
		if b < 0x80 {
			i++
			continue
		}
		total++
		if i+1 < len(data) && data[i+1] >= 0x30 && data[i+1] <= 0x39 {
			i += 4 // a four-byte sequence: rare characters
			continue
		}
		if i+1 < len(data) && b >= 0xa1 && data[i+1] >= 0xa1 {
			common++
			if b >= 0xc9 {
				upper++
			}
		}
		if i+2 < len(data) && data[i+2] == ' ' {
			spaced++
		}
		i += 2
	}
	if rare := total - common; rare > 1 && rare*10 > total {
		return false
	}
	if total >= 8 && upper == 0 || total >= 40 && spaced*5 > total {
		return false // Korean
	}
	han, frequent, kana := 0, 0, 0
	for _, r := range string(text) {
		if r >= 0x3040 && r <= 0x30ff {
			kana++ // EUC-JP's kana rows are GB2312's too
		}
		if !unicode.Is(unicode.Han, r) {
			continue
		}
		han++
		if isFrequentHan(r) {
			frequent++
		}
		if han == 4096 {
			break // enough to tell
		}
	}
	if kana*20 > total {
		return false
	}
	return han < 40 || frequent*100 >= han*15
}

// isFrequentHan reports whether r is among the most frequent characters of
// Chinese prose and of policy and legal drafts (together about half of any
// such text; as a decoding of Korean or Japanese bytes, a few per cent).
func isFrequentHan(r rune) bool {
	switch r {
	case '的', '一', '是', '在', '不', '了', '有', '和', '人', '这',
		'中', '大', '为', '上', '个', '国', '我', '以', '要', '他',
		'时', '来', '用', '们', '生', '到', '作', '地', '于', '出',
		'就', '分', '对', '成', '会', '可', '主', '发', '年', '动',
		'同', '工', '也', '能', '下', '过', '子', '说', '产', '种',
		'面', '而', '方', '后', '多', '定', '行', '学', '法', '所',
		'民', '得', '经', '十', '三', '之', '进', '着', '等', '部',
		'度', '家', '电', '力', '里', '如', '水', '化', '高', '自',
		'二', '理', '起', '小', '物', '现', '实', '加', '量', '都',
		'两', '体', '制', '机', '当', '使', '点', '从', '业', '本',
		'应', '管', '务', '建', '设', '条', '规', '关', '其', '或',
		'者', '第', '公', '政', '府', '门', '单', '位', '市', '区',
		'县', '省', '合', '违', '责', '任', '依', '照', '措',
		'施', '案', '事', '件', '报', '告', '监', '督', '查', '检',
		'全', '领', '域', '推', '新', '场', '景', '创', '技', '术',
		'服', '系', '统', '平', '台', '数', '据', '信', '息', '安',
		'组', '织', '展', '标', '准', '资', '金', '项', '目':
		return true
	}
	return false
}

// suspect names the legacy encoding data looks like, or "" when none fits:
// the first of EUC-KR, Shift-JIS, EUC-JP and Big5 that decodes data exactly
// into mostly its own script (four characters at least), else a single-byte Latin code page when the
// non-ASCII bytes stand alone among ASCII ones.
func suspect(data []byte) string {
	type candidate struct {
		name   string
		enc    encoding.Encoding
		script func(r rune) bool
	}
	kana := func(r rune) bool { return r >= 0x3040 && r <= 0x30ff }
	for _, c := range []candidate{
		{"EUC-KR (Korean)", korean.EUCKR, func(r rune) bool { return r >= 0xac00 && r <= 0xd7a3 }},
		{"Shift-JIS (Japanese)", japanese.ShiftJIS, func(r rune) bool { return kana(r) || unicode.Is(unicode.Han, r) }},
		{"EUC-JP (Japanese)", japanese.EUCJP, func(r rune) bool { return kana(r) || unicode.Is(unicode.Han, r) }},
		{"Big5 (traditional Chinese)", traditionalchinese.Big5, func(r rune) bool { return unicode.Is(unicode.Han, r) }},
	} {
		out, ok := decodeExact(c.enc, data)
		if !ok {
			continue
		}
		n, in := 0, 0
		for _, r := range string(out) {
			if r < utf8.RuneSelf || unicode.IsPunct(r) || unicode.IsSpace(r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 {
				continue
			}
			n++
			if c.script(r) {
				in++
			}
		}
		if n >= 4 && in*10 >= n*7 {
			return c.name
		}
	}
	lone, high := 0, 0
	for i, b := range data {
		if b < 0x80 {
			continue
		}
		high++
		if (i == 0 || data[i-1] < 0x80) && (i+1 == len(data) || data[i+1] < 0x80) {
			lone++
		}
	}
	if high > 0 && lone*10 >= high*8 {
		return "a single-byte code page such as Latin-1 or Windows-1252"
	}
	return ""
}

// looksUTF16 reports whether data with NUL bytes is UTF-16 text without a
// byte-order mark: ASCII with a NUL beside every character.
func looksUTF16(data []byte) bool {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return even*10 >= half*9 && odd*10 <= half || odd*10 >= half*9 && even*10 <= half
}

// clean reports whether decoded text is valid UTF-8 with no replacement
// and no private-use characters.
func clean(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError || r >= 0xe000 && r <= 0xf8ff || r >= 0xf0000 {
			return false
		}
		i += n
	}
	return true
}

// firstBadLine is the 1-based line of the first byte that is not UTF-8.
func firstBadLine(data []byte) int {
	line := 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	return line
}
