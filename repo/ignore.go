package repo

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// ignorePath is the committed list of files that are not documents even
// though they end in .md or .txt (a README beside the drafts, notes): one
// pattern a line, "#" starts a comment. A pattern without "/" matches a file
// name anywhere ("README.md", "*.notes.txt"); one with "/" matches a path
// from the top of the repository ("drafts/old/*.md"); one ending in "/"
// matches everything below that folder ("archive/"). It lives under
// .redline/ so that the next commit records it and a clone carries it.
const ignorePath = metaDir + "/ignore"

// ignoreList is a parsed ignore file.
type ignoreList []string

func parseIgnore(b []byte) ignoreList {
	var l ignoreList
	for _, line := range strings.Split(string(bytes.TrimPrefix(b, []byte("\uFEFF"))), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		l = append(l, strings.TrimPrefix(line, "/"))
	}
	return l
}

// match reports whether the repository path p is ignored.
func (l ignoreList) match(p string) bool {
	for _, pat := range l {
		switch {
		case strings.HasSuffix(pat, "/"):
			if strings.HasPrefix(p, pat) {
				return true
			}
		case strings.Contains(pat, "/"):
			if ok, _ := path.Match(pat, p); ok {
				return true
			}
		default:
			if ok, _ := path.Match(pat, path.Base(p)); ok {
				return true
			}
		}
	}
	return false
}

// filter drops the ignored paths of docs, in place.
func (l ignoreList) filter(docs []string) []string {
	if len(l) == 0 {
		return docs
	}
	out := docs[:0]
	for _, d := range docs {
		if !l.match(d) {
			out = append(out, d)
		}
	}
	return out
}

// worktreeIgnore reads the work tree's ignore file; none means nothing is ignored.
func (r *Repo) worktreeIgnore() ignoreList {
	b, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(ignorePath)))
	if err != nil {
		return nil
	}
	return parseIgnore(b)
}

// treeIgnore reads the ignore file of a revision's tree.
func (r *Repo) treeIgnore(tree plumbing.Hash) ignoreList {
	h, ok := r.blobAt(tree, ignorePath)
	if !ok {
		return nil
	}
	b, err := r.readBlob(h)
	if err != nil {
		return nil
	}
	return parseIgnore(b)
}
