package clause

// Numeral writes v (0 < v < 10000) in Chinese numerals as documents number
// their parts: 3 → 三, 12 → 十二, 105 → 一百零五; other values in Arabic
// digits. It is the inverse of the parser's reading of 一、 十二、 and the
// one place redline writes Chinese numerals (headings of the report too).
func Numeral(v int) string { return cnNumeral(v) }

// NumeralValue is the value of s when s is a Chinese numeral and nothing
// else (十二 → 12, 二百零五 → 205, 两千 → 2000), read by the parser's own
// rule for 第十二条 and 十二、; ok is false for anything else (一二, 十十, "").
func NumeralValue(s string) (v int, ok bool) {
	v, n, ok := parseCNNumber([]byte(s))
	if !ok || n != len(s) {
		return 0, false
	}
	return v, true
}
