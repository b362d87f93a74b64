package repo

import (
	"bytes"
	"context"
	"fmt"
	"github.com/redline-docs/redline/internal/synth"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// plainHistory writes n revisions of a benchmark document with git
// fast-import, as a colleague without redline would have.
func plainHistory(t *testing.T, n, size int) string {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	var stream bytes.Buffer
	d := synth.NewPlan(size, 1)
	for i := 0; i < n; i++ {
		if i > 0 {
			d.Step(i)
		}
		text, msg := d.String(), fmt.Sprintf("revision %d", i)
		fmt.Fprintf(&stream, "commit refs/heads/main\nmark :%d\n", i+1)
		fmt.Fprintf(&stream, "author A <a@example.org> %d +0800\ncommitter A <a@example.org> %d +0800\n", t0.Unix()+int64(i)*60, t0.Unix()+int64(i)*60)
		fmt.Fprintf(&stream, "data %d\n%s\n", len(msg), msg)
		if i > 0 {
			fmt.Fprintf(&stream, "from :%d\n", i)
		}
		fmt.Fprintf(&stream, "M 100644 inline plan.txt\ndata %d\n%s\n", len(text), text)
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir, cmd.Stdin = dir, &stream
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("fast-import: %v\n%s", err, out)
	}
	git(t, dir, "checkout", "-q", "main")
	return dir
}

// On a long history written with plain git, the ids that indexing derives
// (with its shortcuts) are those that deriving revision by revision gives,
// and cold and warm answers agree.
func TestLongAdoptedHistory(t *testing.T) {
	ctx := context.Background()
	const n = 150
	dir := plainHistory(t, n, 30000)

	// Revision by revision, with a full parse each.
	slow, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := slow.resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	chain, err := slow.chain(head.Hash)
	if err != nil {
		t.Fatal(err)
	}
	var prev *docIDs
	want := map[string][]string{}
	for _, ri := range chain {
		if prev, err = slow.idsStep(ri, "plan.txt", prev); err != nil {
			t.Fatal(err)
		}
		want[ri.Hash.String()] = prev.ids
	}

	// Indexed (the shortcuts), from a cold cache.
	os.RemoveAll(filepath.Join(dir, ".git", cacheDir))
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	d, err := r.Diff(ctx, DiffOptions{From: "HEAD~1", To: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Documents) != 1 || len(d.Documents[0].Changes) == 0 {
		t.Fatalf("diff of the last revision: %+v", d.Documents)
	}
	for _, k := range []int{0, 1, 63, 64, 100, n - 2, n - 1} {
		ri := chain[k]
		got, err := r.idsAt(ri, "plan.txt")
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got.ids) != fmt.Sprint(want[ri.Hash.String()]) {
			t.Errorf("revision %d: indexed ids differ from ids derived revision by revision", k)
		}
	}
	bd := synth.NewPlan(30000, 1)
	for i := 1; i < n; i++ {
		bd.Step(i)
	}
	label := bd.Traced()
	cold, err := r.History(ctx, label, "plan.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	warmRepo, _ := Open(dir)
	warm, err := warmRepo.History(ctx, label, "plan.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(cold.Entries) < n/25 || fmt.Sprint(cold.Entries) != fmt.Sprint(warm.Entries) {
		t.Errorf("history cold %d entries, warm %d", len(cold.Entries), len(warm.Entries))
	}
	b, err := r.Blame(ctx, "HEAD", "plan.txt")
	if err != nil || len(b.Clauses) != len(want[head.Hash.String()]) {
		t.Fatalf("blame: %v", err)
	}
	fsck(t, r)
}

// Deriving the ids of a history made with git caches each revision's
// clauses as it goes, and they are what reading the clauses later gives:
// a history first resolves its clause at the newest revision (deriving
// every revision) and then reads each revision's clauses, which parsed
// every revision a second time.
func TestDerivedIDsKeepClauses(t *testing.T) {
	ctx := context.Background()
	const n = 6
	dir := plainHistory(t, n, 3000)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := r.resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.idsAt(head, "plan.txt"); err != nil {
		t.Fatal(err)
	}
	chain, err := r.chain(head.Hash)
	if err != nil {
		t.Fatal(err)
	}
	if len(chain) != n {
		t.Fatalf("chain of %d revisions, want %d", len(chain), n)
	}
	for _, ri := range chain {
		blob, _ := r.blobAt(ri.Tree, "plan.txt")
		cached, ok := r.cachedClauses(r.clausesPath(ri, "plan.txt"), blob.String())
		if !ok {
			t.Fatalf("no clauses cached for %s after deriving its ids", ri.Hash)
		}
		fresh, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		os.Remove(fresh.clausesPath(ri, "plan.txt"))
		want, err := fresh.Clauses(ctx, ri.rev(), "plan.txt")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(cached, want) {
			t.Fatalf("clauses cached while deriving %s differ from those read after", ri.Hash)
		}
	}
}
