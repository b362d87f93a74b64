package repo

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-docs/redline/repo/internal/gitconfig"
)

// Init writes a repository that the git CLI takes as its own: fsck, log
// and status are content, HEAD is main and the config is git init's core.
func TestInitAcceptedByGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git CLI not installed")
	}
	r := newRepo(t)
	dir := r.Dir()
	// Empty: git sees an unborn main.
	if got := strings.TrimSpace(git(t, dir, "symbolic-ref", "HEAD")); got != "refs/heads/main" {
		t.Errorf("HEAD = %q, want refs/heads/main", got)
	}
	for key, want := range map[string]string{"core.repositoryformatversion": "0", "core.filemode": "true", "core.bare": "false"} {
		if got := strings.TrimSpace(git(t, dir, "config", "--local", key)); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	for _, sub := range []string{"objects/info", "objects/pack", "refs/heads", "refs/tags"} {
		if fi, err := os.Stat(filepath.Join(dir, ".git", filepath.FromSlash(sub))); err != nil || !fi.IsDir() {
			t.Errorf(".git/%s: not a directory (%v)", sub, err)
		}
	}
	git(t, dir, "status", "--porcelain")

	write(t, r, "plan.md", "一、总则\n（一）打造90项应用场景。\n")
	h1 := commitAll(t, r, 1, "初稿", stage("征求意见稿"))
	write(t, r, "plan.md", "一、总则\n（一）打造100项应用场景。\n")
	h2 := commitAll(t, r, 2, "修改")
	fsck(t, r)
	if got, want := git(t, dir, "log", "--format=%H %s"), h2+" 修改\n"+h1+" 初稿\n"; got != want {
		t.Errorf("git log:\n%s\nwant:\n%s", got, want)
	}
	if st := git(t, dir, "status", "--porcelain", "--", "plan.md"); st != "" {
		t.Errorf("git status after commits:\n%s", st)
	}
	if got := strings.TrimSpace(git(t, dir, "rev-parse", "征求意见稿")); got != h1 {
		t.Errorf("stage tag = %s, want %s", got, h1)
	}

	// And opened again, from a subdirectory, it is the same repository.
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	o, err := Open(sub)
	if err != nil {
		t.Fatal(err)
	}
	if ri, err := o.resolve("HEAD~1"); err != nil || ri.Hash.String() != h1 {
		t.Errorf("HEAD~1 = %v, %v; want %s", ri, err, h1)
	}
}

// A repository made by git, with its refs packed and its objects in a pack,
// opens, resolves every kind of revision, and takes a revision on top.
func TestOpenPackedGitRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git CLI not installed")
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	if err := os.WriteFile(filepath.Join(dir, "plan.md"), []byte("一、总则\n（一）甲。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "add", "plan.md")
	git(t, dir, "commit", "-q", "-m", "first")
	git(t, dir, "tag", "-a", "-m", "draft", "draft")
	git(t, dir, "tag", "light")
	if err := os.WriteFile(filepath.Join(dir, "plan.md"), []byte("一、总则\n（一）乙。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "commit", "-q", "-am", "second")
	git(t, dir, "gc", "-q")
	if _, err := os.Stat(filepath.Join(dir, ".git", "packed-refs")); err != nil {
		t.Fatalf("git gc wrote no packed-refs: %v", err)
	}
	if loose, _ := filepath.Glob(filepath.Join(dir, ".git", "refs", "heads", "*")); len(loose) != 0 {
		t.Fatalf("loose refs after gc: %v", loose)
	}
	if packs, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.pack")); len(packs) == 0 {
		t.Fatal("git gc wrote no pack")
	}
	first := strings.TrimSpace(git(t, dir, "rev-parse", "main~1"))
	second := strings.TrimSpace(git(t, dir, "rev-parse", "main"))
	tagObj := strings.TrimSpace(git(t, dir, "rev-parse", "draft"))

	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ rev, want string }{
		{"HEAD", second}, {"main", second}, {"refs/heads/main", second},
		{"HEAD~1", first}, {"main^", first},
		{"draft", first}, {"light", first},
		{first[:7], first}, {first[:5], first}, {first[:4], first}, {first, first},
		{second[:9], second},
		{strings.ToUpper(first[:7]), first}, {strings.ToUpper(second[:8]), second}, // upper case, odd and even
		{tagObj[:8], first}, // an annotated tag's hash peels to its commit
	} {
		t.Run(tc.rev, func(t *testing.T) {
			ri, err := r.resolve(tc.rev)
			if err != nil {
				t.Fatal(err)
			}
			if got := ri.Hash.String(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	for _, rev := range []string{"0000000", "main~5", "nosuch"} {
		if _, err := r.resolve(rev); !errors.Is(err, ErrUnknownRevision) {
			t.Errorf("resolve %q: %v, want ErrUnknownRevision", rev, err)
		}
	}
	if text, err := r.Show(t.Context(), first[:7], "plan.md"); err != nil || !strings.Contains(string(text), "甲") {
		t.Errorf("show %s: %q, %v", first[:7], text, err)
	}

	write(t, r, "plan.md", "一、总则\n（一）丙。\n")
	third := commitAll(t, r, 3, "third")
	fsck(t, r)
	if got := strings.TrimSpace(git(t, dir, "rev-parse", "main~1")); got != second {
		t.Errorf("main~1 after a redline revision = %s, want %s", got, second)
	}
	if got := strings.TrimSpace(git(t, dir, "rev-parse", "main")); got != third {
		t.Errorf("main = %s, want %s", got, third)
	}
}

// manyRevisions writes n parentless-chain commits, each with its own blob,
// with git fast-import (into a pack), and lists every object by type.
func manyRevisions(t *testing.T, n int) (dir string, objs map[string]string) {
	t.Helper()
	dir = t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	var stream bytes.Buffer
	for i := 0; i < n; i++ {
		msg, text := fmt.Sprintf("revision %d", i), fmt.Sprintf("text %d\n", i)
		fmt.Fprintf(&stream, "commit refs/heads/main\nmark :%d\n", i+1)
		fmt.Fprintf(&stream, "committer A <a@example.org> %d +0800\n", t0.Unix())
		fmt.Fprintf(&stream, "data %d\n%s\n", len(msg), msg)
		if i > 0 {
			fmt.Fprintf(&stream, "from :%d\n", i)
		}
		fmt.Fprintf(&stream, "M 100644 inline a.txt\ndata %d\n%s\n", len(text), text)
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir, cmd.Stdin = dir, &stream
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("fast-import: %v\n%s", err, out)
	}
	objs = map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(git(t, dir, "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)")), "\n") {
		f := strings.Fields(line)
		objs[f[0]] = f[1]
	}
	return dir, objs
}

// A short hash that names two commits is an unknown revision, as in git
// (`short object ID … is ambiguous`), for even and odd lengths alike; one
// that names a single commit and other objects is that commit.
func TestShortHashAmbiguity(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git CLI not installed")
	}
	dir, objs := manyRevisions(t, 3000)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	// For each prefix length, a prefix of two commits and one of exactly
	// one commit and some tree or blob.
	for _, n := range []int{4, 5} {
		commits, others := map[string][]string{}, map[string]int{}
		for h, typ := range objs {
			if typ == "commit" {
				commits[h[:n]] = append(commits[h[:n]], h)
			} else {
				others[h[:n]]++
			}
		}
		var ambiguous, mixed string
		for p, hs := range commits {
			if len(hs) >= 2 && (ambiguous == "" || p < ambiguous) {
				ambiguous = p
			}
			if len(hs) == 1 && others[p] > 0 && (mixed == "" || p < mixed) {
				mixed = p
			}
		}
		if ambiguous == "" || mixed == "" {
			t.Fatalf("length %d: no ambiguous (%q) or mixed (%q) prefix in the fixture", n, ambiguous, mixed)
		}
		t.Run(fmt.Sprintf("two commits %s", ambiguous), func(t *testing.T) {
			_, err := r.resolve(ambiguous)
			if !errors.Is(err, ErrUnknownRevision) || !strings.Contains(err.Error(), "ambiguous") {
				t.Errorf("resolve %s (%v): %v, want an ambiguous unknown revision", ambiguous, commits[ambiguous], err)
			}
			if _, err := r.resolve(ambiguous + "~1"); !errors.Is(err, ErrUnknownRevision) {
				t.Errorf("resolve %s~1: %v, want ErrUnknownRevision", ambiguous, err)
			}
			// One more digit (or the whole hash) tells them apart.
			for _, h := range commits[ambiguous] {
				ri, err := r.resolve(h)
				if err != nil || ri.Hash.String() != h {
					t.Errorf("resolve %s: %v, %v", h, ri, err)
				}
			}
		})
		t.Run(fmt.Sprintf("one commit %s", mixed), func(t *testing.T) {
			ri, err := r.resolve(mixed)
			if err != nil || ri.Hash.String() != commits[mixed][0] {
				t.Errorf("resolve %s: %v, %v; want %s", mixed, ri, err, commits[mixed][0])
			}
		})
	}
}

// Open refuses, as go-git's Open did, a repository format or extension
// go-git cannot read.
func TestCheckFormat(t *testing.T) {
	for _, tc := range []struct {
		name, cfg string
		ok        bool
	}{
		{"git init", "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n", true},
		{"no version", "[core]\n\tbare = false\n", true},
		{"version 1", "[core]\n\trepositoryformatversion = 1\n", true},
		// go-git's config reads only version 1 and takes anything else
		// as 0; checkFormat keeps what go-git's Open accepted.
		{"version 2", "[core]\n\trepositoryformatversion = 2\n", true},
		{"noop v0", "[core]\n\trepositoryformatversion = 0\n[extensions]\n\tnoop = true\n", true},
		{"noop-v1 v1", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tnoop-v1 = true\n", true},
		{"noop-v1 v0", "[core]\n\trepositoryformatversion = 0\n[extensions]\n\tnoop-v1 = true\n", false},
		{"reftable", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\trefStorage = reftable\n", false},
		{"sha256", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectFormat = sha256\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := gitconfig.Parse([]byte(tc.cfg))
			if err != nil {
				t.Fatal(err)
			}
			if err := checkFormat(cfg); (err == nil) != tc.ok {
				t.Errorf("checkFormat = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

// A repository whose config names an extension go-git cannot read does not
// open; nor does a .git without HEAD.
func TestOpenRefusesUnreadable(t *testing.T) {
	r := newRepo(t)
	cfgPath := filepath.Join(r.Dir(), ".git", "config")
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("repositoryformatversion = 0"), []byte("repositoryformatversion = 1"), 1)
	data = append(data, "[extensions]\n\trefStorage = reftable\n"...)
	if err := os.WriteFile(cfgPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(r.Dir()); !errors.Is(err, ErrNotRepository) {
		t.Errorf("open with extensions.refStorage: %v, want ErrNotRepository", err)
	}

	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrNotRepository) {
		t.Errorf("open .git without HEAD: %v, want ErrNotRepository", err)
	}
}
