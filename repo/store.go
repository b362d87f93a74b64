package repo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/repo/internal/gitobj"
)

// store is the git side of a Repo. Every method of Repo that touches it
// holds Repo.mu.
//
// It reads and writes objects through repo/internal/gitobj (loose
// objects, and packs through go-git's idxfile and packfile), refs itself
// (refs.go) and the config through repo/internal/gitconfig, not through
// go-git's storage/filesystem or the top-level go-git package. Those link
// what every redline process would pay for at start-up in package
// initialisation and page faults: the network transports (net/http,
// crypto/tls, ssh) for the top-level package, and for the storage layer
// plumbing/object's OpenPGP (ProtonMail/go-crypto, circl), gcfg's
// encoding/gob and internal/url's regexps: `redline --help` took 11.0 ms
// with them and 9.0 ms without (perf stat -r 200; 466 and 396 page
// faults; a 17.5 and a 12.9 MB binary). redline never talks to a
// network (users push and pull with git). internal/layers
// (TestBinaryOffline) keeps them all out.
type store struct {
	mu     sync.Mutex
	objs   *gitobj.Store
	gitDir string // the .git directory
	revs   map[plumbing.Hash]*revInfo
	memo   map[memoKey]*docIDs
	// resolved caches resolvedIn for the HEAD it was computed at.
	resolvedHead plumbing.Hash
	resolved     map[string][]string
	// beforeRef, when set (tests), runs after a commit's objects are written
	// and before any ref moves; an error aborts the commit there, as a crash
	// would.
	beforeRef func() error
	// beforeMergeWrite, when set (tests), runs before a merge writes each
	// work-tree file; an error fails that write.
	beforeMergeWrite func(path string) error
	// shallow holds the boundary commits of a shallow clone (.git/shallow):
	// their parents are not in the repository, so they are read as roots.
	shallow map[plumbing.Hash]bool
	// trees holds decoded trees by hash (readTree).
	// nodes holds commits' parents and dates for merge bases (gitmerge.go).
	nodes   map[plumbing.Hash]*commitNode
	treesMu sync.Mutex
	trees   map[plumbing.Hash]*gitobj.Tree
	// written lists the objects stored since the last syncObjects, to be
	// flushed to disk before a ref names them.
	written []plumbing.Hash
	now     func() time.Time

	// parsed and idsFiles hold documents parsed and ids files decoded, by
	// blob (parsed.go).
	parsed   map[parsedKey]*clause.Document
	idsFiles map[plumbing.Hash]idsFile
	// mapCaches: read parse cache entries by mapping them (MapCaches).
	mapCaches bool
}

// Init makes dir a redline repository, adopting an existing git repository.
func initRepo(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if isBareGitDir(abs) {
		return nil, fmt.Errorf("init %s: a bare git repository has no work tree for documents: clone it (git clone %s %s-drafts) and run redline init in the clone: %w",
			dir, dir, strings.TrimSuffix(filepath.Base(abs), ".git"), ErrNotRepository)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("init %s: %w", dir, err)
	}
	if _, err := os.Stat(filepath.Join(abs, ".git")); errors.Is(err, os.ErrNotExist) {
		if err := initGitDir(filepath.Join(abs, ".git")); err != nil {
			return nil, fmt.Errorf("init %s: %w", dir, err)
		}
	}
	if err := os.MkdirAll(filepath.Join(abs, metaDir, "comments"), 0o755); err != nil {
		return nil, fmt.Errorf("init %s: %w", dir, err)
	}
	return openRepo(abs, false)
}

// isBareGitDir says whether dir is itself a git directory (a bare
// repository, or the inside of a .git folder): HEAD, objects/ and refs/.
func isBareGitDir(dir string) bool {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return false
		}
	}
	return true
}

// openRepo opens the git repository at dir, or (search) the one containing it.
func openRepo(dir string, search bool) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	root := abs
	for {
		if fi, err := os.Stat(filepath.Join(root, ".git")); err == nil && fi.IsDir() {
			break
		}
		parent := filepath.Dir(root)
		if !search || parent == root {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
		}
		root = parent
	}
	gitDir := filepath.Join(root, ".git")
	if err := checkGitDir(gitDir); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", dir, ErrNotRepository, err)
	}
	return &Repo{dir: root, s: &store{objs: gitobj.NewStore(filepath.Join(gitDir, "objects")), gitDir: gitDir, trees: map[plumbing.Hash]*gitobj.Tree{}, revs: map[plumbing.Hash]*revInfo{}, memo: map[memoKey]*docIDs{},
		parsed: map[parsedKey]*clause.Document{}, idsFiles: map[plumbing.Hash]idsFile{},
		shallow: readShallow(gitDir), now: time.Now}}, nil
}

// readShallow reads .git/shallow, the commits where a shallow clone's
// history ends (one hash a line).
func readShallow(gitDir string) map[plumbing.Hash]bool {
	b, err := os.ReadFile(filepath.Join(gitDir, "shallow"))
	if err != nil {
		return nil
	}
	out := map[plumbing.Hash]bool{}
	for _, line := range strings.Fields(string(b)) {
		if h, ok := parseHash(line); ok {
			out[h] = true
		}
	}
	return out
}

// lock takes the writer lock for the duration of one write.
func (r *Repo) lock() (*writeLock, error) {
	return acquireLock(r.s.gitDir, r.s.now())
}
