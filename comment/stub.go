package comment

import (
	"errors"
	"fmt"

	"github.com/redline-docs/redline/clause"
)

// STUBS: the comment package's API, filled in by its implementation (issue 4).

// ErrBadStatus is returned for a disposition that cannot be understood.
var ErrBadStatus = errors.New("unknown status")

// ParseStatus understands English and Chinese dispositions and their common
// variants: 已采纳 / 采纳 / 是 / adopted, 部分采纳 / partial, 未采纳 / 不予采纳 /
// 否 / rejected, 待处理 / pending; a leading disposition followed by a reason
// ("已采纳,调整了…") counts as that disposition.
func ParseStatus(s string) (Status, error) { return "", fmt.Errorf("%q: %w", s, ErrBadStatus) }

// Label is the status in a document's language (已采纳 / adopted …).
func (s Status) Label(lang clause.Lang) string { return string(s) }

// Record is one imported row: the comment, the clause label it names (resolved
// to a clause id by the caller) and where it came from.
type Record struct {
	Row     int    // 1-based data row (CSV/XLSX line after the header; JSON/YAML element)
	Clause  string // 条款 as written; "" for the whole document
	Comment Comment
}

// ImportError names the file, row and column of a bad input.
type ImportError struct {
	File   string
	Row    int    // 0 when the error is about the whole file
	Column string // the column header, or "" when not about one column
	Err    error
}

func (e *ImportError) Error() string {
	switch {
	case e.Row > 0 && e.Column != "":
		return fmt.Sprintf("%s:%d: column %q: %v", e.File, e.Row, e.Column, e.Err)
	case e.Row > 0:
		return fmt.Sprintf("%s:%d: %v", e.File, e.Row, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *ImportError) Unwrap() error { return e.Err }

// Import reads a comment table: CSV (UTF-8 or GB18030, detected), XLSX, JSON
// or YAML, chosen by the name's extension (and sniffed content). Any bad row
// fails the whole import with an *ImportError.
func Import(name string, data []byte) ([]Record, error) {
	return nil, &ImportError{File: name, Err: errors.New("not implemented yet")}
}

// Marshal encodes a comment as the readable file stored in the repository.
func Marshal(c Comment) ([]byte, error) { return nil, errors.New("not implemented yet") }

// Unmarshal decodes a stored comment file.
func Unmarshal(data []byte) (Comment, error) { return Comment{}, errors.New("not implemented yet") }

// Match says how well an anchor was found again.
type Match uint8

const (
	Exact    Match = iota // the quote (or the clause, when there is no quote) was found as is
	Fuzzy                 // found approximately, or the clause by id with its quote rewritten
	Orphaned              // neither the clause nor the quote could be found
)

// Quote builds an anchor's prefix/exact/suffix for text[start:end].
func Quote(text string, start, end int) (prefix, exact, suffix string) {
	return "", text[start:end], ""
}

// Reanchor finds a comment's anchor again in doc. id gives each clause's
// permanent id. It returns the clause the comment now belongs to (nil for
// the whole document or when orphaned) and how it was found.
func Reanchor(doc *clause.Document, id func(*clause.Node) string, a Anchor) (*clause.Node, Match) {
	if a.ClauseID == "" {
		return nil, Exact
	}
	for _, n := range doc.Clauses() {
		if id(n) == a.ClauseID {
			return n, Exact
		}
	}
	return nil, Orphaned
}
