package repo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// lockName is the writer lock, beside git's own locks in the git directory.
const lockName = "redline.lock"

// staleAfter is how old a lock may grow before any writer may take it over,
// even when its process still seems alive (a pid reused after a crash).
const staleAfter = 10 * time.Minute

// writeLock is held by the one writer of a repository.
type writeLock struct{ path string }

// acquireLock takes the writer lock in gitDir, or fails with ErrBusy. A lock
// whose process is gone, or older than staleAfter, is taken over.
func acquireLock(gitDir string, now time.Time) (*writeLock, error) {
	path := filepath.Join(gitDir, lockName)
	content := fmt.Sprintf("%d %d\n", os.Getpid(), now.Unix())
	for attempt := 0; attempt < 2; attempt++ {
		err := createLock(path, content)
		if err == nil {
			return &writeLock{path: path}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if attempt > 0 || !lockIsStale(path, now) {
			break
		}
		// Take over a stale lock: rename it away first so that of two
		// writers taking it over at once only one removes it.
		aside := path + ".stale." + strconv.Itoa(os.Getpid())
		if os.Rename(path, aside) == nil {
			if !lockIsStale(aside, now) {
				// Another writer took the lock over between our look and
				// our rename: give it back (Link fails if the path is taken).
				os.Link(aside, path)
			}
			os.Remove(aside)
		}
	}
	return nil, fmt.Errorf("%w (lock %s held by %s)", ErrBusy, path, lockOwner(path))
}

// createLock makes the lock file at path holding content, or fails with an
// error wrapping os.ErrExist when a lock is there. The file appears whole:
// content is written to a private file first and hard-linked into place (a
// link never replaces an existing file), so a writer killed at any moment
// leaves either no lock or one that names it — never an empty lock that no
// one can judge stale. Where links are not supported, the lock is created
// exclusively and written after.
func createLock(path, content string) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".new.*")
	if err != nil {
		return fmt.Errorf("write lock: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	_, werr := f.WriteString(content)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr != nil || cerr != nil {
		return fmt.Errorf("write lock %s: %w", tmp, errors.Join(werr, cerr))
	}
	err = os.Link(tmp, path)
	if err == nil || errors.Is(err, os.ErrExist) {
		return err
	}
	f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr = f.WriteString(content)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(path)
		return fmt.Errorf("write lock %s: %w", path, errors.Join(werr, cerr))
	}
	return nil
}

// release removes the lock.
func (l *writeLock) release() {
	if l != nil {
		os.Remove(l.path)
	}
}

func readLock(path string) (pid int, at time.Time, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, time.Time{}, false
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return 0, time.Time{}, false
	}
	p, err1 := strconv.Atoi(f[0])
	s, err2 := strconv.ParseInt(f[1], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, time.Time{}, false
	}
	return p, time.Unix(s, 0), true
}

func lockOwner(path string) string {
	pid, at, ok := readLock(path)
	if !ok {
		return "another writer"
	}
	return fmt.Sprintf("pid %d since %s", pid, at.UTC().Format(time.RFC3339))
}

// lockIsStale says whether the lock at path was left by a dead process or is
// older than staleAfter. An unreadable lock counts as stale only once its
// file is older than staleAfter (it may be being written right now).
func lockIsStale(path string, now time.Time) bool {
	pid, at, ok := readLock(path)
	if !ok {
		fi, err := os.Stat(path)
		return err == nil && now.Sub(fi.ModTime()) > staleAfter
	}
	if now.Sub(at) > staleAfter {
		return true
	}
	return !processAlive(pid)
}
