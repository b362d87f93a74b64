package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/redline-docs/redline/clause"
)

// Fold maps s to a canonical form in which changes of formatting alone
// vanish:
//
//   - width variants fold as clause.FoldWidth says: （）→(), ，→, ：→: ；→;
//     ！→! ？→? ．→. １２３→123 ＡＢＣ→ABC, and ￥ ￡ ￠ likewise;
//   - zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are dropped;
//   - every run of white space (the ideographic space U+3000, CR, LF and
//     tabs included) becomes one space, and a space next to a character of
//     an unspaced script (Han, kana, CJK punctuation) or at either end is
//     dropped: "打造 80项" folds like "打造80项", but "red fox" keeps its space.
//
// Text is compared in Unicode normal form C first, so an NFD spelling
// (e + U+0301, or decomposed Hangul) folds like its NFC one: which one a
// word processor saved is formatting, not content.
//
// Fold does not identify characters that are not width variants of each
// other: 、 and , differ (an enumeration comma against a comma), and so do
// 。 and . — in Chinese text the ideographic full stop ends a sentence while
// "." also writes decimals and clause numbers (1.5, "1."), so replacing one
// by the other is a correction a reviewer should see, not mere formatting.
// Curly and straight quotes differ too.
func Fold(s string) string {
	out := foldOnce(s)
	if !careful(s) {
		return out
	}
	// A combining mark or a conjoining jamo may compose with what folding
	// put before it (Ａ + U+0301 folds to A + U+0301, which is Á; a zero
	// width space dropped between ᄀ and ᅡ leaves 가): fold again until
	// nothing changes, so that Fold(Fold(s)) == Fold(s).
	for range 8 {
		next := foldOnce(out)
		if next == out {
			break
		}
		out = next
	}
	return out
}

// foldOnce is one pass of Fold: normal form C, then the folder.
func foldOnce(s string) string {
	s = validNFC(s)
	var b strings.Builder
	b.Grow(len(s))
	f := folder{s: s}
	for r := f.next(); r >= 0; r = f.next() {
		b.WriteRune(r)
	}
	return b.String()
}

// validNFC is s in normal form C, each byte of it that is not UTF-8 first
// made U+FFFD, as the folder reads it: the normaliser leaves the runes
// after such a byte as they are ("\xe6" + U+037E, the Greek question mark,
// folded to U+FFFD + U+037E, and folding that again gave U+FFFD + ";").
func validNFC(s string) string {
	if !utf8.ValidString(s) {
		s = replaceInvalid(s)
	}
	return nfc(s)
}

// replaceInvalid writes each byte of s that is not part of a UTF-8
// sequence as U+FFFD.
func replaceInvalid(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s { // ranging yields U+FFFD for each invalid byte
		b.WriteRune(r)
	}
	return b.String()
}

// careful reports whether s holds a rune that can compose with the rune
// before it, as written or once its width is folded (ﾞ folds to the
// combining U+3099). Only then may one pass of folding be short of Fold.
func careful(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if i+2 < len(s) && c >= 0xe4 && c <= 0xe9 && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			i += 3 // U+4000–U+9FFF: ideographs
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if !norm.NFC.PropertiesString(string(r)).BoundaryBefore() {
			return true
		}
		if f := clause.FoldWidth(r); f != r && !norm.NFC.PropertiesString(string(f)).BoundaryBefore() {
			return true
		}
	}
	return false
}

// folder yields the runes of Fold(s) one at a time, so that two texts can
// be compared folded without building either.
type folder struct {
	s       string
	i       int
	last    rune // last rune yielded, 0 at the start
	pending rune // a rune read after a space that was yielded first
	held    bool // pending is set
}

// next returns the next rune of Fold(s), or -1 at the end.
func (f *folder) next() rune {
	if f.held {
		f.held, f.last = false, f.pending
		return f.pending
	}
	space := false
	for f.i < len(f.s) {
		r, w := rune(f.s[f.i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(f.s[f.i:])
		}
		f.i += w
		switch {
		case r == ' ' || r >= '\t' && r <= '\r':
			space = true
			continue
		case r < utf8.RuneSelf:
		case clause.ZeroWidth(r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		default:
			r = clause.FoldWidth(r)
		}
		if space && f.last != 0 && !unspaced(f.last) && !unspaced(r) {
			f.pending, f.held, f.last = r, true, ' '
			return ' '
		}
		f.last = r
		return r
	}
	return -1
}

// foldEqual reports whether Fold(a) == Fold(b), without building either.
func foldEqual(a, b string) bool {
	if careful(a) || careful(b) {
		return Fold(a) == Fold(b)
	}
	fa, fb := folder{s: validNFC(a)}, folder{s: validNFC(b)}
	for {
		ra, rb := fa.next(), fb.next()
		if ra != rb {
			return false
		}
		if ra < 0 {
			return true
		}
	}
}

// nfc returns s in Unicode normal form C. Text of ASCII, CJK ideographs and
// punctuation, full-width forms and common general punctuation (quotes,
// dashes, ellipsis), none of which composes or decomposes, is returned at
// once without the normaliser's tables; fold runs on every pair of clauses.
func nfc(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if i+2 < len(s) {
			c1, c2 := s[i+1], s[i+2]
			switch {
			case c >= 0xe3 && c <= 0xe9 && !(c == 0xe3 && c1 == 0x82 && (c2 == 0x99 || c2 == 0x9a)), // U+3000–U+9FFF but the combining kana marks
				c == 0xef && c1 >= 0xbc,               // U+FF00–U+FFFF
				c == 0xe2 && c1 == 0x80 && c2 >= 0x90: // U+2010–U+203F
				i += 3
				continue
			}
		}
		return norm.NFC.String(s)
	}
	return s
}

// unspaced reports whether r belongs to a script written without spaces
// between words, where a space is layout, not content.
func unspaced(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	return r >= 0x3000 && r <= 0x303F || // CJK symbols and punctuation
		unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// FormattingOnly reports whether a and b differ, but only in formatting:
// punctuation and digit width, white space, zero-width characters, line
// ends and Unicode normalisation (NFC against NFD; see Fold).
func FormattingOnly(a, b string) bool { return a != b && foldEqual(a, b) }
