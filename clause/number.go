package clause

import (
	"strconv"
	"unicode/utf8"
)

// cnDigit returns the value of a Chinese numeral character: a digit
// (〇 零 一 … 九 两) with unit 0, or a unit (十 百 千) with its multiplier.
func cnDigit(r rune) (digit, unit int, ok bool) {
	switch r {
	case '〇', '零':
		return 0, 0, true
	case '一':
		return 1, 0, true
	case '二', '两':
		return 2, 0, true
	case '三':
		return 3, 0, true
	case '四':
		return 4, 0, true
	case '五':
		return 5, 0, true
	case '六':
		return 6, 0, true
	case '七':
		return 7, 0, true
	case '八':
		return 8, 0, true
	case '九':
		return 9, 0, true
	case '十':
		return 0, 10, true
	case '百':
		return 0, 100, true
	case '千':
		return 0, 1000, true
	}
	return 0, 0, false
}

// parseCNNumber reads a Chinese numeral at the start of b (一, 十二, 二十,
// 一百六十五, 一百零五, 两千) and returns its value and byte length. It reads
// at most 12 characters; ok is false when b does not start with a numeral or
// the numeral is malformed (一二, 十十).
func parseCNNumber(b []byte) (value, n int, ok bool) {
	total, cur, lastUnit := 0, 0, 100000
	hasCur, prevDigit, prevZero := false, false, false
	for count := 0; n < len(b) && count < 12; count++ {
		r, size := utf8.DecodeRune(b[n:])
		d, u, isNum := cnDigit(r)
		if !isNum {
			break
		}
		if u == 0 {
			if prevDigit && !prevZero && d != 0 {
				return 0, 0, false // 一二: two digits in a row
			}
			cur, hasCur, prevDigit, prevZero = d, true, true, d == 0
		} else {
			if u >= lastUnit {
				return 0, 0, false // 十十, 百千
			}
			if !hasCur || cur == 0 {
				if u != 10 {
					return 0, 0, false // 百 without a digit
				}
				cur = 1 // 十二 = 一十二
			}
			total += cur * u
			cur, hasCur, prevDigit, prevZero, lastUnit = 0, false, false, false, u
		}
		n += size
	}
	total += cur
	if n == 0 || total <= 0 {
		return 0, 0, false
	}
	return total, n, true
}

// cnNumeral writes v (0 < v < 10000) in Chinese numerals: 12 → 十二,
// 105 → 一百零五. Other values are written in Arabic digits.
func cnNumeral(v int) string {
	if v <= 0 || v >= 10000 {
		return strconv.Itoa(v)
	}
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	units := []string{"", "十", "百", "千"}
	var parts [4]int
	for i, x := 0, v; i < 4; i++ {
		parts[i] = x % 10
		x /= 10
	}
	hi := 3
	for parts[hi] == 0 {
		hi--
	}
	var out []byte
	zero := false
	for i := hi; i >= 0; i-- {
		d := parts[i]
		if d == 0 {
			zero = true
			continue
		}
		if zero && len(out) > 0 {
			out = append(out, digits[0]...)
		}
		zero = false
		if !(d == 1 && i == 1 && i == hi) { // 十二, not 一十二
			out = append(out, digits[d]...)
		}
		out = append(out, units[i]...)
	}
	return string(out)
}

// parseArabic reads up to max decimal digits, ASCII or full-width, at the
// start of b.
func parseArabic(b []byte, max int) (value, n int, ok bool) {
	count := 0
	for n < len(b) && count < max {
		if c := b[n]; c >= '0' && c <= '9' {
			value = value*10 + int(c-'0')
			n++
		} else if c == 0xEF && n+2 < len(b) && b[n+1] == 0xBC && b[n+2] >= 0x90 && b[n+2] <= 0x99 {
			value = value*10 + int(b[n+2]-0x90) // ０–９
			n += 3
		} else {
			break
		}
		count++
	}
	if count == 0 {
		return 0, 0, false
	}
	// Too many digits: a year or a quantity, not a clause number.
	if n < len(b) && isDigitByteAt(b[n:]) {
		return 0, 0, false
	}
	return value, n, true
}

// isDigitByteAt reports whether b starts with an ASCII or full-width digit.
func isDigitByteAt(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if b[0] >= '0' && b[0] <= '9' {
		return true
	}
	return len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBC && b[2] >= 0x90 && b[2] <= 0x99
}

// romanValue parses a roman numeral (all upper or all lower case, at most
// 8 letters) in canonical form: "iv" → 4, "xii" → 12; ok is false otherwise.
func romanValue(s []byte) (int, bool) {
	if len(s) == 0 || len(s) > 8 {
		return 0, false
	}
	upper := s[0] >= 'A' && s[0] <= 'Z'
	val := func(c byte) int {
		if upper {
			c += 'a' - 'A'
		}
		switch c {
		case 'i':
			return 1
		case 'v':
			return 5
		case 'x':
			return 10
		case 'l':
			return 50
		case 'c':
			return 100
		case 'd':
			return 500
		case 'm':
			return 1000
		}
		return 0
	}
	total := 0
	for i := 0; i < len(s); i++ {
		if (s[i] >= 'A' && s[i] <= 'Z') != upper {
			return 0, false
		}
		v := val(s[i])
		if v == 0 {
			return 0, false
		}
		if i+1 < len(s) && val(s[i+1]) > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total >= 4000 || romanString(total) != lowerASCII(s) {
		return 0, false
	}
	return total, true
}

// romanString writes v (0 < v < 4000) as a lower-case roman numeral.
func romanString(v int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var out []byte
	for i, x := range vals {
		for v >= x {
			out = append(out, syms[i]...)
			v -= x
		}
	}
	return string(out)
}

func lowerASCII(s []byte) string {
	out := make([]byte, len(s))
	for i, c := range s {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out)
}

// circled returns the value of a circled or parenthesised number character:
// ①–⑳ ㉑–㉟ ㊱–㊿ (KindCircled), ⑴–⒇ (KindArabicParen), ⒈–⒛ (KindArabic).
func circled(r rune) (Kind, int, bool) {
	switch {
	case r >= '①' && r <= '⑳':
		return KindCircled, int(r-'①') + 1, true
	case r >= '㉑' && r <= '㉟':
		return KindCircled, int(r-'㉑') + 21, true
	case r >= '㊱' && r <= '㊿':
		return KindCircled, int(r-'㊱') + 36, true
	case r >= '⑴' && r <= '⒇':
		return KindArabicParen, int(r-'⑴') + 1, true
	case r >= '⒈' && r <= '⒛':
		return KindArabic, int(r-'⒈') + 1, true
	}
	return 0, 0, false
}

// isNext reports whether b plausibly follows a in one numbering sequence:
// 12 → 13, 12 → 12之一, 12之一 → 12之二, 12之一 → 13.
func isNext(a, b Number) bool {
	if b.Sub == 0 {
		return b.Value == a.Value+1
	}
	return b.Value == a.Value && b.Sub == a.Sub+1
}
