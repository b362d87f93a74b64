package clause

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// How a line ends, which says whether the next line continues its sentence.
const (
	endNone = iota // a word or number: the sentence goes on (or a heading)
	endFull        // 。！？. ! ? or a closing bracket: the sentence is over
	endSemi        // ；：; : — an item or a list introduction ends
	endCont        // ，、,（ “ — the sentence certainly goes on
)

// text is what the scanning helpers read: source bytes or clean strings.
type text interface{ ~string | ~[]byte }

// lastRune decodes the last character of valid UTF-8 b, without
// converting b.
func lastRune[T text](b T) (rune, int) {
	n := len(b)
	if n == 0 {
		return utf8.RuneError, 0
	}
	if b[n-1] < utf8.RuneSelf {
		return rune(b[n-1]), 1
	}
	i := n - 1
	for i > 0 && n-i < 4 && b[i]&0xC0 == 0x80 {
		i--
	}
	var r rune
	switch n - i {
	case 2:
		r = rune(b[i]&0x1F)<<6 | rune(b[i+1]&0x3F)
	case 3:
		r = rune(b[i]&0x0F)<<12 | rune(b[i+1]&0x3F)<<6 | rune(b[i+2]&0x3F)
	case 4:
		r = rune(b[i]&0x07)<<18 | rune(b[i+1]&0x3F)<<12 | rune(b[i+2]&0x3F)<<6 | rune(b[i+3]&0x3F)
	default:
		return utf8.RuneError, 1
	}
	return r, n - i
}

// endClass classifies the last character of a trimmed line.
func endClass[T text](b T) int {
	for i := 0; i < 2 && len(b) > 0; i++ {
		r, size := lastRune(b)
		switch r {
		case '。', '！', '？', '.', '!', '?', '…', '）', ')', '】', '》':
			return endFull
		case '；', '：', ';', ':', '—': // "means—" introduces a list in English acts
			return endSemi
		case '，', '、', ',', '（', '(', '“', '‘', '「', '《', '【', '-', '/':
			return endCont
		case '”', '’', '」', '』', '"', '\'':
			b = b[:len(b)-size] // look through a closing quote
			continue
		}
		return endNone
	}
	return endNone
}

// closesSentence reports whether a trimmed line of sentences ends one:
// its last character is 。！？… (. ! ?) or ；： (; :), which end a clause of
// a law, or a closing quote or bracket after one ("…。”", "…。）"). A
// bracketed group closes the sentence it follows ("…施行。（试行）") and
// no other: "（以下简称《条例》）" and "《数据安全法》" close a bracket,
// not the sentence around them.
func closesSentence(b []byte) bool {
	for k := 0; k < 8 && len(b) > 0; k++ {
		r, size := lastRune(b)
		switch r {
		case '。', '！', '？', '.', '!', '?', '…', '；', '：', ';', ':':
			return true
		case '”', '’', '」', '』', '"', '\'', '》', '】', '〕', ']':
			b = b[:len(b)-size]
		case '）', ')':
			b = b[:len(b)-size]
			if r, _ := lastRune(b); r == '。' || r == '.' || r == '！' || r == '？' || r == '；' || r == ';' {
				return true // "（见附件。）"
			}
			open := openingParen(b)
			if open < 0 {
				return false
			}
			b = trimRight(b[:open])
		default:
			return false
		}
	}
	return false
}

// openingParen returns the offset of the （ or ( that a bracket closed
// after the end of b opens, or -1; it looks back 600 bytes at most.
func openingParen(b []byte) int {
	depth := 0
	for i := len(b); i > 0 && len(b)-i < 600; {
		r, size := lastRune(b[:i])
		i -= size
		switch r {
		case '）', ')':
			depth++
		case '（', '(':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// trimRight drops white space (U+3000 included) at the end of b.
func trimRight(b []byte) []byte {
	for len(b) > 0 {
		r, size := lastRune(b)
		if !unicode.IsSpace(r) {
			break
		}
		b = b[:len(b)-size]
	}
	return b
}

// endsSemicolon reports whether a trimmed line ends in ； or ;, behind
// closing quotes.
func endsSemicolon(b []byte) bool {
	for len(b) > 0 {
		r, size := lastRune(b)
		switch r {
		case '；', ';':
			return true
		case '”', '’', '」', '』', '"', '\'':
			b = b[:len(b)-size]
			continue
		}
		return false
	}
	return false
}

// closingPunct reports whether b starts with punctuation that never opens a
// paragraph (：，。、）), so its line continues the one before.
func closingPunct(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	switch r {
	case '：', '，', '。', '、', '；', '）', '！', '？', '”', '》', '」':
		return true
	}
	return false
}

// isCJK reports whether r is a CJK ideograph or CJK punctuation, between
// which a joined line break takes no space.
func isCJK(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x20000 && r <= 0x3FFFF
}

// joinSpace says what replaces a hard-wrap line break between prev and next:
// nothing between CJK text, one space between Latin words.
func joinSpace(prev, next []byte, zh bool) bool {
	if zh {
		return false // wraps in CJK text cut anywhere, numbers and words included
	}
	a, _ := utf8.DecodeLastRune(prev)
	z, _ := utf8.DecodeRune(next)
	return !isCJK(a) && !isCJK(z) && a != '-'
}

// byteWidth is the display width each byte adds: 1 for ASCII and the lead
// byte of a 2-byte sequence, 2 for the lead of a 3- or 4-byte sequence (CJK
// is 3 bytes), 0 for continuation bytes.
var byteWidth = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c < 0x80, c >= 0xC0 && c < 0xE0:
			t[c] = 1
		case c >= 0xE0:
			t[c] = 2
		}
	}
	return t
}()

// widthOf returns the display width of b: CJK characters count two columns.
func widthOf(b []byte) int {
	w := 0
	for _, c := range b {
		w += int(byteWidth[c])
	}
	return w
}

// countScript counts CJK ideographs (lead bytes E4–E9: U+4000–U+9FFF) and
// ASCII letters in b.
func countScript(b []byte) (cjk, letters int) {
	for _, c := range b {
		if c >= 0xE4 && c <= 0xE9 {
			cjk++
		} else if c|0x20 >= 'a' && c|0x20 <= 'z' {
			letters++
		}
	}
	return cjk, letters
}

// isDash reports whether r is a dash used around page numbers.
func isDash(r rune) bool {
	switch r {
	case '-', '—', '–', '－', '─', '―', '‐', '‑':
		return true
	}
	return false
}

// isFurniture reports whether a trimmed line is a page header or footer left
// by PDF extraction or printing: "— 3 —", "- 12 -", "第 3 页 共 20 页",
// "第3页/共20页", "Page 3 of 20", "3 / 20". A bare number is not furniture:
// tables use them.
func isFurniture(b []byte) bool {
	if rfcFurniture(b) {
		return true
	}
	if len(b) == 0 || len(b) > 48 {
		return false
	}
	// Dash-number-dash.
	if r, size := utf8.DecodeRune(b); isDash(r) {
		i := size
		for i < len(b) {
			r2, s2 := utf8.DecodeRune(b[i:])
			if !isDash(r2) && spaceAt(b[i:]) == 0 {
				break
			}
			i += s2
		}
		_, n, ok := parseArabic(b[i:], 5)
		if !ok {
			return false
		}
		i += n
		dash := false
		for i < len(b) {
			r2, s2 := utf8.DecodeRune(b[i:])
			if isDash(r2) {
				dash = true
			} else if spaceAt(b[i:]) == 0 {
				return false
			}
			i += s2
		}
		return dash
	}
	s := skipSpaces(b, 0)
	// 第 3 页 [,/] 共 20 页 ; 共 20 页 第 3 页
	if i, ok := pageWord(b, s, "第"); ok {
		if i, ok = pageWord(b, i, "页"); ok {
			i = skipSpaces(b, i)
			if i < len(b) && (b[i] == '/' || b[i] == ',') {
				i = skipSpaces(b, i+1)
			} else if len(b) >= i+3 && (string(b[i:i+3]) == "，" || string(b[i:i+3]) == "／") {
				i = skipSpaces(b, i+3)
			}
			if i == len(b) {
				return true
			}
			if i, ok = pageWord(b, i, "共"); ok {
				i, ok = pageWord(b, i, "页")
				return ok && skipSpaces(b, i) == len(b)
			}
		}
		return false
	}
	if i, ok := pageWord(b, s, "共"); ok {
		if i, ok = pageWord(b, i, "页"); ok {
			if i, ok = pageWord(b, skipSpaces(b, i), "第"); ok {
				i, ok = pageWord(b, i, "页")
				return ok && skipSpaces(b, i) == len(b)
			}
		}
		return false
	}
	// Page 3 [of 20]
	if len(b) > 5 && equalFoldASCII(b[:5], "page ") {
		i := skipSpaces(b, 5)
		_, n, ok := parseArabic(b[i:], 5)
		if !ok {
			return false
		}
		i = skipSpaces(b, i+n)
		if i == len(b) {
			return true
		}
		if len(b) >= i+3 && equalFoldASCII(b[i:i+3], "of ") {
			_, n, ok = parseArabic(b[skipSpaces(b, i+3):], 5)
			return ok && skipSpaces(b, skipSpaces(b, i+3)+n) == len(b)
		}
		return false
	}
	// 3 / 20
	if a, n, ok := parseArabic(b, 5); ok {
		i := skipSpaces(b, n)
		if i < len(b) && b[i] == '/' {
			i = skipSpaces(b, i+1)
			if z, m, ok := parseArabic(b[i:], 5); ok && a <= z && a > 0 {
				return skipSpaces(b, i+m) == len(b)
			}
		}
	}
	return false
}

// pageWord reads optional spaces, then word (when not empty) then spaces and
// a number if word is 第 or 共: the pieces of "第 3 页 共 20 页".
func pageWord(b []byte, i int, word string) (int, bool) {
	i = skipSpaces(b, i)
	if len(b) < i+len(word) || string(b[i:i+len(word)]) != word {
		return i, false
	}
	i += len(word)
	if word == "第" || word == "共" {
		i = skipSpaces(b, i)
		_, n, ok := parseArabic(b[i:], 5)
		if !ok {
			return i, false
		}
		i += n
	}
	return i, true
}

func skipSpaces(b []byte, i int) int {
	for i < len(b) {
		s := spaceAt(b[i:])
		if s == 0 {
			break
		}
		i += s
	}
	return i
}

// headingLike reports whether a trimmed line reads as a heading rather than
// a sentence: short, and no sentence punctuation in it or at its end.
func headingLike[T text](b T) bool {
	if len(b) > 200 {
		return false
	}
	w := 0
	for i := 0; i < len(b); i++ {
		w += int(byteWidth[b[i]])
	}
	if w > 64 || endClass(b) != endNone {
		return false
	}
	for i := 0; i+2 < len(b); i++ {
		switch {
		case b[i] == 0xE3 && b[i+1] == 0x80 && b[i+2] == 0x82: // 。
			return false
		case b[i] == 0xEF && b[i+1] == 0xBC: // ，；！？
			switch b[i+2] {
			case 0x8C, 0x9B, 0x81, 0x9F:
				return false
			}
		}
	}
	return true
}

// trim is strings.TrimSpace made fast for CJK text, where the first and last
// bytes are rarely ASCII and strings.TrimSpace falls back to its slow path.
func trim(s string) string {
	lo, hi := trimBounds(s)
	return s[lo:hi]
}

// trimBounds returns the bounds of s without surrounding white space.
func trimBounds(s string) (lo, hi int) {
	lo, hi = 0, len(s)
	for lo < hi {
		c := s[lo]
		if c < 0x80 {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			lo++
			continue
		}
		if c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 {
			break
		}
		r, size := utf8.DecodeRuneInString(s[lo:hi])
		if !unicode.IsSpace(r) {
			break
		}
		lo += size
	}
	for hi > lo {
		c := s[hi-1]
		if c < 0x80 {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			hi--
			continue
		}
		// Only characters led by C2, E1, E2 or E3 can be spaces (U+0085,
		// U+00A0, U+1680, U+2000–U+205F, U+3000).
		if k := hi - 2; k >= lo && s[k] != 0xC2 && (k == lo || s[k-1] != 0xE1 && s[k-1] != 0xE2 && s[k-1] != 0xE3) {
			break
		}
		r, size := utf8.DecodeLastRuneInString(s[lo:hi])
		if !unicode.IsSpace(r) {
			break
		}
		hi -= size
	}
	return lo, hi
}

// titleLine reports whether the first line of a document reads as its
// title: short, without sentence punctuation (a closing bracket may end it:
// "…实施方案（2023—2025年）"), not ending in a colon.
func titleLine(b []byte) bool {
	if len(b) > 240 || widthOf(b) > 120 {
		return false
	}
	r, _ := lastRune(b)
	switch r {
	case '）', ')', '》', '】':
	default:
		if endClass(b) != endNone {
			return false
		}
	}
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == ',' || c == ';' || c == '!' || c == '?' || c == '.' && (i+1 == len(b) || b[i+1] == ' '):
			return false
		case c == 0xE3 && i+2 < len(b) && b[i+1] == 0x80 && b[i+2] == 0x82: // 。
			return false
		case c == 0xEF && i+2 < len(b) && b[i+1] == 0xBC:
			switch b[i+2] {
			case 0x8C, 0x9B, 0x81, 0x9F, 0x9A: // ，；！？：
				return false
			}
		}
	}
	return true
}

// bracketed reports whether a line is all in brackets: （2023—2025年）,
// （征求意见稿）.
func bracketed(b []byte) bool {
	return openParenAt(b) > 0 && (closeParenAt(b[len(b)-1:]) > 0 || len(b) >= 3 && closeParenAt(b[len(b)-3:]) > 0)
}

// rfcFurniture reports whether a trimmed line is the running footer or
// header of an IETF RFC or Internet-Draft in plain text: "Kerwin
// Standards Track   [Page 5]", "RFC 8089   The "file" URI Scheme
// February 2017", "Internet-Draft   File URI   March 2016". Such lines
// are spaced into columns; a sentence citing "[Page 5]" is not.
func rfcFurniture(b []byte) bool {
	if len(b) < 12 || len(b) > 100 || !bytes.Contains(b, []byte("  ")) {
		return false
	}
	if b[len(b)-1] == ']' {
		i := bytes.LastIndex(b, []byte("[Page "))
		if i <= 0 {
			return false
		}
		_, n, ok := parseArabic(b[i+6:], 5)
		return ok && i+6+n == len(b)-1
	}
	var rest []byte
	switch {
	case bytes.HasPrefix(b, []byte("RFC ")):
		_, n, ok := parseArabic(b[4:], 5)
		if !ok {
			return false
		}
		rest = b[4+n:]
	case bytes.HasPrefix(b, []byte("Internet-Draft ")):
		rest = b[len("Internet-Draft"):]
	default:
		return false
	}
	// … Month YYYY
	f := bytes.Fields(rest)
	if len(f) < 2 {
		return false
	}
	year, month := f[len(f)-1], string(f[len(f)-2])
	if _, n, ok := parseArabic(year, 4); !ok || n != 4 || len(year) != 4 {
		return false
	}
	switch month {
	case "January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December":
		return true
	}
	return false
}
