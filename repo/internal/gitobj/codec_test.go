package gitobj

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

var (
	cst  = time.FixedZone("CST", 8*3600)
	when = time.Date(2023, 9, 1, 9, 0, 0, 0, cst)
	h1   = plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")
	h2   = plumbing.NewHash("e87b677f775d4e81e0b9810a0da453193b5a89d4")
	h3   = plumbing.NewHash("6207809dd56648540710dab670fc37f54d2856b8")
)

// goGit encodes an object with go-git's plumbing/object, the codec
// redline wrote its objects with before this package.
func goGit(t *testing.T, enc func(plumbing.EncodedObject) error) []byte {
	t.Helper()
	o := &plumbing.MemoryObject{}
	if err := enc(o); err != nil {
		t.Fatal(err)
	}
	rd, err := o.Reader()
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The commits redline writes encode to the bytes go-git wrote for them.
func TestCommitEncodeMatchesGoGit(t *testing.T) {
	for _, tc := range []struct {
		name    string
		parents []plumbing.Hash
		msg     string
		when    time.Time
	}{
		{"root", nil, "初稿\n", when},
		{"child", []plumbing.Hash{h2}, "修改\n\nRedline-Stage: 征求意见稿\n", when.Add(time.Hour)},
		{"merge", []plumbing.Hash{h2, h3}, "Merge theirs", when.In(time.UTC)},
		{"west", []plumbing.Hash{h2}, "x", time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("", -(5*3600+30*60)))},
		{"empty message", nil, "", when},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sig := Signature{Name: "起草组", Email: "drafters@example.gov.cn", When: tc.when}
			c := &Commit{Tree: h1, Parents: tc.parents, Author: sig, Committer: sig, Message: tc.msg}
			gsig := object.Signature{Name: sig.Name, Email: sig.Email, When: sig.When}
			want := goGit(t, (&object.Commit{TreeHash: h1, ParentHashes: tc.parents, Author: gsig, Committer: gsig, Message: tc.msg}).Encode)
			got := c.Encode()
			if !bytes.Equal(got, want) {
				t.Fatalf("encoded:\n%q\ngo-git:\n%q", got, want)
			}
			back, err := DecodeCommit(got)
			if err != nil {
				t.Fatal(err)
			}
			if back.Tree != h1 || len(back.Parents) != len(tc.parents) || back.Message != tc.msg ||
				back.Author.Name != sig.Name || back.Author.Email != sig.Email || !back.Author.When.Equal(sig.When) {
				t.Fatalf("decoded %+v", back)
			}
			if _, off := back.Author.When.Zone(); func() bool { _, o := sig.When.Zone(); return o != off }() {
				t.Errorf("zone offset %d, want the signature's", off)
			}
		})
	}
}

func TestTreeEncodeMatchesGoGit(t *testing.T) {
	tr := &Tree{Entries: []TreeEntry{
		{Name: "plan.md", Mode: filemode.Regular, Hash: h1},
		{Name: "plan", Mode: filemode.Dir, Hash: h2},
		{Name: "plan-b.md", Mode: filemode.Regular, Hash: h3},
		{Name: ".redline", Mode: filemode.Dir, Hash: h3},
		{Name: "run.sh", Mode: filemode.Executable, Hash: h2},
		{Name: "link", Mode: filemode.Symlink, Hash: h1},
	}}
	tr.Sort()
	var names []string
	var gentries []object.TreeEntry
	for _, e := range tr.Entries {
		names = append(names, e.Name)
		gentries = append(gentries, object.TreeEntry{Name: e.Name, Mode: e.Mode, Hash: e.Hash})
	}
	// git's order: a folder sorts as its name followed by "/".
	if got, want := strings.Join(names, " "), ".redline link plan-b.md plan.md plan run.sh"; got != want {
		t.Errorf("order %q, want %q", got, want)
	}
	got := tr.Encode()
	if want := goGit(t, (&object.Tree{Entries: gentries}).Encode); !bytes.Equal(got, want) {
		t.Fatalf("encoded:\n%q\ngo-git:\n%q", got, want)
	}
	back, err := DecodeTree(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.Encode(), got) {
		t.Fatal("tree does not round-trip")
	}
	if len((&Tree{}).Encode()) != 0 || Hash(plumbing.TreeObject, nil) != h1 {
		t.Error("the empty tree is not git's")
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func([]byte) error
		in   string
	}{
		{"commit empty", func(b []byte) error { _, err := DecodeCommit(b); return err }, ""},
		{"commit no tree", func(b []byte) error { _, err := DecodeCommit(b); return err }, "parent " + h1.String() + "\n\nx"},
		{"commit bad tree", func(b []byte) error { _, err := DecodeCommit(b); return err }, "tree xyz\n\nx"},
		{"commit bad parent", func(b []byte) error { _, err := DecodeCommit(b); return err }, "tree " + h1.String() + "\nparent 12\n\nx"},
		{"commit orphan continuation", func(b []byte) error { _, err := DecodeCommit(b); return err }, " x\n"},
		{"tree no mode", func(b []byte) error { _, err := DecodeTree(b); return err }, "plan.md\x00"},
		{"tree bad mode", func(b []byte) error { _, err := DecodeTree(b); return err }, "1x0 a\x00" + strings.Repeat("a", 20)},
		{"tree short hash", func(b []byte) error { _, err := DecodeTree(b); return err }, "100644 a\x00abc"},
		{"tree empty name", func(b []byte) error { _, err := DecodeTree(b); return err }, "100644 \x00" + strings.Repeat("a", 20)},
		{"tag no type", func(b []byte) error { _, err := DecodeTag(b); return err }, "object " + h1.String() + "\ntag x\n\n"},
		{"tag bad type", func(b []byte) error { _, err := DecodeTag(b); return err }, "object " + h1.String() + "\ntype ofs-delta\ntag x\n\n"},
	} {
		if err := tc.fn([]byte(tc.in)); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestCommitHeaders(t *testing.T) {
	in := "tree " + h1.String() + "\nparent " + h2.String() + "\nparent " + h3.String() +
		"\nauthor A <a@b> 1693530000 +0800\ncommitter C <c@d> 1693533600 -0130\nencoding GBK\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\nmessage\n\nbody\n"
	c, err := DecodeCommit([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Parents) != 2 || c.Parents[1] != h3 || c.Author.Name != "A" || c.Committer.Email != "c@d" || c.Message != "message\n\nbody\n" {
		t.Fatalf("decoded %+v", c)
	}
	if _, off := c.Committer.When.Zone(); off != -(90 * 60) {
		t.Errorf("committer zone %d, want -5400", off)
	}
	if len(c.Extra) != 2 || c.Extra[1].Key != "gpgsig" || c.Extra[1].Value != "-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----" {
		t.Errorf("extra headers %q", c.Extra)
	}
	if got := string(c.Encode()); got != in {
		t.Errorf("re-encoded:\n%q\nwant:\n%q", got, in)
	}
}

func TestTagCodec(t *testing.T) {
	in := "object " + h2.String() + "\ntype commit\ntag 征求意见稿\ntagger T <t@x> 1693530000 +0800\n\n说明\n"
	tg, err := DecodeTag([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if tg.Object != h2 || tg.Type != plumbing.CommitObject || tg.Name != "征求意见稿" || !tg.HasTagger || tg.Message != "说明\n" {
		t.Fatalf("decoded %+v", tg)
	}
	if got := string(tg.Encode()); got != in {
		t.Errorf("re-encoded:\n%q\nwant:\n%q", got, in)
	}
}

func gitCmd(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=起草组", "GIT_AUTHOR_EMAIL=d@example.gov.cn",
		"GIT_COMMITTER_NAME=起草组", "GIT_COMMITTER_EMAIL=d@example.gov.cn",
		"GIT_AUTHOR_DATE=1693530000 +0800", "GIT_COMMITTER_DATE=1693530000 +0800",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// gitRepo makes a repository with the real git: nested folders, a merge,
// an encoding header, an annotated tag, and a document changed in small
// steps (so that a repack stores deltas).
func gitRepo(t testing.TB) string {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	gitCmd(t, dir, "init", "-q", "-b", "main")
	var text strings.Builder
	for i := 0; i < 200; i++ {
		text.WriteString("第" + strings.Repeat("一", i%7+1) + "条 本办法适用于本市行政区域内的数据处理活动。\n")
	}
	write := func(p, s string) {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("plan.md", text.String())
	write("docs/sub/a.txt", "a\n")
	write("docs-b.txt", "b\n")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "初稿")
	gitCmd(t, dir, "tag", "-a", "-m", "征求意见稿说明", "征求意见稿")
	gitCmd(t, dir, "checkout", "-q", "-b", "side")
	write("plan.md", text.String()+"第九条 附则。\n")
	gitCmd(t, dir, "commit", "-q", "-am", "side")
	gitCmd(t, dir, "checkout", "-q", "main")
	write("docs/sub/a.txt", "a2\n")
	gitCmd(t, dir, "-c", "i18n.commitEncoding=GBK", "commit", "-q", "-am", "encoded")
	gitCmd(t, dir, "merge", "-q", "--no-edit", "side")
	return dir
}

// allObjects lists every object of a git repository with its type.
func allObjects(t testing.TB, dir string) map[plumbing.Hash]plumbing.ObjectType {
	out := map[plumbing.Hash]plumbing.ObjectType{}
	for _, line := range strings.Split(strings.TrimSpace(gitCmd(t, dir, "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)")), "\n") {
		h, typ, _ := strings.Cut(line, " ")
		ot, err := plumbing.ParseObjectType(typ)
		if err != nil {
			t.Fatal(err)
		}
		out[plumbing.NewHash(h)] = ot
	}
	return out
}

// Every object git wrote reads, loose and then packed with deltas, as
// git cat-file gives it; commits, trees and tags decode and encode back to
// the same bytes.
func TestReadGitObjects(t *testing.T) {
	dir := gitRepo(t)
	objs := allObjects(t, dir)
	check := func(where string) {
		s := NewStore(filepath.Join(dir, ".git", "objects"))
		for h, typ := range objs {
			want := gitCmd(t, dir, "cat-file", typ.String(), h.String())
			gt, got, err := s.Read(h)
			if err != nil || gt != typ || string(got) != want {
				t.Fatalf("%s: read %s = %v %d bytes, %v; git: %v %d bytes", where, h, gt, len(got), err, typ, len(want))
			}
			if Hash(typ, got) != h {
				t.Fatalf("%s: %s hashes to %s", where, h, Hash(typ, got))
			}
			var again []byte
			switch typ {
			case plumbing.CommitObject:
				c, err := DecodeCommit(got)
				if err != nil {
					t.Fatal(err)
				}
				again = c.Encode()
			case plumbing.TreeObject:
				tr, err := DecodeTree(got)
				if err != nil {
					t.Fatal(err)
				}
				again = tr.Encode()
			case plumbing.TagObject:
				tg, err := DecodeTag(got)
				if err != nil {
					t.Fatal(err)
				}
				again = tg.Encode()
			default:
				continue
			}
			if !bytes.Equal(again, got) {
				t.Errorf("%s: %s %s re-encodes as\n%q\nnot\n%q", where, typ, h, again, got)
			}
		}
		if _, _, err := s.Read(plumbing.NewHash(strings.Repeat("ab", 20))); err != plumbing.ErrObjectNotFound {
			t.Errorf("%s: missing object: %v", where, err)
		}
	}
	check("loose")
	gitCmd(t, dir, "repack", "-q", "-a", "-d", "-f", "--depth=50", "--window=50")
	gitCmd(t, dir, "prune-packed")
	if out := gitCmd(t, dir, "count-objects", "-v"); !strings.Contains(out, "count: 0") {
		t.Fatalf("objects left loose after repack:\n%s", out)
	}
	if out := gitCmd(t, dir, "verify-pack", "-v", packIdx(t, dir)); !strings.Contains(out, "chain length") {
		t.Logf("no delta in the pack:\n%s", out)
	}
	check("packed")
}

func packIdx(t *testing.T, dir string) string {
	idx, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.idx"))
	if len(idx) != 1 {
		t.Fatalf("packs: %v", idx)
	}
	return idx[0]
}

// HashesWithPrefix finds loose and packed objects, and objects of an
// alternate.
func TestHashesWithPrefix(t *testing.T) {
	dir := gitRepo(t)
	objs := allObjects(t, dir)
	gitCmd(t, dir, "gc", "-q", "--prune=now")
	clone := t.TempDir()
	gitCmd(t, clone, "clone", "-q", "--shared", dir, "c")
	s := NewStore(filepath.Join(clone, "c", ".git", "objects"))
	extra, err := s.WriteLoose(plumbing.BlobObject, []byte("only here\n"))
	if err != nil {
		t.Fatal(err)
	}
	objs[extra] = plumbing.BlobObject
	for h := range objs {
		for _, n := range []int{1, 2, 20} {
			found := false
			for _, g := range s.HashesWithPrefix(h[:n]) {
				if !bytes.HasPrefix(g[:], h[:n]) {
					t.Fatalf("prefix %x gave %s", h[:n], g)
				}
				found = found || g == h
			}
			if !found {
				t.Fatalf("prefix %x: %s not found", h[:n], h)
			}
		}
		if _, _, err := s.Read(h); err != nil {
			t.Fatalf("read %s through the alternate: %v", h, err)
		}
	}
}

// Objects written loose are git's: git reads them and fsck is content.
func TestWriteLooseAcceptedByGit(t *testing.T) {
	dir := gitRepo(t)
	s := NewStore(filepath.Join(dir, ".git", "objects"))
	blob, err := s.WriteLoose(plumbing.BlobObject, []byte("第一条 新增。\n"))
	if err != nil {
		t.Fatal(err)
	}
	tr := &Tree{Entries: []TreeEntry{{Name: "new.md", Mode: filemode.Regular, Hash: blob}}}
	tree, err := s.WriteLoose(plumbing.TreeObject, tr.Encode())
	if err != nil {
		t.Fatal(err)
	}
	head := plumbing.NewHash(strings.TrimSpace(gitCmd(t, dir, "rev-parse", "HEAD")))
	sig := Signature{Name: "起草组", Email: "d@example.gov.cn", When: when}
	c := &Commit{Tree: tree, Parents: []plumbing.Hash{head}, Author: sig, Committer: sig, Message: "新增\n"}
	h, err := s.WriteLoose(plumbing.CommitObject, c.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if got := gitCmd(t, dir, "cat-file", "-p", h.String()+":new.md"); got != "第一条 新增。\n" {
		t.Errorf("git reads %q", got)
	}
	gitCmd(t, dir, "update-ref", "refs/heads/main", h.String())
	gitCmd(t, dir, "fsck", "--strict", "--no-dangling")
	if fi, err := os.Stat(s.LoosePath(h)); err != nil || fi.Mode().Perm() != 0o444 {
		t.Errorf("loose object: %v, %v", fi, err)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "tmp_obj_*")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func TestLooseHeader(t *testing.T) {
	for in, ok := range map[string]bool{
		"blob 12\x00": true, "commit 0\x00": true, "tree 5\x00": true, "tag 1\x00": true,
		"blob\x00": false, "blob x\x00": false, "ofs-delta 1\x00": false, "blob 1": false,
		"blob " + strings.Repeat("1", 40) + "\x00": false, "blub 1\x00": false, "blob -1\x00": false,
	} {
		_, _, err := LooseHeader(strings.NewReader(in))
		if (err == nil) != ok {
			t.Errorf("LooseHeader(%q) = %v, want ok %v", in, err, ok)
		}
	}
}
