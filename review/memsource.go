package review

import (
	"context"
	"slices"
	"strconv"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
)

// MemSource is a Source held in memory: a line of revisions, each a set of
// parsed documents with their clause ids, and the comments. diff
// --no-index reviews two files through one; tests build histories with it
// without a repository on disk.
type MemSource struct {
	// Revs is the line of revisions, oldest first (each the first parent
	// of the next).
	Revs []MemRev
	// WorkTree, when not nil, holds the documents of the work tree (the
	// zero Rev); without it the zero Rev is the last revision's text.
	WorkTree map[string]MemDoc
	// Notes are the comments; ResolvedIn is derived from Revs' Resolves.
	Notes []comment.Comment
}

// MemRev is one revision of a MemSource.
type MemRev struct {
	Rev  Rev
	Docs map[string]MemDoc
}

// MemDoc is one parsed document with its clause ids in pre-order; nil IDs
// mean each clause's id is its label path (for documents without history),
// "#2", "#3"… added to a path's second and later clauses.
type MemDoc struct {
	Doc *clause.Document
	IDs []string
}

func (m *MemSource) find(rev Rev) (int, bool) {
	for i, r := range m.Revs {
		if r.Rev.Hash == rev.Hash {
			return i, true
		}
	}
	return -1, false
}

func (m *MemSource) docs(rev Rev) map[string]MemDoc {
	if rev.Hash == "" && m.WorkTree != nil {
		return m.WorkTree
	}
	i, ok := m.find(rev)
	if !ok {
		if rev.Hash != "" || len(m.Revs) == 0 {
			return nil
		}
		i = len(m.Revs) - 1
	}
	return m.Revs[i].Docs
}

// Chain implements Source.
func (m *MemSource) Chain(ctx context.Context, rev Rev) ([]Rev, error) {
	n := len(m.Revs)
	if rev.Hash != "" {
		i, ok := m.find(rev)
		if !ok {
			return nil, nil
		}
		n = i + 1
	}
	out := make([]Rev, n)
	for i := range out {
		out[i] = m.Revs[i].Rev
	}
	return out, nil
}

// Documents implements Source.
func (m *MemSource) Documents(ctx context.Context, rev Rev) ([]string, error) {
	var out []string
	for p := range m.docs(rev) {
		out = append(out, p)
	}
	slices.Sort(out)
	return out, nil
}

// Ignored implements Source: a MemSource ignores nothing.
func (m *MemSource) Ignored(ctx context.Context, rev Rev, path string) bool { return false }

// Document implements Source.
func (m *MemSource) Document(ctx context.Context, rev Rev, path string) (*clause.Document, []string, error) {
	d, ok := m.docs(rev)[path]
	if !ok || d.Doc == nil {
		return nil, nil, nil
	}
	if d.IDs != nil {
		return d.Doc, d.IDs, nil
	}
	nodes := d.Doc.Clauses()
	ids := make([]string, len(nodes))
	seen := make(map[string]int, len(nodes))
	for i, n := range nodes {
		p := n.Path()
		if seen[p]++; seen[p] > 1 {
			p += "#" + strconv.Itoa(seen[p])
		}
		ids[i] = p
	}
	return d.Doc, ids, nil
}

// Comments implements Source.
func (m *MemSource) Comments(ctx context.Context) ([]comment.Comment, error) {
	out := make([]comment.Comment, len(m.Notes))
	for i, c := range m.Notes {
		c.ResolvedIn = nil
		for _, r := range m.Revs {
			if slices.Contains(r.Rev.Resolves, c.ID) {
				c.ResolvedIn = append(c.ResolvedIn, r.Rev.Hash)
			}
		}
		out[i] = c
	}
	return out, nil
}
