package clause

import (
	"bytes"
	"unicode/utf8"
)

// Structural ranks: a structural marker closes every open clause of the
// same or a lower rank. Markdown headings use their level (1–6) as rank, so
// they sit above everything in the body; enumerated schemes (一、 （一） 1.
// (a) …) have rank 0 and nest by the order they appear.
const (
	rankAnnex     = 10 // 附件, Annex, Schedule: beside the top level
	rankBian      = 10 // 第一编
	rankSubBian   = 15 // 第一分编
	rankPart      = 20 // 第一部分, Part I
	rankChapter   = 30 // 第一章, Chapter 1, 附则
	rankSection   = 40 // 第一节, Section 2
	rankArticle   = 50 // 第一条, Article 5
	rankParagraph = 60 // 款
)

// Scheme variants: markers of one Kind written in visibly different styles
// are different levels ("1." and "1)" can nest in one another). Width never
// makes a variant: (一) and （一） are one scheme.
const (
	varPlain = iota
	varCloseOnly
	varUpper
)

// marker is a clause number recognised at the start of a line.
type marker struct {
	kind   Kind
	scheme uint16 // kind<<8 | variant; list items and decimals use the variant for their level
	rank   int    // structural rank, or 0 for enumerated schemes
	num    Number
	alt    int  // "(i)", "(v)", "(x)": the value when read as a letter instead of a roman numeral
	end    int  // byte length of the marker, separator included
	spaced bool // followed by white space or the end of the line
	bullet bool // a Markdown bullet: "-", "*", "+"
	latin  bool // an English structural word (Article, Part …)
}

func scheme(k Kind, variant int) uint16 { return uint16(k)<<8 | uint16(variant&0xff) }

// spaceAt returns the byte length of the white-space or invisible character
// at the start of b, or 0: ASCII blanks, form feed, U+3000, NBSP, BOM and
// zero-width characters.
func spaceAt(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	switch c := b[0]; c {
	case ' ', '\t', '\f', '\v', '\r':
		return 1
	case 0xC2:
		if len(b) > 1 && b[1] == 0xA0 {
			return 2
		}
	case 0xE3:
		if len(b) > 2 && b[1] == 0x80 && b[2] == 0x80 { // U+3000
			return 3
		}
	case 0xEF:
		if len(b) > 2 && b[1] == 0xBB && b[2] == 0xBF { // U+FEFF
			return 3
		}
	case 0xE2:
		if len(b) > 2 && (b[1] == 0x80 && (b[2] >= 0x8B && b[2] <= 0x8D || b[2] == 0xAF) || b[1] == 0x81 && b[2] == 0xA0) {
			return 3 // U+200B–U+200D, U+202F, U+2060
		}
	}
	return 0
}

// spaceBefore returns the byte length of the white-space character that ends
// b, or 0.
func spaceBefore(b []byte) int {
	n := len(b)
	if n == 0 {
		return 0
	}
	switch c := b[n-1]; {
	case c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r':
		return 1
	case c == 0xA0 && n >= 2 && b[n-2] == 0xC2:
		return 2
	case c >= 0x80 && n >= 3:
		if s := spaceAt(b[n-3:]); s == 3 {
			return 3
		}
	}
	return 0
}

// trimSpace returns the bounds of b without leading and trailing white space.
func trimSpace(b []byte) (lo, hi int) {
	hi = len(b)
	for lo < hi {
		s := spaceAt(b[lo:hi])
		if s == 0 {
			break
		}
		lo += s
	}
	for hi > lo {
		s := spaceBefore(b[lo:hi])
		if s == 0 {
			break
		}
		hi -= s
	}
	return lo, hi
}

// spacedAt reports whether b is empty or starts with white space.
func spacedAt(b []byte) bool { return len(b) == 0 || spaceAt(b) > 0 }

// hasPrefixRune reports whether b starts with the UTF-8 encoding of r.
func hasPrefixRune(b []byte, r rune) int {
	var buf [4]byte
	n := utf8.EncodeRune(buf[:], r)
	if len(b) >= n && string(b[:n]) == string(buf[:n]) {
		return n
	}
	return 0
}

// sepAt returns the length of a list separator at b: 、 . ．
func sepAt(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	if b[0] == '.' {
		return 1
	}
	if len(b) >= 3 && (b[0] == 0xE3 && b[1] == 0x80 && b[2] == 0x81 || b[0] == 0xEF && b[1] == 0xBC && b[2] == 0x8E) {
		return 3
	}
	return 0
}

func openParenAt(b []byte) int {
	if len(b) > 0 && b[0] == '(' {
		return 1
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBC && b[2] == 0x88 {
		return 3
	}
	return 0
}

func closeParenAt(b []byte) int {
	if len(b) > 0 && b[0] == ')' {
		return 1
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBC && b[2] == 0x89 {
		return 3
	}
	return 0
}

// lexMarker recognises a clause number at the start of b, the content of a
// line without its indentation. It only reads the marker; whether the marker
// starts a clause is the parser's decision.
func lexMarker(b []byte) (m marker, ok bool) {
	if len(b) == 0 {
		return m, false
	}
	c := b[0]
	switch {
	case c == 0xE7 && len(b) >= 3 && b[1] == 0xAC && b[2] == 0xAC: // 第
		return lexStructural(b)
	case c == '(' || c == 0xEF && len(b) >= 3 && b[1] == 0xBC && b[2] == 0x88:
		return lexParen(b)
	case c >= '0' && c <= '9' || c == 0xEF && isDigitByteAt(b):
		return lexArabic(b)
	case c >= 0xE2 && c <= 0xE9:
		r, size := utf8.DecodeRune(b)
		if k, v, isC := circled(r); isC {
			m = marker{kind: k, scheme: scheme(k, 2), num: Number{Value: v, Valid: true}, end: size}
			if k == KindCircled {
				m.scheme = scheme(k, varPlain)
			}
			m.spaced = spacedAt(b[size:])
			return m, true
		}
		if _, _, isNum := cnDigit(r); isNum {
			return lexCNNum(b)
		}
		if r == '附' {
			return lexAnnexCN(b)
		}
	case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == 0xC2:
		if m, ok := lexLetterClose(b); ok {
			return m, true
		}
		if m, ok := lexAppendixDecimal(b); ok {
			return m, true
		}
		return lexEnglish(b)
	}
	return m, false
}

// cnWords are the structural words after 第…: 第十条, 第二章, 第一部分.
var cnWords = [...]struct {
	w    string
	kind Kind
	rank int
}{
	{"条", KindArticle, rankArticle},
	{"章", KindChapter, rankChapter},
	{"节", KindSection, rankSection},
	{"部分", KindPart, rankPart},
	{"编", KindBian, rankBian},
	{"分编", KindBian, rankSubBian},
}

// enWords are the English structural words, matched without case.
var enWords = [...]struct {
	w    string
	kind Kind
	rank int
}{
	{"article", KindArticle, rankArticle},
	{"art.", KindArticle, rankArticle},
	{"section", KindSection, rankSection},
	{"sec.", KindSection, rankSection},
	{"§", KindSection, rankSection},
	{"chapter", KindChapter, rankChapter},
	{"part", KindPart, rankPart},
	{"annex", KindAnnex, rankAnnex},
	{"schedule", KindAnnex, rankAnnex},
	{"appendix", KindAnnex, rankAnnex},
}

// lexStructural reads 第…编/分编/部分/章/节/条[之一].
func lexStructural(b []byte) (m marker, ok bool) {
	i := 3
	v, n, isNum := parseCNNumber(b[i:])
	if !isNum {
		if v, n, isNum = parseArabic(b[i:], 4); !isNum {
			return m, false
		}
	}
	i += n
	rest := b[i:]
	for _, w := range cnWords {
		if len(rest) >= len(w.w) && string(rest[:len(w.w)]) == w.w {
			m = marker{kind: w.kind, rank: w.rank, num: Number{Value: v, Valid: true}}
			m.scheme = scheme(w.kind, 0)
			if w.rank == rankSubBian {
				m.scheme = scheme(w.kind, 1)
			}
			i += len(w.w)
			// 第十条之一: an inserted article.
			if len(b) >= i+3 && string(b[i:i+3]) == "之" {
				if sub, sn, subOK := parseCNNumber(b[i+3:]); subOK {
					m.num.Sub = sub
					i += 3 + sn
				}
			}
			m.end = i
			m.spaced = spacedAt(b[i:])
			return m, true
		}
	}
	return m, false
}

// lexCNNum reads 一、 一. 一．
func lexCNNum(b []byte) (m marker, ok bool) {
	v, n, isNum := parseCNNumber(b)
	if !isNum {
		return m, false
	}
	s := sepAt(b[n:])
	if s == 0 {
		return m, false
	}
	if isDigitByteAt(b[n+s:]) {
		return m, false
	}
	m = marker{kind: KindCNNum, scheme: scheme(KindCNNum, 0), num: Number{Value: v, Valid: true}, end: n + s}
	m.spaced = spacedAt(b[n+s:])
	return m, true
}

// lexParen reads （一） (1) (a) (i) (A) (IV), either width.
func lexParen(b []byte) (m marker, ok bool) {
	o := openParenAt(b)
	in := b[o:]
	var k Kind
	var v, n, alt, variant, sub int
	if val, l, isNum := parseCNNumber(in); isNum {
		k, v, n = KindCNParen, val, l
	} else if val, l, isNum := parseArabic(in, 3); isNum {
		k, v, n = KindArabicParen, val, l
		if n+1 < len(in) && in[n] >= 'a' && in[n] <= 'z' && closeParenAt(in[n+1:]) > 0 {
			sub, n = int(in[n]-'a')+1, n+1 // (3a): an Absatz inserted after (3)
		}
	} else {
		for n < len(in) && n < 8 && (in[n] >= 'a' && in[n] <= 'z' || in[n] >= 'A' && in[n] <= 'Z') {
			n++
		}
		if n == 0 {
			return m, false
		}
		letters := in[:n]
		if letters[0] >= 'A' && letters[0] <= 'Z' {
			variant = varUpper
		}
		if rv, isRoman := romanValue(letters); isRoman {
			k, v = KindRomanParen, rv
			if n == 1 {
				alt = int(letters[0]|0x20-'a') + 1
			}
		} else if n == 1 {
			k, v = KindLatinParen, int(letters[0]|0x20-'a')+1
		} else {
			return m, false
		}
	}
	cl := closeParenAt(in[n:])
	if cl == 0 {
		return m, false
	}
	end := o + n + cl
	m = marker{kind: k, scheme: scheme(k, variant), num: Number{Value: v, Sub: sub, Valid: true}, alt: alt, end: end}
	m.spaced = spacedAt(b[end:])
	return m, true
}

// lexArabic reads 1. 1、 1． 1) 1） and decimals 2.3 2.3.1.
func lexArabic(b []byte) (m marker, ok bool) {
	v, n, isNum := parseArabic(b, 3)
	if !isNum {
		return m, false
	}
	// Decimal: 2.3, 2.3.1 (at most five components).
	if s := sepAt(b[n:]); s > 0 && b[n] != 0xE3 { // . or ． but not 、
		if isDigitByteAt(b[n+s:]) {
			i, parts, last := n, 1, v
			for parts < 5 {
				d := 0
				if i < len(b) && b[i] == '.' {
					d = 1
				} else if len(b) >= i+3 && b[i] == 0xEF && b[i+1] == 0xBC && b[i+2] == 0x8E {
					d = 3
				}
				if d == 0 || !isDigitByteAt(b[i+d:]) {
					break
				}
				val, l, okd := parseArabic(b[i+d:], 3)
				if !okd {
					return m, false
				}
				i += d + l
				last = val
				parts++
			}
			if i < len(b) && b[i] == '.' && !isDigitByteAt(b[i+1:]) {
				i++ // "2.3." as some drafts write it
			}
			m = marker{kind: KindDecimal, scheme: scheme(KindDecimal, parts), num: Number{Value: last, Valid: true}, end: i}
			m.spaced = spacedAt(b[i:])
			return m, true
		}
	}
	if s := sepAt(b[n:]); s > 0 {
		m = marker{kind: KindArabic, scheme: scheme(KindArabic, 0), num: Number{Value: v, Valid: true}, end: n + s}
		m.spaced = spacedAt(b[n+s:])
		return m, true
	}
	if cl := closeParenAt(b[n:]); cl > 0 {
		if k := n + cl; k < len(b) && (b[k] == ',' || b[k] == ';' || b[k] == '.') {
			return m, false // "59), die …": a footnote number or a reference wrapped to the line's start
		}
		m = marker{kind: KindArabicParen, scheme: scheme(KindArabicParen, varCloseOnly), num: Number{Value: v, Valid: true}, end: n + cl}
		m.spaced = spacedAt(b[n+cl:])
		return m, true
	}
	return m, false
}

// lexAnnexCN reads 附件, 附件1, 附件一, 附录 and 附则.
func lexAnnexCN(b []byte) (m marker, ok bool) {
	if len(b) < 6 {
		return m, false
	}
	w := string(b[:6])
	switch w {
	case "附则":
		m = marker{kind: KindAnnex, scheme: scheme(KindAnnex, 1), rank: rankChapter, end: 6}
		m.spaced = spacedAt(b[6:])
		return m, m.spaced
	case "附件", "附录":
	default:
		return m, false
	}
	i := 6
	if v, n, isNum := parseArabic(b[i:], 3); isNum {
		m.num, i = Number{Value: v, Valid: true}, i+n
	} else if v, n, isNum := parseCNNumber(b[i:]); isNum {
		m.num, i = Number{Value: v, Valid: true}, i+n
	}
	if i < len(b) && b[i] == ':' {
		i++
	} else if len(b) >= i+3 && string(b[i:i+3]) == "：" {
		i += 3
	}
	m.kind, m.scheme, m.rank, m.end = KindAnnex, scheme(KindAnnex, 0), rankAnnex, i
	m.spaced = true
	return m, true
}

// lexEnglish reads Part I, Chapter 2, Article 5, Section 3, Sec. 3, § 3,
// Annex I, Schedule 2, Appendix A.
func lexEnglish(b []byte) (m marker, ok bool) {
	for _, w := range enWords {
		if len(b) <= len(w.w) || !equalFoldASCII(b[:len(w.w)], w.w) {
			continue
		}
		i := len(w.w)
		sp := 0
		for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
			i++
			sp++
		}
		if sp == 0 && w.w != "§" {
			return m, false
		}
		j := i
		for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] >= 'A' && b[j] <= 'Z' || b[j] >= 'a' && b[j] <= 'z') {
			j++
		}
		if j == i || j-i > 8 {
			return m, false
		}
		tok := b[i:j]
		var v int
		if val, n, isNum := parseArabic(tok, 4); isNum && n == len(tok) {
			v = val
		} else if val, n, isNum := parseArabic(tok, 4); isNum && n == len(tok)-1 && (tok[n]|0x20) >= 'a' && (tok[n]|0x20) <= 'z' {
			m.num.Sub = int(tok[n]|0x20-'a') + 1 // Article 5a, Article 5A: inserted
			v = val
		} else if len(tok) == 1 && w.kind == KindAnnex && tok[0] >= 'A' && tok[0] <= 'Z' {
			v = int(tok[0]-'A') + 1 // Annex A, Annex C (a letter, not a roman 100)
		} else if rv, isRoman := romanValue(tok); isRoman {
			v = rv
		} else if len(tok) == 1 && w.kind == KindPart && tok[0] >= 'A' && tok[0] <= 'Z' {
			v = int(tok[0]-'A') + 1 // Part A
		} else {
			return m, false
		}
		// What may follow the number: end of line, white space, or . : — –
		end := j
		rest := b[j:]
		switch {
		case len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t':
		case rest[0] == '.' && w.kind == KindSection && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' && v > 0:
			// Section 2.3, § 2.3.1: a subsection, a level below Section 2.
			k, parts := j, 1
			for parts < 5 && k+1 < len(b) && b[k] == '.' && b[k+1] >= '0' && b[k+1] <= '9' {
				val, n, _ := parseArabic(b[k+1:], 4)
				k, parts, v = k+1+n, parts+1, val
			}
			if k < len(b) && (b[k] == '.' || b[k] == ':') && (k+1 == len(b) || b[k+1] == ' ') {
				k++
			}
			if k < len(b) && b[k] != ' ' && b[k] != '\t' {
				return m, false // 2.3a, 2.3.4.5.6 …
			}
			j, end = k, k
			m.rank = w.rank + parts - 1
			m.scheme = scheme(w.kind, 1+parts)
		case rest[0] == '.' || rest[0] == ':' || rest[0] == '-':
			if len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9' {
				return m, false // Article 2.3 is no article
			}
			if w.kind == KindSection && rest[0] == '.' && len(bytes.TrimSpace(rest[1:])) == 0 {
				return m, false // "… described in\nSection 4.": a wrapped reference ending a sentence
			}
			end++
		case hasPrefixRune(rest, '—') > 0 || hasPrefixRune(rest, '–') > 0:
		default:
			return m, false
		}
		// "PART I — PRELIMINARY": the dash belongs to the marker.
		if k := skipSpaces(b, end); k < len(b) {
			if d := hasPrefixRune(b[k:], '—') + hasPrefixRune(b[k:], '–'); d > 0 {
				end = k + d
			} else if b[k] == '-' || b[k] == ':' && end == j {
				end = k + 1
			}
		}
		// "Article 6 applies to …": a reference opening a sentence; a
		// heading goes on with a capital ("Article 6 Penalties") or nothing.
		if k := skipSpaces(b, end); k < len(b) && b[k] >= 'a' && b[k] <= 'z' {
			return m, false
		}
		if m.rank == 0 {
			m.rank, m.scheme = w.rank, scheme(w.kind, 2)
		}
		m.kind, m.end, m.latin = w.kind, end, true
		m.num.Value, m.num.Valid = v, true
		m.spaced = true
		return m, true
	}
	return m, false
}

func equalFoldASCII(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// Variants of KindLatinParen written with a closing parenthesis only, as
// German statutes number their Buchstaben: a) and, a level below, aa).
const (
	varLetterClose  = 4
	varLetterDouble = 5
)

// lexLetterClose reads a) b) … and aa) bb) …, lower case, followed by
// white space: the Buchstaben of a German statute.
func lexLetterClose(b []byte) (m marker, ok bool) {
	n := 0
	for n < len(b) && n < 3 && b[n] == b[0] && b[0] >= 'a' && b[0] <= 'z' {
		n++
	}
	if n == 0 || n == 3 || n >= len(b) || b[n] != ')' || !spacedAt(b[n+1:]) || n+1 == len(b) {
		return m, false
	}
	v := varLetterClose
	if n == 2 {
		v = varLetterDouble
	}
	m = marker{kind: KindLatinParen, scheme: scheme(KindLatinParen, v), num: Number{Value: int(b[0]-'a') + 1, Valid: true}, end: n + 1, spaced: true}
	return m, true
}

// lexAppendixDecimal reads the sections of an appendix: A.1, A.1.2, B.3.
// (an upper-case letter, then dotted numbers), followed by white space.
func lexAppendixDecimal(b []byte) (m marker, ok bool) {
	if len(b) < 4 || b[0] < 'A' || b[0] > 'Z' || b[1] != '.' || b[2] < '0' || b[2] > '9' {
		return m, false
	}
	i, parts, last := 1, 1, 0
	for parts < 5 && i+1 < len(b) && b[i] == '.' && b[i+1] >= '0' && b[i+1] <= '9' {
		v, n, okd := parseArabic(b[i+1:], 3)
		if !okd {
			return m, false
		}
		i, parts, last = i+1+n, parts+1, v
	}
	if i < len(b) && b[i] == '.' {
		i++
	}
	if i < len(b) && !spacedAt(b[i:]) {
		return m, false
	}
	m = marker{kind: KindDecimal, scheme: scheme(KindDecimal, parts), num: Number{Value: last, Valid: true}, end: i, spaced: true}
	return m, true
}
