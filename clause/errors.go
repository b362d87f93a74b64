package clause

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"
)

// Errors the parser returns, wrapped in *Error with a position. Compare with
// errors.Is.
var (
	ErrBinary   = errors.New("binary content")
	ErrNotUTF8  = errors.New("not valid UTF-8")
	ErrTooLarge = errors.New("document too large")
	ErrTooDeep  = errors.New("clauses nested too deeply")
)

// Error is a parse error at a place in the source: "plan.md:42:7: msg".
// Line and Col are 1-based (Col counts characters); both are 0 when the
// error is about the whole document.
type Error struct {
	Name   string
	Line   int
	Col    int
	Offset int    // byte offset in the source
	Err    error  // one of the Err* sentinels
	Detail string // what exactly, when there is more to say
}

func (e *Error) Error() string {
	msg := e.Err.Error()
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Name, msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Name, e.Line, e.Col, msg)
}

// Unwrap returns the sentinel, for errors.Is.
func (e *Error) Unwrap() error { return e.Err }

// errorAt builds an *Error at byte offset off of src.
func errorAt(name string, src []byte, off int, err error, detail string) *Error {
	if off > len(src) {
		off = len(src)
	}
	line := bytes.Count(src[:off], []byte{'\n'}) + 1
	ls := bytes.LastIndexByte(src[:off], '\n') + 1
	// Count characters, tolerating invalid bytes (each counts as one).
	col := utf8.RuneCount(src[ls:off]) + 1
	return &Error{Name: name, Line: line, Col: col, Offset: off, Err: err, Detail: detail}
}

// check validates src before parsing: size, NUL bytes, UTF-8.
func check(name string, src []byte, opts Options) error {
	if len(src) > opts.MaxBytes || len(src) > math.MaxInt32 {
		return &Error{Name: name, Err: ErrTooLarge, Detail: fmt.Sprintf("%d bytes, limit %d", len(src), opts.MaxBytes)}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return errorAt(name, src, i, ErrBinary, "NUL byte")
	}
	if i := invalidUTF8(src); i >= 0 {
		detail := fmt.Sprintf("byte 0x%02x; convert GB18030/GBK to UTF-8 first", src[i])
		return errorAt(name, src, i, ErrNotUTF8, detail)
	}
	return nil
}
