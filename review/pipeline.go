package review

import (
	"bytes"
	"cmp"
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

// version is one document at one revision: parsed, with its clause ids
// (ids[i] is the id of clauses[i], the document's clauses in pre-order).
type version struct {
	doc     *clause.Document
	clauses []*clause.Node
	ids     []string
}

func newVersion(doc *clause.Document, ids []string) *version {
	return &version{doc: doc, clauses: doc.Clauses(), ids: ids}
}

// lookup returns clause n's id; ok is false when n is not a clause of v
// with an id. Clauses in pre-order start in nondecreasing order (a child
// starts after its parent's own text, a sibling after the one before it),
// so n is found by a binary search on its start, among the few clauses
// that start where it does. A map from node to id cost a diff of a 1 MB
// plan as much as aligning its clauses (10,000 entries, twice).
func (v *version) lookup(n *clause.Node) (string, bool) {
	if n == nil || n.Doc() != nil && n.Doc() != v.doc {
		return "", false
	}
	i, _ := slices.BinarySearchFunc(v.clauses, n.Start, func(c *clause.Node, start int) int { return cmp.Compare(c.Start, start) })
	for ; i < len(v.clauses) && v.clauses[i].Start == n.Start; i++ {
		if v.clauses[i] == n {
			return v.idAt(i)
		}
	}
	// Not in start order (a tree built by hand): look at every clause.
	if i := slices.Index(v.clauses, n); i >= 0 {
		return v.idAt(i)
	}
	return "", false
}

func (v *version) idAt(i int) (string, bool) {
	if i < len(v.ids) {
		return v.ids[i], true
	}
	return "", false
}

func (v *version) id(n *clause.Node) string {
	s, _ := v.lookup(n)
	return s
}

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
		out.Documents = append(out.Documents, attachVersions(p, a, b, cs, settled, out.From.Stage, out.To.Stage))
	}
	if opts.Progress != nil {
		opts.Progress(len(docs), len(docs), "")
	}
	start, err := rangeStart(ctx, src, opts.From)
	if err != nil {
		return nil, err
	}
	out.Unapplied = Unapplied(out.Documents, attached, start)
	return out, nil
}

// rangeStart is the RangeStart of a range starting at from: from and the
// revisions before it on its first-parent line (none when from is nil).
func rangeStart(ctx context.Context, src Source, from *Rev) (RangeStart, error) {
	start := RangeStart{Revs: map[string]bool{}}
	if from == nil {
		return start, nil
	}
	before, err := src.Chain(ctx, *from)
	if err != nil {
		return RangeStart{}, err
	}
	for _, r := range before {
		start.Revs[r.Hash] = true
	}
	return start, nil
}

// attachVersions diffs two versions of a document and attaches the
// comments: a clause's id is its id in b, or in a when it is deleted.
// stages are the stage names of the two revisions (Attach: a title that
// only swaps one for the other is editorial).
func attachVersions(path string, a, b *version, cs []comment.Comment, settled map[string]bool, stages ...string) Document {
	res := diff.Compare(a.doc, b.doc, diff.Options{})
	id := func(n *clause.Node) string {
		if s, ok := b.lookup(n); ok {
			return s
		}
		return a.id(n)
	}
	return Attach(AttachInput{Path: path, Result: res, ID: id, Comments: cs, Settled: settled, Stages: stages})
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
// comment of the range in order with the changes it explains and the
// revisions that settled it, then the range's unexplained changes.
//
// Without from or to (nil) the report covers one consultation round
// (Round): from the revision the comments were made on to the revision
// that settled them, or the newest on to's line (the newest revision's
// line when to is nil). A given from or to is kept. Only the round's
// comments are reported (InRound).
func ReportOf(ctx context.Context, src Source, from, to *Rev) (*Report, error) {
	var tip Rev // the work tree: the newest revision's line
	if to != nil {
		tip = *to
	}
	chain, err := src.Chain(ctx, tip)
	if err != nil {
		return nil, err
	}
	all, err := src.Comments(ctx)
	if err != nil {
		return nil, err
	}
	hashes := make([]string, len(chain))
	byHash := make(map[string]Rev, len(chain))
	for i, r := range chain {
		hashes[i] = r.Hash
		byHash[r.Hash] = r
	}
	var givenFrom, givenTo string
	if from != nil {
		givenFrom = from.Hash
	}
	if to != nil {
		givenTo = to.Hash
	}
	fromH, toH := Round(hashes, all, givenFrom, givenTo)
	if from == nil {
		if r, ok := byHash[fromH]; ok {
			from = &r
		}
	}
	end := tip
	if r, ok := byHash[toH]; ok {
		end = r
	}
	d, err := DiffRange(ctx, src, DiffOptions{From: from, To: end})
	if err != nil {
		return nil, err
	}
	_, inRange, err := settledIn(ctx, src, from, end)
	if err != nil {
		return nil, err
	}
	settledAt, inside := map[string]bool{}, map[string]bool{}
	for _, r := range inRange {
		settledAt[r.Hash] = true
		if r.Hash != end.Hash {
			inside[r.Hash] = true
		}
	}
	start, err := rangeStart(ctx, src, from)
	if err != nil {
		return nil, err
	}
	var fromHash string
	if from != nil {
		fromHash = from.Hash
	}
	rep := &Report{From: d.From, To: end, Lang: clause.LangZH}
	docs, err := src.Documents(ctx, end)
	if err != nil {
		return nil, err
	}
	at := map[string]*version{}
	for _, p := range docs {
		v, err := load(ctx, src, end, p)
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
	clauseChanged := ClauseChanged(d.Documents)
	// A comment's changes are those of the revision that settled it, each
	// diffed against the revision before it: a change made by another
	// revision of the range is never shown as this comment's.
	explains := map[string][]Change{}
	prev := from
	for _, r := range inRange {
		if len(r.Resolves) > 0 {
			step := d
			if !sameRev(prev, from) || r.Hash != end.Hash {
				if step, err = DiffRange(ctx, src, DiffOptions{From: prev, To: r}); err != nil {
					return nil, err
				}
			}
			for _, doc := range step.Documents {
				for _, ch := range doc.Changes {
					for _, cc := range ch.Comments {
						if slices.Contains(r.Resolves, cc.ID) {
							explains[cc.ID] = append(explains[cc.ID], ch)
						}
					}
				}
			}
		}
		prev = &r
	}
	indexes := map[string]*comment.Index{} // one per document, built on first use
	for _, c := range all {
		if !InRound(c, start, fromHash, inside, func(h string) bool { return settledAt[h] }) {
			continue
		}
		e := ReportEntry{Comment: c, Label: c.Anchor.Label, ClauseChanged: clauseChanged(c)}
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
		e.Changes = explains[c.ID]
		for _, r := range inRange {
			if slices.Contains(r.Resolves, c.ID) {
				e.Revs = append(e.Revs, r)
			}
		}
		rep.Entries = append(rep.Entries, e)
	}
	for _, doc := range d.Documents {
		for _, ch := range doc.Changes {
			if ch.Substance() && slices.Contains(doc.Unexplained, ch.ClauseID) {
				rep.Unexplained = append(rep.Unexplained, ch)
			}
		}
	}
	return rep, nil
}

// sameRev reports whether a and b name the same revision (nil: before the
// first).
func sameRev(a, b *Rev) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Hash == b.Hash
}

// union returns the sorted union of a and b without repeats.
func union(a, b []string) []string {
	out := append(append([]string(nil), a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
