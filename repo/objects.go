package repo

import (
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"

	"github.com/redline-docs/redline/repo/internal/gitobj"
)

// readCommit reads and decodes commit h.
func (r *Repo) readCommit(h plumbing.Hash) (*gitobj.Commit, error) {
	data, err := r.s.objs.ReadType(plumbing.CommitObject, h)
	if err != nil {
		return nil, err
	}
	return gitobj.DecodeCommit(data)
}

// readTag reads and decodes annotated tag h.
func (r *Repo) readTag(h plumbing.Hash) (*gitobj.Tag, error) {
	data, err := r.s.objs.ReadType(plumbing.TagObject, h)
	if err != nil {
		return nil, err
	}
	return gitobj.DecodeTag(data)
}

// maxTrees bounds the decoded trees kept (a few hundred bytes each).
const maxTrees = 1 << 14

// readTree reads and decodes tree h, or recalls it: trees never change,
// and blobAt walks the same few for every document of every revision.
// The tree returned is shared: callers do not change it.
func (r *Repo) readTree(h plumbing.Hash) (*gitobj.Tree, error) {
	r.s.treesMu.Lock()
	t, ok := r.s.trees[h]
	r.s.treesMu.Unlock()
	if ok {
		return t, nil
	}
	data, err := r.s.objs.ReadType(plumbing.TreeObject, h)
	if err != nil {
		return nil, err
	}
	if t, err = gitobj.DecodeTree(data); err != nil {
		return nil, err
	}
	r.s.treesMu.Lock()
	if len(r.s.trees) >= maxTrees {
		clear(r.s.trees)
	}
	r.s.trees[h] = t
	r.s.treesMu.Unlock()
	return t, nil
}

// putObject stores an object as a loose file and remembers it for
// syncObjects.
func (r *Repo) putObject(typ plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	h, err := r.s.objs.WriteLoose(typ, data)
	if err == nil {
		r.s.written = append(r.s.written, h)
	}
	return h, err
}

// readIndex reads git's index (.git/index); a repository without one has
// an empty index.
func (r *Repo) readIndex() (*index.Index, error) {
	idx := &index.Index{Version: 2}
	f, err := os.Open(filepath.Join(r.s.gitDir, "index"))
	if os.IsNotExist(err) {
		return idx, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		idx.ModTime = fi.ModTime()
	}
	return idx, index.NewDecoder(f).Decode(idx)
}
