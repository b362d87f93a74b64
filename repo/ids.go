package repo

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
)

// idsFile is the content of .redline/ids/<document>.json: the clause ids of
// the document text whose git blob hash is Blob, in pre-order. The same
// format serves the rebuildable cache under .git/redline/ids/.
type idsFile struct {
	Blob    string    `json:"blob"`
	Clauses []idEntry `json:"clauses"`
}

// idEntry is one clause of an idsFile.
type idEntry struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// idsPath is where a document's ids are committed.
func idsPath(doc string) string { return metaDir + "/ids/" + doc + ".json" }

// docIDs is one document at one revision: parsed, with its clause ids.
type docIDs struct {
	path string
	blob plumbing.Hash // zero for text not in git (the working tree)
	doc  *clause.Document
	ids  []string // in pre-order, one per doc.Clauses()
	node []*clause.Node
	of   map[*clause.Node]string // index(): made on first use
}

func newDocIDs(path string, blob plumbing.Hash, doc *clause.Document, ids []string) *docIDs {
	return &docIDs{path: path, blob: blob, doc: doc, ids: ids, node: doc.Clauses()}
}

// index is d's map from clause to id, made on first use: a diff reads a
// revision's ids as a list (review builds its own index) and never asks
// the store for one clause's id, and making the map for a 1 MB plan's
// clauses was about a twentieth of redline diff A B (perf, bench/repo-vs-git.sh).
func (d *docIDs) index() map[*clause.Node]string {
	if d.of == nil {
		d.of = make(map[*clause.Node]string, len(d.node))
		for i, n := range d.node {
			d.of[n] = d.ids[i]
		}
	}
	return d.of
}

// id is the permanent id of a clause of d.doc ("" for the root).
func (d *docIDs) id(n *clause.Node) string { return d.index()[n] }

// find returns the clause with id, or nil.
func (d *docIDs) find(id string) *clause.Node {
	for i, x := range d.ids {
		if x == id {
			return d.node[i]
		}
	}
	return nil
}

// file is d as an idsFile.
func (d *docIDs) file() idsFile {
	f := idsFile{Blob: d.blob.String(), Clauses: make([]idEntry, len(d.ids))}
	for i, n := range d.node {
		f.Clauses[i] = idEntry{ID: d.ids[i], Label: n.Path()}
	}
	return f
}

func (d *docIDs) marshal() ([]byte, error) { return marshalIDs(d.file()) }

func marshalIDs(f idsFile) ([]byte, error) {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// decodeIDs decodes an ids file (b, err as returned by a read).
func decodeIDs(b []byte, err error) (idsFile, bool) {
	if err != nil {
		return idsFile{}, false
	}
	if f, ok := decodeIDsFast(b); ok {
		return f, true
	}
	var f idsFile
	if json.Unmarshal(b, &f) != nil {
		return idsFile{}, false
	}
	return f, true
}

// freshID is the id of a clause that first appears at pre-order index i of
// the document text with blob hash blob: deterministic, so that adopting the
// same history twice gives the same ids.
func freshID(path string, blob plumbing.Hash, i int) string {
	h := sha1.New()
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write([]byte(blob.String()))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(i)))
	return "c" + hex.EncodeToString(h.Sum(nil))[:10]
}

// parseDoc parses a document's text.
func parseDoc(path string, text []byte) (*clause.Document, error) {
	text, err := documentText(path, text)
	if err != nil {
		return nil, err
	}
	d, err := clause.Parse(path, text, clause.Options{})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadInput, err)
	}
	return d, nil
}

// recordedInOrder is the ids f records when it lists doc's clauses in
// order, label for label (the common case, which needs no prev).
func recordedInOrder(doc *clause.Document, f idsFile) ([]string, bool) {
	nodes := doc.Clauses()
	if len(nodes) != len(f.Clauses) {
		return nil, false
	}
	ids := make([]string, len(nodes))
	// Each clause's path is its parent's, already checked against the
	// record, plus its own label: comparing piece by piece against the
	// recorded label instead of building every Path (a slice and a string
	// per clause, on both sides) took this from 6.5% to 3.6% of
	// BenchmarkDiffRange's processor samples and its allocations from
	// 35.5k to 27.2k per run.
	type open struct {
		n    *clause.Node
		path string // n's recorded label, equal to n.Path()
	}
	var stack []open
	for i, n := range nodes {
		rec := f.Clauses[i].Label
		for len(stack) > 0 && stack[len(stack)-1].n != n.Parent {
			stack = stack[:len(stack)-1]
		}
		var ok bool
		switch {
		case n.Parent == nil || n.Parent.Kind == clause.KindDocument:
			ok = rec == n.Label()
		case len(stack) == 0:
			// A parent not met before (never in Clauses' order): the
			// whole path.
			ok = rec == n.Path()
		default:
			parent, own := stack[len(stack)-1].path, n.Label()
			ok = len(rec) == len(parent)+1+len(own) && rec[len(parent)] == '/' &&
				strings.HasPrefix(rec, parent) && strings.HasSuffix(rec, own)
		}
		if !ok {
			return nil, false
		}
		stack = append(stack, open{n, rec})
		ids[i] = f.Clauses[i].ID
	}
	return ids, true
}

// applyRecorded gives doc the ids recorded in f. Clauses are matched by label
// path and occurrence, not by index, so that ids recorded by an older parser
// still land on the right clauses; a clause the record does not know gets
// its id by alignment with prev (if any), else a fresh id.
func applyRecorded(path string, blob plumbing.Hash, doc *clause.Document, f idsFile, prev *docIDs) *docIDs {
	if ids, ok := recordedInOrder(doc, f); ok {
		return newDocIDs(path, blob, doc, ids)
	}
	nodes := doc.Clauses()
	type key struct {
		label string
		n     int
	}
	byLabel := map[key]string{}
	count := map[string]int{}
	for _, e := range f.Clauses {
		l := clause.NormLabel(e.Label)
		byLabel[key{l, count[l]}] = e.ID
		count[l]++
	}
	ids := make([]string, len(nodes))
	seen := map[string]bool{}
	missing := false
	count = map[string]int{}
	for i, n := range nodes {
		l := clause.NormLabel(n.Path())
		id, ok := byLabel[key{l, count[l]}]
		count[l]++
		if ok && !seen[id] {
			ids[i] = id
			seen[id] = true
		} else {
			missing = true
		}
	}
	if missing && prev != nil {
		aligned := alignIDs(path, blob, prev, doc)
		for i := range ids {
			if ids[i] == "" && !seen[aligned[i]] {
				ids[i] = aligned[i]
				seen[ids[i]] = true
			}
		}
	}
	for i := range ids {
		if ids[i] == "" {
			ids[i] = freshID(path, blob, i)
		}
	}
	return newDocIDs(path, blob, doc, ids)
}

// deriveIDs gives doc (the text with blob hash blob) its ids from the
// previous revision's prev (nil when the document is new): a clause that the
// alignment pairs with a clause of prev inherits its id, others get fresh ids.
func deriveIDs(path string, blob plumbing.Hash, doc *clause.Document, prev *docIDs) *docIDs {
	if prev == nil {
		ids := make([]string, len(doc.Clauses()))
		for i := range ids {
			ids[i] = freshID(path, blob, i)
		}
		return newDocIDs(path, blob, doc, ids)
	}
	if !blob.IsZero() && prev.blob == blob {
		return newDocIDs(path, blob, doc, prev.ids)
	}
	return newDocIDs(path, blob, doc, alignIDs(path, blob, prev, doc))
}

// alignIDs returns the ids of doc's clauses aligned with prev: a clause
// the alignment (diff.Align, the one rule of which clause became which)
// pairs with a clause of prev inherits its id, others get fresh ids.
//
// The store imports diff for this alone: a clause id is stored data, fixed
// when the revision is committed, and "carried through renumbering and
// moves" means exactly what the alignment pairs. Copying the alignment
// here (as a speed shortcut once did) let the two drift.
func alignIDs(path string, blob plumbing.Hash, prev *docIDs, doc *clause.Document) []string {
	nodes := doc.Clauses()
	ids := make([]string, len(nodes))
	oldIndex := make(map[*clause.Node]int, len(prev.node))
	for i, n := range prev.node {
		oldIndex[n] = i
	}
	newIndex := make(map[*clause.Node]int, len(nodes))
	for i, n := range nodes {
		newIndex[n] = i
	}
	res := diff.Align(prev.doc, doc, diff.Options{})
	used := map[string]bool{}
	for _, p := range res.Pairs {
		if p.Old == nil || p.New == nil {
			continue
		}
		oi, ok1 := oldIndex[p.Old]
		ni, ok2 := newIndex[p.New]
		if ok1 && ok2 && ids[ni] == "" && !used[prev.ids[oi]] {
			ids[ni] = prev.ids[oi]
			used[ids[ni]] = true
		}
	}
	for i := range ids {
		if ids[i] == "" {
			ids[i] = freshID(path, blob, i)
		}
	}
	return ids
}
