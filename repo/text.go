package repo

import (
	"errors"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/redline-docs/redline/docx"

	"github.com/redline-docs/redline/internal/charset"
	"github.com/redline-docs/redline/internal/limits"
)

// toUTF8 returns a document's text as UTF-8 (see charset.Decode, the one
// rule for every command) and what was converted ("" when nothing was, else
// a notice such as "converted from GB18030 to UTF-8"); binary content and
// bytes in no known encoding are refused, naming file, line and the
// encoding they look like.
//
// A Word file (.docx) is stored byte for byte: it is checked here and its
// text is extracted where it is parsed (parseDoc).
func toUTF8(name string, data []byte) (text []byte, converted string, err error) {
	if isWord(name) {
		if _, err := wordDocument(name, data); err != nil {
			return nil, "", err
		}
		return data, "", nil
	}
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

// isWord says whether a document is a Word file: stored as committed, read
// through its extracted text.
func isWord(p string) bool { return strings.EqualFold(path.Ext(p), ".docx") }

// wordDocument reads a Word file, naming it in any error.
func wordDocument(name string, data []byte) (*docx.Document, error) {
	d, err := docx.Read(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %w", name, err, ErrBadInput)
	}
	return d, nil
}

// documentText is what redline reads of a document's stored bytes: a Word
// file's text (paragraphs, numbering as labels, tracked changes accepted),
// else the bytes themselves.
func documentText(name string, data []byte) ([]byte, error) {
	if !isWord(name) {
		return data, nil
	}
	d, err := wordDocument(name, data)
	if err != nil {
		return nil, err
	}
	return []byte(d.Text()), nil
}
