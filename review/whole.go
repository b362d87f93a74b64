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
// folds an inserted (or deleted) clause's wholly inserted (deleted) parts
// into the clause's own change (wholeChanges). A part that has a
// counterpart on the other side (a 款 moved in from another article) stays
// a change of its own, shown where it came from, and is left out of the
// clause's text: a new 第八条 whose 第三款 was 第二十九条第三款 is "第八条
// 新增" with its first two 款, and the moved 款 beside it, not a change
// holding only the number "第八条"; so for a 项 moved into a new 款 of a new
// article. A division that holds articles or sections (编, 章, 节, Part,
// Chapter) keeps the clause from folding: each of its parts stays a change
// of its own, as each article of a new chapter is counted, commented on
// and explained on its own, and the chapter's change is its heading.

// wholeChanges returns the inserted or deleted clauses of r folded with
// their parts, outermost only, each with its parts (wholeParts): nil when
// there are none. paired gives the clauses present in both revisions.
func wholeChanges(r *diff.Result, paired func() map[*clause.Node]bool) map[*clause.Node][]*clause.Node {
	var whole map[*clause.Node][]*clause.Node
	folded := map[*clause.Node]bool{} // parts folded into a clause above them
	for i := range r.Changes {
		n := changedNode(&r.Changes[i])
		if n == nil || len(n.Children) == 0 || whole[n] != nil || folded[n] {
			continue
		}
		if parts := wholeParts(n, paired()); parts != nil {
			if whole == nil {
				whole = map[*clause.Node][]*clause.Node{}
			}
			whole[n] = parts
			for _, m := range parts[1:] {
				folded[m] = true
			}
		}
	}
	if whole == nil {
		return nil
	}
	// Changes list a parent before its children, but a deleted subtree is
	// placed where it stood: drop any clause folded into another, to be sure.
	for n, parts := range whole {
		if folded[n] {
			delete(whole, n)
			continue
		}
		for _, m := range parts[1:] {
			delete(whole, m)
		}
	}
	return whole
}

// wholeParts returns n and the parts of it that fold into its change, in
// document order: every part below n without a counterpart, save those
// below a part that has one. It is nil when n does not fold: a part is a
// division, or nothing below n folds.
func wholeParts(n *clause.Node, paired map[*clause.Node]bool) []*clause.Node {
	parts, ok := appendParts([]*clause.Node{n}, n, paired)
	if !ok || len(parts) == 1 {
		return nil
	}
	return parts
}

// appendParts appends the parts of n's children that fold (wholeParts);
// ok is false when one of them is a division.
func appendParts(parts []*clause.Node, n *clause.Node, paired map[*clause.Node]bool) (_ []*clause.Node, ok bool) {
	for _, c := range n.Children {
		switch {
		case paired[c]:
			continue // its own change, moved in or out, with what is below it
		case divisionKind(c):
			return nil, false
		}
		if parts, ok = appendParts(append(parts, c), c, paired); !ok {
			return nil, false
		}
	}
	return parts, true
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

// wholeChange is the change c (an inserted or deleted clause with its
// parts) widened to the text of those parts (wholeText), and its edit one
// insertion (deletion) of that text after the clause's number; units are
// those of all its parts. full is the text, "" for a tree built by hand.
func wholeChange(c diff.Change, parts []*clause.Node) (w diff.Change, full string) {
	n := changedNode(&c)
	if full = wholeText(n, parts); full == "" {
		return c, "" // a tree built by hand, without its text
	}
	rest := full
	if head := strings.TrimSuffix(n.Text(), n.Body()); head != "" && strings.HasPrefix(full, head) {
		rest = strings.TrimLeft(full[len(head):], " \t\u3000")
	}
	var units []clause.Unit
	for _, m := range parts {
		units = append(units, m.Units...)
	}
	w = diff.Change{Kind: c.Kind, Old: c.Old, New: c.New}
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
	return w, full
}

// wholeText is the text of n's folded parts: n's whole text (FullText)
// when every part of it folds, else the text of each folded part on its
// own line, in document order.
func wholeText(n *clause.Node, parts []*clause.Node) string {
	if !leavesOut(parts) || n.FullText() == "" {
		return n.FullText()
	}
	var b strings.Builder
	for i, m := range parts {
		switch {
		case i > 0 && m.Parent == parts[i-1] && m == m.Parent.Children[0] && m.Parent.Body() == "":
			b.WriteByte(' ') // a first 款 follows the article's number, as FullText has it
		case i > 0:
			b.WriteByte('\n')
		}
		b.WriteString(m.Text())
	}
	return b.String()
}

// leavesOut reports whether parts (a clause and the parts folded into it)
// leave out some part of the clause: one that is a change of its own.
func leavesOut(parts []*clause.Node) bool {
	return len(parts) != len(subtree(parts[0]))
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
