package repo

import (
	"sync"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/clause"
)

// Parsed documents and decoded ids files, by blob, for one Repo value: the
// heavy, pure part of reading a document at a revision (inflating its blob,
// parsing it; inflating and decoding its ids file). readAhead computes them
// for several revisions at once (readAhead), one goroutine each; idsStep and storedIDs
// then take them from here.
//
// What it buys (BenchmarkDiffRange in cmd/redline): `redline diff A B` on a
// 1 MB plan spent nine tenths of its time reading the two revisions, one
// after the other, and decoded each ids file twice (once to learn that the
// revision has recorded ids, once to apply them). With two processors the
// two revisions are now read side by side, and each ids file once.

// parsedKey names a parsed document: the path is part of it because a
// document's parse errors name it.
type parsedKey struct {
	blob plumbing.Hash
	path string
}

// parsedLimit bounds the parsed documents and ids files kept in memory.
const parsedLimit = 8

// parsedDoc returns the document path with blob, parsed.
func (r *Repo) parsedDoc(path string, blob plumbing.Hash) (*clause.Document, error) {
	k := parsedKey{blob, path}
	if d, ok := r.s.parsed[k]; ok {
		return d, nil
	}
	// Not kept in the text and parse caches: their few entries are for the
	// two sides of a diff (readAhead), and a history reading hundreds of
	// revisions would write them all and push those out.
	d, err := r.readParse(r.readBlob, path, blob, false)
	if err != nil {
		return nil, err
	}
	r.keepParsed(k, d)
	return d, nil
}

func (r *Repo) keepParsed(k parsedKey, d *clause.Document) {
	if len(r.s.parsed) >= parsedLimit {
		clear(r.s.parsed)
	}
	r.s.parsed[k] = d
}

// idsFileAt returns the ids file with blob h, decoded; ok is false when
// it cannot be read or decoded.
func (r *Repo) idsFileAt(h plumbing.Hash) (idsFile, bool) {
	if f, ok := r.s.idsFiles[h]; ok {
		return f, f.Blob != ""
	}
	f := r.readIDs(r.readBlob, h, false)
	r.keepIDs(h, f)
	return f, f.Blob != ""
}

func (r *Repo) keepIDs(h plumbing.Hash, f idsFile) {
	if len(r.s.idsFiles) >= parsedLimit {
		clear(r.s.idsFiles)
	}
	r.s.idsFiles[h] = f
}

// readParse returns document blob parsed: from the parse cache
// (parsecache.go), else read (through the text cache), parsed and, with
// keep, cached in both.
func (r *Repo) readParse(read func(plumbing.Hash) ([]byte, error), path string, blob plumbing.Hash, keep bool) (*clause.Document, error) {
	if d, ok := r.cachedParse(path, blob); ok {
		return d, nil
	}
	text, err := r.docText(read, blob, keep)
	if err != nil {
		return nil, err
	}
	d, err := parseDoc(path, text)
	if err == nil && keep {
		r.keepParsedEntry(path, blob, d)
	}
	return d, err
}

// readIDs reads and decodes the ids file with blob h; the zero idsFile
// (no Blob) when it cannot. With keep, it reads the file through the text
// cache and caches it there: a diff of a 1 MB plan spent as long inflating
// its two 175 KB ids files as decoding them (BenchmarkDiffRange in
// cmd/redline); the plain file and its SHA-1 check cost a small part of
// that. Commands that read many revisions' ids once (history, blame) pass
// keep false: writing each would cost more than it saves.
func (r *Repo) readIDs(read func(plumbing.Hash) ([]byte, error), h plumbing.Hash, keep bool) idsFile {
	f, _ := decodeIDs(r.docText(read, h, keep))
	return f
}

// readAhead reads and parses path at each of revs (nil ones skipped)
// concurrently, one goroutine per revision, and decodes and applies the
// ids recorded with it, for idsAt to find in memory. It changes no result:
// it keeps a revision's ids only when its record lists the clauses in
// order (then they depend on nothing else), and whatever fails here is left
// for idsAt to meet and report in its own order. It returns the size of
// the texts it parsed or decoded.
func (r *Repo) readAhead(path string, revs ...*revInfo) (bytes int64) {
	type job struct {
		ri      *revInfo
		blob    plumbing.Hash
		idsBlob plumbing.Hash // zero: no ids file committed with ri
		doc     *clause.Document
		f       idsFile
		d       *docIDs // ri's ids, when its record applies as it is
		fail    bool
	}
	var jobs []*job
	seen := map[plumbing.Hash]bool{}
	for _, ri := range revs {
		if ri == nil || r.memo(ri.Hash, path) != nil {
			continue
		}
		b, ok := r.blobAt(ri.Tree, path)
		if !ok || seen[b] {
			continue
		}
		seen[b] = true
		j := &job{ri: ri, blob: b}
		j.idsBlob, _ = r.blobAt(ri.Tree, idsPath(path))
		jobs = append(jobs, j)
	}
	if len(jobs) < 2 {
		return 0 // nothing to overlap
	}
	// The object store is safe side by side (the caller holds r.s.mu and
	// waits here). The goroutines only read the maps of r.s; they are
	// written below, after Wait.
	read := r.readBlob
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() {
			doc, ok := r.s.parsed[parsedKey{j.blob, path}]
			if !ok {
				var err error
				if doc, err = r.readParse(read, path, j.blob, true); err != nil {
					j.fail = true
					return
				}
			}
			j.doc = doc
			if j.idsBlob.IsZero() {
				return
			}
			f, ok := r.s.idsFiles[j.idsBlob]
			if !ok {
				f = r.readIDs(read, j.idsBlob, true)
			}
			j.f = f
			if f.Blob == j.blob.String() {
				if ids, ok := recordedInOrder(doc, f); ok {
					j.d = newDocIDs(path, j.blob, doc, ids)
				}
			}
		})
	}
	wg.Wait()
	for _, j := range jobs {
		if j.fail {
			continue
		}
		r.keepParsed(parsedKey{j.blob, path}, j.doc)
		bytes += int64(len(j.doc.Src))
		if !j.idsBlob.IsZero() {
			r.keepIDs(j.idsBlob, j.f)
		}
		if j.d != nil {
			r.remember(j.ri.Hash, path, j.d)
		}
	}
	return bytes
}
