package render

import "github.com/mattn/go-runewidth"

// Display widths, as runewidth counts them, with the runes Chinese and
// English documents are mostly made of answered without it: printable
// ASCII, the wide CJK blocks (CJK punctuation, ideographs, Hangul
// syllables, full-width forms) and the ambiguous-width quotation marks,
// dashes and ellipsis of Chinese text, and the arrow and minus sign of
// redline's own output (one column, two in runewidth's East
// Asian mode). TestRuneWidthFast checks every rune against runewidth, in
// both modes.
//
// What it buys (bench/profile.sh on diff --format text of a 1 MB plan):
// runewidth builds its table of every rune's width (two 1.1 MB tables) the
// first time it is asked about a rune above U+02FF, a sixth of the
// command's processor time; Chinese text now never asks it.

// fastWidth is r's width when it is one of the runes above.
func fastWidth(r rune) (int, bool) {
	switch {
	case r >= 0x20 && r < 0x7f, r == 0x2212: // − (minus) is narrow in both modes
		return 1, true
	case r >= 0x4e00 && r <= 0x9fff, r >= 0x3400 && r <= 0x4dbf,
		r >= 0x3000 && r <= 0x3029, r >= 0x302e && r <= 0x303e,
		r >= 0xff01 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6,
		r >= 0xac00 && r <= 0xd7a3:
		return 2, true
	case r == 0x2018, r == 0x2019, r == 0x201c, r == 0x201d, r == 0x2014, r == 0x2026, r == 0xb7,
		r == 0x2192: // →, which redline's own output uses
		if runewidth.DefaultCondition.EastAsianWidth {
			return 2, true
		}
		return 1, true
	}
	return 0, false
}

// runeWidth is runewidth.RuneWidth(r).
func runeWidth(r rune) int {
	if w, ok := fastWidth(r); ok {
		return w
	}
	return runewidth.RuneWidth(r)
}

// StringWidth is runewidth.StringWidth(s): the columns s takes on a
// terminal.
func StringWidth(s string) int {
	n := 0
	for _, r := range s {
		w, ok := fastWidth(r)
		if !ok {
			// A combining mark, joiner or emoji may join the rune before
			// it into one cluster: runewidth counts clusters.
			return runewidth.StringWidth(s)
		}
		n += w
	}
	return n
}
