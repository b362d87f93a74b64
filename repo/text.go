package repo

import (
	"errors"
	"fmt"

	"github.com/redline-docs/redline/internal/charset"
)

// toUTF8 returns a document's text as UTF-8 (see charset.ToUTF8, the one
// rule for every command): GB18030 converted, with converted true; binary
// content and bytes in no known encoding refused, naming file and line.
func toUTF8(name string, data []byte) (text []byte, converted bool, err error) {
	text, converted, err = charset.ToUTF8(data)
	var ce *charset.Error
	switch {
	case errors.Is(err, charset.ErrBinary):
		return nil, false, fmt.Errorf("%s: binary content (NUL byte), not a text document: %w", name, ErrBadInput)
	case errors.As(err, &ce):
		return nil, false, fmt.Errorf("%s:%d: neither UTF-8 nor GB18030 text: %w", name, ce.Line, ErrBadInput)
	}
	return text, converted, nil
}
