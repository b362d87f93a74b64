package render

import (
	"errors"
	"io"

	"github.com/redline-docs/redline/annotate"
	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
)

// Options shape human-readable output.
type Options struct {
	Color          bool        // ANSI colour (terminal only)
	Lang           clause.Lang // "" : the document's language
	ShowFormatting bool        // show formatting-only changes instead of folding them
	Width          int         // terminal width in columns; 0: 80
}

var errNotImplemented = errors.New("render: not implemented yet")

// The functions below are the renderers' API; stubs until issue 5/6 work lands.

// LogText / LogJSON write a revision list.
func LogText(w io.Writer, revs []annotate.Rev, o Options) error { return errNotImplemented }

// HistoryText / HistoryJSON write a clause's history.
func HistoryText(w io.Writer, h *annotate.History, o Options) error { return errNotImplemented }

// BlameText / BlameJSON write blame.
func BlameText(w io.Writer, b *annotate.Blame, o Options) error { return errNotImplemented }

// CommentsText / CommentsJSON write a comment list.
func CommentsText(w io.Writer, cs []comment.Comment, o Options) error { return errNotImplemented }
