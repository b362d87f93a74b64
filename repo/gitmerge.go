package repo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

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
	have := map[string]bool{}
	for _, id := range ri.Resolves {
		have[id] = true
	}
	for _, p := range ri.Parents[1:] {
		bases, err := r.mergeBases(ri.Parents[0], p)
		if err != nil || len(bases) == 0 {
			continue
		}
		for _, id := range r.resolvesSince(p, bases[0]) {
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

// commitNode is what the merge-base walk needs of a commit.
type commitNode struct {
	parents []plumbing.Hash
	when    time.Time // the committer's date
}

// node reads (or recalls) commit h's parents and committer date.
func (r *Repo) node(h plumbing.Hash) (*commitNode, error) {
	if n, ok := r.s.nodes[h]; ok {
		return n, nil
	}
	c, err := r.readCommit(h)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", h, err)
	}
	n := &commitNode{parents: c.Parents, when: c.Committer.When}
	if r.s.nodes == nil {
		r.s.nodes = map[plumbing.Hash]*commitNode{}
	}
	r.s.nodes[h] = n
	return n, nil
}

// mergeBases returns the best common ancestors of commits a and b, the
// newest (by committer date) first, as go-git's Commit.MergeBase did
// (git merge-base --all): the ancestors of the older of the two that the
// newer reaches, less those that are ancestors of another.
func (r *Repo) mergeBases(a, b plumbing.Hash) ([]plumbing.Hash, error) {
	na, err := r.node(a)
	if err != nil {
		return nil, err
	}
	nb, err := r.node(b)
	if err != nil {
		return nil, err
	}
	newer, older := a, b
	if nb.when.After(na.when) {
		newer, older = b, a
	}
	if newer == older {
		return []plumbing.Hash{older}, nil
	}
	// Everything the newer reaches; the older among it is the answer.
	newerHistory := map[plumbing.Hash]bool{}
	queue := []plumbing.Hash{newer}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if newerHistory[h] {
			continue
		}
		if h == older {
			return []plumbing.Hash{older}, nil
		}
		newerHistory[h] = true
		n, err := r.node(h)
		if err != nil {
			return nil, err
		}
		queue = append(queue, n.parents...)
	}
	// The commits of the newer's history the older reaches first.
	inNewer := func(h plumbing.Hash) bool { return newerHistory[h] }
	res, err := r.walkLimited(older, inNewer, inNewer)
	if err != nil {
		return nil, err
	}
	return r.independents(res)
}

// walkLimited walks the history of from breadth first, not past the
// commits limit accepts, and lists those valid accepts (all with valid
// nil). each, when set, is called with every commit listed and stops the
// walk by returning false.
func (r *Repo) walkLimited(from plumbing.Hash, limit, valid func(plumbing.Hash) bool) ([]plumbing.Hash, error) {
	return r.walkEach(from, limit, valid, nil)
}

func (r *Repo) walkEach(from plumbing.Hash, limit, valid func(plumbing.Hash) bool, each func(plumbing.Hash) bool) ([]plumbing.Hash, error) {
	var out []plumbing.Hash
	visited := map[plumbing.Hash]bool{}
	queue := []plumbing.Hash{from}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if visited[h] {
			continue
		}
		visited[h] = true
		if limit == nil || !limit(h) {
			n, err := r.node(h)
			if err != nil {
				return nil, err
			}
			for _, p := range n.parents {
				if !visited[p] {
					queue = append(queue, p)
				}
			}
		}
		if valid == nil || valid(h) {
			out = append(out, h)
			if each != nil && !each(h) {
				break
			}
		}
	}
	return out, nil
}

// independents drops from commits those that are ancestors of another,
// and sorts the rest newest first (go-git's Independents).
func (r *Repo) independents(commits []plumbing.Hash) ([]plumbing.Hash, error) {
	when := map[plumbing.Hash]time.Time{}
	for _, h := range commits {
		n, err := r.node(h)
		if err != nil {
			return nil, err
		}
		when[h] = n.when
	}
	cand := append([]plumbing.Hash(nil), commits...)
	sort.Slice(cand, func(i, j int) bool { return when[cand[i]].After(when[cand[j]]) })
	cand = dedupe(cand)
	if len(cand) < 2 {
		return cand, nil
	}
	seen := map[plumbing.Hash]bool{}
	for pos := 0; ; {
		from := cand[pos]
		_, err := r.walkEach(from, func(h plumbing.Hash) bool { return seen[h] }, nil, func(h plumbing.Hash) bool {
			if h != from {
				if i := slices.Index(cand, h); i >= 0 {
					cand = slices.Delete(cand, i, i+1)
				}
			}
			if len(cand) == 1 {
				return false
			}
			seen[h] = true
			return true
		})
		if err != nil {
			return nil, err
		}
		next := slices.Index(cand, from) + 1
		if next >= len(cand) {
			return cand, nil
		}
		pos = next
	}
}

// dedupe drops repeated hashes, keeping the first of each.
func dedupe(hs []plumbing.Hash) []plumbing.Hash {
	seen := map[plumbing.Hash]bool{}
	out := hs[:0]
	for _, h := range hs {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}
