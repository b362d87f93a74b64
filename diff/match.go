package diff

// Content similarity between clauses, and the matching that pairs them
// best first (see align.go for the passes that call it).

import (
	"slices"

	"github.com/redline-docs/redline/clause"
)

// rarity decides, when much of the document is left unpaired by the
// anchors (a heavy revision or a rewrite), which bigrams are rare enough
// to tell clauses apart: those in at most about √n of the n unpaired old
// clauses. Every later pass then compares clauses on those (see dice).
func (a *aligner) rarity() {
	var olds []int32
	for i, n := range a.o2n {
		if n < 0 {
			olds = append(olds, int32(i))
		}
	}
	if len(olds) <= len(a.o.nodes)/8 || len(olds) < minRarityPool {
		return
	}
	maxPost := 4
	for maxPost*maxPost < len(olds) { // about √n
		maxPost++
	}
	forEach(len(olds), func(i int) { a.o.gramsOf(olds[i]) })
	sets := make([][]uint64, len(olds))
	for i, o := range olds {
		sets[i] = a.o.grams[o]
	}
	a.rareIx, a.rarePool, a.maxPost = newGramIndex(sets), olds, maxPost
}

// accept reports whether a pair with this score and content similarity is
// good enough: across gaps (far) content must carry it, helped only by
// the same title.
//
// Near, structure helps but cannot carry a pair alone: unless the titles
// are the same, the texts must share a fair part of their bigrams, so that
// an item deleted and another inserted at its place are not taken for one
// clause rewritten (policy text shares much vocabulary: 人工智能, 建设,
// 责任单位 …).
func (a *aligner) accept(o, n int32, score, d float64, far bool) bool {
	// Scores are sums of float bonuses: 0.25+0.05+0.15+0.05 is
	// 0.49999999999999994, so a pair exactly at a threshold is compared
	// with a little slack (上海市人大常委会规范性文件备案审查条例 第八条, Dice
	// 0.25 with its number, kind and chapter kept, fell just short).
	const slack = 1e-9
	if far && a.gapO[o] != a.gapN[n] {
		return score >= minScoreFar-slack && (d >= minDiceFar-slack || d >= minDiceNear-slack && a.sameTitle(o, n))
	}
	return score >= minScore-slack && (d >= minDiceNear-slack || a.sameTitle(o, n))
}

// sameTitle reports whether old o and new n have the same non-empty
// title, folded.
func (a *aligner) sameTitle(o, n int32) bool {
	t := a.o.titleOf(o)
	return t != "" && t == a.n.titleOf(n)
}

// parentsPaired reports whether the parents of old o and new n are paired
// with each other (both the root counts).
func (a *aligner) parentsPaired(o, n int32) bool {
	op, np := a.o.parentOf(o), a.n.parentOf(n)
	if op < 0 || np < 0 {
		return op == np
	}
	return a.o2n[op] == np
}

// score rates old o as the former self of new n: the Dice coefficient of
// their bodies' bigrams plus the structural bonuses. A d >= 0 is used as
// the content similarity instead of computing it.
func (a *aligner) score(o, n int32, d float64) (float64, float64) {
	if d < 0 {
		d = a.dice(o, n)
	}
	score := d
	if a.sameTitle(o, n) {
		score += bonusTitle
	}
	if a.o.nodes[o].Kind == a.n.nodes[n].Kind {
		score += bonusKind
	} else {
		score -= penaltyKind
	}
	if a.parentsPaired(o, n) {
		score += bonusParent
	}
	if a.labelsEqual(o, n) {
		score += bonusLabel
	}
	return score, d
}

// dice is the Dice coefficient of the bigrams of old o and new n (1 when
// their bodies differ in formatting only). When rarity has found much of
// the document unpaired, only the rare bigrams count: the common ones
// (建设, 推进, 人工智能 …) are shared by unrelated clauses and say nothing
// about identity, as stop words; an edited clause keeps its rare ones
// (names, numbers, its own phrasing).
func (a *aligner) dice(o, n int32) float64 {
	if a.rareIx != nil {
		ro, rn := a.o.rareOf(o, a.rareIx, a.maxPost), a.n.rareOf(n, a.rareIx, a.maxPost)
		if len(ro)+len(rn) >= minRare {
			return diceSets(ro, rn)
		}
	}
	return diceSets(a.o.gramsOf(o), a.n.gramsOf(n))
}

type alignCand struct {
	score float64
	o, n  int32
}

// match pairs clauses of olds with clauses of news (all unpaired), best
// score first, ties by new then old position, keeping only the pairs
// accept allows (far: whether olds and news may lie in different gaps).
func (a *aligner) match(olds, news []int32, far bool) {
	if len(olds) == 0 || len(news) == 0 {
		return
	}
	var cands []alignCand
	consider := func(o, n int32, d float64) {
		if !a.compatible(o, n) {
			return
		}
		if s, d := a.score(o, n, d); a.accept(o, n, s, d, far) {
			cands = append(cands, alignCand{s, o, n})
		}
	}
	if len(olds) == 1 && len(news) == 1 {
		// One candidate: its score ranks nothing, and when the structure
		// alone (same title and place) accepts it, as it does for most
		// clauses edited in place, the bigrams need not be computed: a
		// higher content similarity could only accept it more.
		if s, _ := a.score(olds[0], news[0], 0); a.compatible(olds[0], news[0]) && a.accept(olds[0], news[0], s, 0, far) {
			a.pair(olds[0], news[0])
			return
		}
		consider(olds[0], news[0], -1)
	} else if len(olds)*len(news) <= smallGroup {
		for _, n := range news {
			for _, o := range olds {
				consider(o, n, -1)
			}
		}
	} else {
		a.indexed(olds, news, far, consider)
	}
	slices.SortFunc(cands, func(x, y alignCand) int {
		switch {
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		case x.n != y.n:
			return int(x.n - y.n)
		}
		return int(x.o - y.o)
	})
	for _, c := range cands {
		if a.o2n[c.o] < 0 && a.n2o[c.n] < 0 {
			a.pair(c.o, c.n)
		}
	}
}

// indexed calls consider for each new clause with its most promising old
// clauses: those sharing the most bigrams (through an inverted index), those
// with the same title, and those with the same label under the paired
// parent.
//
// The content similarity it passes is the Dice coefficient over the rare
// bigrams only: those in at most maxPost (about √n) of the old clauses.
// In a large pool the common bigrams (建设, 推进, 人工智能 …) are shared by
// unrelated clauses and say nothing about identity, as stop words; an edited
// clause keeps its rare ones (names, numbers, its own phrasing). Clauses
// with too few rare bigrams fall back to plain Dice.
func (a *aligner) indexed(olds, news []int32, far bool, consider func(o, n int32, d float64)) {
	// The bigram sets are the bulk of the work for a large pool, and each
	// is computed apart from the others.
	forEach(len(olds), func(i int) { a.o.gramsOf(olds[i]) })
	forEach(len(news), func(i int) { a.n.gramsOf(news[i]) })
	byTitle := map[string][]int32{}
	byLabel := map[labelKey][]int32{}
	for _, o := range olds {
		if t := a.o.titleOf(o); t != "" && len(byTitle[t]) < structuralCands {
			byTitle[t] = append(byTitle[t], o)
		}
		k := labelKey{a.o.labelOf(o), a.pairedParentOf(o)}
		if len(byLabel[k]) < structuralCands {
			byLabel[k] = append(byLabel[k], o)
		}
	}
	// The pool the index covers: the index of rarity when there is one
	// and olds are all the unpaired clauses (a subset of its pool, paired
	// ones skipped below), else a new index of olds.
	pool, ix, maxPost := a.rarePool, a.rareIx, a.maxPost
	if ix == nil || !far {
		pool = olds
		sets := make([][]uint64, len(olds))
		for i, o := range olds {
			sets[i] = a.o.grams[o]
		}
		ix = newGramIndex(sets)
		maxPost = 32
		for maxPost*maxPost < len(olds) { // about √n, at least 32
			maxPost *= 2
		}
	}
	if a.poolAt == nil {
		a.poolAt = make([]int32, len(a.o.nodes))
	}
	for i, o := range pool {
		a.poolAt[o] = int32(i)
	}
	count := make([]int32, len(pool))
	var rare []int32 // rare bigrams of each old clause, without rarity
	if a.rareIx == nil {
		rare = make([]int32, len(pool))
		for i, o := range pool {
			rare[i] = int32(ix.rareIn(a.o.grams[o], maxPost))
		}
	}
	var seen, top, touched []int32
	for _, n := range news {
		var rareN int
		top, touched, rareN = ix.topShared(a.n.gramsOf(n), candidatesPerNC, maxPost, count, top, touched)
		seen = seen[:0]
		try := func(o int32) {
			if slices.Contains(seen, o) || a.o2n[o] >= 0 {
				return
			}
			seen = append(seen, o)
			d := -1.0 // a.dice: over the rare bigrams of rarity's pool
			if rare != nil {
				i := a.poolAt[o]
				if r := int(rare[i]) + rareN; r >= minRare {
					d = 2 * float64(count[i]) / float64(r)
				}
			}
			consider(o, n, d)
		}
		for _, i := range top {
			try(pool[i])
		}
		if t := a.n.titleOf(n); t != "" {
			for _, o := range byTitle[t] {
				try(o)
			}
		}
		for _, o := range byLabel[labelKey{a.n.labelOf(n), a.n.parent[n]}] {
			try(o)
		}
		for _, i := range touched {
			count[i] = 0
		}
	}
}

// labelKey finds old clauses by label under a given new parent.
type labelKey struct {
	label  string
	parent int32 // new index of the parent; -1 the root, -2 unpaired
}

// pairedParentOf is the new index of the pair of old o's parent: -1 for the
// root, -2 when the parent is unpaired.
func (a *aligner) pairedParentOf(o int32) int32 {
	p := a.o.parent[o]
	if p < 0 {
		return -1
	}
	if n := a.o2n[p]; n >= 0 {
		return n
	}
	return -2
}

// labelsEqual reports whether old o and new n have the same own label,
// NormLabel folded.
func (a *aligner) labelsEqual(o, n int32) bool {
	x, y := a.o.nodes[o], a.n.nodes[n]
	// A label is made of these fields (and, for a 款, the language):
	// equal fields give equal labels without building them.
	if x.Kind == y.Kind && x.Marker == y.Marker && x.Title == y.Title && x.Num == y.Num &&
		(x.Kind != clause.KindParagraph || a.o.lang == a.n.lang) {
		return true
	}
	if x.Label() == y.Label() {
		return true
	}
	return a.o.labelOf(o) == a.n.labelOf(n)
}
