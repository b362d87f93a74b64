package repo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A commit moves the branch as git does: the ref holds the hash and a line
// break, no lock file is left, and git's reflog of the branch and of HEAD
// records every move.
func TestRefUpdateLikeGit(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.txt", historySteps[0].text)
	first := commitAll(t, r, 0, "first\n\nbody")
	write(t, r, "plan.txt", historySteps[1].text)
	second := commitAll(t, r, 1, "second")
	ref := filepath.Join(r.s.gitDir, "refs", "heads", "main")
	if b, err := os.ReadFile(ref); err != nil || string(b) != second+"\n" {
		t.Fatalf("ref holds %q, %v; want %s", b, err, second)
	}
	if _, err := os.Stat(ref + ".lock"); !os.IsNotExist(err) {
		t.Errorf("lock left: %v", err)
	}
	for _, log := range []string{"logs/refs/heads/main", "logs/HEAD"} {
		b, err := os.ReadFile(filepath.Join(r.s.gitDir, filepath.FromSlash(log)))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) != 2 ||
			!strings.HasPrefix(lines[0], strings.Repeat("0", 40)+" "+first+" 起草组 <drafters@example.gov.cn> ") ||
			!strings.HasSuffix(lines[0], "\tcommit (initial): first") ||
			!strings.HasPrefix(lines[1], first+" "+second+" ") || !strings.HasSuffix(lines[1], "\tcommit: second") {
			t.Errorf("%s:\n%s", log, b)
		}
	}
	if got := git(t, r.Dir(), "reflog", "--format=%H %gs", "main"); got != second+" commit: second\n"+first+" commit (initial): first\n" {
		t.Errorf("git reflog:\n%s", got)
	}
	fsck(t, r)
}

// git's own lock on the branch makes a commit wait its turn: ErrBusy, the
// ref untouched.
func TestRefLockedByGit(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.txt", historySteps[0].text)
	first := commitAll(t, r, 0, "first")
	lock := filepath.Join(r.s.gitDir, "refs", "heads", "main.lock")
	if err := os.WriteFile(lock, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	write(t, r, "plan.txt", historySteps[1].text)
	_, err := r.Commit(context.Background(), CommitOptions{Message: "second", Author: author, Date: at(1)})
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "main.lock") {
		t.Fatalf("commit beside git's lock: %v, want ErrBusy naming the lock", err)
	}
	if _, err := os.Stat(lock); err != nil {
		t.Errorf("git's lock was removed: %v", err)
	}
	os.Remove(lock)
	if h, _ := r.head(); h.String() != first {
		t.Fatalf("HEAD %s, want %s", h, first)
	}
	commitAll(t, r, 1, "second")
}

// A branch moved by git between redline's read and its update is not
// overwritten: the commit fails with ErrBusy and git's commit stays the tip.
func TestRefCompareAndSwap(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.txt", historySteps[0].text)
	commitAll(t, r, 0, "first")
	write(t, r, "plan.txt", historySteps[1].text)
	r.s.beforeRef = func() error {
		git(t, r.Dir(), "commit", "-q", "--allow-empty", "-m", "by git")
		return nil
	}
	_, err := r.Commit(context.Background(), CommitOptions{Message: "second", Author: author, Date: at(1)})
	r.s.beforeRef = nil
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("commit over a moved branch: %v, want ErrBusy", err)
	}
	if msg := git(t, r.Dir(), "log", "-1", "--format=%s"); msg != "by git\n" {
		t.Fatalf("tip %q, want git's commit", msg)
	}
	commitAll(t, r, 1, "second")
	if got := git(t, r.Dir(), "log", "--format=%s"); got != "second\nby git\nfirst\n" {
		t.Fatalf("history:\n%s", got)
	}
	fsck(t, r)
}

// A branch or HEAD that cannot be read is an error for readers and writers
// alike — never "no revisions yet", never a parentless commit.
func TestBrokenRefIsAnError(t *testing.T) {
	for name, damage := range map[string]func(gitDir string) error{
		"empty branch": func(d string) error { return os.WriteFile(filepath.Join(d, "refs/heads/main"), nil, 0o644) },
		"half a hash": func(d string) error {
			return os.WriteFile(filepath.Join(d, "refs/heads/main"), []byte("4b825dc642cb6eb9"), 0o644)
		},
		"empty HEAD": func(d string) error { return os.WriteFile(filepath.Join(d, "HEAD"), nil, 0o644) },
		"garbage HEAD": func(d string) error {
			return os.WriteFile(filepath.Join(d, "HEAD"), []byte("ref: refs/heads/../x\n"), 0o644)
		},
	} {
		t.Run(name, func(t *testing.T) {
			r := newRepo(t)
			write(t, r, "plan.txt", historySteps[0].text)
			commitAll(t, r, 0, "first")
			if err := damage(r.s.gitDir); err != nil {
				t.Fatal(err)
			}
			r2, err := Open(r.Dir())
			if err != nil {
				if errors.Is(err, ErrNotRepository) {
					return // a HEAD go-git cannot read at all: refused at open, also fine
				}
				t.Fatal(err)
			}
			if _, err := r2.Log(context.Background(), ""); !errors.Is(err, ErrBrokenRef) {
				t.Errorf("log: %v, want ErrBrokenRef", err)
			}
			write(t, r2, "plan.txt", historySteps[1].text)
			if _, err := r2.Commit(context.Background(), CommitOptions{Message: "second", Author: author, Date: at(1)}); !errors.Is(err, ErrBrokenRef) {
				t.Errorf("commit: %v, want ErrBrokenRef", err)
			}
		})
	}
}

// A branch that lives only in packed-refs (after git pack-refs or a clone)
// is read there and moved by writing its loose file.
func TestPackedRefOnly(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.txt", historySteps[0].text)
	first := commitAll(t, r, 0, "first")
	git(t, r.Dir(), "pack-refs", "--all")
	if _, err := os.Stat(filepath.Join(r.s.gitDir, "refs/heads/main")); !os.IsNotExist(err) {
		t.Fatalf("loose ref still there: %v", err)
	}
	write(t, r, "plan.txt", historySteps[1].text)
	second := commitAll(t, r, 1, "second")
	if got := strings.TrimSpace(git(t, r.Dir(), "rev-parse", "main", "main~1")); got != second+"\n"+first {
		t.Fatalf("rev-parse: %s", got)
	}
	fsck(t, r)
}

// History is ordered by the commit graph: revisions backdated below their
// parents still list newest first, and the last two revisions are the last
// two commits.
func TestLogOrderIsTheGraph(t *testing.T) {
	r := newRepo(t)
	var want []string
	for i := 0; i < 3; i++ {
		write(t, r, "plan.txt", historySteps[i].text)
		want = append([]string{commitAll(t, r, 10-3*i, "step")}, want...)
	}
	log, err := r.Log(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, rv := range log {
		got = append(got, rv.Hash)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("log order\n got %v\nwant %v", got, want)
	}
}

func TestCommitRefusesForgeries(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.txt", historySteps[0].text)
	commitAll(t, r, 0, "first")
	git(t, r.Dir(), "branch", "feature")
	write(t, r, "plan.txt", historySteps[1].text)
	for _, o := range []CommitOptions{
		{Stage: "HEAD"}, {Stage: "FETCH_HEAD"}, {Stage: "ORIG_HEAD"}, {Stage: "main"}, {Stage: "feature"},
		{Stage: "a b"}, {Stage: "x..y"}, {Stage: "v1~1"}, {Stage: "-x"}, {Stage: "x.lock"}, {Stage: "@"},
		{Message: "text\n\nRedline-Stage: 送审稿"}, {Message: "text\nredline-resolves: C1"},
		{Date: time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)},
	} {
		if o.Message == "" {
			o.Message = "m"
		}
		o.Author = author
		if _, err := r.Commit(context.Background(), o); !errors.Is(err, ErrBadInput) {
			t.Errorf("commit %+v: %v, want ErrBadInput", o, err)
		}
	}
	commitAll(t, r, 1, "second", stage("征求意见稿"))
	if _, err := r.Commit(context.Background(), CommitOptions{Message: "again", Author: author, Stage: "征求意见稿"}); !errors.Is(err, ErrStageExists) {
		t.Errorf("a stage used twice: %v", err)
	}
}

// A work-tree file edited while a commit converts it is left with the
// edit: the converted text is written back only over the bytes read.
func TestWriteBackKeepsANewerEdit(t *testing.T) {
	r := newRepo(t)
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(historySteps[0].text)
	if err != nil {
		t.Fatal(err)
	}
	write(t, r, "plan.txt", gb)
	edited := historySteps[1].text
	r.s.beforeRef = func() error { write(t, r, "plan.txt", edited); return nil }
	var notices []string
	_, err = r.Commit(context.Background(), CommitOptions{Message: "first", Author: author, Date: at(0),
		Notice: func(s string) { notices = append(notices, s) }})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(r.Dir(), "plan.txt")); string(b) != edited {
		t.Errorf("the edit saved during the commit was overwritten:\n%s", b)
	}
	if len(notices) != 2 || !strings.Contains(notices[1], "plan.txt: changed while the commit ran") {
		t.Errorf("notices %q", notices)
	}
	// Without an edit meanwhile, the converted text replaces the file.
	r.s.beforeRef = nil
	write(t, r, "plan.txt", gb)
	write(t, r, "other.txt", "x")
	commitAll(t, r, 1, "second")
	if b, _ := os.ReadFile(filepath.Join(r.Dir(), "plan.txt")); string(b) != historySteps[0].text {
		t.Errorf("not converted in place:\n%s", b)
	}
}

// A writer killed while it held the branch's lock leaves the lock and its
// note; the next writer removes that lock and commits.
func TestDeadWritersRefLock(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.txt", historySteps[0].text)
	commitAll(t, r, 0, "first")
	lock := filepath.Join(r.s.gitDir, "refs", "heads", "main.lock")
	os.WriteFile(filepath.Join(r.s.gitDir, refOwnerName), []byte(lock+"\n"), 0o644)
	os.WriteFile(lock, nil, 0o644)
	write(t, r, "plan.txt", historySteps[1].text)
	commitAll(t, r, 1, "second")
	for _, p := range []string{lock, filepath.Join(r.s.gitDir, refOwnerName)} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s left: %v", p, err)
		}
	}
	fsck(t, r)
}

// A document that is a symbolic link, or under a linked folder, is refused
// by name: never recorded as its target's content.
func TestSymlinkedDocumentsRefused(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	os.WriteFile(secret, []byte("# secret\n\n一、不外传。\n"), 0o644)
	for name, c := range map[string]struct {
		setup func(dir string) error
		paths []string
		want  string
	}{
		"walk":          {func(d string) error { return os.Symlink(secret, filepath.Join(d, "leak.md")) }, nil, "leak.md: a symbolic link"},
		"explicit":      {func(d string) error { return os.Symlink(secret, filepath.Join(d, "leak.md")) }, []string{"leak.md"}, "leak.md: a symbolic link"},
		"linked folder": {func(d string) error { return os.Symlink(outside, filepath.Join(d, "docs")) }, []string{"docs/secret.md"}, "under docs, a symbolic link"},
	} {
		t.Run(name, func(t *testing.T) {
			r := newRepo(t)
			write(t, r, "plan.txt", historySteps[0].text)
			if err := c.setup(r.Dir()); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			_, err := r.Commit(context.Background(), CommitOptions{Message: "m", Author: author, Paths: c.paths})
			if !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("commit: %v, want %q", err, c.want)
			}
		})
	}
	// A linked folder in the walk is passed over, not followed.
	r := newRepo(t)
	write(t, r, "plan.txt", historySteps[0].text)
	if err := os.Symlink(outside, filepath.Join(r.Dir(), "docs")); err != nil {
		t.Skip(err)
	}
	commitAll(t, r, 0, "first")
	if docs, _ := r.documentsAt(context.Background(), "HEAD"); len(docs) != 1 || docs[0] != "plan.txt" {
		t.Errorf("documents %v", docs)
	}
}

// init on a bare repository says what to do and nests nothing inside it.
func TestInitOnBareRepository(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "plans.git")
	git(t, filepath.Dir(dir), "init", "-q", "--bare", dir)
	_, err := Init(dir)
	if !errors.Is(err, ErrNotRepository) || !strings.Contains(err.Error(), "bare git repository") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("init on a bare repository: %v", err)
	}
	for _, p := range []string{".git", ".redline"} {
		if _, err := os.Stat(filepath.Join(dir, p)); !os.IsNotExist(err) {
			t.Errorf("%s made inside the bare repository: %v", p, err)
		}
	}
}

// FuzzRefFiles: whatever bytes HEAD, the branch and packed-refs hold,
// reading HEAD either gives a well-formed hash, ErrNoRevisions (no ref at
// all) or ErrBrokenRef — never a panic, never "no revisions" for a ref file
// that exists.
func FuzzRefFiles(f *testing.F) {
	f.Add([]byte("ref: refs/heads/main\n"), []byte("4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"), []byte(""), true)
	f.Add([]byte("ref: refs/heads/main\n"), []byte(""), []byte("# pack-refs with: peeled\n4b825dc642cb6eb9a060e54bf8d69288fbee4904 refs/heads/main\n"), false)
	f.Add([]byte("4b825dc642cb6eb9a060e54bf8d69288fbee4904"), []byte("x"), []byte("^abc\n"), true)
	f.Add([]byte("ref: refs/heads/../x"), []byte("ref: refs/heads/main\n"), []byte("zz refs/heads/main\n"), true)
	dir := f.TempDir()
	gitDir := filepath.Join(dir, ".git")
	os.MkdirAll(filepath.Join(gitDir, "refs", "heads"), 0o755)
	r := &Repo{dir: dir, s: &store{gitDir: gitDir}}
	f.Fuzz(func(t *testing.T, head, branch, packed []byte, loose bool) {
		os.WriteFile(filepath.Join(gitDir, "HEAD"), head, 0o644)
		os.WriteFile(filepath.Join(gitDir, "packed-refs"), packed, 0o644)
		ref := filepath.Join(gitDir, "refs", "heads", "main")
		os.Remove(ref)
		if loose {
			os.WriteFile(ref, branch, 0o644)
		}
		h, err := r.head()
		switch {
		case err == nil:
			if h.IsZero() {
				t.Fatal("zero hash without an error")
			}
		case errors.Is(err, ErrNoRevisions):
			if loose && strings.HasPrefix(string(head), "ref: refs/heads/main") && strings.TrimRight(string(head), "\r\n") == "ref: refs/heads/main" {
				t.Fatalf("a branch file holding %q read as no revisions", branch)
			}
		case errors.Is(err, ErrBrokenRef):
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("two-line error %q", err)
			}
		default:
			t.Fatalf("unexpected error %v", err)
		}
	})
}
