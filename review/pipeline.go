package review

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

// DiffOptions select the range DiffRange reviews.
type DiffOptions struct {
	// From is the older revision; nil: before the first revision (every
	// document inserted).
	From *Rev
	// To is the newer revision; the zero Rev is the work tree.
	To Rev
	// Paths limits the review to those documents (paths as Source names
	// them); each must be a document of the range.
	Paths []string
	// Progress, when set, hears of each document before it is compared.
	Progress func(done, total int, what string)
}

// version is one document at one revision: parsed, with its clause ids.
type version struct {
	doc *clause.Document
	of  map[*clause.Node]string
}

func newVersion(doc *clause.Document, ids []string) *version {
	v := &version{doc: doc, of: make(map[*clause.Node]string, len(ids))}
	for i, n := range doc.Clauses() {
		if i < len(ids) {
			v.of[n] = ids[i]
		}
	}
	return v
}

func (v *version) id(n *clause.Node) string { return v.of[n] }

// load reads path at rev from src: nil when the document is not there.
func load(ctx context.Context, src Source, rev Rev, path string) (*version, error) {
	doc, ids, err := src.Document(ctx, rev, path)
	if err != nil || doc == nil {
		return nil, err
	}
	return newVersion(doc, ids), nil
}

// empty is a document that does not exist on one side of a diff.
func empty(path string) *version {
	doc, err := clause.Parse(path, nil, clause.Options{})
	if err != nil || doc == nil {
		doc = &clause.Document{Name: path, Root: &clause.Node{Kind: clause.KindDocument}}
	}
	return newVersion(doc, nil)
}

// DiffRange is the annotated diff of a range: every document that differs
// between opts.From and opts.To, each change with the comments settled in
// the range that explain it, the substantive changes no comment explains,
// and the adopted comments that changed nothing (Unapplied).
func DiffRange(ctx context.Context, src Source, opts DiffOptions) (*Diff, error) {
	out := &Diff{To: opts.To}
	var fromDocs, toDocs []string
	var err error
	if opts.From != nil {
		out.From = *opts.From
		if fromDocs, err = src.Documents(ctx, *opts.From); err != nil {
			return nil, err
		}
	}
	if toDocs, err = src.Documents(ctx, opts.To); err != nil {
		return nil, err
	}
	all := union(fromDocs, toDocs)
	// A file the newer side ignores is no document of this diff, even if
	// the older side, before the ignore file named it, counted it as one.
	var docs []string
	for _, p := range all {
		if !src.Ignored(ctx, opts.To, p) {
			docs = append(docs, p)
		}
	}
	if len(opts.Paths) > 0 {
		for _, p := range opts.Paths {
			if !slices.Contains(docs, p) {
				return nil, fmt.Errorf("%s: %w", p, ErrUnknownDocument)
			}
		}
		docs = union(opts.Paths, nil)
	}
	settled, _, err := settledIn(ctx, src, opts.From, opts.To)
	if err != nil {
		return nil, err
	}
	comments, err := src.Comments(ctx)
	if err != nil {
		return nil, err
	}
	var attached []comment.Comment
	single := len(all) == 1
	for i, p := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if opts.Progress != nil {
			opts.Progress(i, len(docs), p)
		}
		var a, b *version
		if opts.From != nil {
			if a, err = load(ctx, src, *opts.From, p); err != nil {
				return nil, err
			}
		}
		if b, err = load(ctx, src, opts.To, p); err != nil {
			return nil, err
		}
		cs := reanchored(comments, p, b, single)
		attached = append(attached, cs...)
		if a == nil && b == nil || a != nil && b != nil && bytes.Equal(a.doc.Src, b.doc.Src) {
			continue
		}
		if a == nil {
			a = empty(p)
		}
		if b == nil {
			b = empty(p)
		}
		out.Documents = append(out.Documents, attachVersions(p, a, b, cs, settled))
	}
	if opts.Progress != nil {
		opts.Progress(len(docs), len(docs), "")
	}
	out.Unapplied = Unapplied(out.Documents, attached, settled)
	return out, nil
}

// attachVersions diffs two versions of a document and attaches the
// comments: a clause's id is its id in b, or in a when it is deleted.
func attachVersions(path string, a, b *version, cs []comment.Comment, settled map[string]bool) Document {
	res := diff.Compare(a.doc, b.doc, diff.Options{})
	id := func(n *clause.Node) string {
		if s, ok := b.of[n]; ok {
			return s
		}
		return a.of[n]
	}
	return Attach(AttachInput{Path: path, Result: res, ID: id, Comments: cs, Settled: settled})
}

// settledIn returns the ids of the comments settled by the revisions in
// (from, to] on to's first-parent line (all of it when from is nil; the
// newest revision's line when to is the work tree), and those revisions,
// oldest first.
func settledIn(ctx context.Context, src Source, from *Rev, to Rev) (map[string]bool, []Rev, error) {
	chain, err := src.Chain(ctx, to)
	if err != nil {
		return nil, nil, err
	}
	start := 0
	if from != nil {
		for i, r := range chain {
			if r.Hash == from.Hash {
				start = i + 1
			}
		}
	}
	settled := map[string]bool{}
	for _, r := range chain[start:] {
		for _, id := range r.Resolves {
			settled[id] = true
		}
	}
	return settled, chain[start:], nil
}

// reanchored returns the comments on document path (single: the range has
// one document, which comments naming none are about) with their anchors
// found again in v (clause ids current); comments whose clause is gone
// keep their clause id, so that they still explain its deletion.
func reanchored(cs []comment.Comment, path string, v *version, single bool) []comment.Comment {
	var out []comment.Comment
	var ix *comment.Index // built once, on the first comment that needs it
	for _, c := range cs {
		if c.Anchor.Path != path && !(c.Anchor.Path == "" && single) {
			continue
		}
		if v != nil && c.Anchor.ClauseID != "" {
			if ix == nil {
				ix = comment.NewIndex(v.doc, v.id)
			}
			if n, m := ix.Reanchor(c.Anchor); n != nil && m != comment.Orphaned {
				c.Anchor.ClauseID = v.id(n)
			}
		}
		out = append(out, c)
	}
	return out
}

// ReportOf builds the consultation report of the range (from, to]: every
// comment in order with the changes it explains and the revisions that
// settled it. A nil from is the first revision on to's line.
func ReportOf(ctx context.Context, src Source, from *Rev, to Rev) (*Report, error) {
	if from == nil {
		chain, err := src.Chain(ctx, to)
		if err != nil {
			return nil, err
		}
		if len(chain) > 0 {
			first := chain[0]
			from = &first
		}
	}
	d, err := DiffRange(ctx, src, DiffOptions{From: from, To: to})
	if err != nil {
		return nil, err
	}
	_, inRange, err := settledIn(ctx, src, from, to)
	if err != nil {
		return nil, err
	}
	all, err := src.Comments(ctx)
	if err != nil {
		return nil, err
	}
	rep := &Report{From: d.From, To: to, Lang: clause.LangZH}
	docs, err := src.Documents(ctx, to)
	if err != nil {
		return nil, err
	}
	at := map[string]*version{}
	for _, p := range docs {
		v, err := load(ctx, src, to, p)
		if err != nil {
			return nil, err
		}
		at[p] = v
		if rep.Title == "" && v != nil {
			// The parser says what a title is (Document.Title: never a
			// chapter or article heading); a document without one is
			// named by its file name.
			rep.Title, rep.Lang = v.doc.Title, v.doc.Lang
			if rep.Title == "" {
				base := path.Base(p)
				rep.Title = strings.TrimSuffix(base, path.Ext(base))
			}
		}
	}
	indexes := map[string]*comment.Index{} // one per document, built on first use
	for _, c := range all {
		e := ReportEntry{Comment: c, Label: c.Anchor.Label}
		if v := at[c.Anchor.Path]; v != nil && c.Anchor.ClauseID != "" {
			ix := indexes[c.Anchor.Path]
			if ix == nil {
				ix = comment.NewIndex(v.doc, v.id)
				indexes[c.Anchor.Path] = ix
			}
			if n, m := ix.Reanchor(c.Anchor); n != nil && m != comment.Orphaned {
				e.Label = n.Path()
			}
		}
		for _, doc := range d.Documents {
			for _, ch := range doc.Changes {
				for _, cc := range ch.Comments {
					if cc.ID == c.ID {
						e.Changes = append(e.Changes, ch)
						break
					}
				}
			}
		}
		for _, r := range inRange {
			if slices.Contains(r.Resolves, c.ID) {
				e.Revs = append(e.Revs, r)
			}
		}
		rep.Entries = append(rep.Entries, e)
	}
	return rep, nil
}

// union returns the sorted union of a and b without repeats.
func union(a, b []string) []string {
	out := append(append([]string(nil), a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
