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
//  1. anchors: clauses whose folded body is unique in both documents and
//     equal are paired. The longest increasing run of them (in pre-order on
//     both sides) splits the documents into gaps; the others are moves.
//  2. gaps: between two consecutive anchors, the unpaired old and new
//     clauses are paired by content similarity (character-bigram Dice) with
//     structure as a hint (same title, same kind, parents already paired,
//     same label), best first, above a threshold.
//  3. parents: an unpaired old clause whose children mostly became the
//     children of one unpaired new clause is that clause (a heading
//     rewritten while its items stayed).
//  4. siblings: the unpaired children of each paired parent are matched
//     among themselves.
//  5. leftovers: what is still unpaired anywhere is matched with a stricter
//     threshold, which finds clauses moved far and edited at once.
//
// Every similarity search runs on an inverted bigram index with capped
// posting lists and a capped number of candidates per clause, so the work
// grows with the number of changed clauses, never with the square of the
// document.

// Thresholds and caps of the alignment. Scores are Dice in [0,1] plus the
// structural bonuses below.
const (
	minScore        = 0.5  // passes 2 and 4
	minScoreFar     = 0.65 // pass 5
	minDiceFar      = 0.4  // pass 5: content must carry a far match
	bonusTitle      = 0.3  // same non-empty title (lead phrase)
	bonusKind       = 0.05 // same numbering scheme
	penaltyKind     = 0.1  // different numbering scheme
	bonusParent     = 0.15 // parents already paired with each other
	bonusLabel      = 0.05 // same label at its own level
	smallGroup      = 256  // below this many pairs, compare all of them
	candidatesPerNC = 8    // candidates per new clause from the index
	structuralCands = 4    // candidates per new clause by title and by label
)

// side is one document's clauses in pre-order with what alignment needs.
type side struct {
	nodes    []*clause.Node
	parent   []int32   // index of the parent clause; -1 for the root
	children [][]int32 // children of each clause; the last entry is the root's
	body     []string  // Node.Body()
	fold     []string  // folded body: what "the same text" means
	title    []string  // folded title
	label    []string  // NormLabel of the clause's own label
	grams    [][]uint64
}

func newSide(d *clause.Document) *side {
	nodes := d.Clauses()
	s := &side{
		nodes:    nodes,
		parent:   make([]int32, len(nodes)),
		children: make([][]int32, len(nodes)+1),
		body:     make([]string, len(nodes)),
		fold:     make([]string, len(nodes)),
		title:    make([]string, len(nodes)),
		label:    make([]string, len(nodes)),
		grams:    make([][]uint64, len(nodes)),
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
		s.fold[i] = foldText(s.body[i])
		if n.Title != "" {
			s.title[i] = foldText(n.Title)
		}
		s.label[i] = clause.NormLabel(n.Label())
	}
	return s
}

// childKey is where the children of clause i (-1: the root) are kept.
func (s *side) childKey(i int32) int32 {
	if i < 0 {
		return int32(len(s.nodes))
	}
	return i
}

func (s *side) gramsOf(i int32) []uint64 {
	if s.grams[i] == nil {
		s.grams[i] = bigramSet(s.fold[i])
		if s.grams[i] == nil {
			s.grams[i] = []uint64{}
		}
	}
	return s.grams[i]
}

// aligner holds the pairing as it grows: o2n[i] is the new clause old
// clause i became, -1 while unpaired; n2o the reverse.
type aligner struct {
	o, n     *side
	o2n, n2o []int32
	anchors  [][2]int32 // (old, new) in increasing order on both sides

	count          []int32 // scratch for gramIndex.topShared
	buf            []int32
	scratchParents []int32
	oIndex         map[*clause.Node]int32 // built on first use by newOf
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
	a.matchGaps()
	a.inferParents()
	a.matchSiblings()
	a.matchLeftovers()
	a.inferParents()
	return a
}

func (a *aligner) pair(o, n int32) {
	a.o2n[o], a.n2o[n] = n, o
}

// anchor pairs the clauses whose folded body is the same and unique on both
// sides, and keeps the longest run of them that is in order on both sides
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
	oc, nc := count(a.o.fold), count(a.n.fold)
	var cands [][2]int32
	for ni, f := range a.n.fold {
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

// matchGaps matches the unpaired clauses between each two anchors.
func (a *aligner) matchGaps() {
	po, pn := int32(-1), int32(-1)
	bounds := append(slices.Clone(a.anchors), [2]int32{int32(len(a.o.nodes)), int32(len(a.n.nodes))})
	var olds, news []int32
	for _, b := range bounds {
		olds, news = olds[:0], news[:0]
		for i := po + 1; i < b[0]; i++ {
			if a.o2n[i] < 0 {
				olds = append(olds, i)
			}
		}
		for i := pn + 1; i < b[1]; i++ {
			if a.n2o[i] < 0 {
				news = append(news, i)
			}
		}
		a.match(olds, news, minScore, 0)
		po, pn = b[0], b[1]
	}
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
		a.match(olds, news, minScore, 0)
	}
	group(-1, -1)
	for oi := range a.o.nodes {
		if np := a.o2n[oi]; np >= 0 {
			group(int32(oi), np)
		}
	}
}

// matchLeftovers matches whatever is still unpaired, anywhere, on content.
func (a *aligner) matchLeftovers() {
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
	a.match(olds, news, minScoreFar, minDiceFar)
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
// their bodies' bigrams plus the structural bonuses.
func (a *aligner) score(o, n int32) (score, d float64) {
	if a.o.fold[o] == a.n.fold[n] {
		d = 1
	} else {
		d = dice(a.o.gramsOf(o), a.n.gramsOf(n))
	}
	score = d
	if t := a.o.title[o]; t != "" && t == a.n.title[n] {
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
	if a.o.label[o] == a.n.label[n] {
		score += bonusLabel
	}
	return score, d
}

type candidate struct {
	score float64
	o, n  int32
}

// match pairs clauses of olds with clauses of news (all unpaired), best
// score first, ties by new then old position, keeping only pairs with at
// least minS score and minD content similarity.
func (a *aligner) match(olds, news []int32, minS, minD float64) {
	if len(olds) == 0 || len(news) == 0 {
		return
	}
	var cands []candidate
	consider := func(o, n int32) {
		if s, d := a.score(o, n); s >= minS && d >= minD {
			cands = append(cands, candidate{s, o, n})
		}
	}
	if len(olds)*len(news) <= smallGroup {
		for _, n := range news {
			for _, o := range olds {
				consider(o, n)
			}
		}
	} else {
		a.indexed(olds, news, consider)
	}
	slices.SortFunc(cands, func(x, y candidate) int {
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
// clauses: those sharing the most bigrams (through an inverted index whose
// very common bigrams are skipped), those with the same title, and those
// with the same label under the paired parent.
func (a *aligner) indexed(olds, news []int32, consider func(o, n int32)) {
	sets := make([][]uint64, len(olds))
	byTitle := map[string][]int32{}
	byLabel := map[labelKey][]int32{}
	for i, o := range olds {
		sets[i] = a.o.gramsOf(o)
		if t := a.o.title[o]; t != "" && len(byTitle[t]) < structuralCands {
			byTitle[t] = append(byTitle[t], o)
		}
		k := labelKey{a.o.label[o], a.pairedParentOf(o)}
		if len(byLabel[k]) < structuralCands {
			byLabel[k] = append(byLabel[k], o)
		}
	}
	ix := newGramIndex(sets)
	if cap(a.count) < len(olds) {
		a.count = make([]int32, len(olds))
	}
	count := a.count[:len(olds)]
	maxPost := 32
	for maxPost*maxPost < 16*len(olds) {
		maxPost *= 2
	}
	var seen []int32
	for _, n := range news {
		seen = seen[:0]
		try := func(o int32) {
			if !slices.Contains(seen, o) {
				seen = append(seen, o)
				consider(o, n)
			}
		}
		a.buf = ix.topShared(a.n.gramsOf(n), candidatesPerNC, maxPost, count, a.buf)
		for _, i := range a.buf {
			try(olds[i])
		}
		if t := a.n.title[n]; t != "" {
			for _, o := range byTitle[t] {
				try(o)
			}
		}
		for _, o := range byLabel[labelKey{a.n.label[n], a.n.parent[n]}] {
			try(o)
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
