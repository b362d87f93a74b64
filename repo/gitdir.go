package repo

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/internal/atomicfile"
	"github.com/redline-docs/redline/repo/internal/gitconfig"
)

// This file does the little that redline used the top-level go-git
// package, then its storage layer, for: init, open, and resolving a hex
// hash. Linking those costs every redline process start-up time (see
// store); internal/layers keeps them out of the binary.

// errAmbiguous is a short hash that names more than one commit.
var errAmbiguous = errors.New("ambiguous short hash")

// initGitDir creates an empty repository in gitDir, as `git init -b main`
// does: objects/, refs/heads, refs/tags, HEAD naming refs/heads/main, and a
// config that git and go-git both accept (the bytes go-git wrote for it).
func initGitDir(gitDir string) error {
	for _, sub := range []string{"objects/info", "objects/pack", "refs/heads", "refs/tags"} {
		if err := os.MkdirAll(filepath.Join(gitDir, filepath.FromSlash(sub)), 0o755); err != nil {
			return err
		}
	}
	switch _, err := os.Lstat(filepath.Join(gitDir, "HEAD")); {
	case err == nil:
		return errors.New("repository already exists")
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	// HEAD and the config written whole (a crash leaves no half file).
	if err := atomicfile.Write(filepath.Join(gitDir, "HEAD"), []byte("ref: refs/heads/main\n"), 0o644); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(gitDir, "config"), []byte(initialConfig), 0o644)
}

// initialConfig is what initGitDir writes: git init's core section.
const initialConfig = "[core]\n\tfilemode = true\n\tbare = false\n\trepositoryformatversion = 0\n"

// readConfig parses .git/config; a repository without one has an empty
// config.
func readConfig(gitDir string) (*gitconfig.Config, error) {
	b, err := os.ReadFile(filepath.Join(gitDir, "config"))
	if errors.Is(err, fs.ErrNotExist) {
		return &gitconfig.Config{}, nil
	}
	if err != nil {
		return nil, err
	}
	return gitconfig.Parse(b)
}

// checkGitDir makes the checks go-git's Open made: HEAD exists, the config
// parses, and the repository uses no format or extension go-git does not
// understand (a reftable or SHA-256 repository must not be half-read).
func checkGitDir(gitDir string) error {
	if _, err := os.Stat(filepath.Join(gitDir, "HEAD")); errors.Is(err, fs.ErrNotExist) {
		return errors.New("repository does not exist")
	}
	cfg, err := readConfig(gitDir)
	if err != nil {
		return err
	}
	return checkFormat(cfg)
}

// checkFormat is go-git v5's verifyExtensions: format version 0 or 1, and
// of the extensions only noop (and noop-v1 under version 1). As go-git's
// config did, a version other than 1 is read as 0.
func checkFormat(cfg *gitconfig.Config) error {
	v1 := cfg.Get("core", "", "repositoryformatversion") == "1"
	var unsupported, unknown []string
	for _, name := range cfg.Keys("extensions") {
		if !v1 && name != "noop" {
			unsupported = append(unsupported, name)
		}
		if name != "noop" && name != "noop-v1" {
			unknown = append(unknown, name)
		}
	}
	if len(unsupported) > 0 {
		return fmt.Errorf("core.repositoryformatversion does not support extension: %s", strings.Join(unsupported, ", "))
	}
	if len(unknown) > 0 {
		return fmt.Errorf("unknown extension: %s", strings.Join(unknown, ", "))
	}
	return nil
}

// resolveHex resolves a full or short hex hash (4 to 40 digits) to the
// commit it names, directly or through an annotated tag, as go-git's
// ResolveRevision did, except that a prefix naming more than one commit is
// errAmbiguous (as in git) rather than whichever came first. A hash naming
// nothing falls back to refs/REV, refs/remotes/REV and refs/remotes/REV/HEAD
// (the callers already tried tags and branches).
func (r *Repo) resolveHex(rev string) (plumbing.Hash, error) {
	var found []plumbing.Hash
	for _, h := range r.hashesWithPrefix(rev) {
		if c, ok := r.commitOf(h); ok && !slices.Contains(found, c) {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
	default:
		return plumbing.ZeroHash, errAmbiguous
	}
	for _, rule := range []string{"refs/%s", "refs/remotes/%s", "refs/remotes/%s/HEAD"} {
		if h, ok := r.peel(plumbing.ReferenceName(fmt.Sprintf(rule, rev))); ok {
			return h, nil
		}
	}
	return plumbing.ZeroHash, ErrUnknownRevision
}

// hashesWithPrefix lists the objects whose hash starts with the hex digits
// s, as go-git's resolveHashPrefix: a full hash is taken as is; an odd
// last digit, in either case, is matched against the hash's text.
func (r *Repo) hashesWithPrefix(s string) []plumbing.Hash {
	if len(s) == 2*len(plumbing.ZeroHash) {
		b, err := hex.DecodeString(s)
		if err != nil {
			return nil
		}
		var h plumbing.Hash
		copy(h[:], b)
		return []plumbing.Hash{h}
	}
	even := s[:len(s)&^1]
	b, err := hex.DecodeString(even)
	if err != nil {
		return nil
	}
	hs := r.s.objs.HashesWithPrefix(b)
	if len(even) == len(s) {
		return hs
	}
	var out []plumbing.Hash
	for _, h := range hs {
		if strings.HasPrefix(h.String(), strings.ToLower(s)) {
			out = append(out, h)
		}
	}
	return out
}

// commitOf is the commit h names: h itself, or what an annotated tag h
// points at, through up to eight tags of tags. ok is false for anything
// else.
func (r *Repo) commitOf(h plumbing.Hash) (plumbing.Hash, bool) {
	for i := 0; i < 8; i++ {
		t, err := r.readTag(h)
		if err != nil {
			break
		}
		h = t.Object
	}
	if _, err := r.readCommit(h); err != nil {
		return plumbing.ZeroHash, false
	}
	return h, true
}
