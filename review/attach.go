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
	// Stages are the stage names of the range's two revisions ("" when
	// unnamed): a title that only swaps one for the other is editorial.
	Stages []string
}

// Attach builds the annotated diff of one document: each change with its
// clause id, labels, texts (Node.Text: the clause as written, marker
// included, children excluded) and the comments that explain it, and the
// substantive changes that no comment explains.
//
// A comment explains a change when it was settled in the range
// (in.Settled), is not rejected (a comment that was not adopted cannot be
// the reason for a change), and is about the change: it is anchored to the
// changed clause or to the article that contains it, or to the 款 that
// contains a changed 项 (AboutClauses), or its quote lies in the changed
// clause's text, old or new, inside the clause it is anchored to or in the
// same article (QuoteIn). So a comment on a whole part or chapter explains a
// change to the part's own text, the edits inside it that its quote names,
// and the clauses inserted into or deleted from it — never the other edits
// inside its clauses, which have their own comments or are unexplained. An
// inserted or deleted clause with no comment of its own is explained by the
// comments on its nearest paired ancestor — the nearest enclosing clause
// present in both revisions; the document itself (whole-document comments)
// for a top-level clause. A clause inserted or deleted with all its parts
// is one change (Change.Whole, see whole.go), which a comment on any of
// its parts is about. Editorial changes (Editorial) are never
// unexplained. Comments are in report order: Seq, then id (comments without
// a Seq last).
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
	var quoting []comment.Comment // settled comments with a quote
	for _, c := range in.Comments {
		if !in.Settled[c.ID] || c.Status == comment.Rejected {
			continue
		}
		if c.Anchor.Path != "" && in.Path != "" && c.Anchor.Path != in.Path {
			continue
		}
		byClause[c.Anchor.ClauseID] = append(byClause[c.Anchor.ClauseID], c)
		if c.Anchor.Exact != "" {
			quoting = append(quoting, c)
		}
	}
	// The anchored clauses of quoting comments, in either revision, built
	// on first use.
	var anchors map[string][2]*clause.Node
	anchorsOnce := func() map[string][2]*clause.Node {
		if anchors == nil {
			anchors = clauseIndex(r, id)
		}
		return anchors
	}
	var renum *Renumbering
	renumOnce := func() Renumbering {
		if renum == nil {
			rn := renumbering(r)
			renum = &rn
		}
		return *renum
	}
	// Clauses inserted or deleted with all their parts, each one change.
	var whole map[*clause.Node][]*clause.Node
	for i := range r.Changes {
		if n := changedNode(&r.Changes[i]); n != nil && len(n.Children) > 0 {
			whole = wholeChanges(r, pairedOnce)
			break
		}
	}
	var folded map[*clause.Node]bool // parts of whole changes
	if len(whole) > 0 {
		folded = map[*clause.Node]bool{}
		for _, parts := range whole {
			for _, m := range parts[1:] {
				folded[m] = true
			}
		}
	}
	for _, c := range r.Changes {
		var wn *clause.Node // the whole clause this change is, or nil
		var full string
		if n := changedNode(&c); n != nil && len(whole) > 0 {
			if folded[n] {
				continue // a part of a whole change
			}
			if parts := whole[n]; parts != nil {
				wn = n
				c, full = wholeChange(c, parts)
			}
		}
		ch := Change{Change: c, Whole: wn != nil}
		if wn != nil {
			ch.parts = whole[wn]
		}
		oldText, newText := c.Texts()
		if full != "" { // "" for a tree built by hand
			if c.Kind == diff.Inserted {
				newText = full
			} else {
				oldText = full
			}
		}
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
		ch.Editorial = Editorial(c, ch.OldText, ch.NewText, in.Stages...) || citesOnly(&c, renumOnce)
		ch.about = union(aboutIDs(c.New, id), aboutIDs(c.Old, id))
		if wn != nil {
			// A comment on any part of a whole clause is about it.
			var parts []string
			for _, m := range ch.parts[1:] {
				if s := id(m); s != "" {
					parts = append(parts, s)
				}
			}
			ch.about = union(ch.about, parts)
		}
		var cs []comment.Comment
		seen := map[string]bool{}
		add := func(list []comment.Comment) {
			for _, cm := range list {
				if !seen[cm.ID] {
					seen[cm.ID] = true
					cs = append(cs, cm)
				}
			}
		}
		root := isRoot(c.Old) || isRoot(c.New)
		switch {
		case root:
			// The text outside every clause: whole-document comments
			// explain it, and its clause id is "".
			ch.ClauseID = ""
			add(byClause[""])
		default:
			for _, aid := range ch.about {
				add(byClause[aid])
			}
		}
		for _, cm := range quoting {
			if seen[cm.ID] || !(QuoteIn(ch.OldText, cm.Anchor) || QuoteIn(ch.NewText, cm.Anchor)) {
				continue
			}
			inScope := cm.Anchor.ClauseID == ""
			if !inScope && !root {
				an := anchorsOnce()[cm.Anchor.ClauseID]
				inScope = (an[1] != nil && quoteScope(an[1], c.New)) || (an[0] != nil && quoteScope(an[0], c.Old)) ||
					wn != nil && (inside(an[0], wn) || inside(an[1], wn))
			}
			if inScope {
				add([]comment.Comment{cm})
			}
		}
		if len(cs) == 0 && len(byClause) > 0 && (c.Kind == diff.Inserted || c.Kind == diff.Deleted) {
			n := c.New
			if c.Kind == diff.Deleted {
				n = c.Old
			}
			if pid, ok := pairedAncestor(n, pairedOnce(), id); ok {
				add(byClause[pid])
			}
		}
		ch.Comments = sortComments(cs)
		d.Changes = append(d.Changes, ch)
		if ch.Substance() && len(ch.Comments) == 0 {
			d.Unexplained = append(d.Unexplained, ch.ClauseID)
		}
	}
	d.Runs = renumberRuns(d.Changes)
	return d
}

// citesOnly reports whether the only change to c's text, its own number
// aside, is its citations of the document's articles and sections
// following their renumbering (CitesRenumbered).
func citesOnly(c *diff.Change, renum func() Renumbering) bool {
	if c.Kind != diff.Modified {
		return false
	}
	ob, nb := c.Bodies()
	return CitesRenumbered(ob, nb, renum())
}

// clauseIndex maps clause ids to their clause in the old and the new
// revision of r.
func clauseIndex(r *diff.Result, id func(*clause.Node) string) map[string][2]*clause.Node {
	out := map[string][2]*clause.Node{}
	for side, doc := range [2]*clause.Document{r.Old, r.New} {
		if doc == nil || doc.Root == nil {
			continue
		}
		var walk func(n *clause.Node)
		walk = func(n *clause.Node) {
			for _, c := range n.Children {
				if k := id(c); k != "" {
					v := out[k]
					if v[side] == nil {
						v[side] = c
						out[k] = v
					}
				}
				walk(c)
			}
		}
		walk(doc.Root)
	}
	return out
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

// sortComments returns a sorted copy in report order (comment.Sort: the
// one comment order).
func sortComments(cs []comment.Comment) []comment.Comment { return comment.Sorted(cs) }
