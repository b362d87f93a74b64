package diff

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Quantity is one numeric expression of a text: "不少于20项", "1500PFLOPS",
// "60%", "百名", "一批".
type Quantity struct {
	Text  string  // as written, bounds included: "不少于20项", "20个以上"
	Value float64 // 20, 1500, 60, 100, 1e10 for 100亿; 0 when Vague
	Unit  string  // measure word or unit without multiplier: "项", "PFLOPS", "%", "元"; "" for a bare number
	Bound string  // "不少于", "超过", "以上", "余" …; "" when exact
	Vague bool    // an unspecified amount: 一批, 若干, 多个
	// Start and End are the byte offsets of Text in the string scanned.
	Start, End int
	// Context says what is counted: the words after the quantity
	// ("应用场景"), or, when none follow, the words before it ("高性能算力比例").
	Context string
}

// Bounds written before and after a number, longest first.
var (
	boundsBefore = [...]string{"不得超过", "不得少于", "不得低于", "不得高于", "不得多于", "未超过", "未满", "不大于", "不小于", "不少于", "不低于", "不超过", "不高于", "不多于", "不足", "超过", "高于", "低于", "少于", "多于", "大于", "小于", "达到", "累计", "至少", "至多", "突破", "约", "近", "逾"}
	boundsAfter  = [...]string{"及以上", "以上", "以下", "以内", "左右"}
	// English bounds, matched with the space before the number.
	boundsBeforeEN = [...]string{"no fewer than", "no less than", "not less than", "not more than", "no more than",
		"not exceeding", "in excess of", "at least", "at most", "more than", "less than", "fewer than", "greater than",
		"exceeding", "up to", "over", "under", "above", "below", "about", "approximately", "around",
		// German
		"nicht weniger als", "nicht mehr als", "mindestens", "höchstens", "weniger als", "mehr als", "bis zu",
		"maximal", "über", "unter", "etwa", "rund"}
	// vagueWords are amounts without a number; a measure word may follow.
	vagueWords = [...]string{"一批", "若干", "一些", "多个", "多家", "多项", "多名", "多所", "多种", "多次", "数个", "数家"}
)

// contextRunes bounds the length of a quantity's context.
const contextRunes = 8

// Quantities returns the numeric expressions of s in order: Arabic numbers
// (half- or full-width, decimals, 1,500), Chinese numerals with a measure
// word (十个, 百名, 三项), percentages, 亿/万 multipliers, units, bounds and
// vague amounts. Ordinals (第三部分, 第十二条), clause numbers at the start
// of s ("1.", "（2）") and digits inside words (GB18030) are not quantities.
func Quantities(s string) []Quantity {
	return quantitiesOf(s, tokenEnds(s, nil))
}

// quantitiesOf is Quantities on s already cut into tokens (ends, as
// tokenEnds returns them), so that a clause is tokenized once for both its
// word diff and its quantities.
func quantitiesOf(s string, ends []int) []Quantity {
	var out []Quantity
	start := 0
	skip, ref := 0, -1 // skip tokens before skip; ref: the end of the last reference
	last := 0          // the end of the last quantity: a bound never reaches into it
	for k, e := range ends {
		tok := s[start:e]
		i := start
		start = e
		if i < skip {
			continue // inside the last number
		}
		q, ok := quantityAt(s, i, tok)
		if !ok {
			continue
		}
		skip = q.End
		if strings.HasSuffix(spacedHead(s[:i]), "第") {
			continue // 第 5 条: an ordinal, spaced
		}
		if adjacentLevel(s, i) {
			continue // 上一级人民政府: the level above, no amount
		}
		if end, ok := numberRunEnd(s, i); ok {
			skip = max(skip, end) // a date, a version, an identifier
			continue
		}
		if isReference(s, q) || citesPart(s, q) || continuesReferences(s, ref, q) {
			ref = q.End
			continue
		}
		if isClauseNumber(s, i, e) || isPageNumber(s, q) {
			continue
		}
		if k > 0 && i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); isWordRune(r) {
				continue // digits inside a word
			}
		}
		// bounds around the number
		head := spacedHead(s[:q.Start]) // 不超过 5 年: a space between bound and number is layout
		for _, b := range boundsBefore {
			if len(head)-len(b) >= last && strings.HasSuffix(head, b) {
				q.Bound, q.Start = b, len(head)-len(b)
				break
			}
		}
		if q.Bound == "" && strings.HasSuffix(s[:q.Start], " ") {
			for _, b := range boundsBeforeEN {
				head := s[:q.Start-1]
				if len(head)-len(b) >= last && strings.EqualFold(head[len(head)-len(b):], b) &&
					(len(head) == len(b) || !isWordRune(rune(head[len(head)-len(b)-1]))) {
					q.Bound, q.Start = head[len(head)-len(b):], len(head)-len(b)
					break
				}
			}
		}
		for _, b := range boundsAfter {
			if strings.HasPrefix(s[q.End:], b) {
				if q.Bound == "" {
					q.Bound = b
				}
				q.End += len(b)
				break
			}
		}
		context := ""
		if q.Bound == "" && !q.Vague {
			if end, b, noun := boundAfterEN(s, q.End); end > 0 {
				q.Bound, q.End, context = b, end, noun // 5 years or more
			}
		}
		if q.Bound == "" && !q.Vague && strings.ContainsAny(s[i:e], "余多") {
			q.Bound = "余"
		}
		if isDate(s, q, e) { // after the bounds: 不低于30日 is a term, not a day
			continue
		}
		q.Text = s[q.Start:q.End]
		q.Context = context
		if context == "" {
			q.Context = quantityContext(s, ends, q.Start, q.End)
		}
		out = append(out, q)
		last = q.End
	}
	// The low end of a range counts what the high end counts: in
	// 处3万元以上10万元以下的罚款 both are 罚款 (the low end alone would
	// take the word before it, 处).
	for k := len(out) - 2; k >= 0; k-- {
		if between := s[out[k].End:out[k+1].Start]; between == "" || between == "至" || between == "到" || between == "-" || between == "～" || between == "~" {
			if out[k].Unit == out[k+1].Unit && out[k+1].Context != "" {
				out[k].Context = out[k+1].Context
			}
		}
	}
	return out
}

// adjacentLevel reports whether the number at s[i:] is the 一 of 上一级,
// 下一级 or 同一级 — the authority one level up or down, or at the same
// level, which names an organ and counts nothing (向上一级人民政府申请).
func adjacentLevel(s string, i int) bool {
	if !strings.HasPrefix(s[i:], "一级") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r == '上' || r == '下' || r == '同'
}

// quantityAt reads the quantity whose number is the token tok at s[i:].
func quantityAt(s string, i int, tok string) (Quantity, bool) {
	q := Quantity{Start: i, End: i + len(tok)}
	r, _ := utf8.DecodeRuneInString(tok)
	switch {
	case isDigit(r), isCNNumeral(r):
	case r == '若' || r == '多' || r == '数':
	default:
		return q, false // neither a number nor a vague amount
	}
	for _, v := range vagueWords {
		if strings.HasPrefix(s[i:], v) {
			q.Vague = true
			q.End = i + len(v)
			if last := v[len(v)-3:]; measureAt(last, 0) == len(last) {
				q.Unit = last // 一批, 多个, 数家
			} else if m := measureAt(s, q.End); m > 0 {
				q.Unit = s[q.End : q.End+m] // 若干项, 一些企业 has none
				q.End += m
			}
			return q, true
		}
	}
	switch {
	case isDigit(r):
		j := scanDigits(s, i)
		num := digitsOf(s[i:j])
		if k, digits := groupedEnd(s, i, j); k > j {
			// 1 000 Euro, 1.000 Euro: the unit is what follows in the
			// last group's token
			g := k - 3
			q.End = max(k, g+nextToken(s, g))
			q.Value = parseDecimal(digits)
			q.Unit, q.Value = unitOf(s[k:q.End], q.Value)
			return q, true
		}
		for j+4 <= len(s) && s[j] == ',' && allASCIIDigits(s[j+1:j+4]) && (j+4 == len(s) || !isDigitAt(s, j+4)) {
			num += s[j+1 : j+4]
			j += 4
		}
		if r, w := utf8.DecodeRuneInString(s[j:]); (r == '.' || r == '．') && j+w < len(s) && isDigitAt(s, j+w) {
			k := scanDigits(s, j+w)
			num += "." + digitsOf(s[j+w:k])
			j = k
		}
		q.Value = parseDecimal(num)
		q.Unit, q.Value = unitOf(s[j:q.End], q.Value)
		if j == q.End {
			// 处 5000 元以上, 5 万元: a space between a number and its
			// multiplier or unit in Chinese text is layout
			if sp, w := utf8.DecodeRuneInString(s[j:]); sp == ' ' || sp == '\u3000' {
				if r, _ := utf8.DecodeRuneInString(s[j+w:]); isHan(r) {
					if e := scanUnit(s, j+w); e > j+w {
						q.End = e
						q.Unit, q.Value = unitOf(s[j+w:e], q.Value)
					}
				}
			}
		}
		return q, true
	case isCNNumeral(r) && scanChineseNumber(s, i) == q.End:
		j := i
		for j < q.End {
			r, w := utf8.DecodeRuneInString(s[j:])
			if !isCNNumeral(r) {
				break
			}
			j += w
		}
		q.Value = chineseValue(s[i:j])
		q.Unit, q.Value = unitOf(s[j:q.End], q.Value)
		return q, true
	}
	return q, false
}

// spacedHead returns head without one space (ASCII or ideographic) at its
// end when a Han character stands before that space: the text a Chinese
// bound would end.
func spacedHead(head string) string {
	t := strings.TrimSuffix(head, " ")
	if len(t) == len(head) {
		t = strings.TrimSuffix(head, "\u3000")
	}
	if r, _ := utf8.DecodeLastRuneInString(t); len(t) < len(head) && isHan(r) {
		return t
	}
	return head
}

// boundsAfterEN are English and German bounds written after the number or
// after the noun it counts: "5 or more years", "5 years or more".
var boundsAfterEN = [...]string{"or more", "or less", "or fewer", "or above", "or below", "or over", "or longer",
	"and above", "and over", "and more", "oder mehr", "oder weniger", "und mehr"}

// boundAfterEN reads a bound after the number ending at e, directly or
// after one noun: it returns where the bound ends, the bound, and the noun
// (the quantity's context) if one stands between; end is 0 without one.
func boundAfterEN(s string, e int) (end int, bound, noun string) {
	k := e
	if k < len(s) && s[k] == ' ' {
		w := k + 1
		for w < len(s) {
			r, n := utf8.DecodeRuneInString(s[w:])
			if !isWordRune(r) || isHan(r) {
				break
			}
			w += n
		}
		if w > k+1 && w < len(s) && s[w] == ' ' {
			if end, b := boundAt(s, w); end > 0 {
				return end, b, s[k+1 : w]
			}
		}
	}
	if end, b := boundAt(s, k); end > 0 {
		return end, b, ""
	}
	return 0, "", ""
}

// boundAt matches " " + one of boundsAfterEN at s[i:], as a whole word.
func boundAt(s string, i int) (int, string) {
	if i >= len(s) || s[i] != ' ' {
		return 0, ""
	}
	for _, b := range boundsAfterEN {
		j := i + 1 + len(b)
		if j > len(s) || !strings.EqualFold(s[i+1:j], b) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[j:]); j < len(s) && isWordRune(r) {
			continue
		}
		return j, s[i+1 : j]
	}
	return 0, ""
}

// monthNames are the English month names, which make a number next to them
// part of a date.
var monthNames = [...]string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
	"januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember"}

// yearWords are English words that put a year after them: "by 2025".
var yearWords = [...]string{"in", "by", "since", "until", "till", "before", "after", "from", "through", "to", "end"}

// isDate reports whether q, read from a number token ending at e, writes a
// date or a time rather than an amount: a year (2025年, 二〇二五年, the
// 2023 of 2023-2025年, "by 2025"), a month (10月; a duration is 10个月), a
// day (25日; a duration is 25天), a quarter (3季度) or a clock time (8:30).
func isDate(s string, q Quantity, e int) bool {
	if q.Vague {
		return false
	}
	v := q.Value
	whole := v == math.Trunc(v)
	switch q.Unit {
	case "年":
		return v >= 1000 && whole
	case "月":
		return v >= 1 && v <= 12 && whole && q.Bound == ""
	case "日":
		return v >= 1 && v <= 31 && whole && q.Bound == "" // 不低于30日 is a term
	case "":
	default:
		return false
	}
	if strings.HasPrefix(s[e:], "季度") {
		return true
	}
	// a clock time: 8:30
	if r, w := utf8.DecodeRuneInString(s[e:]); (r == ':' || r == '：') && e+w < len(s) && isDigitAt(s, e+w) {
		return true
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:q.Start]); r == ':' || r == '：' {
		if r2, _ := utf8.DecodeLastRuneInString(s[:q.Start-1]); isDigit(r2) {
			return true
		}
	}
	year := whole && v >= 1900 && v <= 2100 && q.End-q.Start == 4 && q.Bound == ""
	if !year {
		// a day before an English month: 25 October
		// a day before or after an English or German month: 25 October,
		// 1. September, September 1
		day := whole && v >= 1 && v <= 31 && q.Bound == ""
		return day && (nextWordIsMonth(s[e:]) || strings.HasPrefix(s[e:], ".") && nextWordIsMonth(s[e+1:]) ||
			prevWordIsMonth(s[:q.Start]))
	}
	// the start of a range of years: 2023-2025年, 2023至2025年
	if r, w := utf8.DecodeRuneInString(s[e:]); strings.ContainsRune("-–—～~至到", r) && e+w < len(s) && isDigitAt(s, e+w) {
		return true
	}
	// an English year: by 2025, October 2025, 25 October 2025
	head := strings.TrimRight(s[:q.Start], " ,")
	if len(head) == q.Start {
		return false
	}
	k := len(head)
	for k > 0 {
		r, w := utf8.DecodeLastRuneInString(head[:k])
		if !isWordRune(r) || isHan(r) {
			break
		}
		k -= w
	}
	w := strings.ToLower(head[k:])
	for _, m := range yearWords {
		if w == m {
			return true
		}
	}
	if isMonth(w) {
		return true
	}
	// September 1, 2023
	if w == "" && k > 0 && isDigit(rune(head[k-1])) {
		d := k
		for d > 0 && isDigit(rune(head[d-1])) {
			d--
		}
		return k-d <= 2 && prevWordIsMonth(head[:d])
	}
	return false
}

// referenceWords are English words that number a part of a text, or a
// version of it: the 5 of "under Article 5" and the 02 of "Draft 02" are
// references, not amounts.
var referenceWords = [...]string{"article", "articles", "section", "sections", "chapter", "chapters", "part", "parts",
	"paragraph", "paragraphs", "point", "points", "annex", "annexes", "title", "item", "items", "clause", "clauses",
	"rule", "rules", "schedule", "appendix", "no", "art", "sec", "draft", "version", "revision", "edition", "amendment",
	"page", "pages", "p", "pp", "figure", "fig", "table", "footnote",
	// German
	"absatz", "absätze", "abs", "nr", "nummer", "nummern", "satz", "sätze", "buchstabe", "buchst", "anlage", "anhang",
	"kapitel", "abschnitt", "artikel", "teil", "seite", "s", "ziffer", "ziff", "lit", "tabelle", "abbildung", "fassung",
	// … and as German inflects them: des Artikels 2, des Absatzes 3, in Absätzen 4
	"artikels", "absatzes", "absätzen", "satzes", "sätzen", "kapitels", "abschnitts", "abschnittes", "abschnitten",
	"teils", "teiles", "teilen", "anhangs", "anhanges", "anlagen", "buchstaben", "ziffern", "seiten", "tabellen",
	// Roman parts of a gazette (BGBl. I 2192), the series of the EU's (ABl. L 117)
	"i", "ii", "iii", "l"}

// isReference reports whether the bare number q follows a word that names
// a part of a text (Article 5, Section 2, point 3, No. 7).
func isReference(s string, q Quantity) bool {
	if q.Unit != "" && !letterSuffix(q.Unit) || q.Bound != "" || q.Vague {
		return false
	}
	head := strings.TrimRight(s[:q.Start], " .\u00a0")
	if len(head) == q.Start || !strings.HasSuffix(s[:q.Start], " ") && !strings.HasSuffix(s[:q.Start], "\u00a0") {
		return false
	}
	k := len(head)
	for k > 0 {
		r, w := utf8.DecodeLastRuneInString(head[:k])
		if !isWordRune(r) {
			break
		}
		k -= w
	}
	w := strings.ToLower(head[k:])
	for _, r := range referenceWords {
		if w == r {
			return true
		}
	}
	return false
}

// prevWordIsMonth reports whether s ends with an English or German month
// name (or its abbreviation) and a space.
func prevWordIsMonth(s string) bool {
	head := strings.TrimRight(s, " \u00a0")
	if len(head) == len(s) {
		return false
	}
	head = strings.TrimSuffix(head, ".")
	k := len(head)
	for k > 0 {
		r, w := utf8.DecodeLastRuneInString(head[:k])
		if !isWordRune(r) || isHan(r) {
			break
		}
		k -= w
	}
	return isMonth(strings.ToLower(head[k:]))
}

func isMonth(w string) bool {
	for _, m := range monthNames {
		if w == m || len(w) >= 3 && strings.HasPrefix(m, w) {
			return true
		}
	}
	return false
}

// nextWordIsMonth reports whether s starts with a space and an English
// month name (or its abbreviation: Oct).
func nextWordIsMonth(s string) bool {
	if !strings.HasPrefix(s, " ") {
		return false
	}
	s = s[1:]
	k := 0
	for k < len(s) {
		r, w := utf8.DecodeRuneInString(s[k:])
		if !isWordRune(r) || isHan(r) {
			break
		}
		k += w
	}
	return isMonth(strings.ToLower(s[:k]))
}

// unitOf splits what follows the digits of a number token — multipliers,
// 余, then the unit — and applies the multipliers to v.
func unitOf(rest string, v float64) (string, float64) {
	if rest == "％" {
		return "%", v
	}
	for rest != "" {
		r, w := utf8.DecodeRuneInString(rest)
		switch r {
		case '万':
			v *= 1e4
		case '亿':
			v *= 1e8
		case '千':
			if strings.HasPrefix(rest, "千米") || strings.HasPrefix(rest, "千瓦") {
				return rest, v
			}
			v *= 1e3
		case '百':
			if strings.HasPrefix(rest, "百分点") {
				return rest, v
			}
			v *= 1e2
		case '余', '多':
			// 100余项, 二十多个: an approximate count; the bound says so
		default:
			return rest, v
		}
		rest = rest[w:]
	}
	return "", v
}

// isClauseNumber reports whether the number token s[i:e] is the clause
// marker at the start of s: "1." "2、" "（3）".
func isClauseNumber(s string, i, e int) bool {
	head := strings.TrimLeft(s[:i], " \t\r\n\u3000")
	if head != "" && head != "(" && head != "（" {
		return false
	}
	if e < len(s) && 'a' <= s[e] && s[e] <= 'z' {
		e++ // (3a), 7a.
	}
	r, _ := utf8.DecodeRuneInString(s[e:])
	return strings.ContainsRune(".．、)）", r)
}

// digitsOf folds full-width digits to ASCII.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteByte(byte('0' + digitValue(r)))
	}
	return b.String()
}

// parseDecimal parses digits with an optional decimal point.
func parseDecimal(s string) float64 {
	v, frac, scale := 0.0, false, 1.0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			frac = true
			continue
		}
		d := float64(s[i] - '0')
		if frac {
			scale /= 10
			v += d * scale
		} else {
			v = v*10 + d
		}
	}
	return v
}

// chineseValue evaluates a Chinese numeral: 十 → 10, 二十三 → 23,
// 一百零五 → 105, 三千五百万 → 35000000, 百 → 100, 一二〇 → 120.
func chineseValue(s string) float64 {
	digit := func(r rune) int { return strings.IndexRune("零一二三四五六七八九", r) / 3 }
	plain := true // digits only: 一二〇 reads digit by digit
	for _, r := range s {
		if strings.ContainsRune(cnMultipliers, r) {
			plain = false
		}
	}
	if plain {
		v := 0.0
		for _, r := range s {
			d := digit(r)
			if r == '〇' {
				d = 0
			} else if r == '两' {
				d = 2
			}
			v = v*10 + float64(max(d, 0))
		}
		return v
	}
	var total, section, cur float64
	for _, r := range s {
		switch r {
		case '十', '百', '千':
			m := 10.0
			if r == '百' {
				m = 100
			} else if r == '千' {
				m = 1000
			}
			if cur == 0 {
				cur = 1
			}
			section += cur * m
			cur = 0
		case '万':
			if section+cur == 0 {
				cur = 1
			}
			total += (section + cur) * 1e4
			section, cur = 0, 0
		case '亿':
			if total+section+cur == 0 {
				cur = 1
			}
			total = (total + section + cur) * 1e8
			section, cur = 0, 0
		case '两':
			cur = 2
		case '〇', '零':
			cur = 0
		default:
			cur = float64(digit(r))
		}
	}
	return total + section + cur
}

// stopWords end a quantity's context: function words that join phrases.
const stopWords = "的和与及等在对为将把从向由或"

// conjunctions end the phrase a quantity counts: "四个先导方向和十个应用场景".
const conjunctions = "和与及或等"

// afterRunes bounds the context read after a quantity (what is counted);
// contextRunes the one read before it, when nothing follows.
const afterRunes = 12

// quantityContext says what the quantity s[start:end] counts: the noun
// phrase after it, up to punctuation, another number or a conjunction,
// reduced to its head after the last 的 ("20个以上以人工智能产业为主要方向的园区"
// → 园区) and to about afterRunes characters (a Latin word counts as two);
// or, when no words follow, the words before it. ends are the token ends of
// s.
func quantityContext(s string, ends []int, start, end int) string {
	var afterBuf [24]string // on the stack: one quantity's context costs no allocation
	after := tokensFrom(afterBuf[:0], s, ends, end, len(afterBuf))
	for k, tok := range after {
		r, _ := utf8.DecodeRuneInString(tok)
		if isDigit(r) || (len(tok) == 3 && strings.Contains(conjunctions, tok)) ||
			!(isHan(r) || isWordRune(r) || tok == " " || tok == "\u00a0") {
			after = after[:k]
			break
		}
	}
	off := end
	for k := len(after) - 2; k >= 0; k-- { // a head noun after 的
		if after[k] == "的" {
			for _, t := range after[:k+1] {
				off += len(t)
			}
			after = after[k+1:]
			break
		}
	}
	if n := contextWords(after, afterRunes); n > 0 {
		if ctx := strings.TrimSpace(s[off : off+n]); ctx != "" {
			return ctx
		}
	}
	var beforeBuf [16]string
	before := tokensBefore(beforeBuf[:0], s, ends, start, len(beforeBuf))
	n := contextWords(before, contextRunes)
	return strings.TrimSpace(s[start-n : start])
}

// tokensFrom appends to out up to max tokens of s from byte offset i on,
// read from the token ends when i is a token boundary, else tokenized
// afresh.
func tokensFrom(out []string, s string, ends []int, i, max int) []string {
	k := sort.SearchInts(ends, i)
	if i == 0 || k < len(ends) && ends[k] == i {
		if i > 0 {
			k++
		}
		for ; k < len(ends) && len(out) < max; k++ {
			out = append(out, s[i:ends[k]])
			i = ends[k]
		}
		return out
	}
	for i < len(s) && len(out) < max {
		n := nextToken(s, i)
		out = append(out, s[i:i+n])
		i += n
	}
	return out
}

// tokensBefore appends to out up to max tokens of s that end at byte
// offset i, nearest first.
func tokensBefore(out []string, s string, ends []int, i, max int) []string {
	if k := sort.SearchInts(ends, i); i > 0 && k < len(ends) && ends[k] == i {
		for ; k >= 0 && len(out) < max; k-- {
			from := 0
			if k > 0 {
				from = ends[k-1]
			}
			out = append(out, s[from:ends[k]])
		}
		return out
	}
	// Not on a token boundary: tokenize a short window, so that many
	// quantities cost linear time.
	from := i - min(i, 64)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	toks := Tokenize(s[from:i])
	for k := len(toks) - 1; k >= 0 && len(out) < max; k-- {
		out = append(out, toks[k])
	}
	return out
}

// englishStops end a context in spaced text, as stopWords do in Chinese.
var englishStops = map[string]bool{"a": true, "an": true, "the": true, "of": true, "by": true, "to": true, "in": true,
	"on": true, "at": true, "for": true, "from": true, "with": true, "and": true, "or": true, "than": true}

// contextWords returns the byte length of the leading tokens of toks that
// make a context: words, with single spaces between Latin words.
func contextWords(toks []string, limit int) int {
	n, cost := 0, 0
	for k, tok := range toks {
		r, _ := utf8.DecodeRuneInString(tok)
		c := utf8.RuneCountInString(tok)
		switch {
		case isHan(r) && !strings.Contains(stopWords, tok):
		case isWordRune(r) && !englishStops[strings.ToLower(tok)]:
			c = 2
		case (tok == " " || tok == "\u00a0") && k+1 < len(toks):
			if r2, _ := utf8.DecodeRuneInString(toks[k+1]); !isWordRune(r2) || englishStops[strings.ToLower(toks[k+1])] {
				return n
			}
			c = 0
		default:
			return n
		}
		if cost+c > limit {
			return n
		}
		cost += c
		n += len(tok)
	}
	return n
}

// CompareQuantities pairs the quantities of the old and new text of a
// modified clause and returns those that changed, appeared or vanished:
// {Old: "90项", New: "80项", Context: "应用场景"}. Unchanged quantities
// (same text, or the same amount in other numerals: 3天 and 三天) are left
// out.
//
// Pairing survives reordering and additions: an old quantity pairs with the
// new one whose context (the words around it) is most alike, then by unit,
// bound and position; "一批" pairs with "80项" when both count 应用场景.
// Two amounts pair only when they count the same thing (see sameCount):
// in a full revision 10万元以上 (违法所得) and 不足1万元 (货值金额) stay apart.
// A quantity with no counterpart has New "" (vanished) or Old "" (new).
func CompareQuantities(old, new string) []QuantityChange {
	return compareQuantities(old, new, Quantities(old), Quantities(new))
}

// compareQuantities is CompareQuantities on quantities already found.
//
// It takes time linear in the number of quantities: unchanged ones are
// matched through maps, and each old quantity is scored against at most
// pairWindow new ones around its relative position and pairPerContext ones
// counting the same thing, so that a clause of thousands of figures is not
// compared figure by figure with every other.
func compareQuantities(old, new string, oq, nq []Quantity) []QuantityChange {
	usedO := make([]bool, len(oq))
	usedN := make([]bool, len(nq))
	type folded struct{ text, ctx string }
	fold := func(qs []Quantity) []folded {
		f := make([]folded, len(qs))
		for i, q := range qs {
			f[i] = folded{Fold(q.Text), Fold(q.Context)}
		}
		return f
	}
	fo, fn := fold(oq), fold(nq)
	// Unchanged: same text (up to width, Fold) and context, then same text
	// anywhere; each old quantity takes the first unused new one.
	matchUnchanged(usedO, usedN, func(i int) string { return fo[i].text + "\x00" + fo[i].ctx },
		func(j int) string { return fn[j].text + "\x00" + fn[j].ctx })
	matchUnchanged(usedO, usedN, func(i int) string { return fo[i].text }, func(j int) string { return fn[j].text })

	// Candidates: the new quantities near each old one's relative place,
	// and those that count the same thing (same folded context).
	byCtx := map[string][]int{}
	for j := range nq {
		if !usedN[j] && fn[j].ctx != "" {
			byCtx[fn[j].ctx] = append(byCtx[fn[j].ctx], j)
		}
	}
	oWin := make([][]uint64, len(oq))
	nWin := make([][]uint64, len(nq))
	winO := func(i int) []uint64 {
		if oWin[i] == nil {
			oWin[i] = append(bigramSet(window(old, oq[i])), 0) // 0 marks "computed"; no bigram is 0
		}
		return oWin[i][:len(oWin[i])-1]
	}
	winN := func(j int) []uint64 {
		if nWin[j] == nil {
			nWin[j] = append(bigramSet(window(new, nq[j])), 0)
		}
		return nWin[j][:len(nWin[j])-1]
	}
	type cand struct {
		i, j  int
		score float64
	}
	var cands []cand
	tried := make([]int, len(nq)) // tried[j] == i+1: j already scored for i
	for i, o := range oq {
		if usedO[i] {
			continue
		}
		at := 0
		if len(oq) > 1 {
			at = i * (len(nq) - 1) / (len(oq) - 1)
		}
		try := func(j int) {
			if usedN[j] || tried[j] == i+1 {
				return
			}
			tried[j] = i + 1
			n := nq[j]
			ctx := contextDice(winO(i), winN(j))
			if !sameCount(o, n, fo[i].ctx, fn[j].ctx, ctx) {
				return
			}
			if sc := pairScore(o, n, ctx, old, new); sc > 0 {
				cands = append(cands, cand{i, j, sc})
			}
		}
		for j := max(0, at-pairWindow); j < len(nq) && j <= at+pairWindow; j++ {
			try(j)
		}
		if js := byCtx[fo[i].ctx]; len(js) > 0 {
			k := sort.SearchInts(js, at)
			for lo, hi := k-1, k; hi-lo-1 < pairPerContext && (lo >= 0 || hi < len(js)); {
				if hi < len(js) && (lo < 0 || js[hi]-at <= at-js[lo]) {
					try(js[hi])
					hi++
				} else {
					try(js[lo])
					lo--
				}
			}
		}
	}
	// Best first; among equals, old then new order.
	sort.Slice(cands, func(x, y int) bool {
		a, b := cands[x], cands[y]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.i != b.i {
			return a.i < b.i
		}
		return a.j < b.j
	})
	type change struct {
		QuantityChange
		at int // position for ordering: the new offset, or the old one
	}
	var out []change
	for _, c := range cands {
		if usedO[c.i] || usedN[c.j] {
			continue
		}
		usedO[c.i], usedN[c.j] = true, true
		if sameAmount(oq[c.i], nq[c.j]) {
			continue // 3天 → 三天, 2万元 → 二万元: the same amount in other numerals
		}
		out = append(out, change{QuantityChange{oq[c.i].Text, nq[c.j].Text, nq[c.j].Context}, nq[c.j].Start})
	}
	// One length of time left on each side, at about the same place: the
	// clause set a new period, though the words around it were rewritten
	// (自公告之日起满三个月 → 自发出公告之日起，经过六十日).
	if i, j := onlyUnused(usedO), onlyUnused(usedN); i >= 0 && j >= 0 && bothDurations(oq[i], nq[j]) &&
		math.Abs(relPos(oq[i], old)-relPos(nq[j], new)) <= maxLeftoverShift {
		usedO[i], usedN[j] = true, true
		if !sameAmount(oq[i], nq[j]) {
			out = append(out, change{QuantityChange{oq[i].Text, nq[j].Text, nq[j].Context}, nq[j].Start})
		}
	}
	for j, n := range nq {
		if !usedN[j] {
			out = append(out, change{QuantityChange{"", n.Text, n.Context}, n.Start})
		}
	}
	for i, o := range oq {
		if !usedO[i] {
			// place a vanished quantity at the same relative place in new
			at := o.Start
			if len(old) > 0 {
				at = int(float64(o.Start) / float64(len(old)) * float64(len(new)))
			}
			out = append(out, change{QuantityChange{o.Text, "", o.Context}, at})
		}
	}
	sort.SliceStable(out, func(x, y int) bool { return out[x].at < out[y].at })
	res := make([]QuantityChange, len(out))
	for k, c := range out {
		res[k] = c.QuantityChange
	}
	return res
}

// onlyUnused returns the index of the one false in used; -1 when there
// are none or several.
func onlyUnused(used []bool) int {
	at := -1
	for i, u := range used {
		if !u {
			if at >= 0 {
				return -1
			}
			at = i
		}
	}
	return at
}

// relPos is where q stands in s, from 0 (its start) to 1 (its end).
func relPos(q Quantity, s string) float64 {
	if len(s) == 0 {
		return 0
	}
	return float64(q.Start) / float64(len(s))
}

// maxLeftoverShift bounds how far apart, as a share of their clauses, the
// one old and one new amount left unpaired may stand and still pair.
const maxLeftoverShift = 0.25

// durationUnits are the Chinese units of a length of time: any two of them
// measure alike (三个月 → 六十日).
var durationUnits = map[string]bool{"年": true, "个月": true, "周": true, "日": true, "天": true, "小时": true, "分钟": true}

// bothDurations reports whether o and n are both lengths of time: a
// period a clause sets, whatever words now lead to it. Counts (项, 个,
// 名) are not: what they count is in their context, and two leftover
// counts of 项 may count different things (创新专项项目, 共性技术创新成果).
func bothDurations(o, n Quantity) bool {
	return !o.Vague && !n.Vague && durationUnits[o.Unit] && durationUnits[n.Unit]
}

// sameAmount reports whether two paired quantities say the same amount,
// only in other numerals (Arabic or Chinese, 5000 or 五千): the same value,
// unit and bound. Redrafts switch between them; the amount did not change.
func sameAmount(o, n Quantity) bool {
	return !o.Vague && !n.Vague && o.Value == n.Value && o.Unit == n.Unit && o.Bound == n.Bound
}

// pairWindow and pairPerContext bound the new quantities an old one is
// scored against: those within pairWindow places of its relative position,
// and the pairPerContext nearest that count the same thing. A clause with
// up to 2*pairWindow+1 quantities is compared in full.
const (
	pairWindow     = 32
	pairPerContext = 32
)

// matchUnchanged marks as used each old quantity and the first unused new
// one with the same key, in order.
func matchUnchanged(usedO, usedN []bool, keyO, keyN func(int) string) {
	queue := map[string][]int{}
	for j := range usedN {
		if !usedN[j] {
			k := keyN(j)
			queue[k] = append(queue[k], j)
		}
	}
	for i := range usedO {
		if usedO[i] {
			continue
		}
		k := keyO(i)
		if js := queue[k]; len(js) > 0 {
			usedO[i], usedN[js[0]] = true, true
			queue[k] = js[1:]
		}
	}
}

// minContextDice is how alike the words around two quantities must be for
// them to count the same thing when their contexts are not the same words.
const minContextDice = 0.4

// sameCount reports whether o and n count the same thing, so that n can be
// what o became: the same context (fo, fn: folded), one context the head
// of the other (智慧城市应用场景, 应用场景), or words around them alike
// (ctx, their Dice). An amount and a vague amount (90项, 一批) need the
// context only; otherwise a different unit needs the very same context.
func sameCount(o, n Quantity, fo, fn string, ctx float64) bool {
	if fo != "" && fo == fn {
		return true
	}
	if o.Unit != n.Unit && !o.Vague && !n.Vague {
		return false
	}
	if headOf(fo, fn) || headOf(fn, fo) {
		return true
	}
	return ctx >= minContextDice
}

// headOf reports whether the context short ends the context long, and is
// a word of at least two characters: 应用场景 of 智慧城市应用场景.
func headOf(short, long string) bool {
	return utf8.RuneCountInString(short) >= 2 && strings.HasSuffix(long, short) &&
		(len(short) == len(long) || isHan(firstRune(short)) || long[len(long)-len(short)-1] == ' ')
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// pairScore rates how likely n is what o became, given ctx, the Dice of
// the words around them; 0 means not at all. Context similarity
// dominates; unit and bound agree or differ; a vague amount pairs with a
// number of the same measure or context.
func pairScore(o, n Quantity, ctx float64, old, new string) float64 {
	sc := 2 * ctx
	if o.Unit == n.Unit && o.Unit != "" {
		sc += 0.6
	} else if o.Unit == n.Unit {
		sc += 0.3
	} else if o.Vague || n.Vague {
		sc += 0.2
	}
	if o.Bound == n.Bound {
		sc += 0.2
	}
	if sc < 0.5 {
		return 0
	}
	// relative position breaks ties
	if len(old) > 0 && len(new) > 0 {
		sc -= 0.1 * math.Abs(float64(o.Start)/float64(len(old))-float64(n.Start)/float64(len(new)))
	}
	return sc
}

// window is the phrase around a quantity, for pairing: up to contextRunes
// characters on each side (twice as many in spaced text), not crossing
// punctuation.
func window(s string, q Quantity) string {
	word := func(r rune) bool { return isHan(r) || isWordRune(r) || isDigit(r) || r == ' ' }
	b := q.Start
	for n := 0; b > 0 && n < 2*contextRunes; n++ {
		r, w := utf8.DecodeLastRuneInString(s[:b])
		if !word(r) {
			break
		}
		b -= w
	}
	e := q.End
	for n := 0; e < len(s) && n < 2*contextRunes; n++ {
		r, w := utf8.DecodeRuneInString(s[e:])
		if !word(r) {
			break
		}
		e += w
	}
	return s[b:q.Start] + "|" + s[q.End:e]
}

// contextDice is how alike the words around two quantities are, given
// the bigram sets of their windows: the alignment's bigram Dice
// (formatting folded), 0 when neither has any.
func contextDice(ga, gb []uint64) float64 {
	if len(ga)+len(gb) == 0 {
		return 0
	}
	return diceSets(ga, gb)
}
