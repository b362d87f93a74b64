// Package limits holds the size limit of every input redline reads, in one
// place, and the readers that enforce them: an input past its limit is
// refused with an error naming the file and the limit, long before memory
// runs out, whatever it is (a regular file, /dev/zero, a pipe that never
// ends).
package limits

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// The limits. They are generous: the largest real laws are a few MB.
const (
	Document     = 64 << 20 // bytes of one document (commit, diff, status, diff --no-index)
	CommentTable = 64 << 20 // bytes of one comment file (CSV, JSON, XLSX) or of stdin
	CommentYAML  = 4 << 20  // bytes of one YAML comment file (parsed whole, a node per value)
	CommentRows  = 200000   // rows of one comment table, comments of one JSON or YAML file

	// An XLSX workbook is a zip: a small file can decompress to gigabytes
	// (a zip bomb). Its reader reads at most four parts (workbook,
	// relationships, shared strings, one sheet), each at most XLSXPart
	// bytes decompressed, from a zip of at most XLSXEntries entries.
	XLSXPart    = 64 << 20
	XLSXEntries = 10000
)

// ErrTooLarge is the sentinel of every *TooLargeError.
var ErrTooLarge = errors.New("input too large")

// TooLargeError says which input passed which limit.
type TooLargeError struct {
	Name  string // the file, or "stdin"
	What  string // what the limit is for: "a document", "a comment file" …
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than %s, the limit for %s", e.Name, Size(e.Limit), e.What)
}

func (e *TooLargeError) Unwrap() error { return ErrTooLarge }

// Size writes n bytes for people: "64 MiB", "10 KiB", "12 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadAll reads r to its end, or fails with a *TooLargeError as soon as it
// has read more than limit bytes: it never holds more than limit+1 of them.
func ReadAll(r io.Reader, name, what string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Name: name, What: what, Limit: limit}
	}
	return data, nil
}

// ReadFile reads the named file as ReadAll does; a regular file larger
// than limit is refused before any of it is read.
func ReadFile(name, what string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := Check(f, name, what, limit); err != nil {
		return nil, err
	}
	return ReadAll(f, name, what, limit)
}

// Check refuses an open regular file larger than limit (other files, such
// as pipes and devices, are bounded while they are read).
func Check(f *os.File, name, what string, limit int64) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Mode().IsRegular() && fi.Size() > limit {
		return &TooLargeError{Name: name, What: what, Limit: limit}
	}
	return nil
}
