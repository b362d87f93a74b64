package diff

import (
	"errors"

	"github.com/redline-docs/redline/clause"
)

// Compare aligns the clauses of old and new and describes every change.
// STUB: pairs clauses by label path only (issue 3 replaces it).
func Compare(old, new *clause.Document, opts Options) *Result {
	r := &Result{Old: old, New: new}
	byPath := map[string]*clause.Node{}
	for _, n := range old.Clauses() {
		byPath[clause.NormLabel(n.Path())] = n
	}
	seen := map[*clause.Node]bool{}
	for _, n := range new.Clauses() {
		o := byPath[clause.NormLabel(n.Path())]
		if o != nil && !seen[o] {
			seen[o] = true
			r.Pairs = append(r.Pairs, Pair{o, n})
			if o.Text() != n.Text() {
				r.Changes = append(r.Changes, Change{Kind: Modified, Old: o, New: n, Ops: Text(o.Text(), n.Text())})
			}
			continue
		}
		r.Pairs = append(r.Pairs, Pair{nil, n})
		r.Changes = append(r.Changes, Change{Kind: Inserted, New: n, Ops: Text("", n.Text())})
	}
	for _, o := range old.Clauses() {
		if !seen[o] {
			r.Pairs = append(r.Pairs, Pair{o, nil})
			r.Changes = append(r.Changes, Change{Kind: Deleted, Old: o, Ops: Text(o.Text(), "")})
		}
	}
	return r
}

// Text returns a word-level edit script from a to b. STUB: whole replacement.
func Text(a, b string) []Op {
	var ops []Op
	if a == b {
		if a != "" {
			ops = append(ops, Op{Equal, a})
		}
		return ops
	}
	if a != "" {
		ops = append(ops, Op{Delete, a})
	}
	if b != "" {
		ops = append(ops, Op{Insert, b})
	}
	return ops
}

// ErrMismatch is returned by Apply when ops do not fit the text.
var ErrMismatch = errors.New("edit script does not match text")

// Apply applies ops to a and returns the result.
func Apply(a string, ops []Op) (string, error) {
	var out []byte
	i := 0
	for _, op := range ops {
		switch op.Kind {
		case Equal, Delete:
			if len(a)-i < len(op.Text) || a[i:i+len(op.Text)] != op.Text {
				return "", ErrMismatch
			}
			i += len(op.Text)
			if op.Kind == Equal {
				out = append(out, op.Text...)
			}
		case Insert:
			out = append(out, op.Text...)
		}
	}
	if i != len(a) {
		return "", ErrMismatch
	}
	return string(out), nil
}
