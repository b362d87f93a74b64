// Package charset turns the bytes of a text file into UTF-8: UTF-8 as it
// is, GB18030 (and so GBK and GB2312, its subsets) converted. Documents on
// commit, documents given to diff --no-index and comment tables all go
// through it, so one file is never text to one command and refused by
// another.
package charset

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Errors ToUTF8 returns, wrapped in *Error.
var (
	ErrBinary  = errors.New("binary content (NUL byte), not text")
	ErrUnknown = errors.New("neither UTF-8 nor GB18030 text")
)

// Error says where the bytes stopped being text.
type Error struct {
	Line int // 1-based line of the NUL byte, or of the first byte that is not UTF-8
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ToUTF8 returns data as UTF-8, and whether it was converted from GB18030.
// Data with a NUL byte is binary. Other data that is not UTF-8 is GB18030
// only when it decodes cleanly, holds no replacement or private-use
// characters (where GB18030 puts byte pairs no real text uses), and encodes
// back to the same bytes (a decoder maps some invalid sequences silently).
func ToUTF8(data []byte) (text []byte, converted bool, err error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, false, &Error{Line: 1 + bytes.Count(data[:i], []byte("\n")), Err: ErrBinary}
	}
	if utf8.Valid(data) {
		return data, false, nil
	}
	bad := &Error{Line: firstBadLine(data), Err: ErrUnknown}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !clean(out) {
		return nil, false, bad
	}
	back, err := simplifiedchinese.GB18030.NewEncoder().Bytes(out)
	if err != nil || !bytes.Equal(back, data) {
		return nil, false, bad
	}
	return out, true, nil
}

// clean reports whether decoded text is valid UTF-8 with no replacement
// and no private-use characters.
func clean(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError || r >= 0xe000 && r <= 0xf8ff || r >= 0xf0000 {
			return false
		}
		i += n
	}
	return true
}

// firstBadLine is the 1-based line of the first byte that is not UTF-8.
func firstBadLine(data []byte) int {
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
