package repo

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/annotate"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

// histVersion changes whenever the history index's meaning changes; an
// index of another version is ignored and rebuilt.
const histVersion = 1

// histIndex is the clause history of one document along a first-parent
// line of revisions: for each clause id, the revisions in which it was
// created, changed, renumbered, moved or deleted. It is derived data, kept
// in .git/redline/history/ and extended as revisions are added, so a warm
// history reads one small file instead of re-walking and re-diffing.
type histIndex struct {
	Version int
	Path    string
	Commits []plumbing.Hash // the line indexed, oldest first
	Blobs   []plumbing.Hash // the document's blob at each commit; zero when absent
	Events  map[string][]histEvent
	Last    []clauseState // the clauses at the last commit

	pos map[plumbing.Hash]int
}

// histEvent is one event of one clause.
type histEvent struct {
	Rev     int32 // index into Commits
	Event   annotate.Event
	Label   string
	TextRev int32 // the commit whose blob holds the text (Rev, or Rev-1 when deleted)
	Start   int32 // Src[Start:End] trimmed is the clause's text
	End     int32
}

// clauseState is what the index compares between revisions.
type clauseState struct {
	ID, Label, Parent string
	Sum               uint64
	Start, End        int32
}

func (h *histIndex) index() {
	h.pos = make(map[plumbing.Hash]int, len(h.Commits))
	for i, c := range h.Commits {
		h.pos[c] = i
	}
}

func (r *Repo) histPath(path string) string { return r.cachePath("history", pathKey(path)+".gob") }

func (r *Repo) loadHist(path string) *histIndex {
	if h := r.s.hist[path]; h != nil {
		return h
	}
	h := &histIndex{Version: histVersion, Path: path, Events: map[string][]histEvent{}}
	if b, err := os.ReadFile(r.histPath(path)); err == nil {
		var disk histIndex
		if gob.NewDecoder(bytes.NewReader(b)).Decode(&disk) == nil && disk.Version == histVersion &&
			disk.Path == path && len(disk.Commits) == len(disk.Blobs) {
			if disk.Events == nil {
				disk.Events = map[string][]histEvent{}
			}
			h = &disk
		}
	}
	h.index()
	r.s.hist[path] = h
	return h
}

func (r *Repo) saveHist(h *histIndex) {
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(h) == nil {
		writeCache(r.histPath(h.Path), buf.Bytes())
	}
}

func states(d *docIDs) []clauseState {
	if d == nil {
		return nil
	}
	out := make([]clauseState, len(d.node))
	for i, n := range d.node {
		f := fnv.New64a()
		f.Write([]byte(n.Body()))
		out[i] = clauseState{ID: d.ids[i], Label: n.Path(), Parent: d.of[n.Parent], Sum: f.Sum64(),
			Start: int32(n.Start), End: int32(n.HeadEnd)}
	}
	return out
}

// histFor returns path's history index covering tip's first-parent line,
// and how many of its commits belong to that line.
func (r *Repo) histFor(ctx context.Context, path string, tip *revInfo, progress Progress) (*histIndex, int, error) {
	h := r.loadHist(path)
	if k, ok := h.pos[tip.Hash]; ok {
		return h, k + 1, nil
	}
	// Walk back to the indexed line (or the root).
	var todo []*revInfo
	at := -1
	for cur := tip; ; {
		if k, ok := h.pos[cur.Hash]; ok {
			at = k
			break
		}
		todo = append(todo, cur)
		p := cur.parent()
		if p.IsZero() {
			break
		}
		next, err := r.revInfoOf(p)
		if err != nil {
			return nil, 0, err
		}
		cur = next
	}
	var prev *docIDs
	if at+1 < len(h.Commits) || (at >= 0 && h.Last == nil && !h.Blobs[at].IsZero()) {
		// tip left the indexed line at commit at: keep what is shared.
		h.Commits, h.Blobs = h.Commits[:at+1], h.Blobs[:at+1]
		for id, evs := range h.Events {
			k := len(evs)
			for k > 0 && int(evs[k-1].Rev) > at {
				k--
			}
			if k == 0 {
				delete(h.Events, id)
			} else {
				h.Events[id] = evs[:k]
			}
		}
		h.Last = nil
		if at >= 0 {
			ri, err := r.revInfoOf(h.Commits[at])
			if err != nil {
				return nil, 0, err
			}
			if prev, err = r.idsAt(ri, path); err != nil {
				return nil, 0, err
			}
			h.Last = states(prev)
		}
	} else if at >= 0 && !h.Blobs[at].IsZero() {
		ri, err := r.revInfoOf(h.Commits[at])
		if err != nil {
			return nil, 0, err
		}
		if prev, err = r.idsAt(ri, path); err != nil {
			return nil, 0, err
		}
	}
	last := map[string]int{}
	for i, s := range h.Last {
		last[s.ID] = i
	}
	for i := len(todo) - 1; i >= 0; i-- {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		if progress != nil {
			progress(len(todo)-i, len(todo), path)
		}
		ri := todo[i]
		d, err := r.idsStep(ri, path, prev)
		if err != nil {
			return nil, 0, err
		}
		rev := int32(len(h.Commits))
		blob := plumbing.ZeroHash
		if d != nil {
			blob = d.blob
		}
		h.Commits = append(h.Commits, ri.Hash)
		h.Blobs = append(h.Blobs, blob)
		h.pos[ri.Hash] = int(rev)
		if prev == nil || d == nil || d.blob != prev.blob {
			cur := states(d)
			seen := make(map[string]bool, len(cur))
			for _, s := range cur {
				seen[s.ID] = true
				ev := histEvent{Rev: rev, Label: s.Label, TextRev: rev, Start: s.Start, End: s.End}
				j, ok := last[s.ID]
				switch {
				case !ok:
					ev.Event = annotate.Created
				case h.Last[j].Sum != s.Sum:
					ev.Event = annotate.Modified
				case h.Last[j].Parent != s.Parent:
					ev.Event = annotate.Moved
				case h.Last[j].Label != s.Label:
					ev.Event = annotate.Renumbered
				default:
					continue
				}
				h.Events[s.ID] = append(h.Events[s.ID], ev)
			}
			for _, s := range h.Last {
				if !seen[s.ID] {
					h.Events[s.ID] = append(h.Events[s.ID], histEvent{Rev: rev, Event: annotate.Deleted,
						Label: s.Label, TextRev: rev - 1, Start: s.Start, End: s.End})
				}
			}
			h.Last = cur
			clear(last)
			for i, s := range cur {
				last[s.ID] = i
			}
		}
		prev = d
	}
	if len(todo) > 0 {
		r.saveHist(h)
	}
	return h, len(h.Commits), nil
}

// textAt is the trimmed text of a clause recorded in an event.
func (r *Repo) textAt(h *histIndex, ev histEvent, blobs map[plumbing.Hash][]byte) (string, error) {
	b := h.Blobs[ev.TextRev]
	src, ok := blobs[b]
	if !ok {
		var err error
		if src, err = r.readBlob(b); err != nil {
			return "", err
		}
		blobs[b] = src
	}
	if ev.Start < 0 || int(ev.End) > len(src) || ev.Start > ev.End {
		return "", fmt.Errorf("history index of %s: stale text range", h.Path)
	}
	return strings.TrimSpace(string(src[ev.Start:ev.End])), nil
}

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
func (r *Repo) history(ctx context.Context, clauseArg, path, at string) (*annotate.History, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	tip, err := r.resolve(at)
	if err != nil {
		return nil, err
	}
	var id string
	t, err := r.resolveClause(clauseArg, path, at)
	switch {
	case err == nil && t.node != nil:
		id, path = t.d.id(t.node), t.d.path
	case err == nil || errors.Is(err, ErrUnknownClause):
		// Perhaps the id of a clause deleted before at.
		id, path, err = r.findDeleted(ctx, clauseArg, path, tip)
		if err != nil {
			return nil, err
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
	out := &annotate.History{ClauseID: id, Path: path}
	if d, err := r.idsAt(tip, path); err == nil && d != nil {
		out.Lang = d.doc.Lang
	}
	blobs := map[plumbing.Hash][]byte{}
	prevText := ""
	for _, ev := range h.Events[id] {
		if int(ev.Rev) >= n {
			break
		}
		ri, err := r.revInfoOf(h.Commits[ev.Rev])
		if err != nil {
			return nil, err
		}
		text, err := r.textAt(h, ev, blobs)
		if err != nil {
			return nil, err
		}
		e := annotate.HistoryEntry{Rev: ri.rev(), Event: ev.Event, Label: ev.Label, Text: text}
		if ev.Event != annotate.Created && ev.Event != annotate.Deleted {
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
func (r *Repo) blame(ctx context.Context, rev, path string) (*annotate.Blame, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	ri, err := r.resolve(rev)
	if err != nil {
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
	out := &annotate.Blame{Rev: ri.rev(), Path: path, Lang: t.d.doc.Lang}
	explained := map[int32]map[string][]comment.Comment{}
	for i, node := range t.d.node {
		id := t.d.ids[i]
		line := annotate.BlameLine{ClauseID: id, Label: node.Path(), Text: node.Text()}
		evs := h.Events[id]
		k := len(evs) - 1
		for k >= 0 && (int(evs[k].Rev) >= n || evs[k].Event == annotate.Deleted) {
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
