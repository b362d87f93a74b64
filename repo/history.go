package repo

import (
	"context"
	"errors"
	"fmt"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// explainedBy returns, for the revision ri, the comments attached to the
// changes of path's clauses (by clause id), under CONTRACT.md's rules.
// Only revisions that settle comments can have any.
func (r *Repo) explainedBy(ri *revInfo, path string, all []comment.Comment) (map[string][]comment.Comment, error) {
	out := map[string][]comment.Comment{}
	if len(ri.Resolves) == 0 {
		return out, nil
	}
	b, err := r.idsAt(ri, path)
	if err != nil {
		return nil, err
	}
	var a *docIDs
	if p := ri.parent(); !p.IsZero() {
		pri, err := r.revInfoOf(p)
		if err != nil {
			return nil, err
		}
		if a, err = r.idsAt(pri, path); err != nil {
			return nil, err
		}
	}
	settled := map[string]bool{}
	for _, id := range ri.Resolves {
		settled[id] = true
	}
	cs := reanchored(all, path, b, true)
	if a == nil {
		a = emptyIDs(path)
	}
	if b == nil {
		b = emptyIDs(path)
	}
	doc := r.attach(path, a, b, cs, settled)
	for _, ch := range doc.Changes {
		if len(ch.Comments) > 0 {
			out[ch.ClauseID] = append(out[ch.ClauseID], ch.Comments...)
		}
	}
	return out, nil
}

// history traces one clause. See Repo.History.
func (r *Repo) history(ctx context.Context, clauseArg, path, at string) (*review.History, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	tip, err := r.resolve(at)
	if err != nil {
		return nil, err
	}
	// Index the document's history first: it leaves the ids of the tip in
	// the cache, so finding the clause does not derive them again.
	if err := r.warmHistory(ctx, path, tip); err != nil {
		return nil, err
	}
	var id string
	t, err := r.resolveClause(clauseArg, path, at)
	switch {
	case err == nil && t.node != nil:
		id, path = t.d.id(t.node), t.d.path
	case err == nil || errors.Is(err, ErrUnknownClause):
		// Perhaps the id of a clause deleted before at.
		var derr error
		if id, path, derr = r.findDeleted(ctx, clauseArg, path, tip); derr != nil {
			if err != nil {
				return nil, err // say why the argument named no clause (ambiguous …)
			}
			return nil, derr
		}
	default:
		return nil, err
	}
	h, n, err := r.histFor(ctx, path, tip, nil)
	if err != nil {
		return nil, err
	}
	all, err := r.commentList()
	if err != nil {
		return nil, err
	}
	out := &review.History{ClauseID: id, Path: path}
	if d, err := r.idsAt(tip, path); err == nil && d != nil {
		out.Lang = d.doc.Lang
	}
	prevText := ""
	for _, ev := range h.Events[id] {
		if int(ev.Rev) >= n {
			break
		}
		ri, err := r.revInfoOf(h.Commits[ev.Rev])
		if err != nil {
			return nil, err
		}
		text := ev.Text
		e := review.HistoryEntry{Rev: ri.rev(), Event: ev.Event, Label: ev.Label, Text: text}
		if ev.Event != review.Created && ev.Event != review.Deleted {
			e.Ops = diff.Text(prevText, text)
		}
		prevText = text
		ex, err := r.explainedBy(ri, path, all)
		if err != nil {
			return nil, err
		}
		e.Comments = ex[id]
		out.Entries = append(out.Entries, e)
	}
	return out, nil
}

// warmHistory brings the history index of path (or of the only document)
// up to tip.
func (r *Repo) warmHistory(ctx context.Context, path string, tip *revInfo) error {
	if path == "" {
		docs, err := r.documentsIn(tip.Tree)
		if err != nil || len(docs) != 1 {
			return err
		}
		path = docs[0]
	} else {
		rel, err := r.relPath(path)
		if err != nil {
			return err
		}
		path = rel
	}
	_, _, err := r.histFor(ctx, path, tip, nil)
	return err
}

// findDeleted looks for a clause id among the clauses that ever existed in
// path (or in any document at tip) along tip's line.
func (r *Repo) findDeleted(ctx context.Context, id, path string, tip *revInfo) (string, string, error) {
	var docs []string
	if path != "" {
		rel, err := r.relPath(path)
		if err != nil {
			return "", "", err
		}
		docs = []string{rel}
	} else {
		var err error
		if docs, err = r.documentsIn(tip.Tree); err != nil {
			return "", "", err
		}
	}
	for _, p := range docs {
		h, n, err := r.histFor(ctx, p, tip, nil)
		if err != nil {
			return "", "", err
		}
		if evs := h.Events[id]; len(evs) > 0 && int(evs[0].Rev) < n {
			return id, p, nil
		}
	}
	return "", "", fmt.Errorf("clause %q at %s: %w", id, short(tip), ErrUnknownClause)
}

// blame says which revision last changed each clause. See Repo.Blame.
func (r *Repo) blame(ctx context.Context, rev, path string) (*review.Blame, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	ri, err := r.resolve(rev)
	if err != nil {
		return nil, err
	}
	if err := r.warmHistory(ctx, path, ri); err != nil {
		return nil, err
	}
	t, err := r.resolveClause("", path, rev)
	if err != nil {
		return nil, err
	}
	path = t.d.path
	h, n, err := r.histFor(ctx, path, ri, nil)
	if err != nil {
		return nil, err
	}
	all, err := r.commentList()
	if err != nil {
		return nil, err
	}
	out := &review.Blame{Rev: ri.rev(), Path: path, Lang: t.d.doc.Lang}
	explained := map[int32]map[string][]comment.Comment{}
	for i, node := range t.d.node {
		id := t.d.ids[i]
		line := review.BlameLine{ClauseID: id, Label: node.Path(), Text: node.Text()}
		evs := h.Events[id]
		k := len(evs) - 1
		for k >= 0 && (int(evs[k].Rev) >= n || evs[k].Event == review.Deleted) {
			k--
		}
		if k >= 0 {
			at := evs[k].Rev
			cri, err := r.revInfoOf(h.Commits[at])
			if err != nil {
				return nil, err
			}
			line.Rev = cri.rev()
			if _, ok := explained[at]; !ok {
				if explained[at], err = r.explainedBy(cri, path, all); err != nil {
					return nil, err
				}
			}
			line.Comments = explained[at][id]
		}
		out.Clauses = append(out.Clauses, line)
	}
	return out, nil
}
