package review

import (
	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/revision"
)

// Rev describes one revision (the zero Rev: the work tree). It is
// revision.Rev, named here so that renderers need not import the store's
// value package.
type Rev = revision.Rev

// Diff is the annotated redline of two revisions.
type Diff struct {
	From, To  Rev
	Documents []Document
	// Unapplied lists the adopted or partly adopted comments open at the
	// range's start whose clause did not change (see Unapplied).
	Unapplied []comment.Comment
}

// Document is the annotated diff of one document.
type Document struct {
	Path string
	Lang clause.Lang
	// Old and New are the two versions compared (nil for a document that
	// does not exist on that side): the whole texts, for renderers that
	// show every line (the Word redline).
	Old, New *clause.Document
	Changes  []Change
	// Unexplained lists the clause ids of substantive changes that no
	// comment explains.
	Unexplained []string
	// Runs are the runs of changes that only renumber (see RenumberRun).
	Runs []RenumberRun
}

// Change is one clause change with its identity and the comments behind it.
type Change struct {
	diff.Change
	ClauseID string
	OldLabel string // label path at From; "" when inserted
	NewLabel string // label path at To; "" when deleted
	Title    string
	OldText  string // "" when inserted
	NewText  string // "" when deleted
	Comments []comment.Comment
	// Editorial is true for a change that is not substance: formatting
	// only, or a stage name in a title or heading swapped for the next
	// stage's (see Editorial). It is shown, never unexplained.
	Editorial bool
	// Whole is true for a clause inserted or deleted with its parts (a new
	// article with its 款 and 项): one change, whose text is the clause's
	// whole text (Node.FullText), every part on its own line; the parts are
	// no changes of their own, and a comment on any of them is about this
	// one. A part that has a counterpart on the other side (a 款 moved in
	// from another article) stays a change of its own and is left out of
	// this one's text (WholeParts).
	Whole bool

	// Run is 1 + the index in Document.Runs of the run of renumberings
	// this change belongs to, 0 when it is in none.
	Run int

	about []string // ids of the clauses whose comments are about this change (AboutClauses), both revisions
	// parts of a Whole change: its clause, then the parts folded into it,
	// in document order.
	parts []*clause.Node
}

// WholeParts returns, for a Whole change, its clause and the parts folded
// into it in document order, and whether some part of the clause is left
// out, a change of its own (moved in or out); nil otherwise.
func (c *Change) WholeParts() (parts []*clause.Node, partial bool) {
	if c.parts == nil {
		return nil, false
	}
	return c.parts, leavesOut(c.parts)
}

// Folded reports whether the change is folded away, not shown, unless
// formatting changes are asked for: a formatting-only rewording of a clause
// that keeps its number and place. It is the one rule of "formatting hides
// a change": renderers fold by it, and diff --exit-code and status count
// by it, so what is printed and what is counted agree.
func (c *Change) Folded(showFormatting bool) bool {
	return c.FormattingOnly && !showFormatting && c.Kind == diff.Modified && !c.Renumbered
}

// Substance reports whether the change is substantive and not editorial:
// one that a comment should explain.
func (c *Change) Substance() bool { return c.Substantive() && !c.Editorial }

// Unnumbered reports whether the change is to the text outside every
// clause (a title, a preamble, closing lines): the document root's own
// text, whose clause id is "".
func (c *Change) Unnumbered() bool { return isRoot(c.Old) || isRoot(c.New) }

// Event is what happened to a clause in one revision.
type Event string

const (
	Created    Event = "created"
	Modified   Event = "modified"
	Renumbered Event = "renumbered"
	Moved      Event = "moved"
	Deleted    Event = "deleted"
)

// History is every revision in which one clause changed, oldest first.
type History struct {
	ClauseID string
	Path     string
	Lang     clause.Lang
	Entries  []HistoryEntry
}

// HistoryEntry is one revision of a clause's history.
type HistoryEntry struct {
	Rev      Rev
	Event    Event
	Label    string // label path after the revision (before it, when Deleted)
	Text     string
	Ops      []diff.Op // the edit from the previous entry's text; nil when created
	Comments []comment.Comment
}

// Blame says, for each clause of a document at one revision, which revision
// and comments last changed it.
type Blame struct {
	Rev     Rev
	Path    string
	Lang    clause.Lang
	Clauses []BlameLine
}

// BlameLine is one clause in a Blame.
type BlameLine struct {
	ClauseID string
	Label    string
	Text     string
	Rev      Rev // the revision that last created, changed, renumbered or moved it
	Comments []comment.Comment
}

// Report is the consultation report: every comment in order, its
// disposition, and what actually changed in the text.
type Report struct {
	Title    string
	Lang     clause.Lang
	From, To Rev // the range the report covers
	Entries  []ReportEntry
	// Unexplained lists the substantive changes of the range that no
	// comment explains, in document order.
	Unexplained []Change
}

// ReportEntry is one comment of the report with the changes it explains.
type ReportEntry struct {
	Comment comment.Comment
	Label   string   // the clause's label path at To (or when last seen)
	Changes []Change // the clause changes the comment explains, with their revision
	Revs    []Rev    // the revisions that settled it
	// ClauseChanged is true when the comment's clause, with its parts, has
	// a substantive change in the range (whether or not the comment
	// explains it): a report says "text unchanged" only when it is false.
	ClauseChanged bool
}
