package repo

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// A git merge whose ids file git left with conflict markers, committed as
// it was with plain git: the next RepairMerges derives the merge's ids
// from both parents (the clause theirs inserted keeps theirs' id, the
// others ours'), reports it once, and counts theirs' Redline-Resolves.
func TestRepairGitMerge(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	dir := r.Dir()
	write(t, r, "plan.txt", mergeBase)
	commitAll(t, r, 0, "base")
	git(t, dir, "checkout", "-q", "-b", "side")
	write(t, r, "plan.txt", strings.Replace(mergeBase, "第四条 本办法", "第四条 数据处理者应当定期开展风险评估。\n第五条 本办法", 1))
	side := commitAll(t, r, 1, "side", resolves("C7"))
	git(t, dir, "checkout", "-q", "main")
	write(t, r, "plan.txt", strings.Replace(mergeBase, "规范数据管理", "规范和促进数据管理", 1))
	ours := commitAll(t, r, 2, "ours")

	cmd := exec.Command("git", "merge", "-q", "--no-edit", "side")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=C", "GIT_AUTHOR_EMAIL=c@example.org", "GIT_COMMITTER_NAME=C",
		"GIT_COMMITTER_EMAIL=c@example.org", "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("git merge did not stop on the ids file:\n%s", out)
	}
	if b, _ := os.ReadFile(dir + "/.redline/ids/plan.txt.json"); !strings.Contains(string(b), "<<<<<<<") {
		t.Fatalf("ids file without markers:\n%s", b)
	}
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "--no-edit")

	r2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fixed, err := r2.RepairMerges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(fixed) != 1 || strings.Join(fixed[0].Paths, " ") != "plan.txt" {
		t.Fatalf("RepairMerges = %+v, want the git merge, plan.txt", fixed)
	}
	if again, err := r2.RepairMerges(ctx); err != nil || len(again) != 0 {
		t.Errorf("second RepairMerges = %+v, %v; want nothing", again, err)
	}
	r3, _ := Open(dir) // a fresh process: the cache, not the memory
	if again, err := r3.RepairMerges(ctx); err != nil || len(again) != 0 {
		t.Errorf("RepairMerges in a new process = %+v, %v; want nothing", again, err)
	}

	r3.s.mu.Lock()
	defer r3.s.mu.Unlock()
	ids := func(h string) []string {
		ri, err := r3.resolve(h)
		if err != nil {
			t.Fatal(err)
		}
		d, err := r3.idsAt(ri, "plan.txt")
		if err != nil {
			t.Fatal(err)
		}
		return d.ids
	}
	m, o, s := ids("HEAD"), ids(ours), ids(side)
	if len(m) != 5 {
		t.Fatalf("%d clauses in the merge", len(m))
	}
	if m[3] != s[3] {
		t.Errorf("the clause the side inserted has id %s in the merge, %s on the side", m[3], s[3])
	}
	for i, j := range []int{0, 1, 2} {
		if m[i] != o[j] {
			t.Errorf("clause %d has id %s in the merge, %s on ours", i, m[i], o[j])
		}
	}
	if m[4] != o[3] {
		t.Errorf("the last clause has id %s in the merge, %s on ours", m[4], o[3])
	}
	ri, _ := r3.resolve("HEAD")
	if strings.Join(ri.Resolves, ",") != "C7" {
		t.Errorf("the git merge resolves %v, want the side's C7", ri.Resolves)
	}
}

// A command run when nothing was committed since the last one writes
// nothing: the mark of the revisions checked for git merges is left as it
// is (every diff used to rewrite and sync it).
func TestRepairMergesWritesOnlyNews(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.md", "一、总则\n（一）目标。\n")
	commitAll(t, r, 0, "rev 0")
	if _, err := r.RepairMerges(context.Background()); err != nil {
		t.Fatal(err)
	}
	mark := r.cachePath("merges-checked")
	before, err := os.Stat(mark)
	if err != nil {
		t.Fatalf("no mark after the first check: %v", err)
	}
	if _, err := r.RepairMerges(context.Background()); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(mark)
	if err != nil || !os.SameFile(before, after) {
		t.Fatalf("the mark was written again (%v)", err)
	}
	write(t, r, "plan.md", "一、总则\n（一）目标。\n（二）原则。\n")
	commitAll(t, r, 1, "rev 1")
	if _, err := r.RepairMerges(context.Background()); err != nil {
		t.Fatal(err)
	}
	h, err := r.head()
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(mark); err != nil || !strings.HasPrefix(string(b), h.String()) {
		t.Fatalf("mark after a new revision = %q, %v", b, err)
	}
}
