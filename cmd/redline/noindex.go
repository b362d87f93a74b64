package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/internal/charset"
	"github.com/redline-docs/redline/internal/limits"
	"github.com/redline-docs/redline/internal/mapfile"
	"github.com/redline-docs/redline/review"
)

// diffFiles is diff --no-index: two files compared outside any repository.
// With no history there are no permanent clause ids, so a clause's id is its
// label path (the new one, or the old one for a deleted clause).
func diffFiles(g *globals, oldName, newName string) (*review.Diff, error) {
	// A pipe or a device has no size to tune for (and a soft limit sized
	// for an empty input would make its reading collect all the time).
	oldSize, oldRegular := fileSize(oldName)
	newSize, newRegular := fileSize(newName)
	if oldRegular && newRegular {
		tuneGC(g.getenv, oldSize+newSize)
	}
	// Read and parse both files at once (clause.Parse is safe for
	// concurrent use), then report notices and errors in argument order.
	var old, cur parsedFile
	done := make(chan struct{})
	go func() {
		defer close(done)
		old = readDocument(oldName)
	}()
	cur = readDocument(newName)
	<-done
	for _, f := range []*parsedFile{&old, &cur} {
		if f.notice != "" {
			g.notice("%s", f.notice)
		}
		if f.err != nil {
			return nil, f.err
		}
	}
	// Two revisions of one document, in memory: the review pipeline reads
	// them as it reads a repository. Without history a clause's id is its
	// label path (MemDoc with no IDs).
	old.rev.Hash, cur.rev.Hash = "\x00old", "\x00new"
	path := filepath.ToSlash(newName)
	src := &review.MemSource{Revs: []review.MemRev{
		{Rev: old.rev, Docs: map[string]review.MemDoc{path: {Doc: old.doc}}},
		{Rev: cur.rev, Docs: map[string]review.MemDoc{path: {Doc: cur.doc}}},
	}}
	d, err := review.DiffRange(context.Background(), src, review.DiffOptions{From: &old.rev, To: cur.rev})
	if err != nil {
		return nil, err
	}
	// Files outside a repository have no revisions: no hashes to show.
	d.From.Hash, d.To.Hash = "", ""
	return d, nil
}

// tuneGC sets the garbage collector for a diff of inputBytes of documents,
// a short-lived run whose live heap is a few times its input (inputs are
// mapped, or decoded from mapped cache entries, not copied to the heap):
// gcSettings's choice, unless GOGC or GOMEMLIMIT is set.
func tuneGC(getenv func(string) string, inputBytes int64) {
	if percent, limit, ok := gcSettings(getenv, inputBytes); ok {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// gcSettings chooses the garbage collector's settings for a diff of
// inputBytes. Collecting at 400% instead of 100% growth skips every
// collection of a lightly edited pair (diff --no-index, and a diff of two
// revisions of a 1 MB plan: two collections, a tenth of its processor
// time), and a soft memory limit of 12 times the input (at least 16 MiB)
// bounds a full rewrite's peak: on two unrelated 1 MB documents peak RSS is
// about 15 times the input, as fast as under a limit of 16 times (19 times
// the input); a limit of 10 times makes it collect often enough to slow
// it. ok is false, leaving the runtime's settings alone, when GOGC or
// GOMEMLIMIT is set or the input's size is unknown (0).
func gcSettings(getenv func(string) string, inputBytes int64) (percent int, limit int64, ok bool) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" || inputBytes <= 0 {
		return 0, 0, false
	}
	limit = max(12*inputBytes, 16<<20)
	return 400, limit, true
}

// fileSize is the size of the file name and whether it is a regular file
// (0 and false when it cannot be read).
func fileSize(name string) (int64, bool) {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return 0, false
	}
	return fi.Size(), true
}

// parsedFile is a file outside the repository, read and parsed: its
// document, the revision describing it, a notice to print (or "") and the
// error that stopped it.
type parsedFile struct {
	doc    *clause.Document
	rev    review.Rev
	notice string
	err    error
}

// readDocument reads and parses a file outside the repository, converting
// it to UTF-8 by the rule every command uses (charset.Decode: GB18030,
// UTF-16, lone CR line ends) with a notice. The revision describing it
// carries the file's name as its message and its modification time. It
// prints nothing, so two can run at once.
func readDocument(name string) parsedFile {
	f := parsedFile{rev: review.Rev{Message: name}}
	// A large file is mapped rather than copied: two 1 MB revisions cost
	// no heap and a few page faults instead of 500, a tenth of diff
	// --no-index's time. Parsing keeps the document's bytes, so the file
	// must not shrink meanwhile; Guard turns that fault into an error.
	file, err := mapfile.Read(name, "a document", limits.Document)
	if err != nil {
		f.err = err
		return f
	}
	f.rev.Date = file.Info.ModTime().UTC()
	var doc *clause.Document
	err = mapfile.Guard(name, func() error {
		parse := func(text []byte) error {
			var err error
			doc, err = clause.Parse(name, text, clause.Options{MaxBytes: limits.Document})
			return err
		}
		// Most files are UTF-8 with nothing to convert: parse them
		// straight away (the parser checks UTF-8 itself), and decode only
		// a file that starts with a byte-order mark, holds a CR, or that
		// the parser finds is not UTF-8 text.
		data := file.Data
		if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) && !bytes.HasPrefix(data, []byte("\xff\xfe")) &&
			!bytes.HasPrefix(data, []byte("\xfe\xff")) && bytes.IndexByte(data, '\r') < 0 {
			err := parse(data)
			if !errors.Is(err, clause.ErrNotUTF8) && !errors.Is(err, clause.ErrBinary) {
				return err
			}
		}
		d, err := charset.Decode(data)
		var ce *charset.Error
		if errors.As(err, &ce) {
			return fmt.Errorf("%s:%d: %w", name, ce.Line, err)
		}
		if how := d.Describe(); how != "" {
			f.notice = name + ": " + how
		}
		return parse(d.Text)
	})
	f.doc, f.err = doc, err
	return f
}
