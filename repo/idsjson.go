package repo

import (
	"bytes"
	"unicode/utf8"
	"unsafe"
)

// decodeIDsFast decodes an ids file in the exact form marshalIDs writes
// ({"blob": "…", "clauses": [{"id": "…", "label": "…"}, …]}, any white
// space, strings without escapes); ok is false for anything else, which
// decodeIDs then hands to encoding/json. Where it says ok, its result is
// encoding/json's (FuzzDecodeIDsFast checks that).
//
// What it buys (BenchmarkDiffRange in cmd/redline): encoding/json took as
// long to decode a 1 MB plan's ids file (10,000 clauses, 175 KB) as the
// parser took to parse the plan; this takes a small part of that.
//
// Its strings are views of b, not copies (b must not be modified
// afterwards; every caller decodes a buffer of its own), keys are compared
// in place, and the capacity hint counts
// '{' (a vectorised byte count) rather than `"label"`: together these
// took BenchmarkDecodeIDs/fast from 40,004 allocations to 2 and its
// median from 5.1 to 3.0 ms on a loaded machine.
func decodeIDsFast(b []byte) (f idsFile, ok bool) {
	d := idsDecoder{b: b, s: unsafe.String(unsafe.SliceData(b), len(b))}
	if !d.lit('{') || !d.key("blob") {
		return idsFile{}, false
	}
	blob, ok := d.str()
	if !ok || !d.lit(',') || !d.key("clauses") || !d.lit('[') {
		return idsFile{}, false
	}
	f.Blob = blob
	f.Clauses = make([]idEntry, 0, bytes.Count(b, []byte{'{'}))
	if !d.lit(']') {
		for {
			var e idEntry
			if !d.lit('{') || !d.key("id") {
				return idsFile{}, false
			}
			if e.ID, ok = d.str(); !ok || !d.lit(',') || !d.key("label") {
				return idsFile{}, false
			}
			if e.Label, ok = d.str(); !ok || !d.lit('}') {
				return idsFile{}, false
			}
			f.Clauses = append(f.Clauses, e)
			if d.lit(']') {
				break
			}
			if !d.lit(',') {
				return idsFile{}, false
			}
		}
	}
	if !d.lit('}') {
		return idsFile{}, false
	}
	d.space()
	return f, d.i == len(b)
}

type idsDecoder struct {
	b []byte
	s string // b as a string, which str's results are cut from
	i int
}

func (d *idsDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// lit skips white space and then c, if c is next.
func (d *idsDecoder) lit(c byte) bool {
	d.space()
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// key reads "name" and a colon.
func (d *idsDecoder) key(name string) bool {
	if !d.lit('"') || !bytes.HasPrefix(d.b[d.i:], []byte(name)) ||
		d.i+len(name) >= len(d.b) || d.b[d.i+len(name)] != '"' {
		return false
	}
	d.i += len(name) + 1
	return d.lit(':')
}

// str reads a string without escapes, of valid UTF-8 and no control
// characters.
func (d *idsDecoder) str() (string, bool) {
	if !d.lit('"') {
		return "", false
	}
	start := d.i
	for d.i < len(d.b) {
		switch c := d.b[d.i]; {
		case c == '"':
			s := d.b[start:d.i]
			d.i++
			if !utf8.Valid(s) {
				return "", false
			}
			return d.s[start : d.i-1], true
		case c == '\\' || c < 0x20:
			return "", false
		}
		d.i++
	}
	return "", false
}
