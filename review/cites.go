package review

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
)

// articleRenumbering maps, for the articles (第X条) paired in r, each old
// number to its new one: what a conforming amendment does to the law's
// citations of itself when articles are inserted or deleted.
func articleRenumbering(r *diff.Result) map[int]int {
	m := map[int]int{}
	for _, p := range r.Pairs {
		if p.Old != nil && p.New != nil && p.Old.Kind == clause.KindArticle && p.New.Kind == clause.KindArticle &&
			p.Old.Num.Valid && p.New.Num.Valid && p.Old.Num.Sub == 0 && p.New.Num.Sub == 0 {
			m[p.Old.Num.Value] = p.New.Num.Value
		}
	}
	return m
}

// CitesRenumbered reports whether newText is oldText with only the
// document's citations of its own articles (第二百四十九条) renumbered as
// those articles were (renum: old number → new one), at least one of them
// changed: 民事诉讼法 2023 inserted four articles before 第二百四十九条, and
// 本法第二百四十九条、第二百五十条 became 本法第二百五十三条、第二百五十四条 —
// an editorial consequence, not a change of substance. A citation after a
// title in 《》 cites another law and is left alone; formatting differences
// (width, white space) are allowed as elsewhere.
func CitesRenumbered(oldText, newText string, renum map[int]int) bool {
	if oldText == newText || len(renum) == 0 {
		return false
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(oldText); {
		j := strings.Index(oldText[i:], "第")
		if j < 0 {
			b.WriteString(oldText[i:])
			break
		}
		j += i
		b.WriteString(oldText[i:j])
		start := j + len("第")
		v, end, arabic := articleNumberAt(oldText, start)
		prev, _ := utf8.DecodeLastRuneInString(oldText[:j])
		w, ok := renum[v]
		if end < 0 || !ok || prev == '》' || prev == '〉' {
			b.WriteString("第")
			i = start
			continue
		}
		if w != v {
			changed = true
		}
		b.WriteString("第")
		if arabic {
			b.WriteString(strconv.Itoa(w))
		} else {
			b.WriteString(clause.Numeral(w))
		}
		b.WriteString("条")
		i = end
	}
	if !changed {
		return false
	}
	got := b.String()
	return got == newText || diff.FormattingOnly(got, newText)
}

// articleNumberAt reads the number of a 第…条 whose numeral starts at s[i:]
// (Chinese, or Arabic digits, half or full width); end is the byte after
// 条, or -1 when s[i:] is no article number.
func articleNumberAt(s string, i int) (v, end int, arabic bool) {
	j := i
	digits, cn := 0, false
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case r >= '0' && r <= '9':
			digits = digits*10 + int(r-'0')
			arabic = true
		case r >= '０' && r <= '９':
			digits = digits*10 + int(r-'０')
			arabic = true
		case strings.ContainsRune("〇零一二两三四五六七八九十百千", r):
			cn = true
		default:
			if j == i || arabic == cn || !strings.HasPrefix(s[j:], "条") {
				return 0, -1, false
			}
			if arabic {
				return digits, j + len("条"), true
			}
			v, ok := cnValue(s[i:j])
			if !ok {
				return 0, -1, false
			}
			return v, j + len("条"), false
		}
		j += w
	}
	return 0, -1, false
}

// cnValue is the value of a Chinese numeral below ten thousand: 十二,
// 二百零五, 一千零一.
func cnValue(s string) (int, bool) {
	total, cur := 0, 0
	for _, r := range s {
		switch r {
		case '十', '百', '千':
			unit := map[rune]int{'十': 10, '百': 100, '千': 1000}[r]
			if cur == 0 {
				cur = 1
			}
			total += cur * unit
			cur = 0
		case '〇', '零':
		default:
			d := strings.IndexRune("一二三四五六七八九", r)
			switch {
			case r == '两':
				cur = 2
			case d < 0:
				return 0, false
			default:
				cur = d/len("一") + 1
			}
		}
	}
	return total + cur, total+cur > 0
}
