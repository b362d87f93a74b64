package review

import (
	"slices"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
)

// RenumberRun is a run of neighbouring changes that only renumber their
// clauses — an insertion or a deletion shifted them, their text is the
// same — which readers want said once ("第一百九十四条至第二百八十四条 →
// 第一百九十八条至第二百八十八条，依次顺延，内容未改") rather than clause by
// clause. The run counts the clauses of one kind (articles when there are
// any, else the kind of its outermost clause); the others in it (the 款 and
// items of those articles, a 节 renumbered with them) are shifted with them.
type RenumberRun struct {
	Kind                clause.Kind // the kind of clause the run counts
	Count               int         // how many of them
	OldFirst, OldLast   string      // their labels (the last level) before
	NewFirst, NewLast   string      // and after
	FirstPath, LastPath string      // the full label paths of the first and last, after
	First, Last         int         // the run's first and last change in Document.Changes (real changes between them are not in it)
	Shift               int         // new number − old number of the first: +4 when four were inserted
	// Changed lists, new labels (the last level) in order, the run's
	// articles that have a real change in one of their parts (a reworded
	// 款): those are not unchanged, and their changes are listed on their
	// own.
	Changed []string
}

// minRun is the fewest counted clauses that make a run: one or two shifted
// clauses read better each on its own.
const minRun = 3

// renumberRuns finds the runs of renumber-only changes in changes (in
// document order), sets Run on each change of a run and returns them. A
// run goes on past a real change inside one of its clauses (a reworded 款
// of a renumbered article), which is still listed on its own; any other
// real change, or a change in how far the articles shift, ends it.
func renumberRuns(changes []Change) []RenumberRun {
	var runs []RenumberRun
	var members []int
	inRun := map[*clause.Node]bool{} // the clauses of the open run, both sides
	var changed []*clause.Node       // the run's articles with a real change in a part, new side
	shift, haveShift := 0, false
	flush := func() {
		if r, ok := makeRun(changes, members); ok {
			for _, a := range changed {
				r.Changed = append(r.Changed, a.Label())
			}
			runs = append(runs, r)
			for _, k := range members {
				changes[k].Run = len(runs)
			}
		}
		members, haveShift, changed = members[:0], false, nil
		clear(inRun)
	}
	for i := range changes {
		c := &changes[i]
		if !onlyRenumbered(c) {
			if len(members) > 0 && !(within(c.New, inRun) || within(c.Old, inRun)) {
				flush()
			} else if a := runArticle(c, changes, members); a != nil && !slices.Contains(changed, a) {
				changed = append(changed, a)
			}
			continue
		}
		if c.New.Kind == clause.KindArticle {
			d := c.New.Num.Value - c.Old.Num.Value
			if haveShift && d != shift {
				flush()
			}
			shift, haveShift = d, true
		}
		members = append(members, i)
		inRun[c.New], inRun[c.Old] = true, true
	}
	flush()
	return runs
}

// runArticle is the article of the run (the new side of one of members)
// that holds c, a real change in one of its parts, or nil.
func runArticle(c *Change, changes []Change, members []int) *clause.Node {
	for _, n := range []*clause.Node{c.New, c.Old} {
		for a := n; a != nil; a = a.Parent {
			if a == n || !articleLevel(a) {
				continue
			}
			for _, k := range members {
				if m := &changes[k]; m.New == a || m.Old == a {
					return m.New
				}
			}
		}
	}
	return nil
}

// within reports whether an ancestor of n is in set.
func within(n *clause.Node, set map[*clause.Node]bool) bool {
	if n == nil {
		return false
	}
	for a := n.Parent; a != nil; a = a.Parent {
		if set[a] {
			return true
		}
	}
	return false
}

// onlyRenumbered reports whether a change only gives its clause a new
// number: paired, same text (or formatting only), no comment behind it.
func onlyRenumbered(c *Change) bool {
	if c.Kind != diff.Modified || !c.Renumbered || len(c.Comments) > 0 || c.Old == nil || c.New == nil || c.Unnumbered() {
		return false
	}
	if c.FormattingOnly {
		return true
	}
	for _, op := range c.Ops {
		if op.Kind != diff.Equal {
			return false
		}
	}
	return true
}

// makeRun describes the changes at members as a run, if it counts enough
// clauses.
func makeRun(changes []Change, members []int) (RenumberRun, bool) {
	if len(members) == 0 {
		return RenumberRun{}, false
	}
	kind, depth := clause.KindDocument, -1
	for _, k := range members {
		n := changes[k].New
		if n.Kind == clause.KindArticle {
			kind = clause.KindArticle
			break
		}
		if d := nodeDepth(n); depth < 0 || d < depth {
			kind, depth = n.Kind, d
		}
	}
	r := RenumberRun{Kind: kind, First: members[0], Last: members[len(members)-1]}
	var first *Change
	for _, k := range members {
		c := &changes[k]
		if c.New.Kind != kind {
			continue
		}
		if r.Count == 0 {
			first = c
			r.OldFirst, r.NewFirst, r.FirstPath = c.Old.Label(), c.New.Label(), c.NewLabel
			r.Shift = c.New.Num.Value - c.Old.Num.Value
		}
		r.OldLast, r.NewLast, r.LastPath = c.Old.Label(), c.New.Label(), c.NewLabel
		r.Count++
	}
	if r.OldFirst == r.NewFirst && r.OldLast == r.NewLast {
		// Items whose own numbers stay, renumbered with the clause that
		// holds them (a changed article's 项): say whose they are.
		if op, np := first.Old.Parent, first.New.Parent; op != nil && np != nil && op.Kind != clause.KindDocument && np.Kind != clause.KindDocument {
			r.OldFirst, r.NewFirst = op.Path()+"/"+r.OldFirst, np.Path()+"/"+r.NewFirst
		}
	}
	return r, r.Count >= minRun
}

func nodeDepth(n *clause.Node) int {
	d := 0
	for ; n != nil && n.Kind != clause.KindDocument; n = n.Parent {
		d++
	}
	return d
}
