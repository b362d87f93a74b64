package repo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/internal/atomicfile"
	"github.com/redline-docs/redline/merge"
	"github.com/redline-docs/redline/repo/internal/gitobj"
	"github.com/redline-docs/redline/revision"
)

// defaultAuthor signs revisions when neither the options nor the
// repository's own git config name anyone.
const defaultAuthor = "redline <redline@localhost>"

// Validate checks the options before anything is written.
func (o CommitOptions) Validate() error {
	if strings.TrimSpace(o.Message) == "" {
		return fmt.Errorf("commit: empty message: %w", ErrBadInput)
	}
	if o.Author != "" {
		if _, _, err := parseSig(o.Author); err != nil {
			return err
		}
	}
	if o.Stage != "" && plumbing.NewTagReferenceName(o.Stage).Validate() != nil {
		return fmt.Errorf("stage %q: not a name git accepts for a tag (no spaces, ~ ^ : ? * [ \\ .. @{, no leading . or -, no trailing . or .lock): %w", o.Stage, ErrBadInput)
	}
	// A stage is written as a trailer, which is read back trimmed: white
	// space of any kind (a no-break space, an ideographic one) at either
	// end would not survive the round trip.
	if o.Stage != "" && strings.TrimSpace(o.Stage) != o.Stage {
		return fmt.Errorf("stage %q: begins or ends with white space: %w", o.Stage, ErrBadInput)
	}
	if gitOwnName(o.Stage) {
		return fmt.Errorf("stage %q: git's own name for a ref; choose another: %w", o.Stage, ErrBadInput)
	}
	if !o.Date.IsZero() && o.Date.Before(time.Unix(0, 0)) {
		return fmt.Errorf("date %s: before 1970, which git cannot record: %w", o.Date.Format(time.RFC3339), ErrBadInput)
	}
	for _, line := range strings.Split(o.Message, "\n") {
		k, _, ok := strings.Cut(line, ":")
		k = strings.TrimSpace(k)
		if ok && (strings.EqualFold(k, trailerStage) || strings.EqualFold(k, trailerResolves)) {
			return fmt.Errorf("commit message line %q: redline writes its %s trailer itself (use --stage or --resolves): %w", clip(strings.TrimSpace(line)), k, ErrBadInput)
		}
	}
	for _, id := range o.Resolves {
		if err := checkCommentID(id); err != nil {
			return err
		}
	}
	return nil
}

// gitOwnName says whether a stage name is one git gives a meaning of its
// own where a revision is expected (HEAD, FETCH_HEAD, ORIG_HEAD …), so a
// tag of that name would be shadowed or would shadow.
func gitOwnName(s string) bool {
	return s == "HEAD" || s == "@" || strings.HasSuffix(s, "_HEAD") && strings.ToUpper(s) == s ||
		s == "AUTO_MERGE" || strings.HasPrefix(s, "refs/") || strings.HasPrefix(s, "heads/") ||
		strings.HasPrefix(s, "tags/") || strings.HasPrefix(s, "remotes/")
}

// checkStage refuses a stage name that already names a revision or a
// branch (a stage main would shadow, or be shadowed by, the branch main).
// Callers hold r.s.mu.
func (r *Repo) checkStage(stage string) error {
	if stage == "" {
		return nil
	}
	if h, ok := r.peel(plumbing.NewTagReferenceName(stage)); ok {
		return fmt.Errorf("stage %q already names revision %s: %w", stage, h.String()[:12], ErrStageExists)
	}
	branch, _, err := r.readHEAD()
	if err != nil {
		return err
	}
	name := plumbing.NewBranchReferenceName(stage)
	h, err := r.readRef(name)
	if err != nil {
		return err
	}
	if !h.IsZero() || name == branch || stage == "main" || stage == "master" {
		return fmt.Errorf("stage %q is the name of a branch; choose another: %w", stage, ErrBadInput)
	}
	if _, ok, err := r.findStage(stage); err != nil || ok {
		if err != nil {
			return err
		}
		return fmt.Errorf("stage %q already names a revision: %w", stage, ErrStageExists)
	}
	return nil
}

// relPath turns a path given by a caller (relative to the work tree's root,
// or absolute inside it) into a repository path.
func (r *Repo) relPath(p string) (string, error) {
	if filepath.IsAbs(p) {
		rel, err := filepath.Rel(r.dir, p)
		if err != nil || strings.HasPrefix(rel, "..") {
			return "", fmt.Errorf("%s: outside the repository %s: %w", p, r.dir, ErrBadInput)
		}
		p = rel
	}
	p = path.Clean(filepath.ToSlash(p))
	if p == "." || strings.HasPrefix(p, "../") || p == ".." {
		return "", fmt.Errorf("%s: outside the repository: %w", p, ErrBadInput)
	}
	return p, nil
}

// worktreeDocuments lists the documents in the work tree, sorted, less
// those the work tree's ignore file names.
func (r *Repo) worktreeDocuments() ([]string, error) {
	ignore := r.worktreeIgnore()
	var out []string
	err := filepath.WalkDir(r.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == r.dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(r.dir, p)
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 && isDocument(rel) && !ignore.match(rel) {
			return symlinkError(rel)
		}
		// Anything else that is not a plain file is passed over, links to
		// folders too: they are never followed.
		if !d.Type().IsRegular() {
			return nil
		}
		if isDocument(rel) && !ignore.match(rel) {
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// symlinkError refuses a document that is a symbolic link, or reached
// through one: its target's content is not the repository's to record.
func symlinkError(p string) error {
	return fmt.Errorf("%s: a symbolic link; redline records documents, not links (put the file itself there): %w", p, ErrBadInput)
}

// checkNoSymlink refuses the repository path p when it, or a folder on the
// way to it, is a symbolic link.
func (r *Repo) checkNoSymlink(p string) error {
	parts := strings.Split(p, "/")
	for i := range parts {
		sub := strings.Join(parts[:i+1], "/")
		fi, err := os.Lstat(filepath.Join(r.dir, filepath.FromSlash(sub)))
		if err != nil {
			return nil // not there: the caller says what that means
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			if sub == p {
				return symlinkError(p)
			}
			return fmt.Errorf("%s: under %s, a symbolic link to a folder; redline does not follow links: %w", p, sub, ErrBadInput)
		}
	}
	return nil
}

// worktreeMeta lists the work tree's files under .redline/ except the ids,
// which redline computes: repository path → content.
func (r *Repo) worktreeMeta() (map[string][]byte, error) {
	out := map[string][]byte{}
	root := filepath.Join(r.dir, metaDir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(r.dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == metaDir+"/ids" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.Contains(d.Name(), ".tmp") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasPrefix(rel, commentsDir+"/") && strings.HasSuffix(rel, ".json") {
			if line, ok := merge.HasMarkers(string(b)); ok {
				return fmt.Errorf("%s:%d: merge conflict marker left in the comment file; keep one version, remove the marker lines, then commit: %w", rel, line, ErrConflict)
			}
			if _, err := comment.Unmarshal(b); err != nil {
				return fmt.Errorf("%s: %w: %v", rel, ErrBadInput, err)
			}
		}
		out[rel] = b
		return nil
	})
	return out, err
}

// pending is one file a commit writes back to the work tree after the
// revision is in place (converted text, ids).
type pending struct {
	path string
	data []byte
	read []byte // the bytes the commit read there, if it read any
}

// commit records a revision. See Repo.Commit.
func (r *Repo) commit(ctx context.Context, opts CommitOptions) (revision.Rev, error) {
	if err := opts.Validate(); err != nil {
		return revision.Rev{}, err
	}
	lk, err := r.lock()
	if err != nil {
		return revision.Rev{}, err
	}
	defer lk.release()
	r.s.mu.Lock()
	defer r.s.mu.Unlock()

	r.s.written = r.s.written[:0]
	r.removeDeadGitLock()
	if err := r.finishImport(); err != nil {
		return revision.Rev{}, err
	}
	refName, headHash, err := r.headRef()
	if err != nil {
		return revision.Rev{}, err
	}
	var parent *revInfo
	if !headHash.IsZero() {
		if parent, err = r.revInfoOf(headHash); err != nil {
			return revision.Rev{}, err
		}
	}
	var baseTree plumbing.Hash
	if parent != nil {
		baseTree = parent.Tree
	}
	if err := r.checkStage(opts.Stage); err != nil {
		return revision.Rev{}, err
	}

	// Which documents.
	headDocs, err := r.documentsIn(baseTree)
	if err != nil {
		return revision.Rev{}, err
	}
	var paths []string
	if len(opts.Paths) == 0 {
		wt, err := r.worktreeDocuments()
		if err != nil {
			return revision.Rev{}, err
		}
		paths = union(wt, headDocs)
	} else {
		for _, p := range opts.Paths {
			rel, err := r.relPath(p)
			if err != nil {
				return revision.Rev{}, err
			}
			if !isDocument(rel) {
				return revision.Rev{}, fmt.Errorf("%s: not a document (.md or .txt outside .redline/): %w", rel, ErrBadInput)
			}
			paths = union(paths, []string{rel})
		}
	}

	edits := map[string]edit{}
	var writeBack []pending
	newText := map[string][]byte{}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return revision.Rev{}, err
		}
		if err := r.checkNoSymlink(p); err != nil {
			return revision.Rev{}, err
		}
		raw, err := readDocument(filepath.Join(r.dir, filepath.FromSlash(p)), p)
		if errors.Is(err, fs.ErrNotExist) {
			if !contains(headDocs, p) {
				return revision.Rev{}, fmt.Errorf("%s: %w", p, ErrUnknownDocument)
			}
			edits[p] = edit{} // deleted
			edits[idsPath(p)] = edit{}
			writeBack = append(writeBack, pending{idsPath(p), nil, nil})
			continue
		}
		if err != nil {
			return revision.Rev{}, err
		}
		text, converted, err := toUTF8(p, raw)
		if err != nil {
			return revision.Rev{}, err
		}
		if _, err := parseDoc(p, text); err != nil {
			return revision.Rev{}, fmt.Errorf("%s: %w", p, err)
		}
		if line, ok := merge.HasMarkers(string(text)); ok {
			return revision.Rev{}, fmt.Errorf("%s:%d: merge conflict marker left in the document; keep one version, remove the marker lines, then commit: %w", p, line, ErrConflict)
		}
		if isWord(p) && opts.Notice != nil {
			if d, err := wordDocument(p, raw); err == nil && d.Tracked() {
				opts.Notice(fmt.Sprintf("%s: has tracked changes not yet accepted: read as if accepted", p))
			}
		}
		if converted != "" {
			writeBack = append(writeBack, pending{p, text, raw})
			if opts.Notice != nil {
				opts.Notice(fmt.Sprintf("%s: %s", p, converted))
			}
		}
		newText[p] = text
		mode := filemode.Regular
		if fi, err := os.Lstat(filepath.Join(r.dir, filepath.FromSlash(p))); err == nil && fi.Mode()&0o111 != 0 {
			mode = filemode.Executable
		}
		h, err := r.writeBlob(text)
		if err != nil {
			return revision.Rev{}, err
		}
		edits[p] = edit{blob: h, mode: mode}
	}

	// Comments and other metadata, as they stand in the work tree.
	meta, err := r.worktreeMeta()
	if err != nil {
		return revision.Rev{}, err
	}
	oldMeta, err := r.treeFiles(baseTree, metaDir+"/")
	if err != nil {
		return revision.Rev{}, err
	}
	for p := range oldMeta {
		if _, ok := meta[p]; !ok && !strings.HasPrefix(p, metaDir+"/ids/") {
			edits[p] = edit{}
		}
	}
	for p, b := range meta {
		h, err := r.writeBlob(b)
		if err != nil {
			return revision.Rev{}, err
		}
		edits[p] = edit{blob: h, mode: filemode.Regular}
	}

	// Other files a merge brought in, as they stand in the work tree.
	for _, p := range opts.files {
		b, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(p)))
		if errors.Is(err, fs.ErrNotExist) {
			edits[p] = edit{}
			continue
		}
		if err != nil {
			return revision.Rev{}, err
		}
		h, err := r.writeBlob(b)
		if err != nil {
			return revision.Rev{}, err
		}
		edits[p] = edit{blob: h, mode: filemode.Regular}
	}

	// Clause ids of every document of the new revision.
	ids, err := r.commitIDs(parent, headDocs, edits, newText)
	if err != nil {
		return revision.Rev{}, err
	}
	// A merge git stopped on its conflicts (git merge, git pull), now
	// settled in the work tree: the revision completes it, with git's
	// MERGE_HEAD as its second parent, as git commit would.
	gitMerge := false
	if opts.mergeHead.IsZero() && parent != nil {
		if h, ok := r.gitMergeHead(); ok {
			opts.mergeHead, gitMerge = h, true
		}
	}
	if !opts.mergeHead.IsZero() {
		if err := r.mergeIDs(parent, opts.mergeHead, ids); err != nil {
			return revision.Rev{}, err
		}
	}
	idsText := map[plumbing.Hash][]byte{} // the ids files written, by blob
	for p, d := range ids {
		if d == nil {
			continue
		}
		b, err := d.marshal()
		if err != nil {
			return revision.Rev{}, err
		}
		writeBack = append(writeBack, pending{idsPath(p), b, nil})
		if old, ok := r.blobAt(baseTree, idsPath(p)); ok && old == plumbing.ComputeHash(plumbing.BlobObject, b) {
			continue
		}
		h, err := r.writeBlob(b)
		if err != nil {
			return revision.Rev{}, err
		}
		edits[idsPath(p)] = edit{blob: h, mode: filemode.Regular}
		idsText[h] = b
	}

	tree, err := r.applyEdits(baseTree, edits)
	if err != nil {
		return revision.Rev{}, err
	}
	if tree.IsZero() {
		if tree, err = r.writeEmptyTree(); err != nil {
			return revision.Rev{}, err
		}
	}
	if parent != nil && tree == parent.Tree && opts.Stage == "" && len(opts.Resolves) == 0 && opts.mergeHead.IsZero() {
		return revision.Rev{}, ErrNothingToCommit
	}

	name, email := "", ""
	if opts.Author != "" {
		name, email, _ = parseSig(opts.Author)
	} else {
		name, email = r.configAuthor()
	}
	when := opts.Date
	if when.IsZero() {
		when = r.s.now()
	}
	sig := gitobj.Signature{Name: name, Email: email, When: when}
	c := &gitobj.Commit{Author: sig, Committer: sig, Tree: tree,
		Message: formatMessage(opts.Message, opts.Stage, opts.Resolves)}
	if parent != nil {
		c.Parents = []plumbing.Hash{parent.Hash}
		if !opts.mergeHead.IsZero() {
			c.Parents = append(c.Parents, opts.mergeHead)
		}
	}
	hash, err := r.putObject(plumbing.CommitObject, c.Encode())
	if err != nil {
		return revision.Rev{}, err
	}

	// Every object is written, and flushed to disk before a ref names it;
	// from here on only refs and the work tree.
	if err := r.syncObjects(r.s.written); err != nil {
		return revision.Rev{}, err
	}
	r.s.written = r.s.written[:0]
	if r.s.beforeRef != nil {
		if err := r.s.beforeRef(); err != nil {
			return revision.Rev{}, err
		}
	}
	old := plumbing.ZeroHash
	if parent != nil {
		old = parent.Hash
	}
	if err := r.updateRef(refName, old, hash, sig, reflogMessage(parent == nil, opts.Message)); err != nil {
		return revision.Rev{}, err
	}
	if opts.Stage != "" {
		// The trailer is the truth; the tag is a convenience, so a tag
		// that cannot be written does not undo the revision.
		_ = r.updateRef(plumbing.NewTagReferenceName(opts.Stage), plumbing.ZeroHash, hash, sig, "")
	}
	if err := r.writeBack(writeBack, opts.Notice); err != nil {
		// The revision is recorded; a work-tree file that cannot be
		// written is still the user's to know about.
		return revision.Rev{}, fmt.Errorf("revision %s recorded, but %w", hash.String()[:12], err)
	}
	if gitMerge {
		r.endGitMerge()
	}
	r.updateIndex(edits, gitMerge, tree)
	ri, err := r.revInfoOf(hash)
	if err != nil {
		return revision.Rev{}, err
	}
	for p, d := range ids {
		if d == nil {
			continue
		}
		r.remember(hash, p, d)
		if e, ok := edits[p]; !ok || e.blob.IsZero() {
			continue // unchanged: a history parses its blob once for every revision sharing it
		}
		// A changed document's clauses, text, parsed tree and ids file,
		// while they are at hand: the first history or blame (a page of
		// redline serve) reads the clauses instead of parsing every
		// revision again (300 revisions of a 1 MB plan: 20 s), and the
		// diff and show that usually follow a commit (redline diff HEAD~1
		// HEAD) neither inflate nor parse.
		r.keepClauses(ri, p, d)
		r.keepText(d.blob, d.doc.Src)
		r.keepParsedEntry(p, d.blob, d.doc)
		if h, ok := r.blobAt(ri.Tree, idsPath(p)); ok && idsText[h] != nil {
			r.keepText(h, idsText[h])
		}
	}
	return ri.rev(), nil
}

// commitIDs gives every document of the new revision its clause ids.
func (r *Repo) commitIDs(parent *revInfo, headDocs []string, edits map[string]edit, newText map[string][]byte) (map[string]*docIDs, error) {
	out := map[string]*docIDs{}
	docs := union(headDocs, nil)
	for p := range newText {
		docs = union(docs, []string{p})
	}
	for _, p := range docs {
		if e, ok := edits[p]; ok && e.blob.IsZero() {
			continue // deleted
		}
		var prev *docIDs
		if parent != nil {
			var err error
			if prev, err = r.idsAt(parent, p); err != nil {
				return nil, err
			}
		}
		text, changed := newText[p]
		if !changed || (prev != nil && prev.blob == edits[p].blob) {
			out[p] = prev
			continue
		}
		doc, err := parseDoc(p, text)
		if err != nil {
			return nil, err
		}
		out[p] = deriveIDs(p, edits[p].blob, doc, prev)
	}
	return out, nil
}

func (r *Repo) writeEmptyTree() (plumbing.Hash, error) {
	return r.putObject(plumbing.TreeObject, nil)
}

// writeBack writes the files a commit changes in the work tree (converted
// text, ids), each replaced whole, and only when it still holds the bytes
// the commit read: an edit saved meanwhile wins and is reported.
func (r *Repo) writeBack(files []pending, notice func(string)) error {
	for _, w := range files {
		full := filepath.Join(r.dir, filepath.FromSlash(w.path))
		cur, err := os.ReadFile(full)
		if w.read != nil && (err != nil || !bytes.Equal(cur, w.read)) {
			if notice != nil {
				notice(fmt.Sprintf("%s: changed while the commit ran: left as it is now (the revision has the text read before)", w.path))
			}
			continue
		}
		if w.data == nil {
			os.Remove(full)
			continue
		}
		if err == nil && bytes.Equal(cur, w.data) {
			continue
		}
		err = os.MkdirAll(filepath.Dir(full), 0o755)
		if err == nil {
			err = atomicfile.Write(full, w.data, 0o644)
		}
		if err != nil {
			return fmt.Errorf("%s in the work tree: %w", w.path, err)
		}
	}
	return nil
}

// configAuthor is user.name and user.email from the repository's own git
// config, else defaultAuthor. (Global config is not read: a library does
// not look at the environment.)
func (r *Repo) configAuthor() (string, string) {
	if cfg, err := readConfig(r.s.gitDir); err == nil {
		if name, email := cfg.Get("user", "", "name"), cfg.Get("user", "", "email"); name != "" && email != "" {
			return name, email
		}
	}
	n, e, _ := parseSig(defaultAuthor)
	return n, e
}

// updateIndex makes git's index agree with the new revision for the paths
// the commit wrote, so that `git status` stays clean. Failure is harmless
// (git re-reads the files) and ignored.
//
// After a merge git stopped (settle), the entries git left for its
// conflicts (stages 1–3) give way to the new revision's files.
func (r *Repo) updateIndex(edits map[string]edit, settle bool, tree plumbing.Hash) {
	idx, err := r.readIndex()
	if err != nil {
		return
	}
	if settle {
		conflicted := map[string]bool{}
		kept := idx.Entries[:0]
		for _, e := range idx.Entries {
			if e.Stage != 0 {
				conflicted[e.Name] = true
				continue
			}
			kept = append(kept, e)
		}
		idx.Entries = kept
		for p := range conflicted {
			if _, ok := edits[p]; ok {
				continue
			}
			if h, ok := r.blobAt(tree, p); ok {
				ent := idx.Add(p)
				ent.Hash, ent.Mode = h, filemode.Regular
			}
		}
	}
	for p, e := range edits {
		if e.blob.IsZero() {
			idx.Remove(p)
			continue
		}
		ent, err := idx.Entry(p)
		if err != nil {
			ent = idx.Add(p)
		}
		ent.Hash, ent.Mode = e.blob, e.mode
		ent.Size, ent.ModifiedAt = 0, time.Time{}
		if fi, err := os.Stat(filepath.Join(r.dir, filepath.FromSlash(p))); err == nil {
			ent.Size, ent.ModifiedAt = uint32(fi.Size()), fi.ModTime()
		}
	}
	idx.Cache = nil // the cached trees no longer describe the index
	// Written as git does: into index.lock (taken exclusively, so a git
	// command at work keeps its index), then renamed over the index, so a
	// crash never leaves half an index.
	var buf bytes.Buffer
	if index.NewEncoder(&buf).Encode(idx) != nil {
		return
	}
	path := filepath.Join(r.s.gitDir, "index")
	f, release, err := r.gitLock(path+".lock", 0)
	defer release()
	if err != nil {
		return
	}
	_, werr := f.Write(buf.Bytes())
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr != nil || cerr != nil || os.Rename(path+".lock", path) != nil {
		os.Remove(path + ".lock")
	}
}

func union(a, b []string) []string {
	m := map[string]bool{}
	var out []string
	for _, s := range append(append([]string(nil), a...), b...) {
		if !m[s] {
			m[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}
