// Package gitobj reads and writes the git objects redline stores (commits,
// trees, tags, blobs) in a repository's objects folder: loose objects, and
// packs through go-git's idxfile and packfile.
//
// It exists so that the redline binary links none of go-git's
// plumbing/object and storage/filesystem packages: they bring OpenPGP
// (ProtonMail/go-crypto, circl), encoding/gob (through gcfg, the config
// parser), regexps compiled at init (internal/url) and more, whose package
// initialisation and page faults cost every redline process about 2 ms of
// an 11 ms start-up (repo/store.go has the figures). What redline needs of them is the few small codecs
// below and an object reader.
package gitobj

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// ErrMalformed is an object whose content does not parse as its type.
var ErrMalformed = errors.New("malformed git object")

// Signature is an author, committer or tagger line.
type Signature struct {
	Name, Email string
	When        time.Time
}

// Header is a commit or tag header redline does not interpret (gpgsig,
// mergetag, encoding, …), kept so that the object encodes back to the
// same bytes. Value holds its continuation lines joined by "\n", without
// their leading space.
type Header struct {
	Key, Value string
}

// Commit is a decoded commit object.
type Commit struct {
	Tree      plumbing.Hash
	Parents   []plumbing.Hash
	Author    Signature
	Committer Signature
	Extra     []Header // after the committer line, in order
	Message   string
}

// Tag is a decoded annotated tag object.
type Tag struct {
	Object plumbing.Hash
	Type   plumbing.ObjectType
	Name   string
	Tagger Signature
	Extra  []Header
	// HasTagger is false for the old tags that have no tagger line.
	HasTagger bool
	Message   string
}

// TreeEntry is one entry of a tree.
type TreeEntry struct {
	Name string
	Mode filemode.FileMode
	Hash plumbing.Hash
}

// Tree is a decoded tree object.
type Tree struct {
	Entries []TreeEntry
}

// appendSig appends "NAME <EMAIL> UNIX ±HHMM", as git (and go-git) write it.
func appendSig(b []byte, s Signature) []byte {
	b = append(b, s.Name...)
	b = append(b, " <"...)
	b = append(b, s.Email...)
	b = append(b, "> "...)
	u := s.When.Unix()
	if u < 0 {
		u = 0
	}
	b = strconv.AppendInt(b, u, 10)
	b = append(b, ' ')
	return s.When.AppendFormat(b, "-0700")
}

// parseSig parses a signature line's value; a part that does not parse
// is left zero, as git's own readers are lenient here.
func parseSig(b []byte) Signature {
	var s Signature
	open, close := bytes.LastIndexByte(b, '<'), bytes.LastIndexByte(b, '>')
	if open < 0 || close < open {
		return s
	}
	s.Name = string(bytes.Trim(b[:open], " "))
	s.Email = string(b[open+1 : close])
	rest := b[close+1:]
	rest = bytes.TrimLeft(rest, " ")
	num, tz, _ := bytes.Cut(rest, []byte{' '})
	ts, err := strconv.ParseInt(string(num), 10, 64)
	if err != nil {
		return s
	}
	s.When = time.Unix(ts, 0).In(time.UTC)
	if len(tz) < 5 || (tz[0] != '+' && tz[0] != '-') {
		return s
	}
	hh, err1 := strconv.Atoi(string(tz[1:3]))
	mm, err2 := strconv.Atoi(string(tz[3:5]))
	if err1 != nil || err2 != nil || tz[1] == '+' || tz[1] == '-' {
		return s
	}
	off := hh*3600 + mm*60
	if tz[0] == '-' {
		off = -off
	}
	s.When = s.When.In(time.FixedZone("", off))
	return s
}

// appendHeader appends "KEY VALUE\n", continuation lines indented by one
// space.
func appendHeader(b []byte, h Header) []byte {
	b = append(b, h.Key...)
	b = append(b, ' ')
	b = append(b, strings.ReplaceAll(h.Value, "\n", "\n ")...)
	return append(b, '\n')
}

// Encode returns the commit's content, byte for byte what git writes.
func (c *Commit) Encode() []byte {
	b := make([]byte, 0, 256+len(c.Message))
	b = append(b, "tree "...)
	b = append(b, c.Tree.String()...)
	b = append(b, '\n')
	for _, p := range c.Parents {
		b = append(b, "parent "...)
		b = append(b, p.String()...)
		b = append(b, '\n')
	}
	b = append(b, "author "...)
	b = appendSig(b, c.Author)
	b = append(b, "\ncommitter "...)
	b = appendSig(b, c.Committer)
	b = append(b, '\n')
	for _, h := range c.Extra {
		b = appendHeader(b, h)
	}
	b = append(b, '\n')
	return append(b, c.Message...)
}

// headers splits an object's content into its header lines (a
// continuation line, starting with a space, joined to the one before) and
// the message after the first empty line.
func headers(data []byte, each func(key string, value []byte) error) (msg string, err error) {
	var key string
	var val []byte
	have := false
	flush := func() error {
		if !have {
			return nil
		}
		have = false
		return each(key, val)
	}
	for len(data) > 0 {
		line, rest, ok := bytes.Cut(data, []byte{'\n'})
		if !ok {
			rest = nil
		}
		data = rest
		if len(line) == 0 {
			if err := flush(); err != nil {
				return "", err
			}
			return string(data), nil
		}
		if line[0] == ' ' {
			if !have {
				return "", fmt.Errorf("%w: continuation line with no header", ErrMalformed)
			}
			if singleLine[key] {
				return "", fmt.Errorf("%w: %s header on more than one line", ErrMalformed, key)
			}
			val = append(append(val, '\n'), line[1:]...)
			continue
		}
		if err := flush(); err != nil {
			return "", err
		}
		k, v, _ := bytes.Cut(line, []byte{' '})
		key, val, have = string(k), append([]byte(nil), v...), true
	}
	return "", flush()
}

// singleLine are the headers git never continues on a second line.
var singleLine = map[string]bool{
	"tree": true, "parent": true, "author": true, "committer": true,
	"object": true, "type": true, "tag": true, "tagger": true,
}

func parseHex(v []byte, what string) (plumbing.Hash, error) {
	if len(v) != 40 || !plumbing.IsHash(string(v)) {
		return plumbing.ZeroHash, fmt.Errorf("%w: bad %s hash", ErrMalformed, what)
	}
	return plumbing.NewHash(string(v)), nil
}

// DecodeCommit parses a commit's content. The tree line must come first;
// parent lines follow it; the first author and committer lines count.
func DecodeCommit(data []byte) (*Commit, error) {
	c := &Commit{}
	n := 0
	sawAuthor, sawCommitter := false, false
	msg, err := headers(data, func(key string, v []byte) error {
		n++
		switch {
		case n == 1:
			if key != "tree" {
				return fmt.Errorf("%w: tree header must be first", ErrMalformed)
			}
			h, err := parseHex(v, "tree")
			c.Tree = h
			return err
		case key == "parent" && len(c.Parents) == n-2:
			h, err := parseHex(v, "parent")
			c.Parents = append(c.Parents, h)
			return err
		case key == "author" && !sawAuthor:
			c.Author, sawAuthor = parseSig(v), true
		case key == "committer" && !sawCommitter:
			c.Committer, sawCommitter = parseSig(v), true
		case key == "tree" || key == "parent" || key == "author" || key == "committer":
			// out of place: ignored, as go-git and git's own parser do
		default:
			c.Extra = append(c.Extra, Header{Key: key, Value: string(v)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("%w: missing tree header", ErrMalformed)
	}
	c.Message = msg
	return c, nil
}

// Encode returns the tag's content, byte for byte what git writes.
func (t *Tag) Encode() []byte {
	b := make([]byte, 0, 256+len(t.Message))
	b = append(b, "object "...)
	b = append(b, t.Object.String()...)
	b = append(b, "\ntype "...)
	b = append(b, t.Type.String()...)
	b = append(b, "\ntag "...)
	b = append(b, t.Name...)
	b = append(b, '\n')
	if t.HasTagger {
		b = append(b, "tagger "...)
		b = appendSig(b, t.Tagger)
		b = append(b, '\n')
	}
	for _, h := range t.Extra {
		b = appendHeader(b, h)
	}
	b = append(b, '\n')
	return append(b, t.Message...)
}

// DecodeTag parses an annotated tag's content: object, type and tag lines
// in that order, then an optional tagger.
func DecodeTag(data []byte) (*Tag, error) {
	t := &Tag{}
	n := 0
	msg, err := headers(data, func(key string, v []byte) error {
		n++
		switch {
		case n == 1 && key == "object":
			h, err := parseHex(v, "object")
			t.Object = h
			return err
		case n == 2 && key == "type":
			typ, err := plumbing.ParseObjectType(string(v))
			if err != nil || typ == plumbing.OFSDeltaObject || typ == plumbing.REFDeltaObject {
				return fmt.Errorf("%w: tag of type %q", ErrMalformed, v)
			}
			t.Type = typ
		case n == 3 && key == "tag":
			t.Name = string(v)
		case n <= 3:
			return fmt.Errorf("%w: tag header %q out of place", ErrMalformed, key)
		case n == 4 && key == "tagger":
			t.Tagger, t.HasTagger = parseSig(v), true
		default:
			t.Extra = append(t.Extra, Header{Key: key, Value: string(v)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if n < 3 {
		return nil, fmt.Errorf("%w: tag without object, type and tag lines", ErrMalformed)
	}
	t.Message = msg
	return t, nil
}

// treeKey is the name git sorts a tree entry by: a folder's as if
// followed by "/".
func treeKey(e TreeEntry) string {
	if e.Mode == filemode.Dir {
		return e.Name + "/"
	}
	return e.Name
}

// Sort puts the entries in git's order.
func (t *Tree) Sort() {
	sort.Slice(t.Entries, func(i, j int) bool { return treeKey(t.Entries[i]) < treeKey(t.Entries[j]) })
}

// Encode returns the tree's content: "MODE NAME\x00" and the 20-byte hash
// for each entry, in the order given (Sort first for git's).
func (t *Tree) Encode() []byte {
	b := make([]byte, 0, len(t.Entries)*48)
	for _, e := range t.Entries {
		b = strconv.AppendUint(b, uint64(e.Mode), 8)
		b = append(b, ' ')
		b = append(b, e.Name...)
		b = append(b, 0)
		b = append(b, e.Hash[:]...)
	}
	return b
}

// DecodeTree parses a tree's content.
func DecodeTree(data []byte) (*Tree, error) {
	t := &Tree{}
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp <= 0 {
			return nil, fmt.Errorf("%w: tree entry without mode", ErrMalformed)
		}
		mode, err := strconv.ParseUint(string(data[:sp]), 8, 32)
		if err != nil {
			return nil, fmt.Errorf("%w: tree entry mode %q", ErrMalformed, data[:sp])
		}
		data = data[sp+1:]
		nul := bytes.IndexByte(data, 0)
		if nul <= 0 || len(data) < nul+1+20 {
			return nil, fmt.Errorf("%w: truncated tree entry", ErrMalformed)
		}
		e := TreeEntry{Name: string(data[:nul]), Mode: filemode.FileMode(mode)}
		copy(e.Hash[:], data[nul+1:nul+21])
		t.Entries = append(t.Entries, e)
		data = data[nul+21:]
	}
	return t, nil
}
