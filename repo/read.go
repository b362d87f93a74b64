package repo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/revision"
)

// show returns a document's text at a revision ("" or "HEAD": the newest).
func (r *Repo) show(ctx context.Context, rev, path string) ([]byte, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	ri, err := r.resolve(rev)
	if err != nil {
		return nil, err
	}
	if path, err = r.relPath(path); err != nil {
		return nil, err
	}
	h, ok := r.blobAt(ri.Tree, path)
	if !ok {
		return nil, fmt.Errorf("%s at %s: %w", path, short(ri), ErrUnknownDocument)
	}
	return r.readBlob(h)
}

// Documents lists the documents at rev (the zero Rev: the work tree),
// sorted.
func (r *Repo) Documents(ctx context.Context, rev revision.Rev) ([]string, error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	ri, err := r.revOf(rev)
	if err != nil {
		return nil, err
	}
	if ri == nil {
		return r.worktreeDocuments()
	}
	return r.documentsIn(ri.Tree)
}

// worktreeIDs is path's text in the work tree with ids derived from the
// newest revision (not stored), or nil when the file is not there.
func (r *Repo) worktreeIDs(path string) (*docIDs, error) {
	raw, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(path)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	text, _, err := toUTF8(path, raw)
	if err != nil {
		return nil, err
	}
	blob := plumbing.ComputeHash(plumbing.BlobObject, text)
	var prev *docIDs
	if h, err := r.head(); err == nil {
		ri, err := r.revInfoOf(h)
		if err != nil {
			return nil, err
		}
		if prev, err = r.idsAt(ri, path); err != nil {
			return nil, err
		}
	}
	if prev != nil && prev.blob == blob {
		return prev, nil
	}
	doc, err := parseDoc(path, text)
	if err != nil {
		return nil, err
	}
	return deriveIDs(path, blob, doc, prev), nil
}
