package repo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/revision"
)

// Commit message trailers that carry redline's metadata.
const (
	trailerStage    = "Redline-Stage"
	trailerResolves = "Redline-Resolves"
)

// revInfo is what redline needs of one commit. Commits never change, so
// revInfos are memoised by hash for the life of the Repo.
type revInfo struct {
	Hash     plumbing.Hash
	Parents  []plumbing.Hash
	Tree     plumbing.Hash
	Date     time.Time
	Author   string
	Message  string // without the redline trailers
	Stage    string
	Resolves []string
}

func (ri *revInfo) rev() revision.Rev {
	return revision.Rev{
		Hash: ri.Hash.String(), Stage: ri.Stage, Date: ri.Date, Author: ri.Author,
		Message: ri.Message, Resolves: append([]string(nil), ri.Resolves...),
	}
}

// parent is the first parent, or the zero hash for a root commit.
func (ri *revInfo) parent() plumbing.Hash {
	if len(ri.Parents) == 0 {
		return plumbing.ZeroHash
	}
	return ri.Parents[0]
}

// revInfoOf reads (or recalls) commit h. Callers hold r.s.mu.
func (r *Repo) revInfoOf(h plumbing.Hash) (*revInfo, error) {
	if ri, ok := r.s.revs[h]; ok {
		return ri, nil
	}
	c, err := r.readCommit(h)
	if err != nil {
		return nil, fmt.Errorf("resolve %q: %w", h.String(), ErrUnknownRevision)
	}
	ri := &revInfo{Hash: h, Parents: c.Parents, Tree: c.Tree, Date: c.Author.When,
		Author: formatSig(c.Author.Name, c.Author.Email)}
	if r.s.shallow[h] {
		ri.Parents = nil // a shallow clone's history ends here
	}
	ri.Message, ri.Stage, ri.Resolves = parseTrailers(c.Message)
	r.impliedResolves(ri)
	r.s.revs[h] = ri
	return ri, nil
}

func formatSig(name, email string) string { return name + " <" + email + ">" }

// parseSig splits "NAME <EMAIL>".
func parseSig(s string) (name, email string, err error) {
	s = strings.TrimSpace(s)
	i, j := strings.LastIndex(s, "<"), strings.LastIndex(s, ">")
	if i < 0 || j < i || j != len(s)-1 {
		return "", "", fmt.Errorf("author %q: want \"NAME <EMAIL>\": %w", s, ErrBadInput)
	}
	name, email = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:j])
	if name == "" || strings.ContainsAny(name+email, "<>\n") {
		return "", "", fmt.Errorf("author %q: want \"NAME <EMAIL>\": %w", s, ErrBadInput)
	}
	return name, email, nil
}

// parseTrailers splits a commit message into its text and the redline
// trailers of its last paragraph.
func parseTrailers(msg string) (text, stage string, resolves []string) {
	msg = strings.TrimRight(msg, "\n ")
	lines := strings.Split(msg, "\n")
	cut := len(lines)
	for i := len(lines) - 1; i >= 0; i-- {
		k, v, ok := strings.Cut(lines[i], ":")
		if !ok || strings.TrimSpace(lines[i]) == "" {
			break
		}
		switch strings.TrimSpace(k) {
		case trailerStage:
			stage = strings.TrimSpace(v)
		case trailerResolves:
			resolves = append(splitIDs(v), resolves...)
		default:
			// Another trailer (Signed-off-by …) or plain text: redline's
			// trailers must stand together at the very end.
			if stage == "" && resolves == nil {
				return msg, "", nil
			}
			return strings.TrimRight(strings.Join(lines[:cut], "\n"), "\n "), stage, resolves
		}
		cut = i
	}
	return strings.TrimRight(strings.Join(lines[:cut], "\n"), "\n "), stage, resolves
}

// splitIDs splits "D1, D2" (also with Chinese commas) into ids.
func splitIDs(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' }) {
		out = append(out, f)
	}
	return out
}

// formatMessage appends the trailers to a message.
func formatMessage(msg, stage string, resolves []string) string {
	msg = strings.TrimRight(msg, "\n ") + "\n"
	if stage == "" && len(resolves) == 0 {
		return msg
	}
	msg += "\n"
	if stage != "" {
		msg += trailerStage + ": " + stage + "\n"
	}
	if len(resolves) > 0 {
		msg += trailerResolves + ": " + strings.Join(resolves, ", ") + "\n"
	}
	return msg
}

// head returns the commit HEAD points at; ErrNoRevisions only when its
// branch is unborn, ErrBrokenRef when HEAD or the branch cannot be read.
func (r *Repo) head() (plumbing.Hash, error) {
	_, h, err := r.headRef()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if h.IsZero() {
		return plumbing.ZeroHash, ErrNoRevisions
	}
	return h, nil
}

// resolve resolves a REV argument. Callers hold r.s.mu.
func (r *Repo) resolve(rev string) (*revInfo, error) {
	h, err := r.resolveHash(rev)
	if err != nil {
		if errors.Is(err, ErrNoRevisions) || errors.Is(err, ErrBrokenRef) {
			return nil, err
		}
		if errors.Is(err, errAmbiguous) {
			return nil, fmt.Errorf("resolve %q: %w (%v)", rev, ErrUnknownRevision, err)
		}
		return nil, fmt.Errorf("resolve %q: %w", rev, ErrUnknownRevision)
	}
	return r.revInfoOf(h)
}

func (r *Repo) resolveHash(rev string) (plumbing.Hash, error) {
	rev = strings.TrimSpace(rev)
	if rev == "" || rev == "HEAD" || rev == "@" {
		return r.head()
	}
	// X~N, X^, X^N (first parent only for ~; ^N picks parent N).
	if i := strings.LastIndexAny(rev, "~^"); i > 0 {
		base, err := r.resolveHash(rev[:i])
		if err != nil {
			return plumbing.ZeroHash, err
		}
		num := rev[i+1:]
		n := 1
		if num != "" {
			if n, err = strconv.Atoi(num); err != nil || n < 0 {
				return plumbing.ZeroHash, ErrUnknownRevision
			}
		}
		if rev[i] == '^' {
			if n == 0 {
				return base, nil
			}
			ri, err := r.revInfoOf(base)
			if err != nil || n > len(ri.Parents) {
				return plumbing.ZeroHash, ErrUnknownRevision
			}
			return ri.Parents[n-1], nil
		}
		for ; n > 0; n-- {
			ri, err := r.revInfoOf(base)
			if err != nil || len(ri.Parents) == 0 {
				return plumbing.ZeroHash, ErrUnknownRevision
			}
			base = ri.Parents[0]
		}
		return base, nil
	}
	// A tag (a stage's tag, or any), a branch, or a remote-tracking branch
	// (origin/main after git fetch).
	for _, name := range []plumbing.ReferenceName{plumbing.NewTagReferenceName(rev), plumbing.NewBranchReferenceName(rev),
		plumbing.ReferenceName("refs/remotes/" + rev), plumbing.ReferenceName(rev)} {
		if h, ok := r.peel(name); ok {
			return h, nil
		}
	}
	// A hash, full or short.
	if isHex(rev) && len(rev) >= 4 && len(rev) <= 40 {
		h, err := r.resolveHex(rev)
		if err == nil || errors.Is(err, errAmbiguous) {
			return h, err
		}
	}
	// A stage named only in a trailer: the newest such revision.
	if h, ok, err := r.findStage(rev); err != nil || ok {
		return h, err
	}
	return plumbing.ZeroHash, ErrUnknownRevision
}

// peel resolves a reference to the commit it names (through annotated tags).
func (r *Repo) peel(name plumbing.ReferenceName) (plumbing.Hash, bool) {
	if err := name.Validate(); err != nil && name != plumbing.HEAD {
		return plumbing.ZeroHash, false
	}
	h, ok := r.resolveRef(name)
	if !ok {
		return plumbing.ZeroHash, false
	}
	return r.commitOf(h)
}

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// findStage finds the newest revision on HEAD's first-parent line whose
// Redline-Stage trailer is name.
func (r *Repo) findStage(name string) (plumbing.Hash, bool, error) {
	h, err := r.head()
	if errors.Is(err, ErrNoRevisions) {
		return plumbing.ZeroHash, false, nil
	}
	if err != nil {
		return plumbing.ZeroHash, false, err
	}
	for !h.IsZero() {
		ri, err := r.revInfoOf(h)
		if err != nil {
			return plumbing.ZeroHash, false, err
		}
		if ri.Stage == name {
			return h, true, nil
		}
		h = ri.parent()
	}
	return plumbing.ZeroHash, false, nil
}

// chain returns the first-parent line ending at h, oldest first.
func (r *Repo) chain(h plumbing.Hash) ([]*revInfo, error) {
	var out []*revInfo
	for !h.IsZero() {
		ri, err := r.revInfoOf(h)
		if err != nil {
			return nil, err
		}
		out = append(out, ri)
		h = ri.parent()
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// reachable lists every commit reachable from h in the order of the
// commit graph, never of dates: each commit before its parents, and a
// merged side line together, before the first-parent line goes on (as
// git log --topo-order). Dates are whatever their authors said (--date
// may backdate), so they cannot order a history.
func (r *Repo) reachable(h plumbing.Hash) ([]*revInfo, error) {
	// Children counts within the reachable set.
	children := map[plumbing.Hash]int{}
	seen := map[plumbing.Hash]bool{h: true}
	todo := []plumbing.Hash{h}
	for len(todo) > 0 {
		x := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		ri, err := r.revInfoOf(x)
		if err != nil {
			return nil, err
		}
		for _, p := range ri.Parents {
			children[p]++
			if !seen[p] {
				seen[p] = true
				todo = append(todo, p)
			}
		}
	}
	out := make([]*revInfo, 0, len(seen))
	stack := []plumbing.Hash{h}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ri, err := r.revInfoOf(x)
		if err != nil {
			return nil, err
		}
		out = append(out, ri)
		// Parents pushed first-parent first: the side lines of a merge are
		// popped (shown) before the line it continues.
		for _, p := range ri.Parents {
			if children[p]--; children[p] == 0 {
				stack = append(stack, p)
			}
		}
	}
	return out, nil
}

// log lists revisions newest first, only those changing path when path != "".
func (r *Repo) log(ctx context.Context, path string) ([]revision.Rev, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	h, err := r.head()
	if err != nil {
		return nil, err
	}
	// The first-parent line, newest first: a merged side branch's commits
	// are the merge's own history, not revisions of this line (as
	// history and blame follow first parents too).
	all, err := r.chain(h)
	if err != nil {
		return nil, err
	}
	slices.Reverse(all)
	var out []revision.Rev
	for _, ri := range all {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if path != "" {
			cur, _ := r.blobAt(ri.Tree, path)
			var old plumbing.Hash
			if p := ri.parent(); !p.IsZero() {
				pri, err := r.revInfoOf(p)
				if err != nil {
					return nil, err
				}
				old, _ = r.blobAt(pri.Tree, path)
			}
			if cur == old {
				continue
			}
		}
		out = append(out, ri.rev())
	}
	if path != "" && len(out) == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrUnknownDocument)
	}
	return out, nil
}

// resolvedIn maps each comment id to the revisions reachable from HEAD whose
// trailers say they settle it, oldest first.
// The map is cached in memory and in .git/redline/resolved.json, keyed by
// HEAD's hash.
func (r *Repo) resolvedIn() (map[string][]string, error) {
	out := map[string][]string{}
	h, err := r.head()
	if errors.Is(err, ErrNoRevisions) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	if r.s.resolvedHead == h {
		return r.s.resolved, nil
	}
	var disk struct {
		Head string              `json:"head"`
		IDs  map[string][]string `json:"ids"`
	}
	if b, err := os.ReadFile(r.cachePath("resolved.json")); err == nil &&
		json.Unmarshal(b, &disk) == nil && disk.Head == h.String() && disk.IDs != nil {
		r.s.resolvedHead, r.s.resolved = h, disk.IDs
		return disk.IDs, nil
	}
	all, err := r.reachable(h)
	if err != nil {
		return nil, err
	}
	for i := len(all) - 1; i >= 0; i-- {
		for _, id := range all[i].Resolves {
			out[id] = append(out[id], all[i].Hash.String())
		}
	}
	disk.Head, disk.IDs = h.String(), out
	if b, err := json.Marshal(disk); err == nil {
		writeCache(r.cachePath("resolved.json"), b)
	}
	r.s.resolvedHead, r.s.resolved = h, out
	return out, nil
}
