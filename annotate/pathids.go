package annotate

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
// The paths are built top-down, one label per clause, rather than with
// Node.Path for each pair, which relabels every ancestor.
func PathIDs(r *diff.Result) func(*clause.Node) string {
	paths := make(map[*clause.Node]string, 2*len(r.Pairs))
	for _, d := range []*clause.Document{r.Old, r.New} {
		if d != nil && d.Root != nil {
			addPaths(paths, d.Root, "")
		}
	}
	ids := make(map[*clause.Node]string, 2*len(r.Pairs))
	used := make(map[string]int, len(r.Pairs))
	for _, p := range r.Pairs {
		n := p.New
		if n == nil {
			n = p.Old
		}
		if n == nil {
			continue
		}
		id := paths[n]
		if used[id]++; used[id] > 1 {
			id += "#" + strconv.Itoa(used[id])
		}
		if p.Old != nil {
			ids[p.Old] = id
		}
		if p.New != nil {
			ids[p.New] = id
		}
	}
	return func(n *clause.Node) string { return ids[n] }
}

// addPaths records the label path of every clause under n, whose own path
// is prefix.
func addPaths(paths map[*clause.Node]string, n *clause.Node, prefix string) {
	for _, c := range n.Children {
		p := c.Label()
		if prefix != "" {
			p = prefix + "/" + p
		}
		paths[c] = p
		addPaths(paths, c, p)
	}
}
