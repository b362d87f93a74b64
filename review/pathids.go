package review

import (
	"strconv"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
)

// PathIDs gives the clauses of r ids for documents without history (diff
// --no-index): a pair's id is the label path of its new clause, or of its
// old clause when deleted. A path that names more than one pair, in
// r.Pairs order, gets "#2", "#3"… from its second pair on. Clauses in no
// pair have id "".
//
// It reads only the alignment (Pairs, and Old and New of each change), so it
// may run while r.Describe fills in the changes.
//
// Attach asks for the ids of changed clauses, and only rarely (comments on
// an inserted or deleted clause's ancestors) for others. So the new
// document's paths are built top-down, one label per clause, every pair's
// id is numbered in one pass, and only the changed clauses' ids are kept;
// any other clause asked for makes the full table once.
func PathIDs(r *diff.Result) func(*clause.Node) string {
	keep := make(map[*clause.Node]string, 2*len(r.Changes))
	for i := range r.Changes {
		// Only Old and New are read: PathIDs may run while Result.Describe
		// writes the rest of each change.
		c := &r.Changes[i]
		for _, n := range []*clause.Node{c.Old, c.New} {
			if n != nil && n.Kind != clause.KindDocument {
				keep[n] = ""
			}
		}
	}
	pairIDs(r, func(n *clause.Node, id string) {
		if _, ok := keep[n]; ok {
			keep[n] = id
		}
	})
	var all map[*clause.Node]string
	return func(n *clause.Node) string {
		if id, ok := keep[n]; ok {
			return id
		}
		if all == nil {
			all = make(map[*clause.Node]string, 2*len(r.Pairs))
			pairIDs(r, func(n *clause.Node, id string) { all[n] = id })
		}
		return all[n]
	}
}

// pairIDs numbers the pairs of r as PathIDs says and calls set for each
// clause of each pair with its id.
func pairIDs(r *diff.Result, set func(*clause.Node, string)) {
	// Pairs list the new clauses in document order (pre-order), deleted
	// old clauses between them, so the new paths can be read off in step.
	var nodes []*clause.Node
	var paths []string
	var walk func(n *clause.Node, prefix string)
	walk = func(n *clause.Node, prefix string) {
		for _, c := range n.Children {
			p := c.Label()
			if prefix != "" {
				p = prefix + "/" + p
			}
			nodes, paths = append(nodes, c), append(paths, p)
			walk(c, p)
		}
	}
	if r.New != nil && r.New.Root != nil {
		walk(r.New.Root, "")
	}
	used := make(map[string]int, len(r.Pairs))
	next := 0
	for _, p := range r.Pairs {
		var id string
		switch {
		case p.New != nil && next < len(nodes) && nodes[next] == p.New:
			id = paths[next]
			next++
		case p.New != nil:
			id = p.New.Path() // not in document order: cannot happen, stay right
		case p.Old != nil:
			id = p.Old.Path()
		default:
			continue
		}
		if used[id]++; used[id] > 1 {
			id += "#" + strconv.Itoa(used[id])
		}
		if p.Old != nil {
			set(p.Old, id)
		}
		if p.New != nil {
			set(p.New, id)
		}
	}
}
