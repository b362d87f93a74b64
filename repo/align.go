package repo

import "strings"

// alignStates gives the clauses of a new revision (neu, in newSrc) the ids
// of the clauses of its parent (old, in oldSrc) where the change between the
// two texts decides the alignment on its own, so that diff.Compare need not
// run; it returns false when the alignment is a judgement for diff.Compare.
// The result has "" for clauses that are new.
//
// Two cases decide on their own:
//
//   - Same shape: the same labels in the same order, at most a quarter of
//     the clauses (or three) reworded, and no reworded clause carrying the
//     text of another clause: clause for clause.
//   - One local edit: the texts differ in one stretch of at most 16 KB.
//     Clauses outside it pair by position (a clause ending before it keeps
//     its offset, one starting after it moves by the length change); the
//     clauses it touches pair by identical text without numbering, when
//     that text is unique on both sides. What is left must be only new
//     clauses or only removed ones — an insertion that renumbers the clauses
//     after it, a deletion — never both, which could be an edit; and when
//     clauses come or go, every other clause keeps its text (else it may be
//     a merge or a split).
//
// History indexing and id derivation both align through here, so they
// agree on the ids of every revision.
func alignStates(old []clauseState, oldSrc []byte, neu []clauseState, newSrc []byte) ([]string, bool) {
	if ids, ok := alignSameShape(old, neu); ok {
		return ids, true
	}
	return alignLocal(old, oldSrc, neu, newSrc)
}

func alignSameShape(old, neu []clauseState) ([]string, bool) {
	if len(old) != len(neu) {
		return nil, false
	}
	var changed []int
	for i := range old {
		if old[i].Label != neu[i].Label {
			return nil, false
		}
		if old[i].Sum != neu[i].Sum {
			changed = append(changed, i)
		}
	}
	if len(changed) > 3 && len(changed)*4 > len(old) {
		return nil, false // much rewritten: let the alignment decide
	}
	if len(changed) > 0 {
		sums := make(map[uint64]bool, len(old))
		for _, s := range old {
			sums[s.Sum] = true
		}
		for _, i := range changed {
			if sums[neu[i].Sum] {
				return nil, false
			}
		}
	}
	ids := make([]string, len(neu))
	for i := range old {
		ids[i] = old[i].ID
	}
	return ids, true
}

// maxLocal bounds the stretch alignLocal looks into.
const maxLocal = 16 << 10

func alignLocal(old []clauseState, oldSrc []byte, neu []clauseState, newSrc []byte) ([]string, bool) {
	p := commonPrefix(oldSrc, newSrc)
	s := commonSuffix(oldSrc[p:], newSrc[p:])
	oldEnd, newEnd := len(oldSrc)-s, len(newSrc)-s
	if oldEnd-p > maxLocal || newEnd-p > maxLocal {
		return nil, false
	}
	delta := int32(newEnd - oldEnd)
	before := map[int32]int{} // start → old index, clauses wholly before the edit
	after := map[int32]int{}  // new start → old index, clauses wholly after it
	oldSums := map[uint64]int{}
	var touchedOld []int
	for i, c := range old {
		oldSums[c.Sum]++
		switch {
		case int(c.End) <= p && int(c.Start) < p:
			before[c.Start] = i
		case int(c.Start) >= oldEnd:
			after[c.Start+delta] = i
		default:
			touchedOld = append(touchedOld, i)
		}
	}
	ids := make([]string, len(neu))
	used := make([]bool, len(old))
	newSums := map[uint64]int{}
	for _, c := range neu {
		newSums[c.Sum]++
	}
	var touchedNew []int
	for j, c := range neu {
		i, ok := before[c.Start]
		if !ok && int(c.Start) >= newEnd {
			i, ok = after[c.Start]
		}
		if ok && !used[i] {
			ids[j], used[i] = old[i].ID, true
			continue
		}
		touchedNew = append(touchedNew, j)
	}
	bySum := map[uint64]int{}
	for _, i := range touchedOld {
		if !used[i] && oldSums[old[i].Sum] == 1 {
			bySum[old[i].Sum] = i
		}
	}
	newLeft := 0
	for _, j := range touchedNew {
		if i, ok := bySum[neu[j].Sum]; ok && newSums[neu[j].Sum] == 1 && !used[i] {
			if unitOf(old[i].Label) != unitOf(neu[j].Label) {
				return nil, false // an article's text now a 款 of it, or back: for Compare
			}
			ids[j], used[i] = old[i].ID, true
			continue
		}
		if oldSums[neu[j].Sum] > 0 {
			return nil, false // a copy of a clause: which one is new is for Compare
		}
		newLeft++
	}
	oldLeft := 0
	for _, i := range touchedOld {
		if !used[i] {
			if newSums[old[i].Sum] > 0 {
				return nil, false
			}
			oldLeft++
		}
	}
	for i := range old {
		if !used[i] && !contains2(touchedOld, i) {
			oldLeft++ // a clause outside the edit found no partner: unusual, let Compare judge
			newLeft++
		}
	}
	if oldLeft > 0 && newLeft > 0 {
		return nil, false
	}
	if oldLeft > 0 || newLeft > 0 {
		// Clauses came or went: decided only when every clause kept its
		// text (a merge or split is for Compare to judge).
		byID := make(map[string]uint64, len(old))
		for _, c := range old {
			byID[c.ID] = c.Sum
		}
		for j, id := range ids {
			if id != "" && byID[id] != neu[j].Sum {
				return nil, false
			}
		}
	}
	return ids, true
}

// unitOf says whether a label path ends in an article (1: 第三条, § 2,
// Article 5), a paragraph of one (2: 第一款, ¶1, § 2/(1)), or neither
// (0). diff.Compare never gives an article's identity to a paragraph.
func unitOf(path string) int {
	last, parent := path, ""
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		last, parent = path[i+1:], path[:i]
		if j := strings.LastIndexByte(parent, '/'); j >= 0 {
			parent = parent[j+1:]
		}
	}
	isArticle := func(l string) bool {
		return strings.HasPrefix(l, "第") && (strings.HasSuffix(l, "条") || strings.Contains(l, "条之")) ||
			strings.HasPrefix(l, "§") || strings.HasPrefix(l, "Article ")
	}
	switch {
	case isArticle(last):
		return 1
	case strings.HasSuffix(last, "款") || strings.HasPrefix(last, "¶"),
		strings.HasPrefix(last, "(") && isArticle(parent):
		return 2
	}
	return 0
}

func contains2(s []int, x int) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}
