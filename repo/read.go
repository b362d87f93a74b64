package repo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/revision"
)

// show returns a document's text at a revision ("" or "HEAD": the newest):
// a Word file's extracted text, or with raw its stored bytes.
func (r *Repo) show(ctx context.Context, rev, path string, raw bool) ([]byte, error) {
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
	b, err := r.docText(r.readBlob, h, false) // the text cache if a diff filled it (textcache.go)
	if err != nil || raw {
		return b, err
	}
	return documentText(path, b)
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
	raw, err := readDocument(filepath.Join(r.dir, filepath.FromSlash(path)), path)
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

// Uncommitted lists what the work tree holds that the newest revision does
// not: documents added, edited or removed, and comment files (under
// .redline/comments/) written by comment add, import or set and not yet
// committed. Before the first revision every document and comment file is
// uncommitted.
func (r *Repo) Uncommitted(ctx context.Context) (docs, comments []string, err error) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	var tree plumbing.Hash
	if h, err := r.head(); err == nil {
		ri, err := r.revInfoOf(h)
		if err != nil {
			return nil, nil, err
		}
		tree = ri.Tree
	} else if !errors.Is(err, ErrNoRevisions) {
		return nil, nil, err
	}
	work, err := r.worktreeDocuments()
	if err != nil {
		return nil, nil, err
	}
	var committed []string
	if !tree.IsZero() {
		if committed, err = r.documentsIn(tree); err != nil {
			return nil, nil, err
		}
	}
	for _, p := range work {
		raw, err := readDocument(filepath.Join(r.dir, filepath.FromSlash(p)), p)
		if err != nil {
			return nil, nil, err
		}
		text, _, err := toUTF8(p, raw)
		if err != nil {
			text = raw // not a document redline can read: it differs
		}
		h, ok := r.blobAt(tree, p)
		if !ok || h != plumbing.ComputeHash(plumbing.BlobObject, text) {
			docs = append(docs, p)
		}
	}
	for _, p := range committed {
		if !contains(work, p) {
			docs = append(docs, p)
		}
	}
	meta, err := r.worktreeMeta()
	if err != nil {
		return nil, nil, err
	}
	stored, err := r.treeFiles(tree, commentsDir+"/")
	if err != nil {
		return nil, nil, err
	}
	for p, b := range meta {
		if !strings.HasPrefix(p, commentsDir+"/") {
			continue
		}
		if h, ok := stored[p]; !ok || h != plumbing.ComputeHash(plumbing.BlobObject, b) {
			comments = append(comments, p)
		}
	}
	for p := range stored {
		if _, ok := meta[p]; !ok {
			comments = append(comments, p)
		}
	}
	sort.Strings(docs)
	sort.Strings(comments)
	return docs, comments, nil
}
