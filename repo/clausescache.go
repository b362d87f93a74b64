package repo

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"strings"
	"unsafe"

	"github.com/redline-docs/redline/revision"
)

// The clauses cache, .git/redline/clauses/<path key>/<revision>.rlc: a
// document's clauses at a revision as history and blame compare them
// (revision.ClausesOf), so that tracing a clause reads one file per
// revision instead of parsing it. It is derived data: an entry records the
// cache's version (clausesVersion) and the document's blob hash and ends
// with a CRC-32C of all before it; an entry of another version or blob, or
// a damaged one, is ignored and rewritten.
//
// Layout: "RLCC2", then strings (a uvarint length and the bytes): version,
// blob, language; a uvarint count; per clause its ID, Label, Parent and
// Text, its Body (a uvarint: 2n+1 when it is the last n bytes of Text, else
// 2n followed by its n bytes) and Parts; the CRC (4 bytes, little endian).
//
// What it buys (bench/profile.sh on history of a 1 MB plan): the entries
// were gob, whose decoder copied each 2 MB entry into fresh memory and
// every one of its 60,000 strings once more; history spent three quarters
// of its processor time there. Decoding now allocates the list alone: its
// strings are views of the entry, mapped like the parse cache's (MapCaches)
// or read once.

const clausesMagic = "RLCC2"

// appendClauses appends c's cache entry to b.
func appendClauses(b []byte, version, blob string, c *revision.Clauses) []byte {
	start := len(b)
	b = append(b, clausesMagic...)
	for _, s := range []string{version, blob, c.Lang} {
		b = appendCacheString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(c.List)))
	for _, cl := range c.List {
		for _, s := range []string{cl.ID, cl.Label, cl.Parent, cl.Text} {
			b = appendCacheString(b, s)
		}
		// A body is nearly always the end of the text (the text without
		// its marker): then only its length is written, twice plus one.
		if strings.HasSuffix(cl.Text, cl.Body) {
			b = binary.AppendUvarint(b, 2*uint64(len(cl.Body))+1)
		} else {
			b = binary.AppendUvarint(b, 2*uint64(len(cl.Body)))
			b = append(b, cl.Body...)
		}
		b = appendCacheString(b, cl.Parts)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], castagnoli()))
}

func appendCacheString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decodeClauses decodes a cache entry written for version and blob; ok is
// false for anything else. The strings are views of data, which must not
// change afterwards.
func decodeClauses(data []byte, version, blob string) (c *revision.Clauses, ok bool) {
	if len(data) < len(clausesMagic)+4 || string(data[:len(clausesMagic)]) != clausesMagic {
		return nil, false
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli()) != binary.LittleEndian.Uint32(data[len(body):]) {
		return nil, false
	}
	d := cacheReader{b: body, i: len(clausesMagic)}
	if d.str() != version || d.str() != blob {
		return nil, false
	}
	lang := d.str()
	// Each clause takes at least six bytes (six empty strings): that
	// bounds the count before anything is allocated.
	n, ok := d.uvarint()
	if !ok || n > uint64(len(body)-d.i)/6 {
		return nil, false
	}
	list := make([]revision.Clause, n)
	for i := range list {
		cl := &list[i]
		cl.ID = d.str()
		cl.Label = d.str()
		cl.Parent = d.str()
		cl.Text = d.str()
		cl.Body = d.body(cl.Text)
		cl.Parts = d.str()
	}
	if d.err || d.i != len(body) {
		return nil, false
	}
	return &revision.Clauses{Lang: lang, List: list}, true
}

// cacheReader reads the strings of a cache entry; err is set (and every
// read returns "") once a length runs past the end.
type cacheReader struct {
	b   []byte
	i   int
	err bool
}

func (d *cacheReader) str() string {
	n, ok := d.uvarint()
	if !ok {
		return ""
	}
	return d.take(n)
}

// body reads a clause's body: the end of its text, or a string.
func (d *cacheReader) body(text string) string {
	n, ok := d.uvarint()
	if !ok {
		return ""
	}
	if n%2 == 0 {
		return d.take(n / 2)
	}
	if n/2 > uint64(len(text)) {
		d.err = true
		return ""
	}
	return text[len(text)-int(n/2):]
}

func (d *cacheReader) uvarint() (uint64, bool) {
	if d.err || d.i > len(d.b) {
		d.err = true
		return 0, false
	}
	n, k := binary.Uvarint(d.b[d.i:])
	if k <= 0 {
		d.err = true
		return 0, false
	}
	d.i += k
	return n, true
}

// take returns the next n bytes as a string, a view of d.b.
func (d *cacheReader) take(n uint64) string {
	if n > uint64(len(d.b)-d.i) {
		d.err = true
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[d.i], int(n))
	d.i += int(n)
	return s
}

// clausesPath is where the clauses of path at ri are cached.
func (r *Repo) clausesPath(ri *revInfo, path string) string {
	return r.cachePath("clauses", pathKey(path), ri.Hash.String()+".rlc")
}

// keepClauses lists the clauses of d, path at ri with its ids, and caches
// them.
func (r *Repo) keepClauses(ri *revInfo, path string, d *docIDs) *revision.Clauses {
	out := revision.ClausesOf(d.doc, d.ids)
	file := r.clausesPath(ri, path)
	writeCache(file, appendClauses(nil, clausesVersion(), d.blob.String(), out))
	os.Remove(strings.TrimSuffix(file, ".rlc") + ".gob") // an older redline's entry
	return out
}

// cachedClauses returns the entry at file when it holds blob's clauses in
// this version: mapped when r maps its caches, else read.
func (r *Repo) cachedClauses(file, blob string) (*revision.Clauses, bool) {
	b, ok := r.readCache(file)
	if !ok {
		return nil, false
	}
	return decodeClauses(b, clausesVersion(), blob)
}
