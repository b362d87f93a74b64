// Package atomicfile writes files so that a reader, or the next process
// after a crash, sees either the old content or the new one, never a part:
// the bytes go to a temporary file in the same folder, are flushed to disk,
// and the temporary file is renamed over the target, whose folder is then
// flushed too so the rename itself survives a power cut.
//
// This is the one home of that rule for every file redline writes (comment
// files, clause ids, caches, converted documents, -o outputs).
package atomicfile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
)

// Write writes data to path atomically with mode perm (used when the file
// is created; an existing file keeps its own permission bits).
func Write(path string, data []byte, perm os.FileMode) error {
	return WriteFrom(path, bytes.NewReader(data), perm)
}

// WriteUnsynced writes data to path atomically as Write does, but does not
// flush it to disk: for derived data that is checked whenever it is read
// (the caches under .git/redline/), which a power cut may leave missing or
// damaged, to be rebuilt, but which no reader ever sees half written.
// Flushing each entry cost the first history of 300 revisions most of its
// wall time (two syncs per revision, each waiting for the disk).
func WriteUnsynced(path string, data []byte, perm os.FileMode) error {
	return write(path, bytes.NewReader(data), perm, false)
}

// WriteFrom copies r to path atomically, as Write does.
func WriteFrom(path string, r io.Reader, perm os.FileMode) error {
	return write(path, r, perm, true)
}

func write(path string, r io.Reader, perm os.FileMode, sync bool) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Abort()
		return err
	}
	return f.commit(sync)
}

// File is a pending atomic write: write to it, then Commit to replace the
// target or Abort to leave the target as it was.
type File struct {
	*os.File
	path string
	done bool
}

// Create starts an atomic write of path. The temporary file is a hidden
// sibling of path, so the final rename stays on one file system.
func Create(path string, perm os.FileMode) (*File, error) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		perm = fi.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	return &File{File: tmp, path: path}, nil
}

// Commit flushes the written bytes to disk and renames them over the target.
func (f *File) Commit() error { return f.commit(true) }

func (f *File) commit(sync bool) error {
	if f.done {
		return os.ErrClosed
	}
	f.done = true
	name := f.File.Name()
	if sync {
		if err := f.File.Sync(); err != nil {
			f.File.Close()
			os.Remove(name)
			return err
		}
	}
	if err := f.File.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, f.path); err != nil {
		os.Remove(name)
		return err
	}
	if !sync {
		return nil
	}
	return SyncDir(filepath.Dir(f.path))
}

// Abort discards the pending write; the target is untouched. Abort after
// Commit does nothing, so `defer f.Abort()` is safe.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	os.Remove(f.File.Name())
}

// SyncDir flushes a folder's entries (a rename or a new file in it) to
// disk. File systems that cannot sync a folder are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	// Some file systems (and Windows) refuse to sync a folder; the rename
	// has happened all the same, so that refusal is no error.
	_ = d.Sync()
	return nil
}
