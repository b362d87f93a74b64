package diff

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/redline-docs/redline/clause"
)

// Compare aligns the clauses of old and new and describes every change.
//
// Each old clause is paired with its new self even when it was renumbered,
// moved under another parent or edited (see align.go for how). Result.Pairs
// then lists every clause of both documents once, in new-document order,
// each deleted clause after the paired sibling it followed. Result.Changes
// lists the pairs that changed:
//
//   - Inserted / Deleted: a clause with no counterpart; Ops is one Insert or
//     Delete of its body.
//   - Moved: the new parent is not the counterpart of the old parent (a
//     clause whose parent was only renumbered has not moved); Renumbered
//     then says whether its own label changed.
//   - Modified: anything else that changed: the body, or the label path
//     (Renumbered).
//
// Ops diff Node.Body, the text without the numbering marker, so a clause
// that was only renumbered has Equal ops only. A pair with the same body,
// label path and parent is unchanged and is not listed.
//
// A nil document is taken as an empty one (a document added or removed in
// a revision); Result.Old and Result.New are then that empty document.
func Compare(old, new *clause.Document, opts Options) *Result {
	r := Align(old, new, opts)
	r.Describe()
	return r
}

// Align is the first half of Compare: it pairs the clauses and lists the
// changes, each with its kind and units but without its word diff (Ops),
// formatting flag and quantities, which Describe adds. A caller with other
// work that needs only the pairs (clause ids, say) can do it while
// Describe runs.
func Align(old, new *clause.Document, opts Options) *Result {
	old, new = orEmpty(old), orEmpty(new)
	r := &Result{Old: old, New: new}
	// The text that belongs to no clause — a title, a preamble, closing
	// lines, or all of a document without numbering — is the root's own
	// text. It is compared like a clause, first, so that no edit goes
	// unseen; the root is no clause, so it is in no Pair.
	if old.Root != nil && new.Root != nil && old.Root.Body() != new.Root.Body() {
		r.Changes = append(r.Changes, Change{Kind: Modified, Old: old.Root, New: new.Root})
	}
	a := align(old, new)
	order := a.order()
	r.Pairs = make([]Pair, len(order))
	for i, p := range order {
		if p[0] >= 0 {
			r.Pairs[i].Old = a.o.nodes[p[0]]
		}
		if p[1] >= 0 {
			r.Pairs[i].New = a.n.nodes[p[1]]
		}
		if c, ok := a.change(p[0], p[1]); ok {
			r.Changes = append(r.Changes, c)
		}
	}
	return r
}

// Describe adds to each change of r that Align left undescribed (an edited
// clause) its word diff, formatting flag and quantities. It does nothing
// more when called again.
func (r *Result) Describe() {
	// The word diffs and quantities of edited clauses are the costly part
	// and independent of each other: share them among the processors. Each
	// change is written by one worker only, so the result does not depend
	// on scheduling.
	var edited []int
	for i, c := range r.Changes {
		if c.Old != nil && c.New != nil && c.Ops == nil {
			edited = append(edited, i)
		}
	}
	forEach(len(edited), func(i int) { describeEdit(&r.Changes[edited[i]]) })
}

// describeEdit fills in the word diff, formatting flag and quantities of a
// change whose body was edited.
func describeEdit(c *Change) {
	ob, nb := c.Bodies()
	// Tokenize each body once, for the word diff and the quantities.
	oe, ne := tokenEnds(ob, nil), tokenEnds(nb, nil)
	c.Ops = textEnds(ob, nb, oe, ne)
	c.FormattingOnly = FormattingOnly(ob, nb)
	if !c.FormattingOnly {
		c.Quantities = compareQuantities(ob, nb, quantitiesOf(ob, oe), quantitiesOf(nb, ne))
	}
}

// forEach calls f(0) … f(n-1), on several goroutines when n is large
// enough to pay for them.
func forEach(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/4)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

// both runs f and g at once, g on the calling goroutine.
func both(f, g func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	g()
	<-done
}

func orEmpty(d *clause.Document) *clause.Document {
	if d != nil && d.Root != nil {
		return d
	}
	name := ""
	if d != nil {
		name = d.Name
	}
	e, err := clause.Parse(name, nil, clause.Options{})
	if err != nil { // cannot happen for empty input; keep Compare total
		e = &clause.Document{Name: name, Root: &clause.Node{Kind: clause.KindDocument}}
	}
	return e
}

// order lists the alignment as (old, new) index pairs, -1 for none:
// new-document order, each deleted old clause placed after the new subtree
// of its nearest preceding paired sibling, or right after its parent's
// counterpart when no earlier sibling survived. Deleted children of a
// deleted clause follow it.
func (a *aligner) order() [][2]int32 {
	nn := len(a.n.nodes)
	// end[i]: the last new clause in the subtree of new clause i.
	end := make([]int32, nn)
	for i := nn - 1; i >= 0; i-- {
		if end[i] == 0 {
			end[i] = int32(i)
		}
		if p := a.n.parent[i]; p >= 0 && end[i] > end[p] {
			end[p] = end[i]
		}
	}
	// slot[o]: a deleted old clause goes after new clause slot-1 (0: first).
	slot := make([]int32, len(a.o.nodes))
	after := map[int32][]int32{}
	deleted := 0
	for oi := range a.o.nodes {
		if a.o2n[oi] >= 0 {
			continue
		}
		s := a.deletedSlot(int32(oi), end, slot)
		slot[oi] = s
		after[s] = append(after[s], int32(oi))
		deleted++
	}
	out := make([][2]int32, 0, nn+deleted)
	emit := func(s int32) {
		for _, oi := range after[s] {
			out = append(out, [2]int32{oi, -1})
		}
	}
	emit(0)
	for ni := range a.n.nodes {
		out = append(out, [2]int32{a.n2o[ni], int32(ni)})
		emit(int32(ni) + 1)
	}
	return out
}

func (a *aligner) deletedSlot(oi int32, end, slot []int32) int32 {
	parent := a.o.parent[oi]
	if parent >= 0 && a.o2n[parent] < 0 {
		return slot[parent] // with its deleted parent
	}
	sibs := a.o.children[a.o.childKey(parent)]
	for i := len(sibs) - 1; i >= 0; i-- {
		s := sibs[i]
		if s >= oi {
			continue
		}
		if n := a.o2n[s]; n >= 0 {
			return end[n] + 1
		}
	}
	if parent < 0 {
		return 0
	}
	return a.o2n[parent] + 1
}

// change describes the pair of old clause o and new clause n (-1: none),
// and reports false when it did not change.
func (a *aligner) change(o, n int32) (Change, bool) {
	switch {
	case o < 0 && a.n.alias[n] >= 0, n < 0 && a.o.alias[o] >= 0:
		return Change{}, false // a first 款 that is its article's own text
	case o < 0:
		node, body := a.n.nodes[n], a.n.own[n]
		c := Change{Kind: Inserted, New: node, Units: CompareUnits(nil, node.Units)}
		if body != "" {
			c.Ops = []Op{{Insert, body}}
		}
		return c, true
	case n < 0:
		node, body := a.o.nodes[o], a.o.own[o]
		c := Change{Kind: Deleted, Old: node, Units: CompareUnits(node.Units, nil)}
		if body != "" {
			c.Ops = []Op{{Delete, body}}
		}
		return c, true
	}
	c := Change{Kind: Modified, Old: a.o.nodes[o], New: a.n.nodes[n]}
	if !a.parentsPaired(o, n) {
		c.Kind = Moved
		c.Renumbered = !a.labelsEqual(o, n)
	} else {
		c.Renumbered = !a.sameLabelPath(o, n)
	}
	ob, nb := a.o.own[o], a.n.own[n]
	if c.Kind == Modified && !c.Renumbered && ob == nb {
		return Change{}, false
	}
	c.oldBody, c.newBody, c.bodies = ob, nb, true
	c.Units = CompareUnits(c.Old.Units, c.New.Units)
	if ob == nb { // only renumbered or moved: no need to diff
		c.Ops = []Op{}
		if ob != "" {
			c.Ops = []Op{{Equal, ob}}
		}
	}
	// Otherwise Ops stays nil: Compare has describeEdit fill it in.
	return c, true
}

// sameLabelPath reports whether old o and new n have the same label path
// (NormLabel level by level, as NormLabel(Path()) would compare). Results
// are memoised by new clause, as every pair asks about its parents.
func (a *aligner) sameLabelPath(o, n int32) bool {
	if o < 0 || n < 0 {
		return o < 0 && n < 0
	}
	if a.samePath == nil {
		a.samePath = make([]int8, len(a.n.nodes))
	}
	if m := a.samePath[n]; m != 0 && a.n2o[n] == o {
		return m > 0
	}
	same := a.labelsEqual(o, n) && a.sameLabelPath(a.o.parentOf(o), a.n.parentOf(n))
	if a.n2o[n] == o {
		a.samePath[n] = -1
		if same {
			a.samePath[n] = 1
		}
	}
	return same
}

// Counterparts returns, for r, the maps from each old clause to the new
// clause it became and back; deleted and inserted clauses are absent.
func (r *Result) Counterparts() (oldToNew, newToOld map[*clause.Node]*clause.Node) {
	oldToNew = make(map[*clause.Node]*clause.Node, len(r.Pairs))
	newToOld = make(map[*clause.Node]*clause.Node, len(r.Pairs))
	for _, p := range r.Pairs {
		if p.Old != nil && p.New != nil {
			oldToNew[p.Old] = p.New
			newToOld[p.New] = p.Old
		}
	}
	return oldToNew, newToOld
}
