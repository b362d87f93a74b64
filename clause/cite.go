package clause

import "strings"

// citationPath turns a clause cited in prose, the way consultation reports
// cite them — 第三部分“建设内容”“(五)实施人工智能场景应用计划-推进智慧医疗多场景协同” —
// into a label path for the loose matcher: levels split at quotation marks,
// dashes and slashes, and a bare number joined with the title that follows
// it (第三部分 + 建设内容 → 第三部分建设内容). It returns "" when the citation
// has no such punctuation, so nothing new would be tried.
func citationPath(s string) string {
	if !strings.ContainsAny(s, citeSeps) {
		return ""
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(citeSeps, r) })
	var levels []string
	for _, p := range parts {
		p = strings.Trim(p, " \t\u3000,，、。;；:：")
		if p == "" {
			continue
		}
		if n := len(levels); n > 0 && bareMarker(levels[n-1]) && !startsWithMarker(p) && !numberish(p) {
			levels[n-1] += p
			continue
		}
		levels = append(levels, p)
	}
	return strings.Join(levels, "/")
}

// citeSeps are the characters that separate levels in a prose citation.
const citeSeps = "“”\"‘’'「」『』-－—–/"

// bareMarker reports whether s is a clause number and nothing else: 第三部分, (五), 三、.
func bareMarker(s string) bool {
	m, ok := lexMarker([]byte(s))
	return ok && m.end == len(s)
}

// startsWithMarker reports whether s opens with a clause number.
func startsWithMarker(s string) bool {
	_, ok := lexMarker([]byte(s))
	return ok
}

// numberish reports whether s is made only of digits, numerals and
// numbering punctuation: a level of its own ("2", "（五）"), never a title.
func numberish(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789０１２３４５６７８９零〇一二三四五六七八九十百千两()（）.．、第条款项目章节编部分之 ", r) {
			return false
		}
	}
	return true
}
