package repo

import (
	"encoding/binary"
	"hash/crc32"
	"path/filepath"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/clause"
)

// The parse cache, .git/redline/parsed/<blob>.<path key>: a document blob
// parsed, as its text and the tree's binary form (clause.AppendBinary),
// so that reading it again decodes instead of parsing. It is derived data:
//
//   - an entry is named for the blob and the path (the path decides the
//     parse: Markdown or not, and errors name it) and records both, and the
//     binary form carries clause.EncodingVersion, which changes whenever the
//     parser could give another tree (it is derived from the parser's trees
//     of fixed probe texts); an entry for another blob, path or version is
//     ignored and rewritten;
//   - the text is checked against a CRC-32C recorded with it and the tree
//     against its own (clause.Decode also checks that every offset fits), so
//     a damaged entry is ignored and rewritten too;
//   - it is written whole through internal/atomicfile and keeps only the
//     textCacheLimit newest entries, as the text cache does.
//
// What it buys (BenchmarkDiffRange in cmd/redline, bench/repo-vs-git.sh):
// parsing the two sides of `redline diff A B` on a 1 MB plan, and reading
// their text from the text cache with a SHA-1 check, was about a third of
// the command's processor time. Decoding an entry costs a small part of
// that, but only when the entry is mapped (MapCaches): read into fresh
// memory, the entry's 2 MB (text, clean text, tree) cost as much in page
// faults and copying as the parse saved. A 1 MB pair in a repository, in
// processor time (bench/repo-vs-git.sh, 20 interleaved runs): 104 ms
// before, 83 ms with mapped entries; git diff --word-diff-regex=. 53 ms.

const parsedMagic = "RLPC1"

func (r *Repo) parsedCachePath(path string, blob plumbing.Hash) string {
	return r.cachePath("parsed", blob.String()+"."+pathKey(path))
}

// cachedParse returns document path with blob from the parse cache, if an
// intact entry made by this parser is there.
func (r *Repo) cachedParse(path string, blob plumbing.Hash) (*clause.Document, bool) {
	b, ok := r.readCache(r.parsedCachePath(path, blob))
	if !ok {
		return nil, false
	}
	src, enc, ok := splitParsed(b, path, blob)
	if !ok {
		return nil, false
	}
	d, err := clause.Decode(path, src, enc)
	if err != nil {
		return nil, false
	}
	return d, true
}

// splitParsed checks an entry's header and text and returns the text and
// the tree's binary form.
func splitParsed(b []byte, path string, blob plumbing.Hash) (src, enc []byte, ok bool) {
	head := len(parsedMagic) + len(blob)
	if len(b) < head || string(b[:len(parsedMagic)]) != parsedMagic || string(b[len(parsedMagic):head]) != string(blob[:]) {
		return nil, nil, false
	}
	b = b[head:]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) || string(b[k:k+int(n)]) != path {
		return nil, nil, false
	}
	b = b[k+int(n):]
	n, k = binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k-4) {
		return nil, nil, false
	}
	src = b[k : k+int(n)]
	b = b[k+int(n):]
	if crc32.Checksum(src, castagnoli()) != binary.LittleEndian.Uint32(b) {
		return nil, nil, false
	}
	return src, b[4:], true
}

// castagnoli is the CRC-32C table, made on first use (see clause's
// crcTable).
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// keepParsedEntry writes d, document path with blob, to the parse cache.
// Errors are ignored: the cache is an optimisation.
func (r *Repo) keepParsedEntry(path string, blob plumbing.Hash, d *clause.Document) {
	b := make([]byte, 0, len(parsedMagic)+len(blob)+2*len(d.Src)+64)
	b = append(b, parsedMagic...)
	b = append(b, blob[:]...)
	b = binary.AppendUvarint(b, uint64(len(path)))
	b = append(b, path...)
	b = binary.AppendUvarint(b, uint64(len(d.Src)))
	b = append(b, d.Src...)
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(d.Src, castagnoli()))
	b = d.AppendBinary(b)
	file := r.parsedCachePath(path, blob)
	writeCache(file, b)
	pruneCache(filepath.Dir(file), textCacheLimit)
}

// MapCaches makes r read its parse cache entries by mapping the files
// instead of copying them (internal/mapfile), for a process that reads a
// few revisions and exits: the command line, not a server. The mappings
// are never undone (decoded documents keep references into them), so a
// long-lived process that reads many revisions would pile them up. Entries
// are only ever replaced whole (renamed over), never rewritten in place, so
// a mapped entry stays what it was while the process runs.
func (r *Repo) MapCaches() {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	r.s.mapCaches = true
}
