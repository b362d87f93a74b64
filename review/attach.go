package review

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
	// Nil means the clause's label path stands in for its id.
	ID func(*clause.Node) string
	// Comments are all comments on this document, Anchor.ClauseID current.
	Comments []comment.Comment
	// Settled holds the ids of comments settled in the diffed range.
	Settled map[string]bool
}

// Attach builds the annotated diff of one document: each change with its
// clause id, labels, texts (Node.Text: the clause as written, marker
// included, children excluded) and the comments that explain it, and the
// substantive changes that no comment explains.
//
// The rules (README, "diff" and "JSON"): a comment explains a change when it was settled
// in the range (in.Settled), is not rejected (a comment that was not adopted
// cannot be the reason for a change) and anchors to the changed clause's id.
// An inserted or deleted clause with no such comment of its own is explained
// by the comments on its nearest paired ancestor — the nearest enclosing
// clause present in both revisions; the document itself (whole-document
// comments) for a top-level clause. So a comment on a whole part explains a
// change to the part's own text and the clauses inserted into or deleted
// from it, never the edits inside its other clauses, which have their own
// comments or are unexplained. Comments are in report order (comment.Sort).
func Attach(in AttachInput) Document {
	r := in.Result
	id := in.ID
	if id == nil {
		id = (*clause.Node).Path
	}
	d := Document{Path: in.Path, Old: r.Old, New: r.New}
	switch {
	case r.New != nil:
		d.Lang = r.New.Lang
	case r.Old != nil:
		d.Lang = r.Old.Lang
	}
	// The clauses present in both revisions, built on first use: only an
	// inserted or deleted clause without comments of its own, when there
	// are comments at all, asks for its nearest paired ancestor.
	var paired map[*clause.Node]bool
	pairedOnce := func() map[*clause.Node]bool {
		if paired == nil {
			paired = pairedClauses(r)
		}
		return paired
	}
	byClause := map[string][]comment.Comment{}
	for _, c := range in.Comments {
		if !in.Settled[c.ID] || c.Status == comment.Rejected {
			continue
		}
		if c.Anchor.Path != "" && in.Path != "" && c.Anchor.Path != in.Path {
			continue
		}
		byClause[c.Anchor.ClauseID] = append(byClause[c.Anchor.ClauseID], c)
	}
	for _, c := range r.Changes {
		ch := Change{Change: c}
		oldText, newText := c.Texts()
		if c.New != nil {
			ch.ClauseID, ch.NewLabel, ch.NewText, ch.Title = id(c.New), c.New.Path(), newText, c.New.Title
		}
		if c.Old != nil {
			ch.OldLabel, ch.OldText = c.Old.Path(), oldText
			if ch.ClauseID == "" {
				ch.ClauseID = id(c.Old)
			}
			if ch.Title == "" {
				ch.Title = c.Old.Title
			}
		}
		var cs []comment.Comment
		switch {
		case isRoot(c.Old) || isRoot(c.New):
			// The text outside every clause: whole-document comments
			// explain it, and its clause id is "".
			ch.ClauseID = ""
			cs = byClause[""]
		case ch.ClauseID != "":
			cs = byClause[ch.ClauseID]
		}
		if len(cs) == 0 && len(byClause) > 0 && (c.Kind == diff.Inserted || c.Kind == diff.Deleted) {
			n := c.New
			if c.Kind == diff.Deleted {
				n = c.Old
			}
			if pid, ok := pairedAncestor(n, pairedOnce(), id); ok {
				cs = byClause[pid]
			}
		}
		ch.Comments = sortComments(cs)
		d.Changes = append(d.Changes, ch)
		if c.Substantive() && len(ch.Comments) == 0 {
			d.Unexplained = append(d.Unexplained, ch.ClauseID)
		}
	}
	d.Runs = renumberRuns(d.Changes)
	return d
}

// pairedClauses is the set of clauses present in both revisions of r.
func pairedClauses(r *diff.Result) map[*clause.Node]bool {
	paired := make(map[*clause.Node]bool, 2*len(r.Pairs))
	for _, p := range r.Pairs {
		if p.Old != nil && p.New != nil {
			paired[p.Old], paired[p.New] = true, true
		}
	}
	for _, c := range r.Changes {
		if c.Old != nil && c.New != nil {
			paired[c.Old], paired[c.New] = true, true
		}
	}
	return paired
}

// isRoot reports whether n is a document's root: its own text is what lies
// outside every clause.
func isRoot(n *clause.Node) bool { return n != nil && n.Kind == clause.KindDocument }

// pairedAncestor returns the id of n's nearest ancestor present in both
// revisions: "" for the document root. ok is false when n has no parent
// (a node built without its tree) or an ancestor has no id.
func pairedAncestor(n *clause.Node, paired map[*clause.Node]bool, id func(*clause.Node) string) (string, bool) {
	if n == nil {
		return "", false
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Kind == clause.KindDocument {
			return "", true
		}
		if paired[p] {
			pid := id(p)
			return pid, pid != ""
		}
	}
	return "", false
}

// Unapplied returns the adopted or partly adopted comments settled in the
// range whose clause did not change in any of docs: no substantive change of
// that clause (in the comment's document, when it names one) and no
// substantive change that the comment explains. A whole-document comment
// counts as applied when its document (any, when it names none) has a
// substantive change. In report order, like Change.Comments.
func Unapplied(docs []Document, comments []comment.Comment, settled map[string]bool) []comment.Comment {
	type key struct{ path, clause string }
	applied := map[string]bool{}
	changed := map[key]bool{}
	for _, d := range docs {
		for _, ch := range d.Changes {
			if !ch.Substantive() {
				continue
			}
			changed[key{d.Path, ch.ClauseID}] = true
			changed[key{"", ch.ClauseID}] = true
			changed[key{d.Path, "\x00doc"}] = true
			changed[key{"", "\x00doc"}] = true
			for _, c := range ch.Comments {
				applied[c.ID] = true
			}
		}
	}
	var out []comment.Comment
	for _, c := range comments {
		if !settled[c.ID] || (c.Status != comment.Adopted && c.Status != comment.Partial) || applied[c.ID] {
			continue
		}
		k := key{c.Anchor.Path, c.Anchor.ClauseID}
		if c.Anchor.ClauseID == "" {
			k.clause = "\x00doc"
		}
		if !changed[k] {
			out = append(out, c)
		}
	}
	return sortComments(out)
}

// sortComments returns a sorted copy in report order (comment.Sort: the
// one comment order).
func sortComments(cs []comment.Comment) []comment.Comment { return comment.Sorted(cs) }
