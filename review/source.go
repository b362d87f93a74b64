package review

import (
	"context"
	"errors"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/revision"
)

// Source is what the review pipeline reads: revisions, documents and
// comments. The repository implements it over git (repo.Repo); diff
// --no-index and the tests implement it in memory (MemSource). It names
// only values of std, clause, comment and revision, so a store implements
// it without importing this package.
//
// The zero revision.Rev stands for the work tree wherever a revision is
// expected: its Chain is the newest revision's line, its documents are
// the files in the work tree.
type Source interface {
	// Chain returns the first-parent line of revisions ending at rev,
	// oldest first, rev included (for the work tree: the line ending at
	// the newest revision; empty before the first).
	Chain(ctx context.Context, rev revision.Rev) ([]revision.Rev, error)
	// Documents lists the documents at rev, sorted.
	Documents(ctx context.Context, rev revision.Rev) ([]string, error)
	// Ignored reports whether path is kept out of the documents at rev
	// (a file its ignore rules name), even when an older revision had it.
	Ignored(ctx context.Context, rev revision.Rev, path string) bool
	// Document returns path at rev, parsed, with the permanent id of each
	// of its clauses in pre-order (one per doc.Clauses()); nil and no
	// error when the document is not there.
	Document(ctx context.Context, rev revision.Rev, path string) (doc *clause.Document, ids []string, err error)
	// Comments returns every comment, ResolvedIn filled from the revisions.
	Comments(ctx context.Context) ([]comment.Comment, error)
}

// Errors of the pipeline, for callers to map to exit codes.
var (
	// ErrUnknownDocument: a path names no document of the range.
	ErrUnknownDocument = errors.New("unknown document")
	// ErrUnknownClause: a clause id never existed on the line traced.
	ErrUnknownClause = errors.New("unknown clause")
)
