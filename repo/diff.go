package repo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// show returns a document's text at a revision ("" or "HEAD": the newest).
func (r *Repo) show(ctx context.Context, rev, path string) ([]byte, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	ri, err := r.resolve(rev)
	if err != nil {
		return nil, err
	}
	if path, err = r.relPath(path); err != nil {
		return nil, err
	}
	h, ok := r.blobAt(ri.Tree, path)
	if !ok {
		return nil, fmt.Errorf("%s at %s: %w", path, short(ri), ErrUnknownDocument)
	}
	return r.readBlob(h)
}

// documents lists the documents at a revision, or in the work tree.
func (r *Repo) documents(ctx context.Context, rev string) ([]string, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	if rev == "" {
		return r.worktreeDocuments()
	}
	ri, err := r.resolve(rev)
	if err != nil {
		return nil, err
	}
	return r.documentsIn(ri.Tree)
}

// worktreeIDs is path's text in the work tree with ids derived from the
// newest revision (not stored), or nil when the file is not there.
func (r *Repo) worktreeIDs(path string) (*docIDs, error) {
	raw, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(path)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	text, _, err := toUTF8(path, raw)
	if err != nil {
		return nil, err
	}
	blob := plumbing.ComputeHash(plumbing.BlobObject, text)
	var prev *docIDs
	if h, err := r.head(); err == nil {
		ri, err := r.revInfoOf(h)
		if err != nil {
			return nil, err
		}
		if prev, err = r.idsAt(ri, path); err != nil {
			return nil, err
		}
	}
	if prev != nil && prev.blob == blob {
		return prev, nil
	}
	doc, err := parseDoc(path, text)
	if err != nil {
		return nil, err
	}
	return deriveIDs(path, blob, doc, prev), nil
}

// emptyIDs is a document that does not exist on one side of a diff.
func emptyIDs(path string) *docIDs {
	doc, err := clause.Parse(path, nil, clause.Options{})
	if err != nil || doc == nil {
		doc = &clause.Document{Name: path}
	}
	return newDocIDs(path, plumbing.ZeroHash, doc, make([]string, len(doc.Clauses())))
}

// settledIn returns the comment ids settled by the revisions in (from, to]
// on to's first-parent line (all of it when from is nil), and those
// revisions, oldest first.
func (r *Repo) settledIn(from, to *revInfo) (map[string]bool, []*revInfo, error) {
	settled := map[string]bool{}
	if to == nil {
		return settled, nil, nil
	}
	chain, err := r.chain(to.Hash)
	if err != nil {
		return nil, nil, err
	}
	start := 0
	if from != nil {
		for i, ri := range chain {
			if ri.Hash == from.Hash {
				start = i + 1
			}
		}
	}
	for _, ri := range chain[start:] {
		for _, id := range ri.Resolves {
			settled[id] = true
		}
	}
	return settled, chain[start:], nil
}

// reanchored returns the comments on document path with their anchors found
// again in d (clause ids current); comments whose clause is gone keep their
// clause id, so that they still explain its deletion.
func reanchored(cs []comment.Comment, path string, d *docIDs, single bool) []comment.Comment {
	var out []comment.Comment
	var ix *comment.Index // built once, on the first comment that needs it
	for _, c := range cs {
		if c.Anchor.Path != path && !(c.Anchor.Path == "" && single) {
			continue
		}
		if d != nil && c.Anchor.ClauseID != "" {
			if ix == nil {
				ix = comment.NewIndex(d.doc, d.id)
			}
			if n, m := ix.Reanchor(c.Anchor); n != nil && m != comment.Orphaned {
				c.Anchor.ClauseID = d.id(n)
			}
		}
		out = append(out, c)
	}
	return out
}

// diffSpec is what diffLocked compares: from and to revisions (nil from: an
// empty repository; nil to: the work tree).
type diffSpec struct {
	from, to *revInfo
	paths    []string
	progress Progress
}

// diff compares two revisions. See Repo.Diff.
func (r *Repo) diff(ctx context.Context, opts DiffOptions) (*review.Diff, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	var spec diffSpec
	var err error
	spec.progress = opts.Progress
	if opts.To != "" {
		if spec.to, err = r.resolve(opts.To); err != nil {
			return nil, err
		}
	}
	switch {
	case opts.From != "":
		if spec.from, err = r.resolve(opts.From); err != nil {
			return nil, err
		}
	case spec.to == nil:
		if spec.from, err = r.resolve("HEAD"); err != nil && !errors.Is(err, ErrNoRevisions) {
			return nil, err
		}
	default:
		if p := spec.to.parent(); !p.IsZero() {
			if spec.from, err = r.revInfoOf(p); err != nil {
				return nil, err
			}
		}
	}
	for _, p := range opts.Paths {
		rel, err := r.relPath(p)
		if err != nil {
			return nil, err
		}
		spec.paths = append(spec.paths, rel)
	}
	return r.diffLocked(ctx, spec)
}

func (r *Repo) diffLocked(ctx context.Context, spec diffSpec) (*review.Diff, error) {
	out := &review.Diff{}
	var fromDocs, toDocs []string
	var err error
	if spec.from != nil {
		out.From = spec.from.rev()
		if fromDocs, err = r.documentsIn(spec.from.Tree); err != nil {
			return nil, err
		}
	}
	if spec.to != nil {
		out.To = spec.to.rev()
		toDocs, err = r.documentsIn(spec.to.Tree)
	} else {
		out.To = review.Rev{} // the working tree: no hash, no message; renderers name it
		toDocs, err = r.worktreeDocuments()
	}
	if err != nil {
		return nil, err
	}
	docs := union(fromDocs, toDocs)
	// A file the newer side ignores is no document of this diff, even if the
	// older side, before the ignore file named it, counted it as one.
	if spec.to != nil {
		docs = r.treeIgnore(spec.to.Tree).filter(docs)
	} else {
		docs = r.worktreeIgnore().filter(docs)
	}
	if len(spec.paths) > 0 {
		for _, p := range spec.paths {
			if !contains(docs, p) {
				return nil, fmt.Errorf("%s: %w", p, ErrUnknownDocument)
			}
		}
		docs = union(spec.paths, nil)
	}
	settledTo := spec.to
	if settledTo == nil {
		if h, err := r.head(); err == nil {
			if settledTo, err = r.revInfoOf(h); err != nil {
				return nil, err
			}
		}
	}
	settled, _, err := r.settledIn(spec.from, settledTo)
	if err != nil {
		return nil, err
	}
	all, err := r.commentList()
	if err != nil {
		return nil, err
	}
	var attached []comment.Comment
	single := len(union(fromDocs, toDocs)) == 1
	for i, p := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if spec.progress != nil {
			spec.progress(i, len(docs), p)
		}
		var a, b *docIDs
		if spec.from != nil {
			if a, err = r.idsAt(spec.from, p); err != nil {
				return nil, err
			}
		}
		if spec.to != nil {
			b, err = r.idsAt(spec.to, p)
		} else {
			b, err = r.worktreeIDs(p)
		}
		if err != nil {
			return nil, err
		}
		cs := reanchored(all, p, b, single)
		attached = append(attached, cs...)
		if a != nil && b != nil && a.blob == b.blob {
			continue
		}
		if a == nil && b == nil {
			continue
		}
		if a == nil {
			a = emptyIDs(p)
		}
		if b == nil {
			b = emptyIDs(p)
		}
		out.Documents = append(out.Documents, r.attach(p, a, b, cs, settled, out.From.Stage, out.To.Stage))
	}
	if spec.progress != nil {
		spec.progress(len(docs), len(docs), "")
	}
	start := review.RangeStart{Revs: map[string]bool{}}
	if spec.from != nil {
		before, err := r.chain(spec.from.Hash)
		if err != nil {
			return nil, err
		}
		for _, ri := range before {
			start.Revs[ri.Hash.String()] = true
		}
	}
	out.Unapplied = review.Unapplied(out.Documents, attached, start)
	return out, nil
}

// attach diffs two versions of a document and attaches the comments.
func (r *Repo) attach(path string, a, b *docIDs, cs []comment.Comment, settled map[string]bool, stages ...string) review.Document {
	res := diff.Compare(a.doc, b.doc, diff.Options{})
	id := func(n *clause.Node) string {
		if s, ok := b.of[n]; ok {
			return s
		}
		return a.of[n]
	}
	return review.Attach(review.AttachInput{Path: path, Result: res, ID: id, Comments: cs, Settled: settled, Stages: stages})
}

// report builds the consultation report. See Repo.Report.
func (r *Repo) report(ctx context.Context, from, to string) (*review.Report, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	toRI, err := r.resolve(to)
	if err != nil {
		return nil, err
	}
	var fromRI *revInfo
	if from != "" {
		if fromRI, err = r.resolve(from); err != nil {
			return nil, err
		}
	}
	all, err := r.commentList()
	if err != nil {
		return nil, err
	}
	// One consultation round unless --from and --to say otherwise.
	chain, err := r.chain(toRI.Hash)
	if err != nil {
		return nil, err
	}
	hashes := make([]string, len(chain))
	byHash := make(map[string]*revInfo, len(chain))
	for i, ri := range chain {
		hashes[i] = ri.Hash.String()
		byHash[hashes[i]] = ri
	}
	var givenFrom, givenTo string
	if fromRI != nil {
		givenFrom = fromRI.Hash.String()
	}
	if to != "" {
		givenTo = toRI.Hash.String()
	}
	fromH, toH := review.Round(hashes, all, givenFrom, givenTo)
	if fromRI == nil {
		fromRI = byHash[fromH]
	}
	toRI = byHash[toH]
	d, err := r.diffLocked(ctx, diffSpec{from: fromRI, to: toRI})
	if err != nil {
		return nil, err
	}
	_, inRange, err := r.settledIn(fromRI, toRI)
	if err != nil {
		return nil, err
	}
	settledIn, inside := map[string]bool{}, map[string]bool{}
	for _, ri := range inRange {
		settledIn[ri.Hash.String()] = true
		if ri.Hash != toRI.Hash {
			inside[ri.Hash.String()] = true
		}
	}
	start := review.RangeStart{Revs: map[string]bool{}}
	if before, err := r.chain(fromRI.Hash); err == nil {
		for _, ri := range before {
			start.Revs[ri.Hash.String()] = true
		}
	} else {
		return nil, err
	}
	rep := &review.Report{From: fromRI.rev(), To: toRI.rev(), Lang: clause.LangZH}
	docs, err := r.documentsIn(toRI.Tree)
	if err != nil {
		return nil, err
	}
	idsTo := map[string]*docIDs{}
	for _, p := range docs {
		dd, err := r.idsAt(toRI, p)
		if err != nil {
			return nil, err
		}
		idsTo[p] = dd
		if rep.Title == "" && dd != nil {
			rep.Title, rep.Lang = titleOf(dd.doc), dd.doc.Lang
		}
	}
	clauseChanged := review.ClauseChanged(d.Documents)
	// A comment's changes are those of the revision that settled it, each
	// diffed against the revision before it: a change made by another
	// revision of the range is never shown as this comment's.
	explains := map[string][]review.Change{}
	prev := fromRI
	for _, ri := range inRange {
		if len(ri.Resolves) > 0 {
			step := d
			if prev != fromRI || ri != toRI {
				if step, err = r.diffLocked(ctx, diffSpec{from: prev, to: ri}); err != nil {
					return nil, err
				}
			}
			for _, doc := range step.Documents {
				for _, ch := range doc.Changes {
					for _, cc := range ch.Comments {
						if contains(ri.Resolves, cc.ID) {
							explains[cc.ID] = append(explains[cc.ID], ch)
						}
					}
				}
			}
		}
		prev = ri
	}
	indexes := map[string]*comment.Index{} // one per document, built on first use
	for _, c := range all {
		if !review.InRound(c, start, fromRI.Hash.String(), inside, func(h string) bool { return settledIn[h] }) {
			continue
		}
		e := review.ReportEntry{Comment: c, Label: c.Anchor.Label, ClauseChanged: clauseChanged(c)}
		if dd := idsTo[c.Anchor.Path]; dd != nil && c.Anchor.ClauseID != "" {
			ix := indexes[c.Anchor.Path]
			if ix == nil {
				ix = comment.NewIndex(dd.doc, dd.id)
				indexes[c.Anchor.Path] = ix
			}
			if n, m := ix.Reanchor(c.Anchor); n != nil && m != comment.Orphaned {
				e.Label = n.Path()
			}
		}
		e.Changes = explains[c.ID]
		for _, ri := range inRange {
			if contains(ri.Resolves, c.ID) {
				e.Revs = append(e.Revs, ri.rev())
			}
		}
		rep.Entries = append(rep.Entries, e)
	}
	for _, doc := range d.Documents {
		for _, ch := range doc.Changes {
			if ch.Substance() && contains(doc.Unexplained, ch.ClauseID) {
				rep.Unexplained = append(rep.Unexplained, ch)
			}
		}
	}
	return rep, nil
}

// titleOf is a document's first non-empty line, without Markdown marks.
func titleOf(doc *clause.Document) string {
	for _, line := range strings.Split(string(doc.Src), "\n") {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
		if line != "" {
			return line
		}
	}
	return ""
}
