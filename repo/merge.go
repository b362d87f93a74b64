package repo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/internal/atomicfile"
	"github.com/redline-docs/redline/merge"
	"github.com/redline-docs/redline/repo/internal/gitobj"
	"github.com/redline-docs/redline/revision"
)

// MergeOptions sign the merge commit.
type MergeOptions struct {
	Author string    // "NAME <EMAIL>"; empty: as for Commit
	Date   time.Time // zero: now
	// Notice receives one line per notable event (a stage name used on
	// both sides).
	Notice func(msg string)
}

// MergeConflict is one thing the two sides changed differently: a clause
// of a document (Path, Label) or a field of a comment (Comment, Field).
type MergeConflict struct {
	Path    string `json:"path,omitempty"`
	Label   string `json:"label,omitempty"`
	Comment string `json:"comment,omitempty"`
	Field   string `json:"field,omitempty"`
	Detail  string `json:"detail,omitempty"`
	// For a comment: the git blob hash of the file as the merge wrote it
	// ("" when it wrote none), and whether `comment set` settled it since.
	Written string `json:"written,omitempty"`
	Settled bool   `json:"settled,omitempty"`
}

func (c MergeConflict) String() string {
	if c.Comment != "" {
		if c.Field == "" {
			return "comment " + c.Comment + ": " + c.Detail
		}
		return "comment " + c.Comment + " " + c.Field + ": " + c.Detail
	}
	if c.Label == "" {
		return c.Path + ": the text outside every clause"
	}
	return c.Path + ": " + c.Label
}

// MergeResult is what a merge did.
type MergeResult struct {
	Rev      revision.Rev // the merge revision, once made
	UpToDate bool         // REV was already merged: nothing done
	// FastForward: the current branch had nothing REV lacks, so it now
	// points at REV itself (no merge revision), as git merge does.
	FastForward bool
	Message     string
	Conflicts   []MergeConflict // non-empty: the merge stopped (ErrConflict)
}

// mergeState is .git/redline/MERGE.json while a merge waits for its
// conflicts to be settled.
type mergeState struct {
	Ours      string          `json:"ours"`
	Theirs    string          `json:"theirs"`
	Message   string          `json:"message"`
	Resolves  []string        `json:"resolves,omitempty"` // the merged side's Redline-Resolves since the base
	Paths     []string        `json:"paths"`              // work-tree files the merge wrote (to restore on abort)
	Files     []string        `json:"files,omitempty"`    // of those, the ones neither documents nor metadata (recorded as they are)
	Conflicts []MergeConflict `json:"conflicts"`
	// FastForward: the current branch is an ancestor of Theirs; the merge
	// moves it there.
	FastForward bool `json:"fast_forward,omitempty"`
}

func (r *Repo) mergeStatePath() string { return r.cachePath("MERGE.json") }

// MergeInProgress returns the conflicts of a merge that stopped, if any.
func (r *Repo) MergeInProgress() (conflicts []MergeConflict, ok bool) {
	st, err := r.readMergeState()
	if err != nil {
		return nil, false
	}
	return r.openConflicts(st), true
}

// openConflicts are the conflicts of a stopped merge not yet settled. A
// clause's conflict stands until the merge goes on (commit refuses the
// markers); a comment's until its file is edited or removed, or
// `comment set` records its disposition: the merge wrote the current
// branch's value, and keeping it must be a choice, not an oversight.
func (r *Repo) openConflicts(st *mergeState) []MergeConflict {
	var out []MergeConflict
	for _, c := range st.Conflicts {
		if c.Comment != "" && (c.Settled || r.commentTouched(c)) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func (r *Repo) commentTouched(c MergeConflict) bool {
	b, err := os.ReadFile(r.commentFile(c.Comment))
	if err != nil {
		return c.Written != ""
	}
	return plumbing.ComputeHash(plumbing.BlobObject, b).String() != c.Written
}

// settleComment marks the conflicts of comment id in a stopped merge
// settled (comment set recorded its disposition). Callers hold the lock.
func (r *Repo) settleComment(id string, fields ...string) {
	st, err := r.readMergeState()
	if err != nil {
		return
	}
	changed := false
	for i, c := range st.Conflicts {
		if !strings.EqualFold(c.Comment, id) {
			continue
		}
		for _, f := range fields {
			if c.Field == f || c.Field == "" {
				st.Conflicts[i].Settled, changed = true, true
			}
		}
	}
	if changed {
		_ = r.writeMergeState(st)
	}
}

func (r *Repo) readMergeState() (*mergeState, error) {
	b, err := os.ReadFile(r.mergeStatePath())
	if err != nil {
		return nil, err
	}
	var st mergeState
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, err
	}
	return &st, nil
}

// Merge merges rev into the current branch clause by clause (see package
// merge): a two-parent revision, the current one first. When the sides
// conflict, the merged documents are written into the work tree with the
// conflicting clauses between markers, and Merge returns the conflicts and
// ErrConflict; MergeContinue records the merge once they are settled,
// MergeAbort restores the work tree.
func (r *Repo) Merge(ctx context.Context, rev string, opts MergeOptions) (MergeResult, error) {
	if _, ok := r.MergeInProgress(); ok {
		return MergeResult{}, fmt.Errorf("a merge is in progress: settle it with merge --continue or merge --abort: %w", ErrConflict)
	}
	docs, comments, err := r.Uncommitted(ctx)
	if err != nil && !errors.Is(err, ErrNoRevisions) {
		return MergeResult{}, err
	}
	if len(docs)+len(comments) > 0 {
		return MergeResult{}, fmt.Errorf("merge: the work tree has uncommitted changes (%s); commit them first: %w",
			strings.Join(append(docs, comments...), ", "), ErrBadInput)
	}
	st, writes, res, err := r.prepareMerge(ctx, rev, opts)
	if err != nil || res.UpToDate {
		return res, err
	}
	// The state first, then the work tree: a merge that stops part way
	// (a file that cannot be written, a crash) leaves a merge in progress
	// that --abort undoes, never work-tree files nobody knows about.
	if err := r.writeMergeState(st); err != nil {
		return res, err
	}
	if err := r.applyMergeWrites(writes); err != nil {
		if aerr := r.MergeAbort(ctx); aerr != nil {
			return res, fmt.Errorf("merge: %w (and putting the work tree back failed: %v; merge --abort tries again)", err, aerr)
		}
		return res, fmt.Errorf("merge: %w (the work tree is as it was)", err)
	}
	if len(res.Conflicts) > 0 {
		return res, fmt.Errorf("merge of %s stopped on %d conflicts: %w", rev, len(res.Conflicts), ErrConflict)
	}
	if st.FastForward {
		res.Rev, err = r.fastForward(st, opts)
		res.FastForward = true
	} else {
		res.Rev, err = r.commitMerge(ctx, st, opts)
	}
	if err != nil {
		return res, fmt.Errorf("%w (the merge is in progress: merge --continue tries again, merge --abort gives it up)", err)
	}
	os.Remove(r.mergeStatePath())
	return res, nil
}

func (r *Repo) writeMergeState(st *mergeState) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(r.mergeStatePath()), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(r.mergeStatePath(), b, 0o644)
}

// mergeWrite is one work-tree file a merge writes; nil data removes it.
type mergeWrite struct {
	path string
	data []byte
}

func (r *Repo) applyMergeWrites(writes []mergeWrite) error {
	for _, w := range writes {
		full := filepath.Join(r.dir, filepath.FromSlash(w.path))
		if w.data == nil {
			if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			continue
		}
		var err error
		if r.s.beforeMergeWrite != nil {
			err = r.s.beforeMergeWrite(w.path)
		}
		if err == nil {
			err = writeFile(full, w.data)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", w.path, err)
		}
	}
	return nil
}

// MergeContinue records a stopped merge once its conflicts are settled in
// the work tree.
func (r *Repo) MergeContinue(ctx context.Context, opts MergeOptions) (MergeResult, error) {
	st, err := r.readMergeState()
	if err != nil {
		return MergeResult{}, fmt.Errorf("merge --continue: no merge in progress: %w", ErrBadInput)
	}
	if ri, done := r.mergeRecorded(st); done {
		// Recorded before redline stopped (a crash between the ref and
		// the state's removal): nothing more to record.
		os.Remove(r.mergeStatePath())
		return MergeResult{Rev: ri.rev(), FastForward: st.FastForward, Message: st.Message}, nil
	}
	for _, c := range r.openConflicts(st) {
		if c.Comment == "" {
			continue // the document's markers are commit's to refuse
		}
		what := "comment " + c.Comment
		if c.Field != "" {
			what += " " + c.Field
		}
		return MergeResult{Conflicts: r.openConflicts(st)}, fmt.Errorf("merge --continue: %s is still in conflict (%s): record the value to keep with redline comment set %s, or edit its file, then merge --continue: %w",
			what, c.Detail, c.Comment, ErrConflict)
	}
	if st.FastForward {
		rev, err := r.fastForward(st, opts)
		if err != nil {
			return MergeResult{}, err
		}
		os.Remove(r.mergeStatePath())
		return MergeResult{Rev: rev, FastForward: true, Message: st.Message}, nil
	}
	rev, err := r.commitMerge(ctx, st, opts)
	if err != nil {
		return MergeResult{}, err
	}
	os.Remove(r.mergeStatePath())
	return MergeResult{Rev: rev, Message: st.Message}, nil
}

// MergeAbort puts back the work-tree files a stopped merge wrote, as they
// are in the current revision.
func (r *Repo) MergeAbort(ctx context.Context) error {
	st, err := r.readMergeState()
	if err != nil {
		return fmt.Errorf("merge --abort: no merge in progress: %w", ErrBadInput)
	}
	r.s.mu.Lock()
	ri, err := r.revInfoOf(plumbing.NewHash(st.Ours))
	if err != nil {
		r.s.mu.Unlock()
		return err
	}
	for _, p := range st.Paths {
		full := filepath.Join(r.dir, filepath.FromSlash(p))
		h, ok := r.blobAt(ri.Tree, p)
		if !ok {
			os.Remove(full)
			continue
		}
		b, err := r.readBlob(h)
		if err == nil {
			err = atomicfile.Write(full, b, 0o644)
		}
		if err != nil {
			r.s.mu.Unlock()
			return err
		}
	}
	r.s.mu.Unlock()
	return os.Remove(r.mergeStatePath())
}

func (r *Repo) commitMerge(ctx context.Context, st *mergeState, opts MergeOptions) (revision.Rev, error) {
	return r.commit(ctx, CommitOptions{Message: st.Message, Author: opts.Author, Date: opts.Date,
		Notice: opts.Notice, Resolves: st.Resolves, mergeHead: plumbing.NewHash(st.Theirs), files: st.Files})
}

// prepareMerge finds the merge base, merges every document and the
// comment files, and writes the result into the work tree.
func (r *Repo) prepareMerge(ctx context.Context, rev string, opts MergeOptions) (*mergeState, []mergeWrite, MergeResult, error) {
	lk, err := r.lock()
	if err != nil {
		return nil, nil, MergeResult{}, err
	}
	defer lk.release()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	h, err := r.head()
	if err != nil {
		return nil, nil, MergeResult{}, err
	}
	th, err := r.resolveHash(rev)
	if err != nil {
		return nil, nil, MergeResult{}, err
	}
	if _, err := r.readCommit(h); err != nil {
		return nil, nil, MergeResult{}, err
	}
	if _, err := r.readCommit(th); err != nil {
		return nil, nil, MergeResult{}, fmt.Errorf("resolve %q: %w", rev, ErrUnknownRevision)
	}
	bases, err := r.mergeBases(h, th)
	if err != nil {
		return nil, nil, MergeResult{}, err
	}
	if len(bases) == 0 {
		return nil, nil, MergeResult{}, fmt.Errorf("merge %s: no common revision with the current branch: %w", rev, ErrBadInput)
	}
	bc, err := r.readCommit(bases[0])
	if err != nil {
		return nil, nil, MergeResult{}, err
	}
	base := struct{ Hash, TreeHash plumbing.Hash }{bases[0], bc.Tree}
	if base.Hash == th {
		res := MergeResult{UpToDate: true}
		if ri, err := r.revInfoOf(h); err == nil {
			res.Rev = ri.rev()
		}
		return nil, nil, res, nil
	}
	oi, err := r.revInfoOf(h)
	if err != nil {
		return nil, nil, MergeResult{}, err
	}
	ti, err := r.revInfoOf(th)
	if err != nil {
		return nil, nil, MergeResult{}, err
	}
	st := &mergeState{Ours: h.String(), Theirs: th.String()}
	var res MergeResult
	var writes []mergeWrite
	if base.Hash == h {
		// Nothing here that rev lacks: the branch moves to rev.
		st.FastForward = true
		st.Message = "Fast-forward to " + rev
		res.Message = st.Message
		ours, err := r.treeFiles(oi.Tree, "")
		if err != nil {
			return nil, nil, res, err
		}
		theirs, err := r.treeFiles(ti.Tree, "")
		if err != nil {
			return nil, nil, res, err
		}
		for p, oh := range ours {
			if _, ok := theirs[p]; !ok {
				if err := r.unchangedInWorktree(p, oh); err != nil {
					return nil, nil, res, err
				}
				writes = append(writes, mergeWrite{p, nil})
			}
		}
		for p, th := range theirs {
			oh, ok := ours[p]
			if ok && oh == th {
				continue
			}
			if err := r.unchangedInWorktree(p, oh); err != nil {
				return nil, nil, res, err
			}
			b, err := r.readBlob(th)
			if err != nil {
				return nil, nil, res, err
			}
			writes = append(writes, mergeWrite{p, b})
		}
		sort.Slice(writes, func(i, j int) bool { return writes[i].path < writes[j].path })
		for _, w := range writes {
			st.Paths = append(st.Paths, w.path)
		}
		return st, writes, res, nil
	}
	var fromOurs, fromTheirs, renumbered []string

	// Documents.
	bdocs, err := r.documentsIn(base.TreeHash)
	if err != nil {
		return nil, nil, res, err
	}
	odocs, err := r.documentsIn(oi.Tree)
	if err != nil {
		return nil, nil, res, err
	}
	tdocs, err := r.documentsIn(ti.Tree)
	if err != nil {
		return nil, nil, res, err
	}
	for _, p := range union(union(bdocs, odocs), tdocs) {
		if err := ctx.Err(); err != nil {
			return nil, nil, res, err
		}
		bb, _ := r.blobAt(base.TreeHash, p)
		ob, _ := r.blobAt(oi.Tree, p)
		tb, _ := r.blobAt(ti.Tree, p)
		if ob == tb || bb == tb {
			continue
		}
		st.Paths = append(st.Paths, p)
		if bb == ob {
			fromTheirs = append(fromTheirs, p+" (whole document)")
			if tb.IsZero() {
				writes = append(writes, mergeWrite{p, nil})
				continue
			}
			b, err := r.readBlob(tb)
			if err != nil {
				return nil, nil, res, err
			}
			writes = append(writes, mergeWrite{p, b})
			continue
		}
		if isWord(p) {
			return nil, nil, res, fmt.Errorf("merge: %s, a Word document, changed on both sides; redline merges text documents only: %w", p, ErrBadInput)
		}
		var three [3]*clause.Document
		for i, bh := range []plumbing.Hash{bb, ob, tb} {
			if bh.IsZero() {
				continue
			}
			b, err := r.readBlob(bh)
			if err != nil {
				return nil, nil, res, err
			}
			if three[i], err = parseDoc(p, b); err != nil {
				return nil, nil, res, fmt.Errorf("%s: %w", p, err)
			}
		}
		m := merge.Merge(three[0], three[1], three[2])
		for _, c := range m.Changes {
			s := p + " " + c.Label + " (" + c.Kind.String() + ")"
			if c.Side == merge.Theirs {
				fromTheirs = append(fromTheirs, s)
			} else {
				fromOurs = append(fromOurs, s)
			}
		}
		for _, c := range m.Conflicts {
			res.Conflicts = append(res.Conflicts, MergeConflict{Path: p, Label: c.Label})
		}
		for _, l := range m.Renumbered {
			renumbered = append(renumbered, p+" "+l)
		}
		writes = append(writes, mergeWrite{p, []byte(m.Text)})
	}

	// Other files (attachments, ignored text): taken from the side that
	// changed them; changed on both sides, the current branch's is kept,
	// with a notice (the other stays in rev's history).
	allB, err := r.treeFiles(base.TreeHash, "")
	if err != nil {
		return nil, nil, res, err
	}
	allO, err := r.treeFiles(oi.Tree, "")
	if err != nil {
		return nil, nil, res, err
	}
	allT, err := r.treeFiles(ti.Tree, "")
	if err != nil {
		return nil, nil, res, err
	}
	isDoc := map[string]bool{}
	for _, p := range union(union(bdocs, odocs), tdocs) {
		isDoc[p] = true
	}
	var others []string
	for _, m := range []map[string]plumbing.Hash{allB, allO, allT} {
		for p := range m {
			if !isDoc[p] && !strings.HasPrefix(p, metaDir+"/") {
				others = append(others, p)
			}
		}
	}
	for _, p := range union(others, nil) {
		bh, oh, th := allB[p], allO[p], allT[p]
		switch {
		case oh == th || bh == th:
			continue
		case bh != oh:
			if opts.Notice != nil {
				opts.Notice(fmt.Sprintf("%s changed on both sides and is not a document: the current branch's version is kept (%s has the other)", p, rev))
			}
			continue
		}
		if err := r.unchangedInWorktree(p, oh); err != nil {
			return nil, nil, res, err
		}
		st.Paths = append(st.Paths, p)
		st.Files = append(st.Files, p)
		fromTheirs = append(fromTheirs, p)
		if th.IsZero() {
			writes = append(writes, mergeWrite{p, nil})
			continue
		}
		b, err := r.readBlob(th)
		if err != nil {
			return nil, nil, res, err
		}
		writes = append(writes, mergeWrite{p, b})
	}

	// Comments, field by field.
	three := [3]map[string]comment.Comment{}
	for i, tree := range []plumbing.Hash{base.TreeHash, oi.Tree, ti.Tree} {
		if three[i], err = r.commentsIn(tree); err != nil {
			return nil, nil, res, err
		}
	}
	merged, cc := merge.Comments(three[0], three[1], three[2])
	written := map[string]string{} // comment id → blob hash of the file the merge writes
	for id, c := range merged {
		if o, ok := three[1][id]; ok && sameComment(o, c) {
			continue
		}
		st.Paths = append(st.Paths, commentsDir+"/"+id+".json")
		b, err := marshalComment(c)
		if err != nil {
			return nil, nil, res, err
		}
		writes = append(writes, mergeWrite{commentsDir + "/" + id + ".json", b})
		written[id] = plumbing.ComputeHash(plumbing.BlobObject, b).String()
		if _, ok := three[1][id]; !ok {
			fromTheirs = append(fromTheirs, "comment "+id)
		}
	}
	for id := range three[1] {
		if _, ok := merged[id]; !ok {
			st.Paths = append(st.Paths, commentsDir+"/"+id+".json")
			writes = append(writes, mergeWrite{commentsDir + "/" + id + ".json", nil})
		}
	}
	for _, c := range cc {
		d := c.Ours + " | " + c.Theirs
		if c.Collision {
			d = "one id, two different comments: " + d
		}
		w, ok := written[c.ID]
		if !ok {
			// Left as the current branch has it: the file as it is.
			if b, err := os.ReadFile(r.commentFile(c.ID)); err == nil {
				w = plumbing.ComputeHash(plumbing.BlobObject, b).String()
			}
		}
		res.Conflicts = append(res.Conflicts, MergeConflict{Comment: c.ID, Field: c.Field, Detail: d, Written: w})
	}

	// The merged side's Redline-Resolves count on the current branch too:
	// the merge revision carries them, so the changes it brings in are
	// explained by the comments that settled them there.
	st.Resolves = r.resolvesSince(th, base.Hash)

	// Stage names used on both sides: reported, the merge goes on.
	if opts.Notice != nil {
		ours, theirs := r.stagesSince(h, base.Hash), r.stagesSince(th, base.Hash)
		for s := range ours {
			if theirs[s] {
				opts.Notice(fmt.Sprintf("stage %q is used on both sides of the merge; history shows both revisions under it", s))
			}
		}
	}

	var msg strings.Builder
	fmt.Fprintf(&msg, "Merge %s\n", rev)
	for _, x := range []struct {
		head string
		list []string
	}{{"From " + rev + ":", fromTheirs}, {"Kept from the current branch:", fromOurs},
		{"Numbered again (both sides inserted at one place):", renumbered}} {
		if len(x.list) == 0 {
			continue
		}
		sort.Strings(x.list)
		fmt.Fprintf(&msg, "\n%s\n", x.head)
		for _, s := range x.list {
			fmt.Fprintf(&msg, "  %s\n", s)
		}
	}
	st.Message = strings.TrimRight(msg.String(), "\n")
	st.Conflicts = res.Conflicts
	res.Message = st.Message
	return st, writes, res, nil
}

func sameComment(a, b comment.Comment) bool {
	x, _ := comment.Marshal(a)
	y, _ := comment.Marshal(b)
	return string(x) == string(y)
}

func writeFile(full string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(full, b, 0o644)
}

// commentsIn reads the comment files of a tree, by id.
func (r *Repo) commentsIn(tree plumbing.Hash) (map[string]comment.Comment, error) {
	out := map[string]comment.Comment{}
	files, err := r.treeFiles(tree, commentsDir+"/")
	if err != nil {
		return nil, err
	}
	for p, h := range files {
		if !strings.HasSuffix(p, ".json") {
			continue
		}
		b, err := r.readBlob(h)
		if err != nil {
			return nil, err
		}
		c, err := comment.Unmarshal(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out[c.ID] = c
	}
	return out, nil
}

// resolvesSince lists the Redline-Resolves of the revisions reachable from h
// and not from base, sorted.
func (r *Repo) resolvesSince(h, base plumbing.Hash) []string {
	seen := map[plumbing.Hash]bool{}
	for _, x := range r.ancestors(base) {
		seen[x] = true
	}
	ids := map[string]bool{}
	todo := []plumbing.Hash{h}
	for len(todo) > 0 {
		x := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		ri, err := r.revInfoOf(x)
		if err != nil {
			continue
		}
		for _, id := range ri.Resolves {
			ids[id] = true
		}
		todo = append(todo, ri.Parents...)
	}
	out := make([]string, 0, len(ids))
	for id := range ids {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// ancestors lists h and every revision reachable from it.
func (r *Repo) ancestors(h plumbing.Hash) []plumbing.Hash {
	seen := map[plumbing.Hash]bool{}
	todo := []plumbing.Hash{h}
	var out []plumbing.Hash
	for len(todo) > 0 {
		x := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[x] || x.IsZero() {
			continue
		}
		seen[x] = true
		out = append(out, x)
		if ri, err := r.revInfoOf(x); err == nil {
			todo = append(todo, ri.Parents...)
		}
	}
	return out
}

// stagesSince lists the stage names of the revisions reachable from h and
// not from base.
func (r *Repo) stagesSince(h, base plumbing.Hash) map[string]bool {
	out := map[string]bool{}
	seen := map[plumbing.Hash]bool{base: true}
	todo := []plumbing.Hash{h}
	for len(todo) > 0 {
		x := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		ri, err := r.revInfoOf(x)
		if err != nil {
			continue
		}
		if ri.Stage != "" {
			out[ri.Stage] = true
		}
		todo = append(todo, ri.Parents...)
	}
	return out
}

// adoptTheirIDs gives the clauses of a merged document that are new to the
// current branch the ids they have on the merged side, so a clause keeps
// the id it had on the side it came from.
func adoptTheirIDs(d, ours, theirs *docIDs) {
	if d == nil || theirs == nil {
		return
	}
	old := map[string]bool{}
	if ours != nil {
		for _, id := range ours.ids {
			old[id] = true
		}
	}
	used := map[string]bool{}
	for _, id := range d.ids {
		used[id] = true
	}
	a := diff.Align(theirs.doc, d.doc, diff.Options{})
	for _, p := range a.Pairs {
		if p.Old == nil || p.New == nil {
			continue
		}
		tid := theirs.id(p.Old)
		if tid == "" || used[tid] {
			continue
		}
		if old[d.id(p.New)] {
			continue // the current branch's own id
		}
		for i, n := range d.node {
			if n == p.New {
				d.ids[i] = tid
			}
		}
		d.index()[p.New] = tid
		used[tid] = true
	}
}

// mergeIDs adopts, in every merged document, the merged side's ids for the
// clauses that came from it.
func (r *Repo) mergeIDs(parent *revInfo, theirs plumbing.Hash, ids map[string]*docIDs) error {
	ti, err := r.revInfoOf(theirs)
	if err != nil {
		return err
	}
	for p, d := range ids {
		if d == nil {
			continue
		}
		td, err := r.idsAt(ti, p)
		if err != nil || td == nil {
			continue
		}
		var od *docIDs
		if parent != nil {
			if od, err = r.idsAt(parent, p); err != nil {
				return err
			}
		}
		if od == d {
			continue // unchanged on the current branch: its ids stand
		}
		adoptTheirIDs(d, od, td)
	}
	return nil
}

// unchangedInWorktree refuses a fast-forward that would overwrite a
// work-tree file holding something other than the current revision's
// blob h (zero: the file is not in the revision, and must not exist).
func (r *Repo) unchangedInWorktree(p string, h plumbing.Hash) error {
	if strings.HasPrefix(p, metaDir+"/ids/") {
		return nil // redline's own record, rewritten by every commit
	}
	b, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(p)))
	switch {
	case errors.Is(err, fs.ErrNotExist) && h.IsZero():
		return nil
	case err == nil && !h.IsZero() && plumbing.ComputeHash(plumbing.BlobObject, b) == h:
		return nil
	}
	return fmt.Errorf("merge: %s in the work tree is not as committed, and the merge would overwrite it; commit or remove it first: %w", p, ErrBadInput)
}

// fastForward moves the current branch to the merged revision, once the
// work tree holds its files.
func (r *Repo) fastForward(st *mergeState, opts MergeOptions) (revision.Rev, error) {
	rev, err := r.moveTo(st, opts)
	if err != nil {
		return revision.Rev{}, err
	}
	return rev.rev(), nil
}

func (r *Repo) moveTo(st *mergeState, opts MergeOptions) (*revInfo, error) {
	lk, err := r.lock()
	if err != nil {
		return nil, err
	}
	defer lk.release()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	refName, cur, err := r.headRef()
	if err != nil {
		return nil, err
	}
	theirs := plumbing.NewHash(st.Theirs)
	ti, err := r.revInfoOf(theirs)
	if err != nil {
		return nil, err
	}
	if cur == theirs {
		return ti, nil // done before a crash
	}
	name, email := r.configAuthor()
	if opts.Author != "" {
		name, email, _ = parseSig(opts.Author)
	}
	when := opts.Date
	if when.IsZero() {
		when = r.s.now()
	}
	sig := gitobj.Signature{Name: name, Email: email, When: when}
	if err := r.updateRef(refName, plumbing.NewHash(st.Ours), theirs, sig, "merge "+st.Theirs[:12]+": Fast-forward"); err != nil {
		return nil, err
	}
	edits := map[string]edit{}
	for _, p := range st.Paths {
		h, ok := r.blobAt(ti.Tree, p)
		if !ok {
			edits[p] = edit{}
			continue
		}
		edits[p] = edit{blob: h, mode: filemode.Regular}
	}
	r.updateIndex(edits, false, ti.Tree)
	return ti, nil
}

// mergeRecorded reports whether the branch already holds the merge st
// describes: at the merged revision (a fast-forward), or at a revision
// whose parents are the two sides.
func (r *Repo) mergeRecorded(st *mergeState) (*revInfo, bool) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	h, err := r.head()
	if err != nil || h.String() == st.Ours {
		return nil, false
	}
	ri, err := r.revInfoOf(h)
	if err != nil {
		return nil, false
	}
	if h.String() == st.Theirs {
		return ri, true
	}
	if len(ri.Parents) == 2 && ri.Parents[0].String() == st.Ours && ri.Parents[1].String() == st.Theirs {
		return ri, true
	}
	return nil, false
}
