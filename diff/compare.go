package diff

import (
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
func Compare(old, new *clause.Document, opts Options) *Result {
	r := &Result{Old: old, New: new}
	a := align(old, new)
	r.Pairs = a.pairs()
	for _, p := range r.Pairs {
		if c, ok := a.change(p); ok {
			r.Changes = append(r.Changes, c)
		}
	}
	return r
}

// pairs orders the alignment: new-document order, each deleted old clause
// placed after the new subtree of its nearest preceding paired sibling, or
// right after its parent's counterpart when no earlier sibling survived.
// Deleted children of a deleted clause follow it.
func (a *aligner) pairs() []Pair {
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
	for oi := range a.o.nodes {
		if a.o2n[oi] >= 0 {
			continue
		}
		s := a.deletedSlot(int32(oi), end, slot)
		slot[oi] = s
		after[s] = append(after[s], int32(oi))
	}
	out := make([]Pair, 0, nn+len(a.o.nodes)-countPaired(a.o2n))
	emit := func(s int32) {
		for _, oi := range after[s] {
			out = append(out, Pair{Old: a.o.nodes[oi]})
		}
	}
	emit(0)
	for ni, n := range a.n.nodes {
		p := Pair{New: n}
		if oi := a.n2o[ni]; oi >= 0 {
			p.Old = a.o.nodes[oi]
		}
		out = append(out, p)
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

func countPaired(o2n []int32) int {
	n := 0
	for _, x := range o2n {
		if x >= 0 {
			n++
		}
	}
	return n
}

// change describes pair p, and reports false when it did not change.
func (a *aligner) change(p Pair) (Change, bool) {
	switch {
	case p.Old == nil:
		nb := p.New.Body()
		c := Change{Kind: Inserted, New: p.New, Units: compareUnits(nil, p.New.Units)}
		if nb != "" {
			c.Ops = []Op{{Insert, nb}}
		}
		return c, true
	case p.New == nil:
		ob := p.Old.Body()
		c := Change{Kind: Deleted, Old: p.Old, Units: compareUnits(p.Old.Units, nil)}
		if ob != "" {
			c.Ops = []Op{{Delete, ob}}
		}
		return c, true
	}
	c := Change{Kind: Modified, Old: p.Old, New: p.New}
	if !a.sameParent(p.Old, p.New) {
		c.Kind = Moved
		c.Renumbered = clause.NormLabel(p.Old.Label()) != clause.NormLabel(p.New.Label())
	} else {
		c.Renumbered = clause.NormLabel(p.Old.Path()) != clause.NormLabel(p.New.Path())
	}
	ob, nb := p.Old.Body(), p.New.Body()
	if c.Kind == Modified && !c.Renumbered && ob == nb {
		return Change{}, false
	}
	c.Ops = Text(ob, nb)
	if ob != nb {
		c.FormattingOnly = formattingOnly(ob, nb)
		if !c.FormattingOnly {
			c.Quantities = compareQuantities(ob, nb)
		}
	}
	c.Units = compareUnits(p.Old.Units, p.New.Units)
	return c, true
}

// sameParent reports whether new's parent is the counterpart of old's
// parent (the roots are counterparts).
func (a *aligner) sameParent(old, new *clause.Node) bool {
	op, np := old.Parent, new.Parent
	if op == nil || op.Kind == clause.KindDocument || np == nil || np.Kind == clause.KindDocument {
		return (op == nil || op.Kind == clause.KindDocument) == (np == nil || np.Kind == clause.KindDocument)
	}
	return a.newOf(op) == np
}

// newOf returns the new counterpart of old clause n, or nil.
func (a *aligner) newOf(n *clause.Node) *clause.Node {
	if a.oIndex == nil {
		a.oIndex = make(map[*clause.Node]int32, len(a.o.nodes))
		for i, m := range a.o.nodes {
			a.oIndex[m] = int32(i)
		}
	}
	i, ok := a.oIndex[n]
	if !ok || a.o2n[i] < 0 {
		return nil
	}
	return a.n.nodes[a.o2n[i]]
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
