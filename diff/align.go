package diff

import (
	"slices"

	"github.com/redline-docs/redline/clause"
)

// Clause alignment: which old clause became which new clause.
//
// The passes, each cheap and each working only on what the previous ones
// left unpaired:
//
//  1. anchors: clauses whose body is unique in both documents and equal
//     are paired (a change of formatting only is found in pass 2, where
//     the bigrams of folded bodies are equal). The longest increasing run
//     of them (in pre-order on both sides) splits the documents into gaps;
//     the others are moves.
//  2. gaps: between two consecutive anchors, equal bodies that are not
//     unique in the document are paired in order first (patience diff
//     inside the gap); then the unpaired old and new clauses are paired by
//     content similarity (character-bigram Dice) with
//     structure as a hint (same title, same kind, parents already paired,
//     same label), best first, above a threshold. Small gaps compare all
//     pairs; then one pass over an inverted index does the large gaps and,
//     with a stricter threshold, pairs across gaps: clauses moved far and
//     edited at once.
//  3. parents: an unpaired old clause whose children mostly became the
//     children of one unpaired new clause is that clause (a heading
//     rewritten while its items stayed).
//  4. siblings: the unpaired children of each paired parent are matched
//     among themselves, and parents inferred again.
//
// Every similarity search runs on an inverted bigram index with capped
// posting lists and a capped number of candidates per clause, so the work
// grows with the number of changed clauses, never with the square of the
// document.

// Thresholds and caps of the alignment. Scores are Dice in [0,1] plus the
// structural bonuses below.
const (
	minScore        = 0.5  // within a gap, and among siblings
	minScoreFar     = 0.65 // across gaps
	minDiceFar      = 0.4  // across gaps, content must carry the match
	minDiceNear     = 0.25 // within a gap, unless the titles are the same
	bonusTitle      = 0.3  // same non-empty title (lead phrase)
	bonusKind       = 0.05 // same numbering scheme
	penaltyKind     = 0.1  // different numbering scheme
	bonusParent     = 0.15 // parents already paired with each other
	bonusLabel      = 0.05 // same label at its own level
	smallGroup      = 256  // below this many pairs, compare all of them
	candidatesPerNC = 8    // candidates per new clause from the index
	structuralCands = 4    // candidates per new clause by title and by label
	minRare         = 6    // rare bigrams (both clauses) for the rare Dice
	minRarityPool   = 32   // unpaired old clauses for rarity to mean much
	exactDepth      = 8    // levels of exact (patience) matching in a gap
)

// clauseSide is one document's clauses in pre-order with what alignment needs.
type clauseSide struct {
	nodes    []*clause.Node
	parent   []int32   // index of the parent clause; -1 for the root
	children [][]int32 // children of each clause; the last entry is the root's
	body     []string  // Node.Body()
	title    []string  // folded title (titleOf)
	label    []string  // NormLabel of the clause's own label (labelOf)
	titled   []bool
	labeled  []bool
	grams    [][]uint64
	rare     [][]uint64 // rareOf
}

func newSide(d *clause.Document) *clauseSide {
	nodes := d.Clauses()
	s := &clauseSide{
		nodes:    nodes,
		parent:   make([]int32, len(nodes)),
		children: make([][]int32, len(nodes)+1),
		body:     make([]string, len(nodes)),
		title:    make([]string, len(nodes)),
		label:    make([]string, len(nodes)),
		grams:    make([][]uint64, len(nodes)),
		titled:   make([]bool, len(nodes)),
		labeled:  make([]bool, len(nodes)),
	}
	at := make(map[*clause.Node]int32, len(nodes))
	for i, n := range nodes {
		at[n] = int32(i)
		p, ok := at[n.Parent]
		if !ok {
			p = -1
		}
		s.parent[i] = p
		s.children[s.childKey(p)] = append(s.children[s.childKey(p)], int32(i))
		s.body[i] = n.Body()
	}
	return s
}

// The bigrams, the folded title and the normalised label are computed on
// first use: most clauses of a lightly edited document are anchored on
// their raw body and never need them.

func (s *clauseSide) titleOf(i int32) string {
	if !s.titled[i] {
		if t := s.nodes[i].Title; t != "" {
			s.title[i] = Fold(t)
		}
		s.titled[i] = true
	}
	return s.title[i]
}

func (s *clauseSide) labelOf(i int32) string {
	if !s.labeled[i] {
		s.label[i] = clause.NormLabel(s.nodes[i].Label())
		s.labeled[i] = true
	}
	return s.label[i]
}

// childKey is where the children of clause i (-1: the root) are kept.
func (s *clauseSide) childKey(i int32) int32 {
	if i < 0 {
		return int32(len(s.nodes))
	}
	return i
}

// rareOf returns the bigrams of clause i found in at most maxPost items of
// ix.
func (s *clauseSide) rareOf(i int32, ix *gramIndex, maxPost int) []uint64 {
	if s.rare == nil {
		s.rare = make([][]uint64, len(s.nodes))
	}
	if s.rare[i] == nil {
		r := []uint64{}
		for _, g := range s.gramsOf(i) {
			if p := ix.ranges[g]; int(p[1]-p[0]) <= maxPost {
				r = append(r, g)
			}
		}
		s.rare[i] = r
	}
	return s.rare[i]
}

func (s *clauseSide) gramsOf(i int32) []uint64 {
	if s.grams[i] == nil {
		s.grams[i] = bigramSet(s.body[i])
		if s.grams[i] == nil {
			s.grams[i] = []uint64{}
		}
	}
	return s.grams[i]
}

// aligner holds the pairing as it grows: o2n[i] is the new clause old
// clause i became, -1 while unpaired; n2o the reverse.
type aligner struct {
	o, n     *clauseSide
	o2n, n2o []int32
	anchors  [][2]int32 // (old, new) in increasing order on both sides

	poolAt         []int32    // position of an old clause in indexed's pool
	rareIx         *gramIndex // rarity's index of rarePool, or nil
	rarePool       []int32
	maxPost        int // rare: in at most maxPost clauses of rarePool
	scratchParents []int32
	gapO, gapN     []int32 // the gap (between anchors) of each unpaired clause
	samePath       []int8  // memo of sameLabelPath by new clause: 1 yes, -1 no
}

func align(old, new *clause.Document) *aligner {
	a := &aligner{o: newSide(old), n: newSide(new)}
	a.o2n = make([]int32, len(a.o.nodes))
	a.n2o = make([]int32, len(a.n.nodes))
	for i := range a.o2n {
		a.o2n[i] = -1
	}
	for i := range a.n2o {
		a.n2o[i] = -1
	}
	a.anchor()
	a.rarity()
	a.matchGaps()
	a.matchAll()
	a.inferParents()
	a.matchSiblings()
	a.inferParents()
	return a
}

func (a *aligner) pair(o, n int32) {
	a.o2n[o], a.n2o[n] = n, o
}

// anchor pairs the clauses whose body is the same and unique on both sides,
// and keeps the longest run of them that is in order on both sides
// as the anchors that delimit gaps (a patience-diff pass).
func (a *aligner) anchor() {
	type seen struct {
		count int
		at    int32
	}
	count := func(folds []string) map[string]seen {
		m := make(map[string]seen, len(folds))
		for i, f := range folds {
			if f == "" {
				continue
			}
			s := m[f]
			s.count++
			s.at = int32(i)
			m[f] = s
		}
		return m
	}
	oc, nc := count(a.o.body), count(a.n.body)
	var cands [][2]int32
	for ni, f := range a.n.body {
		if f == "" || nc[f].count != 1 {
			continue
		}
		if o := oc[f]; o.count == 1 {
			cands = append(cands, [2]int32{o.at, int32(ni)})
			a.pair(o.at, int32(ni))
		}
	}
	a.anchors = increasingRun(cands)
}

// increasingRun returns the longest subsequence of cands (ordered by their
// second element) whose first elements increase; ties go to the earliest.
func increasingRun(cands [][2]int32) [][2]int32 {
	if len(cands) == 0 {
		return nil
	}
	tails := []int{} // tails[k]: index in cands of the smallest tail of a run of length k+1
	prev := make([]int, len(cands))
	for i, c := range cands {
		k, _ := slices.BinarySearchFunc(tails, c[0], func(t int, v int32) int {
			return int(cands[t][0] - v)
		})
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	run := make([][2]int32, len(tails))
	for i, k := tails[len(tails)-1], len(tails)-1; k >= 0; i, k = prev[i], k-1 {
		run[k] = cands[i]
	}
	return run
}

// matchGaps records the gap of every unpaired clause, and matches the
// unpaired clauses of each small gap (all pairs compared). Larger gaps are
// left to matchAll and its index.
func (a *aligner) matchGaps() {
	a.gapO = make([]int32, len(a.o.nodes))
	a.gapN = make([]int32, len(a.n.nodes))
	po, pn := int32(-1), int32(-1)
	bounds := append(slices.Clone(a.anchors), [2]int32{int32(len(a.o.nodes)), int32(len(a.n.nodes))})
	var olds, news []int32
	for g, b := range bounds {
		olds, news = olds[:0], news[:0]
		for i := po + 1; i < b[0]; i++ {
			if a.o2n[i] < 0 {
				olds = append(olds, i)
				a.gapO[i] = int32(g)
			}
		}
		for i := pn + 1; i < b[1]; i++ {
			if a.n2o[i] < 0 {
				news = append(news, i)
				a.gapN[i] = int32(g)
			}
		}
		if len(olds) > 0 && len(news) > 0 {
			a.exact(olds, news, exactDepth)
			olds, news = a.unpairedOld(olds), a.unpairedNew(news)
			if len(olds)*len(news) <= smallGroup {
				a.match(olds, news, false)
			}
		}
		po, pn = b[0], b[1]
	}
}

// exact pairs, inside a gap, clauses whose bodies are equal but not unique
// in the document, the way patience diff does: equal runs at both ends,
// then the bodies unique within the gap (their longest run in order), and
// again inside each smaller gap between those, depth levels down. A body
// repeated (本条删除, 略, a list of identical items) so stays in order.
func (a *aligner) exact(olds, news []int32, depth int) {
	for len(olds) > 0 && len(news) > 0 && a.o.body[olds[0]] == a.n.body[news[0]] {
		a.pair(olds[0], news[0])
		olds, news = olds[1:], news[1:]
	}
	for len(olds) > 0 && len(news) > 0 && a.o.body[olds[len(olds)-1]] == a.n.body[news[len(news)-1]] {
		a.pair(olds[len(olds)-1], news[len(news)-1])
		olds, news = olds[:len(olds)-1], news[:len(news)-1]
	}
	if len(olds) < 2 || len(news) < 2 || depth == 0 {
		return
	}
	type seen struct {
		count int
		at    int // position in olds
	}
	oc := make(map[string]seen, len(olds))
	for i, o := range olds {
		s := oc[a.o.body[o]]
		s.count++
		s.at = i
		oc[a.o.body[o]] = s
	}
	nc := make(map[string]int, len(news))
	for _, n := range news {
		nc[a.n.body[n]]++
	}
	var cands [][2]int32 // positions in olds and news
	for j, n := range news {
		b := a.n.body[n]
		if s := oc[b]; b != "" && s.count == 1 && nc[b] == 1 {
			cands = append(cands, [2]int32{int32(s.at), int32(j)})
		}
	}
	run := increasingRun(cands)
	po, pn := -1, -1
	for _, r := range append(run, [2]int32{int32(len(olds)), int32(len(news))}) {
		i, j := int(r[0]), int(r[1])
		if i < len(olds) {
			a.pair(olds[i], news[j])
		}
		if i-po > 1 && j-pn > 1 {
			a.exact(olds[po+1:i], news[pn+1:j], depth-1)
		}
		po, pn = i, j
	}
}

func (a *aligner) unpairedOld(olds []int32) []int32 {
	out := olds[:0]
	for _, o := range olds {
		if a.o2n[o] < 0 {
			out = append(out, o)
		}
	}
	return out
}

func (a *aligner) unpairedNew(news []int32) []int32 {
	out := news[:0]
	for _, n := range news {
		if a.n2o[n] < 0 {
			out = append(out, n)
		}
	}
	return out
}

// inferParents pairs an unpaired old clause with the unpaired new clause
// that holds most of its paired children, when those are at least half of
// the children on both sides. Deepest clauses first, so that a chain of
// rewritten headings pairs from the bottom up.
func (a *aligner) inferParents() {
	for oi := int32(len(a.o.nodes)) - 1; oi >= 0; oi-- {
		kids := a.o.children[oi]
		if a.o2n[oi] >= 0 || len(kids) == 0 {
			continue
		}
		ps := a.scratchParents[:0]
		for _, c := range kids {
			if nc := a.o2n[c]; nc >= 0 {
				if p := a.n.parent[nc]; p >= 0 && a.n2o[p] < 0 {
					ps = append(ps, p)
				}
			}
		}
		slices.Sort(ps)
		a.scratchParents = ps
		best, votes := int32(-1), 0
		for i := 0; i < len(ps); {
			j := i
			for j < len(ps) && ps[j] == ps[i] {
				j++
			}
			if j-i > votes { // ties: the earliest new parent
				best, votes = ps[i], j-i
			}
			i = j
		}
		if best >= 0 && 2*votes >= len(kids) && 2*votes >= len(a.n.children[best]) {
			a.pair(oi, best)
		}
	}
}

// matchSiblings matches the unpaired children of each paired parent (the
// root included).
func (a *aligner) matchSiblings() {
	var olds, news []int32
	group := func(op, np int32) {
		olds, news = olds[:0], news[:0]
		for _, c := range a.o.children[a.o.childKey(op)] {
			if a.o2n[c] < 0 {
				olds = append(olds, c)
			}
		}
		if len(olds) == 0 {
			return
		}
		for _, c := range a.n.children[a.n.childKey(np)] {
			if a.n2o[c] < 0 {
				news = append(news, c)
			}
		}
		a.match(olds, news, false)
	}
	group(-1, -1)
	for oi := range a.o.nodes {
		if np := a.o2n[oi]; np >= 0 {
			group(int32(oi), np)
		}
	}
}

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

// matchAll matches whatever is still unpaired, anywhere: with the gap
// threshold inside a gap, with the stricter far threshold across gaps.
func (a *aligner) matchAll() {
	var olds, news []int32
	for i, n := range a.o2n {
		if n < 0 {
			olds = append(olds, int32(i))
		}
	}
	for i, o := range a.n2o {
		if o < 0 {
			news = append(news, int32(i))
		}
	}
	a.match(olds, news, true)
}

// accept reports whether a pair with this score and content similarity is
// good enough: across gaps (far) content must carry it.
//
// Near, structure helps but cannot carry a pair alone: unless the titles
// are the same, the texts must share a fair part of their bigrams, so that
// an item deleted and another inserted at its place are not taken for one
// clause rewritten (policy text shares much vocabulary: 人工智能, 建设,
// 责任单位 …).
func (a *aligner) accept(o, n int32, score, d float64, far bool) bool {
	if far && a.gapO[o] != a.gapN[n] {
		return score >= minScoreFar && d >= minDiceFar
	}
	return score >= minScore && (d >= minDiceNear || a.sameTitle(o, n))
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
	op, np := a.o.parent[o], a.n.parent[n]
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
		if s, d := a.score(o, n, d); a.accept(o, n, s, d, far) {
			cands = append(cands, alignCand{s, o, n})
		}
	}
	if len(olds)*len(news) <= smallGroup {
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
	if a.o.nodes[o].Label() == a.n.nodes[n].Label() {
		return true
	}
	return a.o.labelOf(o) == a.n.labelOf(n)
}
