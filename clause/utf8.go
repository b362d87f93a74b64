package clause

import (
	"encoding/binary"
	"unicode/utf8"
)

// invalidUTF8 returns the offset of the first byte of p that is not valid
// UTF-8, or -1: utf8.Valid with the position, made quick for Chinese text,
// where validation was a quarter of parsing.
//
// ASCII is checked eight bytes at a time, and runs of 3-byte characters
// (CJK ideographs, CJK and full-width punctuation) eight characters at a
// time: 24 bytes read as three words have their lead and continuation
// bytes at fixed lanes, checked with a mask each, and a block holding an
// E0 or ED byte (leads whose second byte is restricted) is left to the
// character-at-a-time check, which decodes everything else.
func invalidUTF8(p []byte) int {
	n := len(p)
	i := 0
	for i < n {
		if p[i] < utf8.RuneSelf {
			for i+8 <= n && binary.LittleEndian.Uint64(p[i:])&hi7 == 0 {
				i += 8
			}
			for i < n && p[i] < utf8.RuneSelf {
				i++
			}
			continue
		}
		for i+24 <= n {
			w0 := binary.LittleEndian.Uint64(p[i:])
			w1 := binary.LittleEndian.Uint64(p[i+8:])
			w2 := binary.LittleEndian.Uint64(p[i+16:])
			if (w0&mask0^want0)|(w1&mask1^want1)|(w2&mask2^want2) != 0 ||
				hasByte(w0, 0xE0)|hasByte(w1, 0xE0)|hasByte(w2, 0xE0)|hasByte(w0, 0xED)|hasByte(w1, 0xED)|hasByte(w2, 0xED) != 0 {
				break
			}
			i += 24
		}
		// Up to eight characters one at a time: the end of the run, or
		// whatever stopped the blocks.
		for end := min(i+24, n); i < end; {
			c := p[i]
			if c < utf8.RuneSelf {
				break
			}
			if c >= 0xE1 && c <= 0xEF && c != 0xED {
				if i+2 >= n || p[i+1]&0xC0 != 0x80 || p[i+2]&0xC0 != 0x80 {
					return i
				}
				i += 3
				continue
			}
			r, size := utf8.DecodeRune(p[i:])
			if r == utf8.RuneError && size == 1 {
				return i
			}
			i += size
		}
	}
	return -1
}

// Eight 3-byte characters in three little-endian words: lead bytes at
// offsets 0, 3, 6, …, 21 of the block must be 1110xxxx, the bytes between
// 10xxxxxx. maskK keeps those bits of word K and wantK is their value.
const (
	hi7   = 0x8080808080808080
	lo7   = 0x0101010101010101
	mask0 = 0xC0F0C0C0F0C0C0F0 // offsets 0, 3, 6: lanes 0, 3, 6
	want0 = 0x80E08080E08080E0
	mask1 = 0xF0C0C0F0C0C0F0C0 // offsets 9, 12, 15: lanes 1, 4, 7
	want1 = 0xE08080E08080E080
	mask2 = 0xC0C0F0C0C0F0C0C0 // offsets 18, 21: lanes 2, 5
	want2 = 0x8080E08080E08080
)

// hasByte is nonzero when some byte of w equals b.
func hasByte(w uint64, b byte) uint64 {
	x := w ^ lo7*uint64(b)
	return (x - lo7) &^ x & hi7
}
