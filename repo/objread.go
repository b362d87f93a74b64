package repo

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
)

// readLoose reads blob h from its loose object file, if it has one (ok
// false: it has none here; it may be packed or in an alternate, and the
// object store reads it).
//
// What it bought (BenchmarkShow, BenchmarkDiffRange in cmd/redline) when
// go-git's storage read objects: go-git reads a loose object into a MemoryObject that grows by appending as it
// inflates, hashes the content twice on the way (its reader's tee, then its
// object cache's key), and readBlob then copied it once more; on a 1 MB
// plan that was most of `redline show`. Here the object is inflated once
// into a buffer of the size its header gives, as git itself reads it. Like
// git's and go-git's readers it does not rehash the content: zlib's own
// checksum catches a damaged file.
func (r *Repo) readLoose(h plumbing.Hash) (data []byte, ok bool, err error) {
	hex := h.String()
	f, err := os.Open(filepath.Join(r.s.gitDir, "objects", hex[:2], hex[2:]))
	if err != nil {
		return nil, false, nil
	}
	defer f.Close()
	zr, err := zlib.NewReader(bufio.NewReaderSize(f, 64<<10))
	if err != nil {
		return nil, true, fmt.Errorf("read blob %s: %w", h, err)
	}
	defer zr.Close()
	size, err := looseBlobHeader(zr)
	if err != nil {
		return nil, true, fmt.Errorf("read blob %s: %w", h, err)
	}
	if size > maxPrealloc {
		return nil, false, nil // not worth trusting a header with this much: the object store reads it
	}
	data = make([]byte, size)
	if _, err := io.ReadFull(zr, data); err != nil {
		return nil, true, fmt.Errorf("read blob %s: %w", h, err)
	}
	// The stream must end here, and its checksum must match.
	var one [1]byte
	if n, err := zr.Read(one[:]); n != 0 || err != io.EOF {
		if err == nil || err == io.EOF {
			err = errors.New("object longer than its header says")
		}
		return nil, true, fmt.Errorf("read blob %s: %w", h, err)
	}
	return data, true, nil
}

// maxPrealloc is the largest blob read into a buffer sized from its
// header alone.
const maxPrealloc = 256 << 20

// maxLooseHeader bounds a loose object's header: "blob", a space, at most
// 20 digits of size and a NUL.
const maxLooseHeader = 32

// looseBlobHeader reads a loose object's header, "blob SIZE\x00", and
// returns SIZE. Another type is plumbing.ErrObjectNotFound, as go-git says
// when a hash names an object of another type.
func looseBlobHeader(r io.Reader) (int, error) {
	var hdr []byte
	var one [1]byte
	for {
		if _, err := io.ReadFull(r, one[:]); err != nil {
			return 0, fmt.Errorf("object header: %w", err)
		}
		if one[0] == 0 {
			break
		}
		if len(hdr) == maxLooseHeader {
			return 0, errors.New("object header too long")
		}
		hdr = append(hdr, one[0])
	}
	typ, num, ok := bytes.Cut(hdr, []byte{' '})
	if !ok {
		return 0, errors.New("malformed object header")
	}
	if string(typ) != "blob" {
		return 0, plumbing.ErrObjectNotFound
	}
	size, err := strconv.ParseUint(string(num), 10, 63)
	if err != nil {
		return 0, fmt.Errorf("object size %q", num)
	}
	return int(size), nil
}
