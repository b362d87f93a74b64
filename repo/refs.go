package repo

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/internal/atomicfile"
	"github.com/redline-docs/redline/repo/internal/gitobj"
)

// Refs are read and moved here, the way git itself does it, rather than
// through go-git's filesystem ref storage (which truncates the ref file and
// rewrites it in place, so a reader — or the next process after a crash —
// can find it empty):
//
//   - the ref's lock file <ref>.lock is created exclusively (the same lock
//     git takes, so git and redline moving a ref at once take turns);
//   - under the lock the ref's current value is read and compared with the
//     value the caller started from (compare and swap);
//   - the new value is written to the lock file, flushed to disk, a reflog
//     entry is appended, and the lock file is renamed over the ref.
//
// A ref that exists but cannot be read or parsed is ErrBrokenRef, never
// "no revisions": only a branch that has no file and no packed-refs line is
// unborn.

// ErrBrokenRef is a ref (HEAD or a branch) that exists but cannot be read
// or parsed.
var ErrBrokenRef = errors.New("broken reference")

// refPath is the loose file of a ref.
func (r *Repo) refPath(name plumbing.ReferenceName) string {
	return filepath.Join(r.s.gitDir, filepath.FromSlash(name.String()))
}

// readHEAD reads .git/HEAD: the branch it names (symbolic) or, detached,
// the commit.
func (r *Repo) readHEAD() (branch plumbing.ReferenceName, detached plumbing.Hash, err error) {
	b, err := os.ReadFile(filepath.Join(r.s.gitDir, "HEAD"))
	if err != nil {
		return "", plumbing.ZeroHash, fmt.Errorf("HEAD: %w: %v", ErrBrokenRef, err)
	}
	s := strings.TrimRight(string(b), "\r\n")
	if target, ok := strings.CutPrefix(s, "ref:"); ok {
		name := plumbing.ReferenceName(strings.TrimSpace(target))
		if !strings.HasPrefix(name.String(), "refs/") || name.Validate() != nil {
			return "", plumbing.ZeroHash, fmt.Errorf("HEAD names %q: %w", name, ErrBrokenRef)
		}
		return name, plumbing.ZeroHash, nil
	}
	if h, ok := parseHash(s); ok {
		return "", h, nil
	}
	return "", plumbing.ZeroHash, fmt.Errorf("HEAD holds %q: %w", clip(s), ErrBrokenRef)
}

// readRef reads a branch or tag: its loose file, else its packed-refs line.
// A ref in neither is unborn: the zero hash and no error.
func (r *Repo) readRef(name plumbing.ReferenceName) (plumbing.Hash, error) {
	b, err := os.ReadFile(r.refPath(name))
	switch {
	case err == nil:
		s := strings.TrimRight(string(b), "\r\n")
		if h, ok := parseHash(s); ok {
			return h, nil
		}
		if strings.HasPrefix(s, "ref:") {
			return plumbing.ZeroHash, fmt.Errorf("%s is a symbolic ref (%s): %w", name, clip(s), ErrBrokenRef)
		}
		return plumbing.ZeroHash, fmt.Errorf("%s holds %q: %w", name, clip(s), ErrBrokenRef)
	case errors.Is(err, fs.ErrNotExist):
	default:
		if errors.Is(err, syscall.ENOTDIR) {
			break // a file where a folder of the ref's path should be: no such ref
		}
		return plumbing.ZeroHash, fmt.Errorf("%s: %w: %v", name, ErrBrokenRef, err)
	}
	return r.packedRef(name)
}

// packedRef looks name up in .git/packed-refs.
func (r *Repo) packedRef(name plumbing.ReferenceName) (plumbing.Hash, error) {
	f, err := os.Open(filepath.Join(r.s.gitDir, "packed-refs"))
	if errors.Is(err, fs.ErrNotExist) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("packed-refs: %w: %v", ErrBrokenRef, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' || line[0] == '^' {
			continue
		}
		hex, ref, ok := strings.Cut(line, " ")
		if !ok || ref != name.String() {
			continue
		}
		if h, ok := parseHash(hex); ok {
			return h, nil
		}
		return plumbing.ZeroHash, fmt.Errorf("packed-refs line for %s: %w", name, ErrBrokenRef)
	}
	if err := sc.Err(); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("packed-refs: %w: %v", ErrBrokenRef, err)
	}
	return plumbing.ZeroHash, nil
}

// maxSymrefDepth is how many symbolic refs resolveRef follows (git's own
// limit).
const maxSymrefDepth = 5

// resolveRef resolves a ref of any kind (HEAD, a branch, a tag, a remote's
// HEAD), following symbolic refs ("ref: NAME"), as go-git's
// storer.ResolveReference did: its loose file, else its packed-refs line.
func (r *Repo) resolveRef(name plumbing.ReferenceName) (plumbing.Hash, bool) {
	for i := 0; i <= maxSymrefDepth; i++ {
		b, err := os.ReadFile(r.refPath(name))
		if err != nil {
			if name == plumbing.HEAD {
				return plumbing.ZeroHash, false
			}
			h, err := r.packedRef(name)
			return h, err == nil && !h.IsZero()
		}
		s := strings.TrimSpace(string(b))
		if target, ok := strings.CutPrefix(s, "ref:"); ok {
			name = plumbing.ReferenceName(strings.TrimSpace(target))
			if name.Validate() != nil {
				return plumbing.ZeroHash, false
			}
			continue
		}
		h, ok := parseHash(strings.ToLower(s))
		return h, ok
	}
	return plumbing.ZeroHash, false
}

func parseHash(s string) (plumbing.Hash, bool) {
	if len(s) != 40 || !isHex(s) || strings.ToLower(s) != s {
		return plumbing.ZeroHash, false
	}
	return plumbing.NewHash(s), true
}

func clip(s string) string {
	if len(s) > 48 {
		return s[:48] + "…"
	}
	return s
}

// headRef is the ref a commit moves: the branch HEAD names, or HEAD itself
// when detached; and the commit it holds now (zero when the branch is
// unborn).
func (r *Repo) headRef() (plumbing.ReferenceName, plumbing.Hash, error) {
	branch, detached, err := r.readHEAD()
	if err != nil {
		return "", plumbing.ZeroHash, err
	}
	if branch == "" {
		return plumbing.HEAD, detached, nil
	}
	h, err := r.readRef(branch)
	return branch, h, err
}

// updateRef moves name from old (zero: the ref must not exist yet) to new,
// as git does; who and msg make its reflog entry. A ref that moved since
// the caller read old is left alone and the update fails with ErrBusy.
func (r *Repo) updateRef(name plumbing.ReferenceName, old, new plumbing.Hash, who gitobj.Signature, msg string) error {
	path := r.refPath(name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("update %s: %w", name, err)
	}
	lock := path + ".lock"
	f, release, err := r.gitLock(lock, refLockWait)
	defer release()
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("update %s: %w (%s exists: another git or redline is moving it; if none is running, remove that file)", name, ErrBusy, lock)
	}
	if err != nil {
		return fmt.Errorf("update %s: %w", name, err)
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(lock)
		}
	}()
	var cur plumbing.Hash
	if name == plumbing.HEAD {
		branch, h, err := r.readHEAD()
		if err != nil {
			return err
		}
		if branch != "" {
			return fmt.Errorf("update HEAD: it names %s now: %w", branch, ErrBusy)
		}
		cur = h
	} else if cur, err = r.readRef(name); err != nil {
		return err
	}
	if cur != old {
		was := "no revision"
		if !cur.IsZero() {
			was = cur.String()[:12]
		}
		return fmt.Errorf("update %s: %w (it moved to %s meanwhile; nothing was lost: run the command again)", name, ErrBusy, was)
	}
	if _, err := f.WriteString(new.String() + "\n"); err != nil {
		return fmt.Errorf("update %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("update %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("update %s: %w", name, err)
	}
	if logged(name) {
		r.appendReflog(name, old, new, who, msg)
		if name != plumbing.HEAD {
			if branch, _, err := r.readHEAD(); err == nil && branch == name {
				r.appendReflog(plumbing.HEAD, old, new, who, msg)
			}
		}
	}
	if err := os.Rename(lock, path); err != nil {
		return fmt.Errorf("update %s: %w", name, err)
	}
	done = true
	return atomicfile.SyncDir(filepath.Dir(path))
}

// refOwnerName, in the git directory, names the git lock (a ref's, the
// index's) a redline writer holds (see gitLock).
const refOwnerName = "redline-ref-lock"

// refLockWait is how long a ref lock held by someone else is waited for
// (git holds one for milliseconds; it waits 100 ms itself).
const refLockWait = time.Second

// gitLock takes one of git's lock files (a ref's, the index's): created
// exclusively, waiting up to wait for another holder to let go. Before it
// is taken, a note names it: a writer killed while holding it leaves the
// note, so the next writer knows the lock is dead rather than git's (see
// removeDeadGitLock). release removes the note; the caller renames or
// removes the lock itself. Callers hold the writer lock.
func (r *Repo) gitLock(lock string, wait time.Duration) (f *os.File, release func(), err error) {
	r.removeDeadGitLock()
	owner := filepath.Join(r.s.gitDir, refOwnerName)
	if err := os.WriteFile(owner, []byte(lock+"\n"), 0o644); err != nil {
		return nil, func() {}, err
	}
	release = func() { os.Remove(owner) }
	deadline := time.Now().Add(wait)
	for {
		f, err = os.OpenFile(lock, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil || !errors.Is(err, fs.ErrExist) || !time.Now().Before(deadline) {
			return f, release, err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// removeDeadGitLock removes the git lock a redline writer killed while
// holding it left behind. Callers hold the writer lock, so a note from
// another writer (refOwnerName) can only be a dead one's; the lock it
// names is removed unless it is older than the note (then it was not that
// writer's).
func (r *Repo) removeDeadGitLock() {
	owner := filepath.Join(r.s.gitDir, refOwnerName)
	b, err := os.ReadFile(owner)
	if err != nil {
		return
	}
	ofi, oerr := os.Stat(owner)
	lock := strings.TrimSpace(string(b))
	if lfi, err := os.Stat(lock); err == nil && oerr == nil && strings.HasPrefix(lock, r.s.gitDir+string(filepath.Separator)) &&
		strings.HasSuffix(lock, ".lock") && !lfi.ModTime().Before(ofi.ModTime()) {
		os.Remove(lock)
	}
	os.Remove(owner)
}

// logged says whether git keeps a reflog for the ref by default
// (core.logAllRefUpdates in a repository with a work tree): HEAD and
// branches, not tags.
func logged(name plumbing.ReferenceName) bool {
	return name == plumbing.HEAD || name.IsBranch()
}

// appendReflog appends one line of git's reflog format to logs/<name>. A
// reflog that cannot be written does not undo the update (git warns and
// goes on too); it is a record, not the truth.
func (r *Repo) appendReflog(name plumbing.ReferenceName, old, new plumbing.Hash, who gitobj.Signature, msg string) {
	path := filepath.Join(r.s.gitDir, "logs", filepath.FromSlash(name.String()))
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	var b bytes.Buffer
	_, offset := who.When.Zone()
	sign := '+'
	if offset < 0 {
		sign, offset = '-', -offset
	}
	msg = strings.Join(strings.Fields(msg), " ")
	fmt.Fprintf(&b, "%s %s %s <%s> %d %c%02d%02d\t%s\n", old, new,
		strings.Join(strings.Fields(who.Name), " "), strings.Join(strings.Fields(who.Email), " "),
		who.When.Unix(), sign, offset/3600, offset%3600/60, msg)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return
	}
	_, werr := f.Write(b.Bytes())
	if werr == nil {
		f.Sync()
	}
	f.Close()
}

// reflogMessage is what git writes for a commit: "commit: SUBJECT", or
// "commit (initial): SUBJECT" for the first.
func reflogMessage(initial bool, message string) string {
	subject, _, _ := strings.Cut(strings.TrimSpace(message), "\n")
	if initial {
		return "commit (initial): " + subject
	}
	return "commit: " + subject
}

// syncObjects flushes to disk the loose objects a commit wrote, and their
// folders, before any ref names them: putObject renames each object into
// place without flushing it (one flush for all of them is cheaper), so after a power cut a ref could
// name an object that never reached the disk. Objects already packed have
// no loose file and are skipped.
func (r *Repo) syncObjects(hashes []plumbing.Hash) error {
	dirs := map[string]bool{}
	for _, h := range hashes {
		hex := h.String()
		p := filepath.Join(r.s.gitDir, "objects", hex[:2], hex[2:])
		f, err := os.Open(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("sync object %s: %w", hex, err)
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("sync object %s: %w", hex, err)
		}
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		if err := atomicfile.SyncDir(d); err != nil {
			return err
		}
	}
	if len(dirs) > 0 {
		return atomicfile.SyncDir(filepath.Join(r.s.gitDir, "objects"))
	}
	return nil
}
