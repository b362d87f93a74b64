package comment

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/redline-docs/redline/clause"
)

// Match says how well an anchor was found again.
type Match uint8

const (
	Exact    Match = iota // the quote (or the clause, when there is no quote) was found as is, up to width and white space
	Fuzzy                 // found approximately, or the clause by id with its quote rewritten
	Orphaned              // neither the clause nor the quote could be found
)

func (m Match) String() string {
	switch m {
	case Exact:
		return "exact"
	case Fuzzy:
		return "fuzzy"
	}
	return "orphaned"
}

// ContextRunes is how much text Quote keeps before and after a quote.
const ContextRunes = 16

// Quote builds an anchor's prefix/exact/suffix for text[start:end]: the
// quote and up to ContextRunes runes on each side. Offsets are clamped to
// the text and moved back to rune boundaries, so bad offsets never panic.
func Quote(text string, start, end int) (prefix, exact, suffix string) {
	start, end = clamp(text, start), clamp(text, end)
	if start > end {
		start, end = end, start
	}
	p := start
	for i := 0; i < ContextRunes && p > 0; i++ {
		_, n := utf8.DecodeLastRuneInString(text[:p])
		p -= n
	}
	s := end
	for i := 0; i < ContextRunes && s < len(text); i++ {
		_, n := utf8.DecodeRuneInString(text[s:])
		s += n
	}
	return text[p:start], text[start:end], text[end:s]
}

func clamp(text string, i int) int {
	if i < 0 {
		return 0
	}
	if i > len(text) {
		return len(text)
	}
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// Locate finds an anchor's quote in text and returns its byte range: Exact
// when the quote occurs as is (the occurrence whose surroundings best agree
// with the anchor's prefix and suffix when there are several), or once
// punctuation width, digit width and white space are folded; Fuzzy for the
// most similar passage (character bigram similarity, helped by prefix and
// suffix) when it is similar enough; else Orphaned with start = end = 0.
// An anchor without a quote matches the whole text.
func Locate(text string, a Anchor) (start, end int, m Match) {
	if a.Exact == "" {
		return 0, len(text), Exact
	}
	return locate(text, func() folded { return fold(text) }, a)
}

// locate is Locate with the folded text made on demand (or kept by an
// Index).
func locate(text string, folding func() folded, a Anchor) (start, end int, m Match) {
	if a.Exact == "" {
		return 0, len(text), Exact
	}
	if s, ok := findExact(text, a); ok {
		return s, s + len(a.Exact), Exact
	}
	t, q := folding(), fold(a.Exact).r
	if s, e, ok := findFolded(text, t, q, a); ok {
		return s, e, Exact
	}
	if s, e, ok := findSimilar(text, t, q, a); ok {
		return s, e, Fuzzy
	}
	return 0, 0, Orphaned
}

// maxOccurrences bounds how many exact occurrences are compared by context.
const maxOccurrences = 1000

// findExact returns the occurrence of a.Exact whose context agrees best
// with a.Prefix and a.Suffix; the first among equals.
func findExact(text string, a Anchor) (int, bool) {
	best, bestScore := -1, -1
	for from, n := 0, 0; from <= len(text) && n < maxOccurrences; n++ {
		i := strings.Index(text[from:], a.Exact)
		if i < 0 {
			break
		}
		i += from
		if sc := contextScore(text, i, i+len(a.Exact), a); sc > bestScore {
			best, bestScore = i, sc
		}
		_, w := utf8.DecodeRuneInString(text[i:])
		from = i + max(w, 1)
	}
	return best, best >= 0
}

// contextScore counts the runes of a.Prefix that end text[:start] and of
// a.Suffix that start text[end:].
func contextScore(text string, start, end int, a Anchor) int {
	n := 0
	p, t := a.Prefix, text[:start]
	for p != "" && t != "" {
		r1, w1 := utf8.DecodeLastRuneInString(p)
		r2, w2 := utf8.DecodeLastRuneInString(t)
		if r1 != r2 {
			break
		}
		n++
		p, t = p[:len(p)-w1], t[:len(t)-w2]
	}
	s, t := a.Suffix, text[end:]
	for s != "" && t != "" {
		r1, w1 := utf8.DecodeRuneInString(s)
		r2, w2 := utf8.DecodeRuneInString(t)
		if r1 != r2 {
			break
		}
		n++
		s, t = s[w1:], t[w2:]
	}
	return n
}

// Reanchor finds a comment's anchor again in doc; id gives each clause's
// permanent id. It returns the clause the comment now belongs to and how it
// was found:
//
//   - no clause id and no quote: the whole document, (nil, Exact);
//   - the clause with a.ClauseID still exists: that clause, Exact when the
//     quote (if any) is still in it (children included), else Fuzzy — the
//     usual fate of an adopted comment's quote is to be rewritten, and the
//     same words elsewhere in the document are more likely a coincidence
//     than a move, so the clause id wins;
//   - the clause is gone, or there was none: the quote is looked for in the
//     whole document (Locate) and the comment goes to the most specific
//     clause holding it, Exact or Fuzzy;
//   - nothing found: (nil, Orphaned) for a comment that had a clause, and
//     (nil, Fuzzy) — the whole document, quote lost — for one that had none.
//
// To re-anchor many comments in one document, use NewIndex once.
func Reanchor(doc *clause.Document, id func(*clause.Node) string, a Anchor) (*clause.Node, Match) {
	return NewIndex(doc, id).Reanchor(a)
}

// Index re-anchors comments in one document: it finds clauses by id with a
// map and folds the document's text once, on first need. It is safe for
// concurrent use.
type Index struct {
	doc  *clause.Document
	src  string
	byID map[string]*clause.Node
	once sync.Once
	t    folded
}

// NewIndex prepares doc for Reanchor; id gives each clause's permanent id
// (the first clause wins when two share one).
func NewIndex(doc *clause.Document, id func(*clause.Node) string) *Index {
	x := &Index{doc: doc, byID: map[string]*clause.Node{}}
	if doc == nil {
		return x
	}
	x.src = string(doc.Src)
	for _, n := range doc.Clauses() {
		if k := id(n); k != "" {
			if _, dup := x.byID[k]; !dup {
				x.byID[k] = n
			}
		}
	}
	return x
}

func (x *Index) folded() folded {
	x.once.Do(func() { x.t = fold(x.src) })
	return x.t
}

// Reanchor is the package's Reanchor for the indexed document.
func (x *Index) Reanchor(a Anchor) (*clause.Node, Match) {
	if a.ClauseID == "" && a.Exact == "" {
		return nil, Exact
	}
	if n := x.byID[a.ClauseID]; n != nil && a.ClauseID != "" {
		if a.Exact == "" {
			return n, Exact
		}
		lo, hi := min(max(n.Start, 0), len(x.src)), min(max(n.End, 0), len(x.src))
		if lo > hi {
			lo = hi
		}
		if strings.Contains(x.src[lo:hi], a.Exact) {
			return n, Exact
		}
		if _, _, ok := findFolded(x.src, x.folded().slice(lo, hi), fold(a.Exact).r, a); ok {
			return n, Exact
		}
		return n, Fuzzy
	}
	lost := Orphaned
	if a.ClauseID == "" {
		lost = Fuzzy
	}
	if x.doc == nil || a.Exact == "" {
		return nil, lost
	}
	s, _, m := locate(x.src, x.folded, a)
	if m == Orphaned {
		return nil, lost
	}
	return clauseAt(x.doc.Root, s), m
}

// clauseAt returns the most specific clause containing byte offset off, or
// nil when only the root (the text before the first clause) does.
func clauseAt(root *clause.Node, off int) *clause.Node {
	var found *clause.Node
	n := root
	for n != nil {
		var next *clause.Node
		for _, c := range n.Children {
			if c.Start <= off && off < c.End {
				next = c
				break
			}
		}
		if next != nil {
			found = next
		}
		n = next
	}
	return found
}
