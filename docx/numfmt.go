package docx

import (
	"strconv"
	"strings"
)

// FormatNumber renders n in one of Word's number formats (ST_NumberFormat,
// ECMA-376 Part 1 §17.18.59) as it appears on the page. A format this
// package does not know, or a number outside what a format can show,
// renders in decimal, as Word falls back.
//
// The Chinese counting formats follow Office's "TypeA" rule (MS-OI29500
// §2.1.1338: 十 stands for 10, so 20 is 二十 and 99 九十九), with 零 for a
// skipped place (101 一百零一); testdata/numfmt pins these figures against
// LibreOffice's rendering of the same numbering.
func FormatNumber(format string, n int) string {
	if n < 0 {
		return strconv.Itoa(n)
	}
	switch format {
	case "decimal", "decimalHalfWidth", "":
		return strconv.Itoa(n)
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
		return strconv.Itoa(n)
	case "decimalFullWidth", "decimalFullWidth2":
		return fullWidth(strconv.Itoa(n))
	case "upperRoman":
		return roman(n, false)
	case "lowerRoman":
		return roman(n, true)
	case "upperLetter":
		return letters(n, 'A')
	case "lowerLetter":
		return letters(n, 'a')
	case "ordinal":
		return ordinal(n)
	case "cardinalText":
		return capitalise(words(n))
	case "ordinalText":
		return capitalise(ordinalWords(n))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		return enclosed(n, circled)
	case "decimalEnclosedParen":
		return enclosed(n, parenthesised)
	case "decimalEnclosedFullstop":
		return enclosed(n, fullStopped)
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting",
		"taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting":
		return chinese(n, lowerDigits, lowerUnits)
	case "chineseLegalSimplified":
		return chinese(n, upperDigits, upperUnits)
	case "ideographLegalTraditional":
		return chinese(n, tradUpperDigits, tradUpperUnits)
	case "ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital":
		// One ideograph per decimal digit, 〇 for zero (MS-OI29500's TypeC).
		var b strings.Builder
		for _, d := range strconv.Itoa(n) {
			b.WriteRune(digitalDigits[d-'0'])
		}
		return b.String()
	case "ideographTraditional":
		return cycle(n, "甲乙丙丁戊己庚辛壬癸")
	case "ideographZodiac":
		return cycle(n, "子丑寅卯辰巳午未申酉戌亥")
	case "none":
		return ""
	}
	return strconv.Itoa(n)
}

var (
	lowerDigits     = []rune("零一二三四五六七八九")
	upperDigits     = []rune("零壹贰叁肆伍陆柒捌玖")
	tradUpperDigits = []rune("零壹貳參肆伍陸柒捌玖")
	lowerUnits      = []rune("十百千万")
	upperUnits      = []rune("拾佰仟万")
	tradUpperUnits  = []rune("拾佰仟萬")
	digitalDigits   = []rune("〇一二三四五六七八九")
)

// chinese writes n (below 100 000 000) with place units: 十 alone for 10
// to 19 in the lower-case style (十一, not 一十一), one 零 for each run of
// skipped places (1001 一千零一), and 万 for the ten-thousands.
func chinese(n int, digits, units []rune) string {
	if n == 0 {
		return string(digits[0])
	}
	if n >= 100000000 {
		return strconv.Itoa(n)
	}
	var b []rune
	if n >= 10000 {
		b = append(b, []rune(chineseBelow10k(n/10000, digits, units, true))...)
		b = append(b, units[3])
		n %= 10000
		if n == 0 {
			return string(b)
		}
		if n < 1000 {
			b = append(b, digits[0])
		}
		return string(b) + chineseBelow10k(n, digits, units, false)
	}
	return chineseBelow10k(n, digits, units, true)
}

func chineseBelow10k(n int, digits, units []rune, leading bool) string {
	var b []rune
	places := [4]int{n / 1000, n / 100 % 10, n / 10 % 10, n % 10}
	unit := [4]int{2, 1, 0, -1}
	zero := false
	started := false
	for i, d := range places {
		if d == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b = append(b, digits[0])
			zero = false
		}
		// 10–19 on their own read 十, 十一 … in the lower-case style; the
		// legal (upper-case) style keeps the digit: 壹拾, 壹拾壹.
		omitOne := i == 2 && d == 1 && !started && leading && digits[1] == '一'
		if !omitOne {
			b = append(b, digits[d])
		}
		if unit[i] >= 0 {
			b = append(b, units[unit[i]])
		}
		started = true
	}
	return string(b)
}

func cycle(n int, set string) string {
	r := []rune(set)
	if n < 1 || n > len(r) {
		return strconv.Itoa(n)
	}
	return string(r[n-1])
}

func fullWidth(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(c - '0' + '０')
	}
	return b.String()
}

func roman(n int, lower bool) string {
	if n <= 0 || n > 100000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	if lower {
		return strings.ToLower(b.String())
	}
	return b.String()
}

// letters is Word's alphabetic numbering: A … Z, then AA … ZZ, AAA …: the
// letter repeats, it is not a base-26 number.
func letters(n int, a rune) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	k := (n-1)/26 + 1
	if k > 1000 {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(a+rune((n-1)%26)), k)
}

func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

var (
	ones = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)

// words spells n in English as Word's cardinalText does ("one hundred
// one", "twenty-seven").
func words(n int) string {
	switch {
	case n < 20:
		return ones[n]
	case n < 100:
		if n%10 == 0 {
			return tens[n/10]
		}
		return tens[n/10] + "-" + ones[n%10]
	case n < 1000:
		if n%100 == 0 {
			return ones[n/100] + " hundred"
		}
		return ones[n/100] + " hundred " + words(n%100)
	case n < 1000000:
		if n%1000 == 0 {
			return words(n/1000) + " thousand"
		}
		if n%1000 < 100 {
			return words(n/1000) + " thousand and " + words(n%1000)
		}
		return words(n/1000) + " thousand " + words(n%1000)
	}
	return strconv.Itoa(n)
}

func ordinalWords(n int) string {
	w := words(n)
	irregular := map[string]string{"one": "first", "two": "second", "three": "third", "five": "fifth",
		"eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
	i := strings.LastIndexAny(w, " -") + 1
	last := w[i:]
	if r, ok := irregular[last]; ok {
		return w[:i] + r
	}
	if strings.HasSuffix(last, "y") {
		return w[:len(w)-1] + "ieth"
	}
	return w + "th"
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

type enclosure int

const (
	circled enclosure = iota
	parenthesised
	fullStopped
)

// enclosed renders the Unicode enclosed numerals: ① … ⑳ ㉑ … ㊿ circled,
// ⑴ … ⒇ in parentheses, ⒈ … ⒛ with a full stop; past them, decimal.
func enclosed(n int, e enclosure) string {
	switch e {
	case circled:
		switch {
		case n >= 1 && n <= 20:
			return string(rune('①' + n - 1))
		case n >= 21 && n <= 35:
			return string(rune('㉑' + n - 21))
		case n >= 36 && n <= 50:
			return string(rune('㊱' + n - 36))
		}
	case parenthesised:
		if n >= 1 && n <= 20 {
			return string(rune('⑴' + n - 1))
		}
	case fullStopped:
		if n >= 1 && n <= 20 {
			return string(rune('⒈' + n - 1))
		}
	}
	return strconv.Itoa(n)
}
