package render

import (
	"github.com/redline-docs/redline/clause"
)

// Options shape human-readable output.
type Options struct {
	Color          bool        // ANSI colour (terminal only)
	Lang           clause.Lang // "" : the document's language
	ShowFormatting bool        // show formatting-only changes instead of folding them
	Width          int         // terminal width in columns; 0: 80
}
