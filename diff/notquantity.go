package diff

import (
	"strings"
	"unicode/utf8"
)

// This file says which numbers are not amounts: they number a part of a
// text (§ 2, Absatz 3, 附件1, Article 5 and 6), write a date (2023-09-01,
// 1.9.2023, September 1, 2023), a version or section number (1.2.3, v1.2),
// an identifier (Richtlinie 2001/83/EG) or a page (a table of contents'
// "...... 12", [Page 5], S. 984). Quantities skips them.

// numberRunEnd reports whether the number at s[i:] is part of a run of
// digit groups joined by '.', '-' or '/' that writes no amount — a date,
// a version, an identifier, or a later group of one — and where the run
// ends.
func numberRunEnd(s string, i int) (int, bool) {
	// a later group: the 2012 of 15.3.2012, the 745 of 2017/745
	if i >= 3 && s[i-2:i] == `\.` && isDigitBefore(s, i-2) {
		return scanDigits(s, i), true // 27\.12.2019: a dot escaped in Markdown
	}
	if i >= 2 && isDigitBefore(s, i-1) {
		switch end := scanDigits(s, i); {
		case s[i-1] == '.':
			return end, true
		case s[i-1] == '/' && (end-i >= 3 || i >= 4 && isDigitBefore(s, i-3)):
			return end, true // but 1/3 is a fraction
		}
	}
	// the run's groups: how many, the first two's lengths, whether all
	// later ones have three digits; how many of each separator
	n, len0, len1, later3 := 0, 0, 0, true
	var dots, dashes, slashes int
	j := i
	for {
		k := scanDigits(s, j)
		if k == j {
			break
		}
		switch n {
		case 0:
			len0 = k - j
		case 1:
			len1 = k - j
		}
		if n > 0 && k-j != 3 {
			later3 = false
		}
		n++
		j = k
		w := 1
		if j+2 < len(s) && s[j:j+2] == `\.` {
			w = 2 // a dot escaped in Markdown
		}
		if j+w >= len(s) || !isDigitAt(s, j+w) {
			break
		}
		if c := s[j+w-1]; c == '.' {
			dots++
		} else if c == '-' {
			dashes++
		} else if c == '/' {
			slashes++
		} else {
			break
		}
		j += w
	}
	if n < 2 {
		return 0, false
	}
	seps := n - 1
	switch {
	case n >= 3 && dots == seps:
		if len0 <= 3 && later3 {
			return 0, false // 1.000.000
		}
		return j, true // 1.9.2023, 1.1.1
	case n >= 3 && (dashes == seps || slashes == seps) && len0 == 4:
		return j, true // 2023-09-01, 2023/9/1
	case slashes == seps && (len0 >= 3 || len1 >= 3 || j+1 < len(s) && s[j] == '/' && isWordRune(rune(s[j+1]))):
		return j, true // 2017/745, 93/42/EWG
	case n == 2 && dashes == 1 && len0 == 4 && len1 <= 2:
		return j, true // 2023-09
	}
	return 0, false
}

func isDigitBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isDigit(r)
}

// groupSeparators may stand between groups of three digits: a space, a
// no-break space, a thin space, a narrow no-break space.
var groupSeparators = [...]string{" ", "\u00a0", "\u2009", "\u202f"}

// groupedEnd extends the integer s[i:j] (1 to 3 digits) over groups of
// three digits after a space of groupSeparators, or after a dot when the
// dots make a German number (two groups or more, or an amount in euros or
// a noun after it: 1.000 Euro), returning the new end and the digits.
func groupedEnd(s string, i, j int) (int, string) {
	if j-i > 3 || !allASCIIDigits(s[i:j]) {
		return j, ""
	}
	group := func(k int) bool {
		return k+3 <= len(s) && allASCIIDigits(s[k:k+3]) && (k+3 == len(s) || !isDigitAt(s, k+3))
	}
	digits := s[i:j]
	for _, sep := range groupSeparators {
		k := j
		for strings.HasPrefix(s[k:], sep) && group(k+len(sep)) {
			digits += s[k+len(sep) : k+len(sep)+3]
			k += len(sep) + 3
		}
		if k > j {
			return k, digits
		}
	}
	k, n := j, 0
	for k < len(s) && s[k] == '.' && group(k+1) {
		digits += s[k+1 : k+4]
		k += 4
		n++
	}
	if n >= 2 || n == 1 && (k == len(s) || s[k] != '.' && s[k] != ',') && germanAmountAfter(s[k:]) {
		return k, digits
	}
	return j, ""
}

// germanAmountAfter reports whether what follows a number makes a dot in
// it a thousands separator: euros, or a capitalised noun.
func germanAmountAfter(s string) bool {
	s = strings.TrimLeft(s, " \u00a0\u202f")
	for _, w := range []string{"€", "EUR", "Euro", "Mio", "Mrd"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return 'A' <= r && r <= 'Z' || r == 'Ä' || r == 'Ö' || r == 'Ü'
}

// citesPart reports whether the number q numbers a part of a text by a
// sign or a Chinese word before it: § 2, §§ 3, 附件1, 附表2, and 表3 or
// 图3 without a measure word; or a version: 版本2, 15.3版.
func citesPart(s string, q Quantity) bool {
	head := strings.TrimRight(s[:q.Start], " \u00a0\u202f")
	if strings.HasSuffix(head, "§") {
		return true
	}
	if len(head) != q.Start {
		return false
	}
	for _, w := range []string{"附件", "附表", "附录", "附图"} {
		if strings.HasSuffix(head, w) {
			return true
		}
	}
	if strings.HasSuffix(head, "版本") || strings.HasPrefix(s[q.End:], "版") && strings.ContainsAny(s[q.Start:q.End], ".．") {
		return true // a version: 版本2, 15.3版 (but 第3版 is an ordinal, 3版 a count)
	}
	if q.Unit != "" || !(strings.HasSuffix(head, "表") || strings.HasSuffix(head, "图")) {
		return false
	}
	return true // 见表3; 代表3名 has a unit
}

// listJoins join the numbers of a list of references: § 3 und 4, Articles
// 5 and 6, Absätze 1 bis 3.
var listJoins = [...]string{"", ",", "，", "、", "und", "oder", "bis", "sowie", "and", "or", "to", "through", "-", "–"}

// continuesReferences reports whether q follows the reference that ended
// at prev (-1: none), joined by a list word only.
func continuesReferences(s string, prev int, q Quantity) bool {
	if prev < 0 || prev > q.Start || q.Bound != "" || q.Vague || q.Unit != "" && !letterSuffix(q.Unit) {
		return false
	}
	gap := strings.Trim(s[prev:q.Start], " \u00a0")
	for _, w := range listJoins {
		if gap == w {
			return true
		}
	}
	return false
}

// letterSuffix reports whether a number's "unit" is a lower-case letter
// that numbers an inserted part: § 1f, Nummer 3a.
func letterSuffix(u string) bool {
	return len(u) == 1 && 'a' <= u[0] && u[0] <= 'z'
}

// isPageNumber reports whether q is a page number: after the leader dots
// of a table of contents line (...... 12, …… 12) at the end of its line,
// or alone between dashes on its line (- 12 -).
func isPageNumber(s string, q Quantity) bool {
	if q.Unit != "" || q.Bound != "" || q.Vague {
		return false
	}
	rest := s[q.End:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	line := s[:q.Start]
	if nl := strings.LastIndexByte(line, '\n'); nl >= 0 {
		line = line[nl+1:]
	}
	head := strings.TrimRight(line, " \t\u3000\u00a0")
	tail := strings.TrimSpace(rest)
	if tail == "" {
		for _, l := range []string{"..", "…", "··", "．．", "‥"} {
			if strings.HasSuffix(head, l) {
				return true
			}
		}
	}
	dash := func(x string) bool { return x == "-" || x == "–" || x == "—" }
	return dash(strings.TrimSpace(head)) && dash(tail)
}
