package clause

import "golang.org/x/text/width"

// FoldWidth maps a width variant to its canonical form: the full-width
// ASCII forms (（ ， ： １ Ａ) and signs (￥ ￡ ￠) to half width, the
// ideographic space to a space, half-width katakana to full width (Unicode's
// width folding, golang.org/x/text/width). Any other rune is returned
// unchanged; case is left alone.
//
// It is redline's one width rule: label matching (NormLabel), the
// formatting-only test (diff.Fold) and comment anchoring and header
// matching (package comment) all fold width through it.
func FoldWidth(r rune) rune {
	switch {
	case r < 0x80, 0x3400 <= r && r <= 0x9fff: // ASCII, CJK ideographs: the common case
		return r
	case r == '\u3000':
		return ' '
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		return f
	}
	return r
}

// ZeroWidth reports whether r is a zero-width character that carries no
// text: U+200B–U+200D, U+2060 and U+FEFF (a byte-order mark).
func ZeroWidth(r rune) bool {
	return r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
}
