package annotate

import (
	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

// AttachInput is what Attach needs for one document.
type AttachInput struct {
	Path   string
	Result *diff.Result
	// ID gives each clause of Result.Old and Result.New its permanent id.
	ID func(*clause.Node) string
	// Comments are all comments on this document, Anchor.ClauseID current.
	Comments []comment.Comment
	// Settled holds the ids of comments settled in the diffed range.
	Settled map[string]bool
}

// Attach builds the annotated diff of one document: each change with its
// clause id, labels, texts and the comments that explain it (CONTRACT.md:
// settled in the range and anchored to that clause, or for an inserted or
// deleted clause to its parent; most specific clause only), and the
// substantive changes no comment explains. STUB.
func Attach(in AttachInput) Document {
	d := Document{Path: in.Path, Lang: in.Result.New.Lang}
	for _, c := range in.Result.Changes {
		ch := Change{Change: c}
		if c.New != nil {
			ch.ClauseID, ch.NewLabel, ch.NewText, ch.Title = in.ID(c.New), c.New.Path(), c.New.Text(), c.New.Title
		}
		if c.Old != nil {
			ch.OldLabel, ch.OldText = c.Old.Path(), c.Old.Text()
			if ch.ClauseID == "" {
				ch.ClauseID, ch.Title = in.ID(c.Old), c.Old.Title
			}
		}
		d.Changes = append(d.Changes, ch)
		if c.Substantive() {
			d.Unexplained = append(d.Unexplained, ch.ClauseID)
		}
	}
	return d
}

// Unapplied returns the adopted or partly adopted comments settled in the
// range whose clause did not change in any of docs. STUB.
func Unapplied(docs []Document, comments []comment.Comment, settled map[string]bool) []comment.Comment {
	return nil
}
