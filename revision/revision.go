// Package revision holds the value type that names one revision, shared by
// the store (repo) that reads revisions and the review pipeline (review)
// that computes over them. It has no logic: a value both sides may import
// without importing each other.
package revision

import (
	"strings"
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
//
// Parts is, for an article (第X条, a §), the text of its parts (款, 项, 目,
// Absätze, Nummern) in document order, each after a "\n": in a law an
// article is one clause with its parts, so its history is a change to any
// of them. It is "" for every other clause.
type Clause struct {
	ID, Label, Parent string
	Text, Body        string
	Parts             string
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
		out.List[i] = Clause{ID: id[n], Label: n.Path(), Parent: id[n.Parent], Text: n.Text(), Body: n.Body(), Parts: partsOf(n)}
	}
	return out
}

// partsOf is the text of an article's parts, each after a "\n", or "" when
// n is no article or has no parts. An article is 第X条 or Article N
// (clause.KindArticle), or a § that the parser files as a section.
func partsOf(n *clause.Node) string {
	if len(n.Children) == 0 || !(n.Kind == clause.KindArticle || n.Kind == clause.KindSection && strings.Contains(n.Marker, "§")) {
		return ""
	}
	var b strings.Builder
	var walk func(m *clause.Node)
	walk = func(m *clause.Node) {
		for _, c := range m.Children {
			b.WriteByte('\n')
			b.WriteString(c.Text())
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
