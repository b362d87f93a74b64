package review

import (
	"strings"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
)

// A clause inserted with all its parts — a new article with its 款 and 项,
// a new 项 with its 目, a new English section with its subsections — is one
// change to a reviewer, not one per part: "第五条 新增", its text the whole
// article. The diff engine lists every clause it cannot pair, so the review
// folds an inserted (or deleted) clause's wholly inserted (deleted) subtree
// into the clause's own change (wholeChanges). A clause some part of which
// has a counterpart on the other side (a 款 moved in from another article)
// is not whole: each of its parts stays a change of its own. Nor is a
// division that holds articles or sections (编, 章, 节, Part, Chapter): each
// article of a new chapter is counted, commented on and explained on its
// own, and the chapter's change is its heading.

// wholeChanges returns the inserted or deleted clauses of r whose whole
// subtree is inserted or deleted with them, outermost only: nil when there
// are none. paired gives the clauses present in both revisions.
func wholeChanges(r *diff.Result, paired func() map[*clause.Node]bool) map[*clause.Node]bool {
	var whole map[*clause.Node]bool
	for i := range r.Changes {
		n := changedNode(&r.Changes[i])
		if n == nil || len(n.Children) == 0 || whole[n] || within(n, whole) {
			continue
		}
		if wholeSubtree(n, paired()) {
			if whole == nil {
				whole = map[*clause.Node]bool{}
			}
			whole[n] = true
		}
	}
	if whole == nil {
		return nil
	}
	// Changes list a parent before its children, but a deleted subtree is
	// placed where it stood: drop any clause inside another, to be sure.
	for n := range whole {
		if within(n, whole) {
			delete(whole, n)
		}
	}
	return whole
}

// changedNode is the clause an inserted or deleted change is about; nil
// for any other change.
func changedNode(c *diff.Change) *clause.Node {
	switch c.Kind {
	case diff.Inserted:
		return c.New
	case diff.Deleted:
		return c.Old
	}
	return nil
}

// wholeSubtree reports whether no clause below n has a counterpart and none
// is a division a reviewer counts on its own (divisionKind).
func wholeSubtree(n *clause.Node, paired map[*clause.Node]bool) bool {
	for _, c := range n.Children {
		if paired[c] || divisionKind(c) || !wholeSubtree(c, paired) {
			return false
		}
	}
	return true
}

// divisionKind reports whether n is an article or a division that holds
// articles (编, 部分, 章, 节; Part, Chapter, Section; an annex): a unit that
// stays a change of its own inside a new clause.
func divisionKind(n *clause.Node) bool {
	switch n.Kind {
	case clause.KindBian, clause.KindPart, clause.KindChapter, clause.KindSection, clause.KindArticle, clause.KindAnnex:
		return true
	}
	return false
}

// subtree lists n and every clause below it, in document order.
func subtree(n *clause.Node) []*clause.Node {
	out := []*clause.Node{n}
	for _, c := range n.Children {
		out = append(out, subtree(c)...)
	}
	return out
}

// wholeChange is the change c (an inserted or deleted clause with all its
// parts) widened to the clause's whole text: FullText, every part on its
// own line, and its edit one insertion (deletion) of that text after the
// clause's number; units are those of all its parts.
func wholeChange(c diff.Change) diff.Change {
	n := changedNode(&c)
	full := n.FullText()
	if full == "" {
		return c // a tree built by hand, without its text
	}
	rest := full
	if head := strings.TrimSuffix(n.Text(), n.Body()); head != "" && strings.HasPrefix(full, head) {
		rest = strings.TrimLeft(full[len(head):], " \t\u3000")
	}
	var units []clause.Unit
	for _, m := range subtree(n) {
		units = append(units, m.Units...)
	}
	w := diff.Change{Kind: c.Kind, Old: c.Old, New: c.New}
	kind := diff.Insert
	if c.Kind == diff.Deleted {
		kind = diff.Delete
		w.Units = diff.CompareUnits(units, nil)
	} else {
		w.Units = diff.CompareUnits(nil, units)
	}
	w.Ops = []diff.Op{}
	if rest != "" {
		w.Ops = []diff.Op{{Kind: kind, Text: rest}}
	}
	return w
}

// inside reports whether n is top or below it.
func inside(n, top *clause.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == top {
			return true
		}
	}
	return false
}
