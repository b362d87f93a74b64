package review

import (
	"time"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

// Rev describes one revision.
type Rev struct {
	Hash    string
	Stage   string // "" when the revision has no stage name
	Date    time.Time
	Author  string // "NAME <EMAIL>"
	Message string
	// Resolves lists the comment ids the revision says it settles.
	Resolves []string
}

// Diff is the annotated redline of two revisions.
type Diff struct {
	From, To  Rev
	Documents []Document
	// Unapplied lists adopted or partly adopted comments, settled in the
	// range, whose clause did not change.
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
	Changes []Change
	// Unexplained lists the clause ids of substantive changes that no
	// comment explains.
	Unexplained []string
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
}

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
}

// ReportEntry is one comment of the report with the changes it explains.
type ReportEntry struct {
	Comment comment.Comment
	Label   string   // the clause's label path at To (or when last seen)
	Changes []Change // the clause changes the comment explains, with their revision
	Revs    []Rev    // the revisions that settled it
}
