package repo

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"github.com/redline-docs/redline/repo/internal/gitobj"
)

// metaDir is the folder of redline's committed metadata.
const metaDir = ".redline"

// isDocument says whether a repository path is a document: a .md, .txt
// or .docx file outside .redline/ (and outside any hidden folder).
func isDocument(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	if ext != ".md" && ext != ".txt" && ext != ".docx" {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}

// blobAt returns the blob hash of path in tree, or ok false.
func (r *Repo) blobAt(tree plumbing.Hash, p string) (plumbing.Hash, bool) {
	if tree.IsZero() {
		return plumbing.ZeroHash, false
	}
	t, err := r.readTree(tree)
	if err != nil {
		return plumbing.ZeroHash, false
	}
	return r.blobIn(t, p)
}

// blobIn is blobAt for a decoded tree.
func (r *Repo) blobIn(t *gitobj.Tree, p string) (plumbing.Hash, bool) {
	for {
		name, rest, more := strings.Cut(p, "/")
		var found *gitobj.TreeEntry
		for i := range t.Entries {
			if t.Entries[i].Name == name {
				found = &t.Entries[i]
				break
			}
		}
		if found == nil {
			return plumbing.ZeroHash, false
		}
		if !more {
			if found.Mode == filemode.Dir || found.Mode == filemode.Submodule {
				return plumbing.ZeroHash, false
			}
			return found.Hash, true
		}
		if found.Mode != filemode.Dir {
			return plumbing.ZeroHash, false
		}
		next, err := r.readTree(found.Hash)
		if err != nil {
			return plumbing.ZeroHash, false
		}
		t, p = next, rest
	}
}

// readBlob reads a blob's content: loose, packed or in an alternate
// (repo/internal/gitobj, which is safe for concurrent use).
func (r *Repo) readBlob(h plumbing.Hash) ([]byte, error) {
	b, err := r.s.objs.ReadType(plumbing.BlobObject, h)
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", h, err)
	}
	return b, nil
}

// treeFiles lists the files of a tree under prefix (recursively), path → blob.
func (r *Repo) treeFiles(tree plumbing.Hash, prefix string) (map[string]plumbing.Hash, error) {
	out := map[string]plumbing.Hash{}
	if tree.IsZero() {
		return out, nil
	}
	var walk func(h plumbing.Hash, dir string) error
	walk = func(h plumbing.Hash, dir string) error {
		t, err := r.readTree(h)
		if err != nil {
			return fmt.Errorf("read tree %s: %w", h, err)
		}
		for _, e := range t.Entries {
			p := e.Name
			if dir != "" {
				p = dir + "/" + e.Name
			}
			switch {
			case e.Mode == filemode.Dir:
				if prefix == "" || strings.HasPrefix(p+"/", prefix) || strings.HasPrefix(prefix, p+"/") {
					if err := walk(e.Hash, p); err != nil {
						return err
					}
				}
			case e.Mode.IsFile():
				if strings.HasPrefix(p, prefix) {
					out[p] = e.Hash
				}
			}
		}
		return nil
	}
	return out, walk(tree, "")
}

// documentsIn lists the documents of a tree, sorted, less those the
// tree's ignore file names.
func (r *Repo) documentsIn(tree plumbing.Hash) ([]string, error) {
	files, err := r.treeFiles(tree, "")
	if err != nil {
		return nil, err
	}
	ignore := r.treeIgnore(tree)
	var out []string
	for p := range files {
		if isDocument(p) && !ignore.match(p) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

// writeBlob stores data as a blob.
func (r *Repo) writeBlob(data []byte) (plumbing.Hash, error) {
	return r.putObject(plumbing.BlobObject, data)
}

// edit is a change to one file of a tree: a new blob, or deletion (zero hash).
type edit struct {
	blob plumbing.Hash
	mode filemode.FileMode
}

// applyEdits writes the trees of base with edits (path → edit) applied and
// returns the new root tree. Only the folders on an edited path are
// rewritten; an emptied folder disappears.
func (r *Repo) applyEdits(base plumbing.Hash, edits map[string]edit) (plumbing.Hash, error) {
	var entries []gitobj.TreeEntry
	if !base.IsZero() {
		t, err := r.readTree(base)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("read tree %s: %w", base, err)
		}
		entries = append(entries, t.Entries...)
	}
	here := map[string]edit{}
	sub := map[string]map[string]edit{}
	for p, e := range edits {
		if dir, rest, ok := strings.Cut(p, "/"); ok {
			if sub[dir] == nil {
				sub[dir] = map[string]edit{}
			}
			sub[dir][rest] = e
		} else {
			here[p] = e
		}
	}
	var out []gitobj.TreeEntry
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Name] = true
		if ed, ok := here[e.Name]; ok {
			if !ed.blob.IsZero() {
				out = append(out, gitobj.TreeEntry{Name: e.Name, Mode: ed.mode, Hash: ed.blob})
			}
			continue
		}
		if s, ok := sub[e.Name]; ok {
			var b plumbing.Hash
			if e.Mode == filemode.Dir {
				b = e.Hash
			}
			h, err := r.applyEdits(b, s)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			if !h.IsZero() {
				out = append(out, gitobj.TreeEntry{Name: e.Name, Mode: filemode.Dir, Hash: h})
			}
			continue
		}
		out = append(out, e)
	}
	for name, ed := range here {
		if !seen[name] && !ed.blob.IsZero() {
			out = append(out, gitobj.TreeEntry{Name: name, Mode: ed.mode, Hash: ed.blob})
		}
	}
	for name, s := range sub {
		if !seen[name] {
			h, err := r.applyEdits(plumbing.ZeroHash, s)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			if !h.IsZero() {
				out = append(out, gitobj.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
			}
		}
	}
	if len(out) == 0 {
		return plumbing.ZeroHash, nil
	}
	// git orders entries by name, a folder's name as if followed by "/".
	t := &gitobj.Tree{Entries: out}
	t.Sort()
	return r.putObject(plumbing.TreeObject, t.Encode())
}
