package repo

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/revision"
)

// Errors callers map to exit codes.
var (
	ErrNotRepository   = errors.New("not a redline repository")
	ErrUnknownRevision = errors.New("unknown revision")
	ErrUnknownClause   = errors.New("unknown clause")
	ErrUnknownDocument = errors.New("unknown document")
	ErrUnknownComment  = errors.New("unknown comment")
	ErrBusy            = errors.New("repository is busy")
	ErrNothingToCommit = errors.New("nothing to commit")
	ErrNoRevisions     = errors.New("no revisions yet")
	ErrBadInput        = errors.New("bad input")
	// ErrConflict: a merge stopped on conflicts, or a document still holds
	// conflict markers.
	ErrConflict = errors.New("merge conflict")
	// ErrStageExists: a commit names a stage another revision already has.
	ErrStageExists = errors.New("stage name already used")
)

// Progress receives progress messages on long work; nil means silent.
type Progress func(done, total int, what string)

// CommitOptions describe one revision.
type CommitOptions struct {
	Paths    []string  // documents to record (relative to Dir, or absolute inside it); empty: every document in the work tree
	Message  string    // required
	Author   string    // "NAME <EMAIL>"; empty: user.name/user.email of the repository's .git/config, else "redline <redline@localhost>"
	Date     time.Time // zero: now
	Stage    string    // optional stage name (征求意见稿, 送审稿 …)
	Resolves []string  // comment ids this revision settles
	// Notice receives one line per notable event (a GB18030 file converted).
	Notice func(msg string)

	// mergeHead, when set, is the second parent: the revision merged in.
	mergeHead plumbing.Hash
	// files are other work-tree files (not documents, not under .redline/)
	// to record as they are: those a merge took from the merged side.
	files []string
}

// DiffOptions select what Diff compares.
//
// To "" is the working tree (its new clauses get ids derived on the fly,
// not stored). From "" is To's first parent, or HEAD when To is the working
// tree; against an empty history everything is inserted.
type DiffOptions struct {
	From, To string // revisions; To "" means the working tree
	Paths    []string
	Progress Progress
}

// Repo is an open redline repository.
//
// A Repo is safe for use by several goroutines: it serialises its access to
// git. Several Repo values (or processes) may open one repository; writers
// take turns through a lock file, and a writer that finds the lock taken
// fails with ErrBusy.
type Repo struct {
	dir string
	s   *store
}

// Init makes dir a redline repository, adopting an existing git repository.
func Init(dir string) (*Repo, error) { return initRepo(dir) }

// Open opens the repository containing dir (searching upwards).
func Open(dir string) (*Repo, error) { return openRepo(dir, true) }

// Dir is the work tree's root.
func (r *Repo) Dir() string { return r.dir }

// Commit records documents (and comment files) as a revision. With
// nothing changed it fails with ErrNothingToCommit, unless the revision
// names a stage or settles comments (a decision is worth a revision).
// Another writer at work makes it fail with ErrBusy; a bad document (binary,
// neither UTF-8 nor GB18030) with ErrBadInput naming the file. Either way
// no revision is made and no ref moves.
func (r *Repo) Commit(ctx context.Context, opts CommitOptions) (revision.Rev, error) {
	return r.commit(ctx, opts)
}

// HistoryEnds lists the commits where a shallow clone's history ends (git
// clone --depth): their parents are not in the repository, and redline
// reads them as first revisions. Empty for a complete repository.
func (r *Repo) HistoryEnds() []string {
	var out []string
	for h := range r.s.shallow {
		out = append(out, h.String())
	}
	sort.Strings(out)
	return out
}

// Resolve resolves a REV argument: hash, stage, HEAD, HEAD~N, tag or branch.
func (r *Repo) Resolve(rev string) (revision.Rev, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	ri, err := r.resolve(rev)
	if err != nil {
		return revision.Rev{}, err
	}
	return ri.rev(), nil
}

// Log lists revisions newest first, only those touching path when path != "".
func (r *Repo) Log(ctx context.Context, path string) ([]revision.Rev, error) {
	return r.log(ctx, path)
}

// Show returns a document's text at a revision.
func (r *Repo) Show(ctx context.Context, rev, path string) ([]byte, error) {
	return r.show(ctx, rev, path, false)
}

// ShowRaw returns a document's bytes as committed at a revision: for a
// Word file, the .docx itself.
func (r *Repo) ShowRaw(ctx context.Context, rev, path string) ([]byte, error) {
	return r.show(ctx, rev, path, true)
}

// Comments lists every comment with its derived ResolvedIn.
func (r *Repo) Comments(ctx context.Context) ([]comment.Comment, error) {
	return r.comments(ctx)
}

// CommentOptions says where a new comment anchors.
type CommentOptions struct {
	Clause string // clause id or label path; "" for the whole document
	Path   string // the document; "" when the repository has one
	At     string // the revision the label refers to; "" for the newest
	// Notice, when set, is told (one line each) of the comments an import
	// anchored by their quote because their clause could not be resolved.
	Notice func(msg string)
}

// AddComment anchors and stores a new comment (written to the work tree,
// recorded by the next Commit).
func (r *Repo) AddComment(ctx context.Context, c comment.Comment, opts CommentOptions) (comment.Comment, error) {
	return r.addComment(ctx, c, opts)
}

// ImportComments imports a comment table, all or nothing.
func (r *Repo) ImportComments(ctx context.Context, name string, data []byte, opts CommentOptions) ([]comment.Comment, error) {
	return r.importComments(ctx, name, data, opts)
}

// SetComment records a disposition.
func (r *Repo) SetComment(ctx context.Context, id string, status comment.Status, response string) (comment.Comment, error) {
	return r.setComment(ctx, id, status, response)
}
