package repo

import (
	"cmp"
	"crypto/sha1"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/internal/atomicfile"
)

// The text cache, .git/redline/text/<blob>: the content of the document
// blobs that diffs read, uncompressed. It is derived data: an entry is
// used only when its content hashes to the blob hash it is named for (so a
// damaged or foreign file is ignored and rewritten), it is written whole
// through atomicfile, and it keeps only the textCacheLimit newest entries.
//
// What it buys (BenchmarkDiffRange, bench/repo-vs-git.sh): inflating a
// 1 MB plan with Go's zlib costs about as much as parsing it, several
// times git's own inflate; reading the plain file and checking its SHA-1
// costs a small part of that. `redline diff A B` reads two such blobs.

// textCacheLimit is how many blobs the text cache keeps.
const textCacheLimit = 16

func (r *Repo) textCachePath(h plumbing.Hash) string {
	return r.cachePath("text", h.String())
}

// cachedText returns blob h's content from the text cache, if it is there
// and intact. With MapCaches the entry is mapped, not copied (the bytes
// are read-only then): `redline show` of a 1 MB plan took a page fault for
// every 4 KB of the copy, 250 of its 800, and a third of its time
// (bench/repo-vs-git.sh). An entry is only ever replaced whole (renamed
// over), so a mapping stays what it was while the process runs.
func (r *Repo) cachedText(h plumbing.Hash) ([]byte, bool) {
	b, ok := r.readCache(r.textCachePath(h))
	if !ok || blobHash(b) != h {
		return nil, false
	}
	return b, true
}

// blobHash is git's hash of a blob with content b.
func blobHash(b []byte) plumbing.Hash {
	s := sha1.New()
	s.Write([]byte("blob " + strconv.Itoa(len(b)) + "\x00"))
	s.Write(b)
	var h plumbing.Hash
	copy(h[:], s.Sum(nil))
	return h
}

// keepText writes blob h's content b to the text cache and drops the
// oldest entries beyond textCacheLimit. Errors are ignored: the cache is an
// optimisation.
func (r *Repo) keepText(h plumbing.Hash, b []byte) {
	dir := filepath.Dir(r.textCachePath(h))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	if atomicfile.WriteUnsynced(r.textCachePath(h), b, 0o644) != nil { // checked when read
		return
	}
	pruneCache(dir, textCacheLimit)
}

// pruneCache drops the oldest entries of the cache directory dir beyond
// limit.
func pruneCache(dir string, limit int) {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) <= limit {
		return
	}
	type aged struct {
		name string
		mod  int64
	}
	var all []aged
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			all = append(all, aged{e.Name(), fi.ModTime().UnixNano()})
		}
	}
	slices.SortFunc(all, func(a, b aged) int { return cmp.Compare(b.mod, a.mod) }) // newest first
	for _, a := range all[min(limit, len(all)):] {
		os.Remove(filepath.Join(dir, a.name))
	}
}

// docText returns document blob h's content: from the text cache, else
// read with read and, when keep is set, cached.
func (r *Repo) docText(read func(plumbing.Hash) ([]byte, error), h plumbing.Hash, keep bool) ([]byte, error) {
	if b, ok := r.cachedText(h); ok {
		return b, nil
	}
	b, err := read(h)
	if err == nil && keep {
		r.keepText(h, b)
	}
	return b, err
}
