package review

import (
	"context"
	"fmt"
	"slices"

	"github.com/redline-docs/redline/clause"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/revision"
)

// ClauseLister is a Source that lists a document's clauses at a revision
// without parsing it (a store keeping them as derived data); tracing uses
// it when the Source has it. Clauses returns nil when the document is not
// there.
type ClauseLister interface {
	Clauses(ctx context.Context, rev revision.Rev, path string) (*revision.Clauses, error)
}

// state is what the history rules compare of one clause between two
// revisions.
type state = revision.Clause

// clausesAt lists path's clauses at rev: nil when the document is not there.
func clausesAt(ctx context.Context, src Source, rev Rev, path string) (*revision.Clauses, error) {
	if l, ok := src.(ClauseLister); ok && rev.Hash != "" {
		return l.Clauses(ctx, rev, path)
	}
	doc, ids, err := src.Document(ctx, rev, path)
	if err != nil || doc == nil {
		return nil, err
	}
	return revision.ClausesOf(doc, ids), nil
}

// event is one event of one clause at the revision chain[rev].
type event struct {
	rev   int
	event Event
	label string
	text  string // the clause's text after the event (before it, when deleted)
}

// classify is the rule of history events between two revisions' clauses:
// a clause whose id is new is Created; one whose text without numbering
// changed — for an article, its own or any of its parts' (state.Parts) —
// in more than formatting is Modified (whatever else changed); one under another parent is
// Moved; one with only a new label is Renumbered; a clause whose id is gone
// is Deleted. A clause unchanged in all of these has no event.
func classify(rev int, old, cur []state, add func(id string, e event)) {
	last := make(map[string]int, len(old))
	for i, s := range old {
		last[s.ID] = i
	}
	seen := make(map[string]bool, len(cur))
	for _, s := range cur {
		seen[s.ID] = true
		e := event{rev: rev, label: s.Label, text: s.Text + s.Parts}
		j, ok := last[s.ID]
		switch {
		case !ok:
			e.event = Created
		case reworded(old[j], s):
			e.event = Modified
		case old[j].Parent != s.Parent:
			e.event = Moved
		case old[j].Label != s.Label:
			e.event = Renumbered
		default:
			continue
		}
		add(s.ID, e)
	}
	for _, s := range old {
		if !seen[s.ID] {
			add(s.ID, event{rev: rev, event: Deleted, label: s.Label, text: s.Text + s.Parts})
		}
	}
}

// reworded reports whether a clause's text without numbering — for an
// article, with its parts — changed in more than formatting: a change of
// punctuation or digit width or of white space alone (第一章  总则 → 第一章
// 总 则) is folded away in a diff, and is no event of the clause's history
// either, so blame does not give the clause to the revision that made it.
func reworded(old, cur state) bool {
	if old.Body == cur.Body && old.Parts == cur.Parts {
		return false
	}
	return !diff.FormattingOnly(old.Body+old.Parts, cur.Body+cur.Parts)
}

// timeline is a document's clause events along a line of revisions.
type timeline struct {
	chain  []Rev
	events map[string][]event
	tip    *revision.Clauses // the document at the line's last revision
}

// trace walks the line of revisions ending at tip and records the events
// of path's clauses.
func trace(ctx context.Context, src Source, tip Rev, path string) (*timeline, error) {
	chain, err := src.Chain(ctx, tip)
	if err != nil {
		return nil, err
	}
	t := &timeline{chain: chain, events: map[string][]event{}}
	var prev *revision.Clauses
	for i, r := range chain {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cur, err := clausesAt(ctx, src, r, path)
		if err != nil {
			return nil, err
		}
		var old, now []state
		if prev != nil {
			old = prev.List
		}
		if cur != nil {
			now = cur.List
		}
		classify(i, old, now, func(id string, e event) { t.events[id] = append(t.events[id], e) })
		prev = cur
	}
	t.tip = prev
	return t, nil
}

// explainedBy returns, for the revision chain[i], the comments attached to
// the changes of path's clauses by clause id — DiffRange's rules over that
// one revision. Only revisions that settle comments can have any.
func (t *timeline) explainedBy(ctx context.Context, src Source, i int, path string, all []comment.Comment) (map[string][]comment.Comment, error) {
	out := map[string][]comment.Comment{}
	r := t.chain[i]
	if len(r.Resolves) == 0 {
		return out, nil
	}
	b, err := load(ctx, src, r, path)
	if err != nil {
		return nil, err
	}
	var a *version
	if i > 0 {
		if a, err = load(ctx, src, t.chain[i-1], path); err != nil {
			return nil, err
		}
	}
	settled := map[string]bool{}
	for _, id := range r.Resolves {
		settled[id] = true
	}
	cs := reanchored(all, path, b, true)
	if a == nil {
		a = empty(path)
	}
	if b == nil {
		b = empty(path)
	}
	for _, ch := range attachVersions(path, a, b, cs, settled).Changes {
		if len(ch.Comments) == 0 {
			continue
		}
		out[ch.ClauseID] = append(out[ch.ClauseID], ch.Comments...)
		n, v := ch.New, b
		if n == nil {
			n, v = ch.Old, a
		}
		if ch.Whole {
			// A clause created or deleted with its parts: the comments
			// behind it explain each part's creation or deletion too.
			parts, _ := ch.WholeParts()
			for _, m := range parts[1:] {
				if id := v.id(m); id != "" {
					out[id] = append(out[id], ch.Comments...)
				}
			}
		}
		// A change to a 款, 项 or 目 is a change to its article (see
		// classify): the comments behind it explain the article's too.
		if art := articleOf(n); art != nil && art != n {
			if id := v.id(art); id != "" {
				for _, cm := range ch.Comments {
					if !slices.ContainsFunc(out[id], func(c comment.Comment) bool { return c.ID == cm.ID }) {
						out[id] = append(out[id], cm)
					}
				}
			}
		}
	}
	for id, cs := range out {
		out[id] = sortComments(cs)
	}
	return out, nil
}

// HistoryOf traces clause id of document path along the line of revisions
// ending at tip: every revision in which it was created, modified,
// renumbered, moved or deleted, with the comments that explain the change.
// With path "", the documents at tip are searched for the id. A clause id
// that never existed on the line is ErrUnknownClause.
func HistoryOf(ctx context.Context, src Source, tip Rev, path, id string) (*History, error) {
	paths := []string{path}
	if path == "" {
		var err error
		if paths, err = src.Documents(ctx, tip); err != nil {
			return nil, err
		}
	}
	for _, p := range paths {
		t, err := trace(ctx, src, tip, p)
		if err != nil {
			return nil, err
		}
		if len(t.events[id]) == 0 {
			continue
		}
		return t.history(ctx, src, p, id)
	}
	return nil, fmt.Errorf("clause %q at %s: %w", id, Short(tip), ErrUnknownClause)
}

func (t *timeline) history(ctx context.Context, src Source, path, id string) (*History, error) {
	all, err := src.Comments(ctx)
	if err != nil {
		return nil, err
	}
	out := &History{ClauseID: id, Path: path}
	if t.tip != nil {
		out.Lang = clause.Lang(t.tip.Lang)
	}
	prevText := ""
	for _, ev := range t.events[id] {
		e := HistoryEntry{Rev: t.chain[ev.rev], Event: ev.event, Label: ev.label, Text: ev.text}
		if ev.event != Created && ev.event != Deleted {
			e.Ops = quietFormatting(diff.Text(prevText, ev.text))
		}
		prevText = ev.text
		ex, err := t.explainedBy(ctx, src, ev.rev, path, all)
		if err != nil {
			return nil, err
		}
		e.Comments = ex[id]
		out.Entries = append(out.Entries, e)
	}
	return out, nil
}

// quietFormatting shows as unchanged each deletion and insertion side by
// side that differ only in formatting ((一) → （一）, a space): a change of
// formatting alone is no event (reworded), and an entry's redline against
// the last event shows it no more than diff does.
func quietFormatting(ops []diff.Op) []diff.Op {
	out := make([]diff.Op, 0, len(ops))
	for i := 0; i < len(ops); i++ {
		op := ops[i]
		if i+1 < len(ops) && op.Kind != diff.Equal && ops[i+1].Kind != diff.Equal && op.Kind != ops[i+1].Kind {
			del, ins := op.Text, ops[i+1].Text
			if op.Kind == diff.Insert {
				del, ins = ins, del
			}
			if diff.FormattingOnly(del, ins) {
				op, i = diff.Op{Kind: diff.Equal, Text: ins}, i+1
			}
		}
		if n := len(out); n > 0 && op.Kind == diff.Equal && out[n-1].Kind == diff.Equal {
			out[n-1].Text += op.Text
			continue
		}
		out = append(out, op)
	}
	return out
}

// BlameOf says, for each clause of document path at rev, the revision that
// last created, modified, renumbered or moved it and the comments that
// explain that change.
func BlameOf(ctx context.Context, src Source, rev Rev, path string) (*Blame, error) {
	t, err := trace(ctx, src, rev, path)
	if err != nil {
		return nil, err
	}
	if t.tip == nil {
		return nil, fmt.Errorf("%s at %s: %w", path, Short(rev), ErrUnknownDocument)
	}
	all, err := src.Comments(ctx)
	if err != nil {
		return nil, err
	}
	out := &Blame{Rev: rev, Path: path, Lang: clause.Lang(t.tip.Lang)}
	explained := map[int]map[string][]comment.Comment{}
	for _, c := range t.tip.List {
		id := c.ID
		line := BlameLine{ClauseID: id, Label: c.Label, Text: c.Text}
		evs := t.events[id]
		k := len(evs) - 1
		for k >= 0 && evs[k].event == Deleted {
			k--
		}
		if k >= 0 {
			at := evs[k].rev
			line.Rev = t.chain[at]
			if _, ok := explained[at]; !ok {
				if explained[at], err = t.explainedBy(ctx, src, at, path, all); err != nil {
					return nil, err
				}
			}
			line.Comments = explained[at][id]
		}
		out.Clauses = append(out.Clauses, line)
	}
	return out, nil
}

// Short names a revision in messages: its stage, else its hash's first 7
// digits; the work tree when it has no hash.
func Short(r Rev) string {
	switch {
	case r.Stage != "":
		return r.Stage
	case len(r.Hash) >= 7:
		return r.Hash[:7]
	case r.Hash != "":
		return r.Hash
	}
	return "the work tree"
}
