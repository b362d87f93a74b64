package diff

import (
	"hash/maphash"
	"slices"

	"github.com/redline-docs/redline/clause"
)

// Clause alignment: which old clause became which new clause.
//
// The passes, each cheap and each working only on what the previous ones
// left unpaired:
//
//  1. anchors: clauses whose body is unique in both documents and equal
//     are paired. The longest run of them in order (pre-order on both
//     sides) splits the documents into gaps; the others are moves.
//  2. rarity: when much of the document is left unpaired (a heavy
//     revision, a rewrite), similarity counts only bigrams rare among the
//     unpaired clauses, so shared vocabulary does not pair strangers.
//  3. gaps: inside each gap between two anchors, equal bodies that repeat
//     in the document are paired in order (patience diff); then clauses
//     are paired by content similarity (character-bigram Dice, which sees
//     through formatting) with structure as a hint (same title, same kind,
//     parents paired, same label), best first, above a threshold. Small
//     gaps compare all pairs; one pass over an inverted index then does
//     the large gaps and, with a stricter threshold, pairs across gaps:
//     clauses moved far and edited at once.
//  4. parents: an unpaired old clause whose children mostly became the
//     children of one unpaired new clause is that clause (a heading
//     rewritten while its items stayed).
//  5. siblings: the unpaired children of each paired parent are matched
//     among themselves, and parents inferred again.
//  6. articles (article.go): throughout, an article and a 款 are compared
//     by their whole text with their parts, and never paired with a clause
//     of another unit; at the end, an article that has 款 in one version
//     only takes the 款 that carries its text as its own (reshape), and a
//     款 that became an article, or an article a 款, is paired (promote).
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
	body     []string  // what alignment compares: Node.Body(), with its parts for an article or 款 (partsBody)
	own      []string  // Node.Body(): what a change describes
	alias    []int32   // the other side's article a 款 stands for (reshaped); -1 otherwise
	unit     []int8    // unitKind
	title    []string  // folded title (titleOf)
	label    []string  // NormLabel of the clause's own label (labelOf)
	titled   []bool
	labeled  []bool
	grams    [][]uint64
	rare     [][]uint64 // rareOf
	lang     clause.Lang
}

func newSide(d *clause.Document) *clauseSide {
	// The clauses in document order (as Document.Clauses lists them), with
	// their parents and children, in one walk: no map from node to index.
	// Every table is allocated once at its size, and the children lists
	// share one array: a 1 MB document has thousands of clauses, and
	// growing and copying their tables was a tenth of the alignment.
	total := 0
	var count func(n *clause.Node)
	count = func(n *clause.Node) {
		total += len(n.Children)
		for _, c := range n.Children {
			count(c)
		}
	}
	if d.Root != nil {
		count(d.Root)
	}
	s := &clauseSide{
		nodes:    make([]*clause.Node, 0, total),
		parent:   make([]int32, 0, total),
		children: make([][]int32, total+1),
		body:     make([]string, total),
		own:      make([]string, total),
		alias:    make([]int32, total),
		unit:     make([]int8, total),
		title:    make([]string, total),
		label:    make([]string, total),
		grams:    make([][]uint64, total),
		titled:   make([]bool, total),
		labeled:  make([]bool, total),
		lang:     d.Lang,
	}
	kids := make([]int32, total)
	var walk func(n *clause.Node, p int32)
	walk = func(n *clause.Node, p int32) {
		if len(n.Children) == 0 {
			return
		}
		list := kids[:len(n.Children):len(n.Children)]
		kids = kids[len(n.Children):]
		if p < 0 {
			s.children[total] = list
		} else {
			s.children[p] = list
		}
		for j, c := range n.Children {
			i := int32(len(s.nodes))
			s.nodes = append(s.nodes, c)
			s.parent = append(s.parent, p)
			s.own[i] = c.Body()
			s.unit[i] = int8(unitKind(c))
			s.body[i] = s.own[i]
			if s.unit[i] != 0 {
				s.body[i] = partsBody(c, s.own[i])
			}
			s.alias[i] = -1
			list[j] = i
			walk(c, i)
		}
	}
	if d.Root != nil {
		walk(d.Root, -1)
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
	crossUnits     bool    // promote: a 款 may pair with an article (compatible)
}

func align(old, new *clause.Document) *aligner {
	a := &aligner{}
	both(func() { a.o = newSide(old) }, func() { a.n = newSide(new) })
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
	a.inPlace()
	a.reshape()
	a.promote()
	return a
}

func (a *aligner) pair(o, n int32) {
	a.o2n[o], a.n2o[n] = n, o
}

// anchor pairs the clauses whose body is the same and unique on both sides,
// and keeps the longest run of them that is in order on both sides
// as the anchors that delimit gaps (a patience-diff pass).
//
// Bodies are counted by a 64-bit hash, each body hashed once, which halves
// the anchoring of a large document against keying the maps by the bodies.
// On a collision (two different bodies, one hash) the count is redone by
// the bodies themselves, so the result never depends on the random seed.
func (a *aligner) anchor() {
	seed := maphash.MakeSeed()
	cands, ok := uniqueBodies(a.o.body, a.n.body, func(s string) uint64 { return maphash.String(seed, s) })
	if !ok {
		cands, _ = uniqueBodies(a.o.body, a.n.body, func(s string) string { return s })
	}
	kept := cands[:0]
	for _, c := range cands {
		if a.compatible(c[0], c[1]) {
			a.pair(c[0], c[1])
			kept = append(kept, c)
		}
	}
	a.anchors = increasingRun(kept)
}

// uniqueBodies returns, in new-document order, the (old, new) clauses whose
// non-empty body is the same and unique in each document, counting bodies
// by key(body). Bodies of equal key are compared, so a collision of keys is
// never taken for equality: ok is false then.
func uniqueBodies[K comparable](olds, news []string, key func(string) K) (cands [][2]int32, ok bool) {
	type seen struct{ count, at int32 }
	count := func(bodies []string) (map[K]seen, []K, bool) {
		m := make(map[K]seen, len(bodies))
		keys := make([]K, len(bodies))
		for i, f := range bodies {
			if f == "" {
				continue
			}
			k := key(f)
			keys[i] = k
			s := m[k]
			if s.count > 0 && bodies[s.at] != f {
				return nil, nil, false
			}
			s.count++
			s.at = int32(i)
			m[k] = s
		}
		return m, keys, true
	}
	var oc, nc map[K]seen
	var nk []K
	var okO, okN bool
	both(func() { oc, _, okO = count(olds) }, func() { nc, nk, okN = count(news) })
	if !okO || !okN {
		return nil, false
	}
	for ni, f := range news {
		if f == "" || nc[nk[ni]].count != 1 {
			continue
		}
		if o := oc[nk[ni]]; o.count == 1 {
			if olds[o.at] != f {
				return nil, false // keys equal across the documents, bodies not
			}
			cands = append(cands, [2]int32{o.at, int32(ni)})
		}
	}
	return cands, true
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
	for len(olds) > 0 && len(news) > 0 && a.o.body[olds[0]] == a.n.body[news[0]] && a.compatible(olds[0], news[0]) {
		a.pair(olds[0], news[0])
		olds, news = olds[1:], news[1:]
	}
	for len(olds) > 0 && len(news) > 0 && a.o.body[olds[len(olds)-1]] == a.n.body[news[len(news)-1]] && a.compatible(olds[len(olds)-1], news[len(news)-1]) {
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
		if s := oc[b]; b != "" && s.count == 1 && nc[b] == 1 && a.compatible(olds[s.at], n) {
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
		if best >= 0 && a.compatible(oi, best) && 2*votes >= len(kids) && 2*votes >= len(a.n.children[best]) {
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

// inPlace pairs what is still unpaired where a reviewer sees a clause
// rewritten in place: among the children of a paired parent (the root
// included), a run of unpaired old clauses and a run of unpaired new ones
// that stand between the same paired neighbours, as long as each other,
// with the same numbering scheme and label position by position. （二）
// reworded from end to end is still （二）, modified — not a deletion and an
// insertion — however few words the two texts share. Parents come before
// their children in pre-order, so pairs made here reach the next level.
func (a *aligner) inPlace() {
	group := func(op, np int32) {
		oc := a.o.children[a.o.childKey(op)]
		nc := a.n.children[a.n.childKey(np)]
		for i := 0; i < len(oc); {
			if a.o2n[oc[i]] >= 0 {
				i++
				continue
			}
			j := i
			for j < len(oc) && a.o2n[oc[j]] < 0 {
				j++
			}
			start := 0
			if i > 0 {
				start = slices.Index(nc, a.o2n[oc[i-1]]) + 1
				if start == 0 {
					i = j
					continue // the neighbour before moved to another parent
				}
			}
			end := start
			for end < len(nc) && a.n2o[nc[end]] < 0 {
				end++
			}
			sameNext := j == len(oc) && end == len(nc) || j < len(oc) && end < len(nc) && a.n2o[nc[end]] == oc[j]
			if sameNext && end-start == j-i && a.sameShape(oc[i:j], nc[start:end]) {
				for k := range j - i {
					a.pair(oc[i+k], nc[start+k])
				}
			}
			i = j
		}
	}
	group(-1, -1)
	for oi := range a.o.nodes {
		if np := a.o2n[oi]; np >= 0 {
			group(int32(oi), np)
		}
	}
}

// sameShape reports whether two runs of clauses have the same numbering
// scheme and label at every position.
func (a *aligner) sameShape(olds, news []int32) bool {
	for k, o := range olds {
		n := news[k]
		if a.o.nodes[o].Kind != a.n.nodes[n].Kind || !a.labelsEqual(o, n) {
			return false
		}
	}
	return true
}
