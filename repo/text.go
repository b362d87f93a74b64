package repo

import (
	"errors"
	"fmt"
	"os"

	"github.com/redline-docs/redline/internal/charset"
	"github.com/redline-docs/redline/internal/limits"
)

// toUTF8 returns a document's text as UTF-8 (see charset.Decode, the one
// rule for every command) and what was converted ("" when nothing was, else
// a notice such as "converted from GB18030 to UTF-8"); binary content and
// bytes in no known encoding are refused, naming file, line and the
// encoding they look like.
func toUTF8(name string, data []byte) (text []byte, converted string, err error) {
	d, err := charset.Decode(data)
	var ce *charset.Error
	switch {
	case errors.Is(err, charset.ErrBinary) && errors.As(err, &ce):
		return nil, "", fmt.Errorf("%s: not a text document: %v: %w", name, ce, ErrBadInput)
	case errors.As(err, &ce):
		return nil, "", fmt.Errorf("%s:%d: %v: %w", name, ce.Line, ce, ErrBadInput)
	}
	return d.Text, d.Describe(), nil
}

// readDocument reads a document of the work tree, refusing one larger than
// limits.Document (an error names the document by its path name).
func readDocument(full, name string) ([]byte, error) {
	f, err := os.Open(full)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := limits.Check(f, name, "a document", limits.Document); err != nil {
		return nil, err
	}
	return limits.ReadAll(f, name, "a document", limits.Document)
}
