package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/redline-docs/redline/annotate"
	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
)

// diffFiles is diff --no-index: two files compared outside any repository.
// With no history there are no permanent clause ids, so a clause's id is its
// label path (the new one, or the old one for a deleted clause).
func diffFiles(g *globals, oldName, newName string) (*annotate.Diff, error) {
	oldDoc, oldRev, err := readDocument(g, oldName)
	if err != nil {
		return nil, err
	}
	newDoc, newRev, err := readDocument(g, newName)
	if err != nil {
		return nil, err
	}
	res := diff.Compare(oldDoc, newDoc, diff.Options{})
	ids := map[*clause.Node]string{}
	used := map[string]int{}
	for _, p := range res.Pairs {
		n := p.New
		if n == nil {
			n = p.Old
		}
		if n == nil {
			continue
		}
		id := n.Path()
		if used[id]++; used[id] > 1 {
			id = fmt.Sprintf("%s#%d", id, used[id])
		}
		if p.Old != nil {
			ids[p.Old] = id
		}
		if p.New != nil {
			ids[p.New] = id
		}
	}
	doc := annotate.Attach(annotate.AttachInput{
		Path:   filepath.ToSlash(newName),
		Result: res,
		ID:     func(n *clause.Node) string { return ids[n] },
	})
	return &annotate.Diff{From: oldRev, To: newRev, Documents: []annotate.Document{doc}}, nil
}

// readDocument reads and parses a file outside the repository, converting
// GB18030 (and so GBK) to UTF-8 with a notice. The revision describing it
// carries the file's name as its message and its modification time.
func readDocument(g *globals, name string) (*clause.Document, annotate.Rev, error) {
	rev := annotate.Rev{Message: name}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, rev, err
	}
	if fi, err := os.Stat(name); err == nil {
		rev.Date = fi.ModTime().UTC()
	}
	doc, err := clause.Parse(name, data, clause.Options{})
	if errors.Is(err, clause.ErrNotUTF8) {
		if text, ok := decodeGB18030(data); ok {
			g.notice("%s: converted from GB18030 to UTF-8", name)
			doc, err = clause.Parse(name, text, clause.Options{})
		}
	}
	if err != nil {
		return nil, rev, err
	}
	return doc, rev, nil
}

// decodeGB18030 decodes data as GB18030 and reports whether it was clean
// text in that encoding: no NUL bytes and nothing undecodable.
func decodeGB18030(data []byte) ([]byte, bool) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, false
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(text) || bytes.ContainsRune(text, utf8.RuneError) {
		return nil, false
	}
	return text, true
}
