package clause

// Numeral writes v (0 < v < 10000) in Chinese numerals as documents number
// their parts: 3 → 三, 12 → 十二, 105 → 一百零五; other values in Arabic
// digits. It is the inverse of the parser's reading of 一、 十二、 and the
// one place redline writes Chinese numerals (headings of the report too).
func Numeral(v int) string { return cnNumeral(v) }
