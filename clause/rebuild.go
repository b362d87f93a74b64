package clause

import "strings"

// Rebuild writes the document back from its tree, not from Src as a
// whole: each node's own text (Src[Start:HeadEnd]), then its children in
// order, then what it holds after its last child (up to End). It equals
// Src exactly when the nodes cover the source in order with no gap and no
// overlap, which is what the round-trip test checks: a tree that loses or
// repeats text cannot pass it, as a String returning Src could.
func (d *Document) Rebuild() string {
	var b strings.Builder
	b.Grow(len(d.Src))
	in := func(lo, hi int) bool { return 0 <= lo && lo <= hi && hi <= len(d.Src) }
	var walk func(n *Node)
	walk = func(n *Node) {
		if !in(n.Start, n.HeadEnd) {
			return
		}
		b.Write(d.Src[n.Start:n.HeadEnd])
		end := n.HeadEnd
		for _, c := range n.Children {
			walk(c)
			end = c.End
		}
		if len(n.Children) > 0 && in(end, n.End) {
			b.Write(d.Src[end:n.End])
		}
	}
	if d.Root != nil {
		walk(d.Root)
	}
	return b.String()
}
