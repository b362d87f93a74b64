package comment

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/redline-docs/redline/clause"
)

// ErrBadStatus is returned for a disposition that cannot be understood.
var ErrBadStatus = errors.New("unknown status")

// statusWords are the dispositions ParseStatus understands, folded (half
// width, lower case). A space in an English word matches any run of spaces,
// '-' and '_'. The longest word that starts a cell wins, so 部分采纳 beats 采纳
// and "not adopted" beats "no".
var statusWords = []struct {
	word string
	s    Status
}{
	{"已采纳", Adopted}, {"采纳", Adopted}, {"予以采纳", Adopted}, {"拟采纳", Adopted},
	{"全部采纳", Adopted}, {"完全采纳", Adopted}, {"已采用", Adopted}, {"采用", Adopted},
	{"是", Adopted}, {"同意", Adopted}, {"已吸收", Adopted},
	{"adopted", Adopted}, {"adopt", Adopted}, {"accepted", Adopted}, {"accept", Adopted},
	{"yes", Adopted}, {"true", Adopted},

	{"部分采纳", Partial}, {"已部分采纳", Partial}, {"拟部分采纳", Partial}, {"部分采用", Partial},
	{"基本采纳", Partial}, {"参考采纳", Partial}, {"酌情采纳", Partial}, {"部分同意", Partial},
	{"partial", Partial}, {"partially", Partial}, {"partly", Partial},
	{"partially adopted", Partial}, {"partly adopted", Partial},
	{"partially accepted", Partial}, {"partly accepted", Partial},

	{"未采纳", Rejected}, {"不予采纳", Rejected}, {"不采纳", Rejected}, {"暂不采纳", Rejected},
	{"未予采纳", Rejected}, {"暂未采纳", Rejected}, {"拟不采纳", Rejected}, {"未采用", Rejected},
	{"不采用", Rejected}, {"否", Rejected}, {"不同意", Rejected},
	{"rejected", Rejected}, {"reject", Rejected}, {"declined", Rejected}, {"decline", Rejected},
	{"not adopted", Rejected}, {"not accepted", Rejected}, {"no", Rejected},
	{"false", Rejected},

	{"待处理", Pending}, {"未处理", Pending}, {"待定", Pending}, {"待研究", Pending},
	{"处理中", Pending}, {"研究中", Pending},
	{"pending", Pending}, {"open", Pending}, {"undecided", Pending}, {"tbd", Pending},
}

// ParseStatus understands English and Chinese dispositions and their common
// variants: 已采纳 / 采纳 / 是 / adopted, 部分采纳 / partial, 未采纳 / 不予采纳 /
// 否 / rejected, 待处理 / pending; an empty cell is pending. A leading
// disposition followed by a reason ("已采纳,调整了…") counts as that
// disposition; SplitStatus returns the reason too.
func ParseStatus(s string) (Status, error) {
	st, _, err := SplitStatus(s)
	return st, err
}

// SplitStatus splits a disposition cell into its status and the reason
// written after it: "部分采纳，已对相关内容进行调整。" → Partial, "已对相关内容进行调整。".
// Separators (，,、;；:：。 and spaces) between the two are dropped, and so are
// parentheses around the whole reason.
func SplitStatus(cell string) (Status, string, error) {
	orig := []rune(strings.TrimSpace(cell))
	if len(orig) == 0 {
		return Pending, "", nil
	}
	folded := make([]rune, len(orig))
	for i, r := range orig {
		folded[i] = foldRune(r)
	}
	best, bestLen := Status(""), 0
	for _, w := range statusWords {
		if n, ok := matchWord(folded, w.word); ok && n > bestLen {
			best, bestLen = w.s, n
		}
	}
	if bestLen == 0 {
		return "", "", fmt.Errorf("%w %q (want 已采纳, 部分采纳, 未采纳, 待处理 or adopted, partial, rejected, pending)", ErrBadStatus, string(orig))
	}
	return best, cleanReason(string(orig[bestLen:])), nil
}

// matchWord reports whether s starts with word, and how many runes of s it
// covers. ASCII words must end at a non-letter, and so must one-rune Chinese
// words (是, 否), so "no" does not match "note" nor 是 match 是否.
func matchWord(s []rune, word string) (int, bool) {
	i := 0
	w := []rune(word)
	for j := 0; j < len(w); j++ {
		if w[j] == ' ' {
			k := i
			for k < len(s) && (s[k] == ' ' || s[k] == '-' || s[k] == '_' || unicode.IsSpace(s[k])) {
				k++
			}
			if k == i {
				return 0, false
			}
			i = k
			continue
		}
		if i >= len(s) || s[i] != w[j] {
			return 0, false
		}
		i++
	}
	if i < len(s) && (w[0] < 0x80 || len(w) == 1) && (unicode.IsLetter(s[i]) || unicode.IsDigit(s[i])) {
		return 0, false
	}
	return i, true
}

// foldRune folds width (clause.FoldWidth) and case.
func foldRune(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case 0x3400 <= r && r <= 0x9fff: // CJK ideographs: nothing to fold
		return r
	}
	return unicode.ToLower(clause.FoldWidth(r))
}

// cleanReason trims the separators between a disposition and its reason.
func cleanReason(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，、;；:：。.-—", r)
	})
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) >= 2 && (r[0] == '(' || r[0] == '（') && (r[len(r)-1] == ')' || r[len(r)-1] == '）') {
		inner := string(r[1 : len(r)-1])
		if !strings.ContainsAny(inner, "()（）") {
			s = strings.TrimSpace(inner)
		}
	}
	return s
}

// Valid reports whether s is one of the four statuses.
func (s Status) Valid() bool {
	switch s {
	case Pending, Adopted, Partial, Rejected:
		return true
	}
	return false
}

// Label is the status in a document's language (已采纳 / adopted …). The
// empty status reads as pending.
func (s Status) Label(lang clause.Lang) string {
	zh := lang == clause.LangZH
	switch s {
	case Pending, "":
		if zh {
			return "待处理"
		}
		return "pending"
	case Adopted:
		if zh {
			return "已采纳"
		}
		return "adopted"
	case Partial:
		if zh {
			return "部分采纳"
		}
		return "partially adopted"
	case Rejected:
		if zh {
			return "未采纳"
		}
		return "rejected"
	}
	return string(s)
}
