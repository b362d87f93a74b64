package render

import (
	"strings"

	"github.com/redline-docs/redline/review"
)

// runOf returns the run of renumberings that c belongs to, and whether c is
// its first change: a run is said once, where it starts, and its other
// changes are not listed.
func runOf(doc *review.Document, c *review.Change) (*review.RenumberRun, bool) {
	if c.Run <= 0 || c.Run > len(doc.Runs) {
		return nil, false
	}
	r := &doc.Runs[c.Run-1]
	return r, r.First < len(doc.Changes) && &doc.Changes[r.First] == c
}

// runSides are a run's old and new ranges and what happened to them:
// "第一百九十四条至第二百八十四条", "第一百九十八条至第二百八十八条",
// "依次顺延，内容未改"; in English "Articles 194–284", "198–288",
// "renumbered, text unchanged". An article of the run with a changed part,
// listed on its own, is excepted: "依次顺延，除第二百一十五条外内容未改".
func runSides(t tr, r *review.RenumberRun) (before, after, note string) {
	if t.zh {
		note = "依次顺延，"
		if r.Shift < 0 {
			note = "依次提前，"
		}
		if len(r.Changed) > 0 {
			note += "除" + strings.Join(r.Changed, "、") + "外"
		}
		note += "内容未改"
		return r.OldFirst + "至" + r.OldLast, r.NewFirst + "至" + r.NewLast, note
	}
	note = "renumbered, text unchanged"
	if len(r.Changed) > 0 {
		note += " except in " + enList(r.Changed)
	}
	word, a, okA := splitWordNum(r.OldFirst)
	word2, b, okB := splitWordNum(r.OldLast)
	word3, c, okC := splitWordNum(r.NewFirst)
	word4, d, okD := splitWordNum(r.NewLast)
	if okA && okB && okC && okD && word == word2 && word == word3 && word == word4 {
		return plural(word) + " " + a + "–" + b, c + "–" + d, note
	}
	return r.OldFirst + "–" + r.OldLast, r.NewFirst + "–" + r.NewLast, note
}

// enList names labels in English: "Article 5", "Articles 5 and 6",
// "Articles 5, 6 and 9"; labels of different words are listed whole.
func enList(labels []string) string {
	word, _, ok := splitWordNum(labels[0])
	nums := make([]string, len(labels))
	for i, l := range labels {
		w, n, okN := splitWordNum(l)
		ok = ok && okN && w == word
		nums[i] = n
	}
	if !ok {
		nums = labels
	} else if len(labels) > 1 {
		word = plural(word)
	}
	out := nums[0]
	if len(nums) > 1 {
		out = strings.Join(nums[:len(nums)-1], ", ") + " and " + nums[len(nums)-1]
	}
	if ok {
		out = word + " " + out
	}
	return out
}

// runText is a run said in one line: "第一百九十四条至第二百八十四条 →
// 第一百九十八条至第二百八十八条，依次顺延，内容未改", or "Articles 194–284 →
// 198–288, renumbered, text unchanged".
func runText(t tr, r *review.RenumberRun) string {
	before, after, note := runSides(t, r)
	return before + " → " + after + t.s("listSep") + note
}

// splitWordNum splits "Article 194" into "Article" and "194"; ok is false
// for a label that is not a word and a number.
func splitWordNum(label string) (word, num string, ok bool) {
	i := strings.LastIndexByte(label, ' ')
	if i <= 0 || i == len(label)-1 {
		return "", "", false
	}
	return label[:i], label[i+1:], true
}

// plural is the plural of a numbering word: Articles, Sections, §§.
func plural(word string) string {
	switch {
	case word == "§":
		return "§§"
	case strings.HasSuffix(word, "s"):
		return word
	}
	return word + "s"
}
