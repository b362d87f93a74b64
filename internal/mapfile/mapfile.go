// Package mapfile reads a file by mapping it into memory where it can, so
// that a large input costs neither a heap copy nor a page fault for every
// 4 KiB of it.
package mapfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"

	"github.com/redline-docs/redline/internal/limits"
)

// minMapped is the smallest file mapped: below it a copy is cheaper than
// the system calls of a mapping.
const minMapped = 64 << 10

// ErrChanged reports that a mapped file shrank while it was being read.
var ErrChanged = errors.New("file changed while it was being read")

// File is a file read by Read.
type File struct {
	Data   []byte
	Info   fs.FileInfo // as it was when read
	Mapped bool        // Data is a mapping of the file, not a copy
}

// Read returns the contents of the named file, refusing one larger than
// limit bytes (a *limits.TooLargeError saying the limit is for what): a
// regular file by its size before reading, anything else (a pipe,
// /dev/zero) as soon as it has given more. On Unix a regular file of
// 64 KiB or more is mapped read-only and private, its pages taken straight
// from the page cache; anything else (a small file, a pipe, another
// system, a failed mapping) is read into memory.
//
// A mapping is never unmapped: the bytes may be referenced until the
// process exits, which is what a command that reads its inputs once wants.
// Writing to mapped bytes faults. If the file is truncated while mapped,
// reading past its new end faults too: read mapped bytes under Guard.
func Read(name, what string, limit int64) (*File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := limits.Check(f, name, what, limit); err != nil {
		return nil, err
	}
	size := fi.Size()
	regular := fi.Mode().IsRegular() && size == int64(int(size))
	if regular && size >= minMapped {
		if data, ok := mapFile(f, int(size)); ok {
			return &File{Data: data, Info: fi, Mapped: true}, nil
		}
	}
	var buf bytes.Buffer
	if regular {
		buf.Grow(int(size) + bytes.MinRead) // ReadFrom wants MinRead spare to see the end
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, &limits.TooLargeError{Name: name, What: what, Limit: limit}
	}
	return &File{Data: buf.Bytes(), Info: fi}, nil
}

// Guard runs f, which reads mapped bytes of the named file, and turns the
// fault of reading a mapping past the end of a file truncated meanwhile into
// ErrChanged instead of a crash. Other panics go on.
func Guard(name string, f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(interface{ Addr() uintptr }); ok {
				err = fmt.Errorf("%s: %w", name, ErrChanged)
				return
			}
			panic(r)
		}
	}()
	return f()
}
