package repo

import (
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	formatcfg "github.com/go-git/go-git/v5/plumbing/format/config"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/redline-docs/redline/internal/atomicfile"
)

// This file does, on go-git's storage layer, the little that redline used
// the top-level go-git package for: init, open, and resolving a hex hash.
// That package imports the network transports (net/http, crypto/tls, ssh,
// …); linking it costs every redline process start-up time, and redline
// never talks to a network (users push and pull with git).
// internal/layers keeps it out of the binary.

// errAmbiguous is a short hash that names more than one commit.
var errAmbiguous = errors.New("ambiguous short hash")

// initGitDir creates an empty repository in gitDir, as `git init -b main`
// does: objects/, refs/heads, refs/tags, HEAD naming refs/heads/main, and a
// config that git and go-git both accept.
func initGitDir(gitDir string) error {
	st := filesystem.NewStorage(osfs.New(gitDir), cache.NewObjectLRUDefault())
	if err := st.Init(); err != nil {
		return err
	}
	switch _, err := st.Reference(plumbing.HEAD); {
	case err == nil:
		return errors.New("repository already exists")
	case !errors.Is(err, plumbing.ErrReferenceNotFound):
		return err
	}
	// HEAD written whole, not through go-git's ref storage (which
	// truncates and rewrites a ref file in place).
	if err := atomicfile.Write(filepath.Join(gitDir, "HEAD"), []byte("ref: refs/heads/main\n"), 0o644); err != nil {
		return err
	}
	cfg, err := st.Config()
	if err != nil {
		return err
	}
	cfg.Core.RepositoryFormatVersion = formatcfg.Version_0
	cfg.Core.IsBare = false
	cfg.Raw.Section("core").SetOption("filemode", "true")
	return st.SetConfig(cfg)
}

// checkGitDir makes the checks go-git's Open made: HEAD exists, the config
// parses, and the repository uses no format or extension go-git does not
// understand (a reftable or SHA-256 repository must not be half-read).
func checkGitDir(st *filesystem.Storage) error {
	if _, err := st.Reference(plumbing.HEAD); errors.Is(err, plumbing.ErrReferenceNotFound) {
		return errors.New("repository does not exist")
	}
	cfg, err := st.Config()
	if err != nil {
		return err
	}
	return checkFormat(cfg)
}

// checkFormat is go-git v5's verifyExtensions: format version 0 or 1, and
// of the extensions only noop (and noop-v1 under version 1).
func checkFormat(cfg *config.Config) error {
	v := cfg.Core.RepositoryFormatVersion
	switch v {
	case "", formatcfg.Version_0, formatcfg.Version_1:
	default:
		return fmt.Errorf("core.repositoryformatversion not supported: %q", v)
	}
	if cfg.Raw == nil || !cfg.Raw.HasSection("extensions") {
		return nil
	}
	var unsupported, unknown []string
	for _, opt := range cfg.Raw.Section("extensions").Options {
		name := strings.ToLower(opt.Key)
		if v != formatcfg.Version_1 && name != "noop" {
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
	hs, err := r.s.st.HashesWithPrefix(b)
	if err != nil || len(even) == len(s) {
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
		t, err := object.GetTag(r.s.st, h)
		if err != nil {
			break
		}
		h = t.Target
	}
	if _, err := object.GetCommit(r.s.st, h); err != nil {
		return plumbing.ZeroHash, false
	}
	return h, true
}
