// Package merge merges two revisions of one document clause by clause.
//
// Three versions meet: base (the merge base), ours (the current branch) and
// theirs (the revision merged in). Base is aligned with each side by the
// clause alignment of package diff, so a clause keeps its identity through
// renumbering and moves on either side. Then, for each clause:
//
//   - changed on one side only: that side's version is taken;
//   - changed the same way on both sides: taken once;
//   - changed differently on both sides, or edited on one side and deleted
//     on the other: a conflict, written with both versions between markers
//     (see Markers);
//   - inserted on one side: kept, after the clause it followed on that side;
//     inserted at the same place on both sides: both kept, ours first,
//     and the clauses from there on numbered again in sequence (each side
//     numbered its insertion as if alone; see Result.Renumbered);
//   - renumbered on one side and reworded on the other: the number of the
//     one and the words of the other;
//   - moved on one side: the clause (with its children) goes where that side
//     put it, carrying the other side's edits.
//
// Each clause keeps the layout of the side it came from: its own bytes, hard
// wraps and the blank lines after it.
//
// The package is pure: it reads parsed documents and returns text.
package merge

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
)

// Conflict markers, each on a line of its own around the two versions of a
// clause that both sides changed differently. A side that deleted the
// clause has an empty block.
const (
	MarkerOurs   = "<<<<<<< ours"
	MarkerSep    = "======="
	MarkerTheirs = ">>>>>>> theirs"
)

// Side says where a clause of the merged text came from.
type Side uint8

const (
	Both   Side = iota // unchanged, or changed the same way on both sides
	Ours               // the change (or insertion) of the current branch
	Theirs             // the change (or insertion) of the merged revision
	Mixed              // number from one side, words from the other
	Conflicted
)

func (s Side) String() string {
	return [...]string{"both", "ours", "theirs", "mixed", "conflict"}[s]
}

// Item is one clause of the merged document, in order.
type Item struct {
	Text string // the clause's own text, marker included; for a conflict, the marked block
	Side Side
	// The clause on each side it stands for; nil where that side has none.
	// A clause keeps the identity it has on the side it came from.
	Ours, Theirs *clause.Node

	// raw is the clause as the side it came from wrote it: its own bytes
	// with the line breaks, hard wraps and blank lines after them ("" when
	// there is none to take, as for a conflict).
	raw string
}

// Conflict is one clause the two sides changed differently.
type Conflict struct {
	Label        string // the clause's label path (ours, else theirs, else base)
	Base         string // its text at the merge base; "" for an insertion
	Ours, Theirs string // its text on each side; "" where deleted
}

// Result is the merged document.
type Result struct {
	Text      string
	Items     []Item
	Conflicts []Conflict
	// Changes lists, for the merge message, the clauses changed on one
	// side only: their label paths and the side they came from.
	Changes []Change
	// Renumbered lists the clauses numbered again after both sides
	// inserted at one place (label paths as both sides numbered them).
	// Items keep the texts before renumbering; Text has the new numbers.
	Renumbered []string
}

// Change is one clause taken from one side.
type Change struct {
	Label string
	Side  Side
	Kind  diff.ChangeKind
}

// HasMarkers reports whether text holds a line that is a conflict marker:
// a document that must not be committed until the conflict is settled.
func HasMarkers(text string) (line int, ok bool) {
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.HasPrefix(l, "<<<<<<< ") || l == MarkerSep || strings.HasPrefix(l, ">>>>>>> ") {
			return i + 1, true
		}
	}
	return 0, false
}

// node is one clause of ours (or an insertion of theirs) on its way into
// the result.
type node struct {
	o, t, b *clause.Node // ours, theirs and base versions
	subtree int          // ours descendants that follow it in pre-order (a moved block)
}

// Merge merges ours and theirs, both descended from base. A nil document is
// an empty one.
func Merge(base, ours, theirs *clause.Document) *Result {
	ro := diff.Align(base, ours, diff.Options{})
	rt := diff.Align(base, theirs, diff.Options{})
	o2b := map[*clause.Node]*clause.Node{}
	b2t := map[*clause.Node]*clause.Node{}
	t2b := map[*clause.Node]*clause.Node{}
	b2o := map[*clause.Node]*clause.Node{}
	for _, p := range ro.Pairs {
		if p.Old != nil && p.New != nil {
			o2b[p.New], b2o[p.Old] = p.Old, p.New
		}
	}
	for _, p := range rt.Pairs {
		if p.Old != nil && p.New != nil {
			b2t[p.Old], t2b[p.New] = p.New, p.Old
		}
	}
	movedT := map[*clause.Node]bool{} // base clauses theirs moved
	for _, c := range rt.Changes {
		if c.Kind == diff.Moved && c.Old != nil {
			movedT[c.Old] = true
		}
	}
	movedO := map[*clause.Node]bool{}
	for _, c := range ro.Changes {
		if c.Kind == diff.Moved && c.Old != nil {
			movedO[c.Old] = true
		}
	}
	// A clause put elsewhere among its siblings has not changed parent but
	// has moved all the same: out of the longest run kept in base order.
	baseAt := map[*clause.Node]int{}
	for i, n := range ro.Old.Clauses() {
		baseAt[n] = i
	}
	reordered(rt.New.Clauses(), t2b, baseAt, movedT)
	reordered(ro.New.Clauses(), o2b, baseAt, movedO)

	// The skeleton: ours in document order.
	var seq []*node
	oursNodes := ro.New.Clauses()
	for _, n := range oursNodes {
		b := o2b[n]
		seq = append(seq, &node{o: n, b: b, t: b2t[b]})
	}
	index := func(o *clause.Node) int {
		for i, x := range seq {
			if o != nil && x.o == o {
				return i
			}
		}
		return -1
	}
	// Clauses theirs moved (and ours did not): the block of the clause and
	// its descendants goes after the clause that precedes it in theirs.
	theirsNodes := rt.New.Clauses()
	bothInserted := false                // both sides inserted clauses at one place
	place := func(tn *clause.Node) int { // index in seq after which a theirs clause goes; -1: at the start
		prev := prevInTheirs(theirsNodes, tn)
		for ; prev != nil; prev = prevInTheirs(theirsNodes, prev) {
			if i := indexT(seq, prev); i >= 0 {
				return lastOfBlock(seq, i, tn, prev)
			}
		}
		return -1
	}
	for _, tn := range theirsNodes {
		b := t2b[tn]
		if b == nil || !movedT[b] || movedO[b] {
			continue
		}
		i := index(b2o[b])
		if i < 0 {
			continue
		}
		end := i + 1
		for end < len(seq) && seq[end].o != nil && isDescendant(seq[end].o, seq[i].o) {
			end++
		}
		block := append([]*node(nil), seq[i:end]...)
		seq = append(seq[:i], seq[end:]...)
		at := place(tn) + 1
		seq = append(seq[:at], append(block, seq[at:]...)...)
	}
	// Insertions of theirs, after the clause that precedes them in theirs
	// (after ours' own insertions at that place).
	for _, tn := range theirsNodes {
		if t2b[tn] != nil {
			continue
		}
		at := place(tn) + 1
		// The same clause inserted on both sides is taken once.
		dup := false
		for j := at; j < len(seq) && seq[j].b == nil && seq[j].o != nil; j++ {
			if seq[j].o.Text() == tn.Text() && seq[j].t == nil {
				seq[j].t, dup = tn, true
				break
			}
		}
		if dup {
			continue
		}
		for at < len(seq) && seq[at].b == nil && seq[at].o != nil && seq[at].t == nil {
			at++ // ours' insertions at the same place come first
			bothInserted = true
		}
		seq = append(seq[:at], append([]*node{{t: tn}}, seq[at:]...)...)
	}
	// Clauses theirs kept but ours deleted.
	for _, p := range ro.Pairs {
		if p.Old == nil || p.New != nil {
			continue
		}
		b := p.Old
		tn := b2t[b]
		if tn == nil || tn.Body() == b.Body() {
			continue // deleted on both sides, or deleted by ours and untouched by theirs
		}
		at := place(tn) + 1
		seq = append(seq[:at], append([]*node{{t: tn, b: b}}, seq[at:]...)...)
	}

	res := &Result{}
	var parts, raws []string
	root, rootRaw := mergeRoot(ro.Old, ro.New, rt.New, res)
	if root != "" {
		parts = append(parts, root)
	}
	raws = append(raws, rootRaw)
	for _, x := range seq {
		it, keep := mergeOne(x, res)
		if !keep {
			continue
		}
		res.Items = append(res.Items, it)
		parts = append(parts, it.Text)
		raws = append(raws, it.raw)
	}
	sep := "\n"
	if md(ours) || md(theirs) {
		sep = "\n\n"
	}
	if len(parts) > 0 {
		res.Text = strings.Join(parts, sep) + "\n"
	}
	// The layout of the sources: each clause as the side it came from
	// wrote it (hard wraps, blank lines, indentation), a conflict or a
	// rebuilt clause followed by a line break. Kept only when it reads as
	// the same clauses as the text rebuilt one clause a line, so a layout
	// the parser would read differently (text after a clause's children)
	// never changes what the merge means.
	if laid := layout(root, res.Items, raws, sep); laid != res.Text && sameClauses(name(ours, theirs), laid, res.Text) {
		res.Text = laid
	}
	if bothInserted && len(res.Conflicts) == 0 {
		res.Text, res.Renumbered = renumber(name(ours, theirs), res.Text)
	}
	return res
}

// renumber numbers again the clauses after two sides' insertions at one
// place: each side numbered its own insertion as if it were alone, so the
// merged siblings repeat a number (第三条, 第三条, 第四条 …). From the first
// sibling whose number does not follow the one before, siblings get the
// next number, written as they wrote theirs (第四条, 第五条; （四）; 4.). A
// numbering already in sequence is left alone; so are numbers with a
// suffix (第四条之一) and markers whose numeral cannot be found. It returns
// the text and the label paths of the clauses renumbered (as they were).
// Cross-references in the text (依照第五条) are not rewritten.
func renumber(name, text string) (string, []string) {
	d, err := clause.Parse(name, []byte(text), clause.Options{})
	if err != nil {
		return text, nil
	}
	type edit struct {
		at          int
		old, marker string
	}
	var edits []edit
	var labels []string
	var walk func(n *clause.Node)
	walk = func(n *clause.Node) {
		prev, shifting := 0, false
		for i, c := range n.Children {
			num := c.Num
			if !num.Valid || num.Sub != 0 {
				prev, shifting = num.Value, shifting && num.Valid
				continue
			}
			if i > 0 && prev > 0 && (shifting || num.Value <= prev) && num.Value != prev+1 {
				if m, ok := renumberMarker(c.Marker, num.Value, prev+1); ok {
					edits = append(edits, edit{c.Start, c.Marker, m})
					labels = append(labels, c.Path())
					shifting = true
					prev++
					continue
				}
			}
			prev = num.Value
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(d.Root)
	if len(edits) == 0 {
		return text, nil
	}
	b := []byte(text)
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		if e.at < 0 || e.at+len(e.old) > len(b) || string(b[e.at:e.at+len(e.old)]) != e.old {
			continue
		}
		b = append(b[:e.at], append([]byte(e.marker), b[e.at+len(e.old):]...)...)
	}
	return string(b), labels
}

// renumberMarker writes marker with the number to in place of from: the
// numeral as it was written (Chinese or Arabic digits).
func renumberMarker(marker string, from, to int) (string, bool) {
	for _, f := range []func(int) string{clause.Numeral, strconv.Itoa} {
		old := f(from)
		if i := strings.Index(marker, old); i >= 0 && !digitAround(marker, i, len(old)) {
			return marker[:i] + f(to) + marker[i+len(old):], true
		}
	}
	return "", false
}

// digitAround reports whether the numeral at marker[i:i+n] is part of a
// longer one (三 inside 十三, 1 inside 12).
func digitAround(marker string, i, n int) bool {
	const numerals = "0123456789零一二三四五六七八九十百千"
	before, after := marker[:i], marker[i+n:]
	if r, _ := utf8.DecodeLastRuneInString(before); before != "" && strings.ContainsRune(numerals, r) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(after); after != "" && strings.ContainsRune(numerals, r) {
		return true
	}
	return false
}

// layout joins the merged clauses in their sources' own bytes.
func layout(root string, items []Item, raws []string, sep string) string {
	var sb strings.Builder
	add := func(raw, text string) {
		if sb.Len() > 0 && !strings.HasSuffix(sb.String(), "\n") {
			sb.WriteString("\n")
		}
		if raw != "" {
			sb.WriteString(raw)
			return
		}
		if text != "" {
			sb.WriteString(text)
			sb.WriteString(sep)
		}
	}
	add(raws[0], root)
	for i, it := range items {
		add(raws[i+1], it.Text)
	}
	out := sb.String()
	if out != "" && !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	return out
}

// sameClauses reports whether a and b parse to the same clauses, label
// for label and text for text, with the same text outside them.
func sameClauses(name, a, b string) bool {
	da, err1 := clause.Parse(name, []byte(a), clause.Options{})
	db, err2 := clause.Parse(name, []byte(b), clause.Options{})
	if err1 != nil || err2 != nil {
		return false
	}
	if da.Root.Body() != db.Root.Body() {
		return false
	}
	ca, cb := da.Clauses(), db.Clauses()
	if len(ca) != len(cb) {
		return false
	}
	for i := range ca {
		if ca[i].Path() != cb[i].Path() || ca[i].Text() != cb[i].Text() {
			return false
		}
	}
	return true
}

func name(ds ...*clause.Document) string {
	for _, d := range ds {
		if d != nil {
			return d.Name
		}
	}
	return ""
}

// own is n's own bytes in its source: from its marker to its first child
// or the next clause, the line breaks and blank lines after it included.
func own(n *clause.Node) string {
	if n == nil || n.Doc() == nil {
		return ""
	}
	src := n.Doc().Src
	if n.Start < 0 || n.Start > n.HeadEnd || n.HeadEnd > len(src) {
		return ""
	}
	return string(src[n.Start:n.HeadEnd])
}

// rawOf is the clause that takes body from b's side and marker from m's:
// b's own bytes, its marker swapped for m's when they differ.
func rawOf(b, m *clause.Node) string {
	raw := own(b)
	if m == nil || m == b || m.Marker == b.Marker {
		return raw
	}
	if !strings.HasPrefix(raw, b.Marker) {
		return ""
	}
	return m.Marker + raw[len(b.Marker):]
}

// preamble is the text of d before its first clause, as written.
func preamble(d *clause.Document) string {
	if d == nil || d.Root == nil {
		return ""
	}
	if len(d.Root.Children) == 0 {
		return string(d.Src)
	}
	return string(d.Src[:d.Root.Children[0].Start])
}

func md(d *clause.Document) bool {
	if d == nil {
		return false
	}
	n := strings.ToLower(d.Name)
	return strings.HasSuffix(n, ".md") || strings.HasSuffix(n, ".markdown")
}

func prevInTheirs(all []*clause.Node, n *clause.Node) *clause.Node {
	for i, x := range all {
		if x == n {
			if i == 0 {
				return nil
			}
			return all[i-1]
		}
	}
	return nil
}

func indexT(seq []*node, t *clause.Node) int {
	for i, x := range seq {
		if x.t == t {
			return i
		}
	}
	return -1
}

// lastOfBlock is where a clause of theirs that follows prev (at seq[i])
// goes: right after prev when it is prev's child or a later clause, and
// after prev's descendants when it is prev's sibling.
func lastOfBlock(seq []*node, i int, tn, prev *clause.Node) int {
	if tn.Parent == prev {
		return i
	}
	j := i
	for j+1 < len(seq) {
		nx := seq[j+1]
		if nx.t != nil && isDescendant(nx.t, prev) || nx.t == nil && nx.o != nil && seq[i].o != nil && isDescendant(nx.o, seq[i].o) {
			j++
			continue
		}
		break
	}
	return j
}

func isDescendant(n, anc *clause.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == anc {
			return true
		}
	}
	return false
}

// prefix is a clause's text before its body: the marker and what separates
// it from the words.
func prefix(n *clause.Node) string {
	t, b := n.Text(), n.Body()
	if strings.HasSuffix(t, b) {
		return t[:len(t)-len(b)]
	}
	return n.Marker
}

func label(ns ...*clause.Node) string {
	for _, n := range ns {
		if n != nil {
			return n.Path()
		}
	}
	return ""
}

// mergeOne decides one clause.
func mergeOne(x *node, res *Result) (Item, bool) {
	o, t, b := x.o, x.t, x.b
	it := Item{Ours: o, Theirs: t}
	switch {
	case b == nil && t == nil: // inserted by ours
		it.Text, it.Side, it.raw = o.Text(), Ours, own(o)
		res.Changes = append(res.Changes, Change{o.Path(), Ours, diff.Inserted})
		return it, true
	case b == nil && o == nil: // inserted by theirs
		it.Text, it.Side, it.raw = t.Text(), Theirs, own(t)
		res.Changes = append(res.Changes, Change{t.Path(), Theirs, diff.Inserted})
		return it, true
	case b == nil: // inserted the same by both
		it.Text, it.Side, it.raw = o.Text(), Both, own(o)
		return it, true
	case o == nil: // deleted by ours, edited by theirs (kept by theirs only when edited)
		conflict(&it, res, b, nil, t)
		return it, true
	case t == nil:
		if o.Body() == b.Body() {
			res.Changes = append(res.Changes, Change{b.Path(), Theirs, diff.Deleted})
			return it, false
		}
		conflict(&it, res, b, o, nil)
		return it, true
	}
	bb, ob, tb := b.Body(), o.Body(), t.Body()
	var body string
	bodySide := Both
	bodyNode := o
	switch {
	case ob == tb || tb == bb:
		body = ob
		if ob != bb {
			bodySide = Ours
		}
	case ob == bb:
		body, bodySide, bodyNode = tb, Theirs, t
	default:
		conflict(&it, res, b, o, t)
		return it, true
	}
	pre, preSide, preNode := prefix(o), Both, o
	if bp, op, tp := prefix(b), prefix(o), prefix(t); op == bp && tp != bp {
		pre, preSide, preNode = tp, Theirs, t
	} else if op != bp {
		preSide = Ours
	}
	it.Text = pre + body
	it.raw = rawOf(bodyNode, preNode)
	switch {
	case bodySide == Both:
		it.Side = preSide
	case preSide == Both || preSide == bodySide:
		it.Side = bodySide
	default:
		it.Side = Mixed
	}
	if bodySide != Both {
		res.Changes = append(res.Changes, Change{label(o, t), bodySide, diff.Modified})
	}
	return it, true
}

func conflict(it *Item, res *Result, b, o, t *clause.Node) {
	c := Conflict{Label: label(o, t, b)}
	if b != nil {
		c.Base = b.Text()
	}
	if o != nil {
		c.Ours = o.Text()
	}
	if t != nil {
		c.Theirs = t.Text()
	}
	res.Conflicts = append(res.Conflicts, c)
	var sb strings.Builder
	sb.WriteString(MarkerOurs + "\n")
	if c.Ours != "" {
		sb.WriteString(c.Ours + "\n")
	}
	sb.WriteString(MarkerSep + "\n")
	if c.Theirs != "" {
		sb.WriteString(c.Theirs + "\n")
	}
	sb.WriteString(MarkerTheirs)
	it.Text, it.Side = sb.String(), Conflicted
}

// mergeRoot merges the text outside every clause (title, preamble).
func mergeRoot(b, o, t *clause.Document, res *Result) (text, raw string) {
	body := func(d *clause.Document) string {
		if d == nil || d.Root == nil {
			return ""
		}
		return d.Root.Body()
	}
	bb, ob, tb := body(b), body(o), body(t)
	switch {
	case ob == tb || tb == bb:
		return ob, preamble(o)
	case ob == bb:
		return tb, preamble(t)
	}
	res.Conflicts = append(res.Conflicts, Conflict{Base: bb, Ours: ob, Theirs: tb})
	return MarkerOurs + "\n" + ob + "\n" + MarkerSep + "\n" + tb + "\n" + MarkerTheirs, ""
}

// reordered marks in moved the base clauses that side (in its order) does
// not keep in the longest run in base order.
func reordered(side []*clause.Node, toBase map[*clause.Node]*clause.Node, baseAt map[*clause.Node]int, moved map[*clause.Node]bool) {
	var bs []*clause.Node
	for _, n := range side {
		if b := toBase[n]; b != nil {
			bs = append(bs, b)
		}
	}
	// Longest increasing subsequence of base positions (patience sorting).
	var tails []int // index into bs of the last element of each run length
	prev := make([]int, len(bs))
	for i, b := range bs {
		v := baseAt[b]
		lo, hi := 0, len(tails)
		for lo < hi {
			m := (lo + hi) / 2
			if baseAt[bs[tails[m]]] < v {
				lo = m + 1
			} else {
				hi = m
			}
		}
		prev[i] = -1
		if lo > 0 {
			prev[i] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	keep := map[int]bool{}
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			keep[i] = true
		}
	}
	for i, b := range bs {
		if !keep[i] {
			moved[b] = true
		}
	}
}
