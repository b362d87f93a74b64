package repo

import (
	"crypto/sha1"
	"encoding/hex"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/internal/atomicfile"
	"github.com/redline-docs/redline/internal/limits"
	"github.com/redline-docs/redline/internal/mapfile"
)

// The derived-data cache lives in .git/redline/. Everything there can be
// rebuilt from the commits; an unreadable or stale entry is ignored and
// rebuilt, so it is never the only copy of anything.
const cacheDir = "redline"

// memoLimit bounds the parsed documents a Repo keeps in memory.
const memoLimit = 32

func pathKey(p string) string {
	s := sha1.Sum([]byte(p))
	return hex.EncodeToString(s[:8])
}

func (r *Repo) cachePath(parts ...string) string {
	return filepath.Join(append([]string{r.s.gitDir, cacheDir}, parts...)...)
}

// writeCache writes a cache file whole (internal/atomicfile: a reader, or
// the next process after a crash, sees the old file or the new one), not
// flushed to disk: every cache is checked when read (a hash, a CRC, the
// blob it describes), so what a power cut damages is rebuilt. Errors are
// ignored: the cache is an optimisation.
func writeCache(path string, data []byte) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	_ = atomicfile.WriteUnsynced(path, data, 0o644) // derived and checked when read
}

// readCache returns the cache entry at path: mapped when r maps its caches
// (MapCaches), else read into memory; false when there is none. Mapped
// bytes are read-only. Every cache's reader checks what it gets.
func (r *Repo) readCache(path string) ([]byte, bool) {
	if r.s.mapCaches {
		f, err := mapfile.Read(path, "a cache entry", 4*limits.Document)
		if err != nil {
			return nil, false
		}
		return f.Data, true
	}
	b, err := os.ReadFile(path)
	return b, err == nil
}

func (r *Repo) idsCachePath(commit plumbing.Hash, path string) string {
	return r.cachePath("ids", pathKey(path), commit.String()+".json")
}

// idsCacheFor is where the derived ids of path at ri are cached. A merge
// revision's have a name of their own: they are derived from both parents
// (see mergedIDs), and an entry an older redline derived from the first
// parent alone must not stand for them.
func (r *Repo) idsCacheFor(ri *revInfo, path string) string {
	if len(ri.Parents) > 1 {
		return r.cachePath("ids", pathKey(path), ri.Hash.String()+".merge.json")
	}
	return r.idsCachePath(ri.Hash, path)
}

type memoKey struct {
	commit plumbing.Hash
	path   string
}

func (r *Repo) memo(commit plumbing.Hash, path string) *docIDs {
	return r.s.memo[memoKey{commit, path}]
}

func (r *Repo) remember(commit plumbing.Hash, path string, d *docIDs) {
	if len(r.s.memo) >= memoLimit {
		clear(r.s.memo)
	}
	r.s.memo[memoKey{commit, path}] = d
}

// storedIDs returns the ids recorded for path at ri with the document blob
// blob: committed in the tree (the truth), else cached under .git/redline.
func (r *Repo) storedIDs(ri *revInfo, path string, blob plumbing.Hash) (idsFile, bool) {
	if h, ok := r.blobAt(ri.Tree, idsPath(path)); ok {
		if f, ok := r.idsFileAt(h); ok && f.Blob == blob.String() {
			return f, true
		}
	}
	if f, ok := decodeIDs(os.ReadFile(r.idsCacheFor(ri, path))); ok && f.Blob == blob.String() {
		return f, true
	}
	return idsFile{}, false
}

// idsAt returns path at revision ri with its clause ids, or nil when the
// document does not exist there. Ids come from the revision's ids file, the
// cache, or (for revisions made without redline) are derived from the
// nearest ancestor that has them and cached.
func (r *Repo) idsAt(ri *revInfo, path string) (*docIDs, error) {
	var todo []*revInfo // newest first
	var base *docIDs
	for cur := ri; ; {
		if d := r.memo(cur.Hash, path); d != nil {
			base = d
			break
		}
		blob, ok := r.blobAt(cur.Tree, path)
		if !ok {
			break
		}
		todo = append(todo, cur)
		if _, known := r.storedIDs(cur, path, blob); known {
			break
		}
		p := cur.parent()
		if p.IsZero() {
			break
		}
		next, err := r.revInfoOf(p)
		if err != nil {
			return nil, err
		}
		cur = next
	}
	prev := base
	for i := len(todo) - 1; i >= 0; i-- {
		d, err := r.idsStep(todo[i], path, prev)
		if err != nil {
			return nil, err
		}
		prev = d
	}
	return prev, nil
}

// idsStep computes the ids of path at ri, given prev, the ids at ri's first
// parent (nil when the document is not there).
func (r *Repo) idsStep(ri *revInfo, path string, prev *docIDs) (*docIDs, error) {
	if d := r.memo(ri.Hash, path); d != nil {
		return d, nil
	}
	blob, ok := r.blobAt(ri.Tree, path)
	if !ok {
		return nil, nil
	}
	var d *docIDs
	if prev != nil && prev.blob == blob {
		if f, known := r.storedIDs(ri, path, blob); known {
			d = applyRecorded(path, blob, prev.doc, f, prev)
		} else {
			d = newDocIDs(path, blob, prev.doc, prev.ids)
		}
	} else {
		doc, err := r.parsedDoc(path, blob)
		if err != nil {
			return nil, err
		}
		if f, known := r.storedIDs(ri, path, blob); known {
			d = applyRecorded(path, blob, doc, f, prev)
		} else {
			d = deriveIDs(path, blob, doc, prev)
			if len(ri.Parents) > 1 {
				if err := r.mergedIDs(ri, path, d, prev); err != nil {
					return nil, err
				}
			}
			if b, err := d.marshal(); err == nil {
				writeCache(r.idsCacheFor(ri, path), b)
			}
			// Its clauses too, while it is parsed: history and blame of
			// a history made with git derive every revision's ids first
			// (resolving the clause at the newest) and then read each
			// revision's clauses, which parsed it a second time.
			r.keepClauses(ri, path, d)
		}
	}
	r.remember(ri.Hash, path, d)
	return d, nil
}
