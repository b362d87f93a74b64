package repo

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// toUTF8 returns a document's text as UTF-8. Text in GB18030 (and so GBK and
// GB2312, its subsets) is converted, with converted true; binary content
// (a NUL byte) and bytes that are neither UTF-8 nor GB18030 are refused.
func toUTF8(name string, data []byte) (text []byte, converted bool, err error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, false, fmt.Errorf("%s: binary content (NUL byte), not a text document: %w", name, ErrBadInput)
	}
	if utf8.Valid(data) {
		return data, false, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) || !utf8.Valid(out) {
		return nil, false, fmt.Errorf("%s:%d: neither UTF-8 nor GB18030 text: %w", name, badLine(data), ErrBadInput)
	}
	// A decoder maps some invalid sequences silently: insist on a round trip.
	back, err := simplifiedchinese.GB18030.NewEncoder().Bytes(out)
	if err != nil || !bytes.Equal(back, data) {
		return nil, false, fmt.Errorf("%s:%d: neither UTF-8 nor GB18030 text: %w", name, badLine(data), ErrBadInput)
	}
	return out, true, nil
}

// badLine is the 1-based line of the first byte that is not UTF-8.
func badLine(data []byte) int {
	line := 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	return line
}
