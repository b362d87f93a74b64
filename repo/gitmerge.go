package repo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/redline-docs/redline/revision"
)

// Merges made outside redline.
//
// A plain `git merge` or `git pull` merges a document's text line by line
// and leaves .redline/ids/<doc>.json as git merged it: a record of one
// side's text, or a conflict someone settled by hand. Such a record does
// not describe the merged text (its blob hash differs), so it is not
// trusted. The ids of a merge revision are then derived from both parents
// (mergedIDs): the merged text is aligned with the first parent, and a
// clause the first parent does not have takes the id it has on the merged
// side, exactly as `redline merge` records them. That is derived data,
// cached under .git/redline/, the same on every clone, and written into
// .redline/ids by the next redline commit; history is never rewritten.
//
// The same goes for the comments a merged side settled: a merge revision
// counts the Redline-Resolves of the revisions it brings in (impliedResolves),
// whether or not its own message repeats them.

// mergedIDs gives the clauses of d (path at the merge revision ri, its ids
// derived from first, the first parent's) that came from another parent
// the ids they have there.
func (r *Repo) mergedIDs(ri *revInfo, path string, d, first *docIDs) error {
	for _, p := range ri.Parents[1:] {
		pi, err := r.revInfoOf(p)
		if err != nil {
			return err
		}
		td, err := r.idsAt(pi, path)
		if err != nil {
			return err
		}
		adoptTheirIDs(d, first, td)
	}
	return nil
}

// impliedResolves adds to a merge revision's Resolves those of the
// revisions its other parents bring in (reachable from them, not from the
// first parent). Callers hold r.s.mu.
func (r *Repo) impliedResolves(ri *revInfo) {
	if len(ri.Parents) < 2 {
		return
	}
	first, err := object.GetCommit(r.s.st, ri.Parents[0])
	if err != nil {
		return
	}
	have := map[string]bool{}
	for _, id := range ri.Resolves {
		have[id] = true
	}
	for _, p := range ri.Parents[1:] {
		other, err := object.GetCommit(r.s.st, p)
		if err != nil {
			continue
		}
		bases, err := first.MergeBase(other)
		if err != nil || len(bases) == 0 {
			continue
		}
		for _, id := range r.resolvesSince(p, bases[0].Hash) {
			if !have[id] {
				have[id] = true
				ri.Resolves = append(ri.Resolves, id)
			}
		}
	}
}

// RepairedMerge is a merge revision made outside redline whose documents'
// clause ids redline derived again from both parents.
type RepairedMerge struct {
	Rev   revision.Rev
	Paths []string // the documents whose recorded ids did not describe the merged text
}

// RepairMerges looks along first parents from HEAD for merge revisions
// made outside redline (git merge, git pull) whose recorded clause ids do
// not describe the merged text, derives their ids from both parents (see
// mergedIDs) and returns them, newest first. Each is returned once: the
// derived ids are cached, and the revisions already looked at are noted
// under .git/redline/ (derived data: deleting it only means the notice is
// given again).
func (r *Repo) RepairMerges(ctx context.Context) ([]RepairedMerge, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	h, err := r.head()
	if errors.Is(err, ErrNoRevisions) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	mark := r.cachePath("merges-checked")
	checked := ""
	if b, err := os.ReadFile(mark); err == nil {
		checked = strings.TrimSpace(string(b))
	}
	if h.String() == checked {
		return nil, nil // nothing new since the last command: write nothing
	}
	var out []RepairedMerge
	for cur := h; !cur.IsZero() && cur.String() != checked; {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		ri, err := r.revInfoOf(cur)
		if err != nil {
			return out, err
		}
		if len(ri.Parents) > 1 {
			paths, err := r.repairMerge(ri)
			if err != nil {
				return out, err
			}
			if len(paths) > 0 {
				out = append(out, RepairedMerge{Rev: ri.rev(), Paths: paths})
			}
		}
		cur = ri.parent()
	}
	writeCache(mark, []byte(h.String()+"\n"))
	return out, nil
}

// repairMerge derives the ids of the documents of merge revision ri whose
// recorded ids do not describe their text and were not derived before.
func (r *Repo) repairMerge(ri *revInfo) ([]string, error) {
	docs, err := r.documentsIn(ri.Tree)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range docs {
		blob, _ := r.blobAt(ri.Tree, p)
		if r.recordedIDs(ri, p, blob) {
			continue
		}
		if _, err := os.Stat(r.idsCacheFor(ri, p)); err == nil {
			continue // derived (and reported) before
		}
		if _, err := r.idsAt(ri, p); err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}

// recordedIDs reports whether the revision records ids for the text with
// hash blob of path.
func (r *Repo) recordedIDs(ri *revInfo, path string, blob plumbing.Hash) bool {
	h, ok := r.blobAt(ri.Tree, idsPath(path))
	if !ok {
		return false
	}
	f, ok := r.idsFileAt(h)
	return ok && f.Blob == blob.String()
}

// gitMergeHead is the revision of a merge git stopped on its conflicts
// (.git/MERGE_HEAD), if one waits to be committed.
func (r *Repo) gitMergeHead() (plumbing.Hash, bool) {
	b, err := os.ReadFile(filepath.Join(r.s.gitDir, "MERGE_HEAD"))
	if err != nil {
		return plumbing.ZeroHash, false
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	h := plumbing.NewHash(strings.TrimSpace(line))
	if h.IsZero() || len(strings.TrimSpace(line)) != 40 {
		return plumbing.ZeroHash, false
	}
	if _, err := r.revInfoOf(h); err != nil {
		return plumbing.ZeroHash, false
	}
	return h, true
}

// endGitMerge removes the files with which git keeps a stopped merge, as
// git commit does once the merge is recorded.
func (r *Repo) endGitMerge() {
	for _, f := range []string{"MERGE_HEAD", "MERGE_MSG", "MERGE_MODE", "AUTO_MERGE"} {
		os.Remove(filepath.Join(r.s.gitDir, f))
	}
}
