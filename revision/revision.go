// Package revision holds the value type that names one revision, shared by
// the store (repo) that reads revisions and the review pipeline (review)
// that computes over them. It has no logic: a value both sides may import
// without importing each other.
package revision

import (
	"time"

	"github.com/redline-docs/redline/clause"
)

// Rev describes one revision. The zero Rev (no Hash) stands for the work
// tree where a revision is expected.
type Rev struct {
	Hash    string
	Stage   string // "" when the revision has no stage name
	Date    time.Time
	Author  string // "NAME <EMAIL>"
	Message string
	// Resolves lists the comment ids the revision says it settles.
	Resolves []string
}

// Clause is one clause of a document at a revision as the history rules
// compare it: its permanent id, label path, its parent's id ("" at the
// top), its text as written (marker included, children excluded) and its
// body (the text without the marker). A store may keep these as derived
// data so that tracing a clause need not parse every revision.
type Clause struct {
	ID, Label, Parent string
	Text, Body        string
}

// Clauses is a document's clauses at a revision, in document order, with
// the document's language ("zh", "en").
type Clauses struct {
	Lang string
	List []Clause
}

// ClausesOf lists the clauses of a parsed document with their ids (one per
// doc.Clauses(), in pre-order).
func ClausesOf(doc *clause.Document, ids []string) *Clauses {
	nodes := doc.Clauses()
	id := make(map[*clause.Node]string, len(nodes))
	for i, n := range nodes {
		if i < len(ids) {
			id[n] = ids[i]
		}
	}
	out := &Clauses{Lang: string(doc.Lang), List: make([]Clause, len(nodes))}
	for i, n := range nodes {
		out.List[i] = Clause{ID: id[n], Label: n.Path(), Parent: id[n.Parent], Text: n.Text(), Body: n.Body()}
	}
	return out
}
