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

// Text writes the annotated diff for a terminal.
func Text(w io.Writer, d *annotate.Diff, o Options) error { return errNotImplemented }

// Markdown writes the annotated diff as Markdown.
func Markdown(w io.Writer, d *annotate.Diff, o Options) error { return errNotImplemented }

// HTML writes the annotated diff as one self-contained HTML file.
func HTML(w io.Writer, d *annotate.Diff, o Options) error { return errNotImplemented }

// TableMarkdown writes the 修改前后对照表 as Markdown.
func TableMarkdown(w io.Writer, d *annotate.Diff, o Options) error { return errNotImplemented }

// TableHTML writes the 修改前后对照表 as self-contained HTML.
func TableHTML(w io.Writer, d *annotate.Diff, o Options) error { return errNotImplemented }

// DiffJSON writes the annotated diff as CONTRACT.md's JSON.
func DiffJSON(w io.Writer, d *annotate.Diff) error { return errNotImplemented }

// LogText / LogJSON write a revision list.
func LogText(w io.Writer, revs []annotate.Rev, o Options) error { return errNotImplemented }
func LogJSON(w io.Writer, revs []annotate.Rev) error            { return errNotImplemented }

// HistoryText / HistoryJSON write a clause's history.
func HistoryText(w io.Writer, h *annotate.History, o Options) error { return errNotImplemented }
func HistoryJSON(w io.Writer, h *annotate.History) error            { return errNotImplemented }

// BlameText / BlameJSON write blame.
func BlameText(w io.Writer, b *annotate.Blame, o Options) error { return errNotImplemented }
func BlameJSON(w io.Writer, b *annotate.Blame) error            { return errNotImplemented }

// CommentsText / CommentsJSON write a comment list.
func CommentsText(w io.Writer, cs []comment.Comment, o Options) error { return errNotImplemented }
func CommentsJSON(w io.Writer, cs []comment.Comment) error            { return errNotImplemented }

// ReportMarkdown / ReportHTML / ReportCSV write the consultation report.
func ReportMarkdown(w io.Writer, r *annotate.Report, o Options) error { return errNotImplemented }
func ReportHTML(w io.Writer, r *annotate.Report, o Options) error     { return errNotImplemented }
func ReportCSV(w io.Writer, r *annotate.Report, o Options) error      { return errNotImplemented }
