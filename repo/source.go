package repo

import (
	"context"
	"crypto/sha256"
	_ "embed" // clausesprobe.txt
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/revision"
)

// A Repo is the review pipeline's source (review.Source): these methods
// read revisions, documents with their clause ids, and comments. The zero
// revision.Rev is the work tree. The store computes no review.

// revOf is the revision rev names, nil for the work tree.
func (r *Repo) revOf(rev revision.Rev) (*revInfo, error) {
	if rev.Hash == "" {
		return nil, nil
	}
	h := plumbing.NewHash(rev.Hash)
	if h.IsZero() || h.String() != rev.Hash {
		return nil, fmt.Errorf("%q: %w", rev.Hash, ErrUnknownRevision)
	}
	return r.revInfoOf(h)
}

// Chain returns the first-parent line ending at rev, oldest first (for the
// work tree: the line ending at HEAD; empty before the first revision).
func (r *Repo) Chain(ctx context.Context, rev revision.Rev) ([]revision.Rev, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	ri, err := r.revOf(rev)
	if err != nil {
		return nil, err
	}
	if ri == nil {
		h, err := r.head()
		if errors.Is(err, ErrNoRevisions) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if ri, err = r.revInfoOf(h); err != nil {
			return nil, err
		}
	}
	chain, err := r.chain(ri.Hash)
	if err != nil {
		return nil, err
	}
	out := make([]revision.Rev, len(chain))
	for i, c := range chain {
		out[i] = c.rev()
	}
	return out, nil
}

// Ignored reports whether path is named by rev's ignore file (the work
// tree's for the zero Rev).
func (r *Repo) Ignored(ctx context.Context, rev revision.Rev, path string) bool {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	ri, err := r.revOf(rev)
	switch {
	case err != nil:
		return false
	case ri == nil:
		return r.worktreeIgnore().match(path)
	}
	return r.treeIgnore(ri.Tree).match(path)
}

// Document returns path at rev, parsed, with its clause ids (for the work
// tree: derived from the newest revision's, not stored); nil when the
// document is not there.
func (r *Repo) Document(ctx context.Context, rev revision.Rev, path string) (*clause.Document, []string, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	ri, err := r.revOf(rev)
	if err != nil {
		return nil, nil, err
	}
	var d *docIDs
	if ri == nil {
		d, err = r.worktreeIDs(path)
	} else {
		d, err = r.idsAt(ri, path)
	}
	if err != nil || d == nil {
		return nil, nil, err
	}
	return d.doc, d.ids, nil
}

// Range is what a diff compares, resolved: From nil before the first
// revision, To the zero Rev for the work tree, Paths relative to the
// repository.
type Range struct {
	From  *revision.Rev
	To    revision.Rev
	Paths []string
	// Bytes is the size of the documents Range read ahead at both ends
	// (0 when it read none: a work-tree side, or many documents), for a
	// caller that tunes memory to the work.
	Bytes int64
}

// Range resolves opts: To "" is the work tree; From "" is To's first
// parent, or HEAD when To is the work tree (nothing before the first
// revision).
func (r *Repo) Range(opts DiffOptions) (Range, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	var out Range
	var from, to *revInfo
	var err error
	if opts.To != "" {
		if to, err = r.resolve(opts.To); err != nil {
			return Range{}, err
		}
		out.To = to.rev()
	}
	switch {
	case opts.From != "":
		if from, err = r.resolve(opts.From); err != nil {
			return Range{}, err
		}
	case to == nil:
		if from, err = r.resolve("HEAD"); err != nil && !errors.Is(err, ErrNoRevisions) {
			return Range{}, err
		}
	default:
		if p := to.parent(); !p.IsZero() {
			if from, err = r.revInfoOf(p); err != nil {
				return Range{}, err
			}
		}
	}
	if from != nil {
		f := from.rev()
		out.From = &f
	}
	for _, p := range opts.Paths {
		rel, err := r.relPath(p)
		if err != nil {
			return Range{}, err
		}
		out.Paths = append(out.Paths, rel)
	}
	out.Bytes = r.readRange(from, to, out.Paths)
	return out, nil
}

// readRange reads the documents of a range's two revisions side by side
// (readAhead), for the Document calls of the diff that follows: when both
// ends are revisions and the range holds at most readRangeDocs documents
// (more would not stay in memory until the diff asks for them).
func (r *Repo) readRange(from, to *revInfo, paths []string) (bytes int64) {
	if from == nil || to == nil {
		return 0
	}
	if len(paths) == 0 {
		a, err := r.documentsIn(from.Tree)
		if err != nil {
			return 0
		}
		b, err := r.documentsIn(to.Tree)
		if err != nil {
			return 0
		}
		paths = append(a, b...)
		slices.Sort(paths)
		paths = slices.Compact(paths)
	}
	if len(paths) > readRangeDocs {
		return 0
	}
	for _, p := range paths {
		bytes += r.readAhead(p, from, to)
	}
	return bytes
}

// readRangeDocs is the most documents readRange reads ahead: each takes two
// of the parsedLimit places.
const readRangeDocs = parsedLimit / 2

// FindClause resolves a CLAUSE argument (a clause id, or a label path at
// revision at, "" for the newest) to its clause id and document; arg ""
// names the document alone (path, or the only one). rev is the revision
// at names. When no clause at rev matches, the error wraps
// ErrUnknownClause and id, doc and rev are still set (arg, path made
// relative, at): arg may be the id of a clause deleted earlier, which
// only its history can tell.
func (r *Repo) FindClause(ctx context.Context, arg, path, at string) (id, doc string, rev revision.Rev, err error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	t, err := r.resolveClause(arg, path, at)
	if errors.Is(err, ErrUnknownClause) {
		ri, rerr := r.resolve(at)
		if rerr != nil {
			return "", "", revision.Rev{}, rerr
		}
		if path != "" {
			if path, rerr = r.relPath(path); rerr != nil {
				return "", "", revision.Rev{}, rerr
			}
		}
		return arg, path, ri.rev(), err
	}
	if err != nil {
		return "", "", revision.Rev{}, err
	}
	if t.node != nil {
		id = t.d.id(t.node)
	}
	return id, t.d.path, t.ri.rev(), nil
}

// Clauses lists path's clauses at rev as the history rules compare them,
// nil when the document is not there. They are derived data, kept under
// .git/redline/clauses/ per revision (with the document's blob hash, so a
// stale entry is ignored): a warm history reads one small file per
// revision instead of parsing it.
func (r *Repo) Clauses(ctx context.Context, rev revision.Rev, path string) (*revision.Clauses, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	ri, err := r.revOf(rev)
	if err != nil {
		return nil, err
	}
	if ri == nil {
		d, err := r.worktreeIDs(path)
		if err != nil || d == nil {
			return nil, err
		}
		return revision.ClausesOf(d.doc, d.ids), nil
	}
	blob, ok := r.blobAt(ri.Tree, path)
	if !ok {
		return nil, nil
	}
	if c, ok := r.cachedClauses(r.clausesPath(ri, path), blob.String()); ok {
		return c, nil
	}
	d, err := r.idsAt(ri, path)
	if err != nil || d == nil {
		return nil, err
	}
	return r.keepClauses(ri, path, d), nil
}

// clausesVersion names what the clauses cache holds: an entry of another
// version is ignored and rewritten. It is derived, not kept by hand: the
// hash of clause.EncodingVersion (which changes with the parser's trees of
// its probe texts and with every build from another commit) and of
// clausesProbe (clausesprobe.txt), the recorded hash of what
// revision.ClausesOf gives for the probe documents, which
// TestClausesProbe checks against what it gives now (rewrite it with
// go test ./repo -run TestClausesProbe -update).
var clausesVersion = sync.OnceValue(func() string {
	h := sha256.Sum256([]byte("clauses 3\x00" + clause.EncodingVersion() + "\x00" + strings.TrimSpace(clausesProbe)))
	return hex.EncodeToString(h[:])
})

//go:embed clausesprobe.txt
var clausesProbe string
