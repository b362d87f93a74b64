package repo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const planV1 = `武汉建设国家人工智能创新应用先导区实施方案

一、总体要求
（一）指导思想。坚持创新驱动。
（二）发展目标。到2025年，形成一批应用场景。
二、建设内容
（一）实施人工智能技术突破计划。每年组织实施人工智能创新专项项目不少于20项。
（二）实施人工智能场景应用计划。在智慧医疗领域打造90项应用场景。
`

func TestCommitLogResolve(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	if _, err := r.Resolve("HEAD"); !errors.Is(err, ErrNoRevisions) {
		t.Fatalf("Resolve on an empty repository: %v, want ErrNoRevisions", err)
	}
	write(t, r, "plan.txt", planV1)
	h1 := commitAll(t, r, 0, "征求意见稿", stage("征求意见稿"))
	write(t, r, "plan.txt", strings.Replace(planV1, "90项", "80项", 1))
	h2 := commitAll(t, r, 1, "采纳市卫健委意见", stage("送审稿"), resolves("C1", "C2"))

	tests := []struct{ rev, want string }{
		{"HEAD", h2}, {"", h2}, {"HEAD~1", h1}, {"HEAD^", h1}, {"送审稿~1", h1},
		{"征求意见稿", h1}, {"送审稿", h2}, {"main", h2}, {h1, h1}, {h1[:7], h1}, {"refs/tags/送审稿", h2},
	}
	for _, tc := range tests {
		t.Run(tc.rev, func(t *testing.T) {
			rev, err := r.Resolve(tc.rev)
			if err != nil {
				t.Fatal(err)
			}
			if rev.Hash != tc.want {
				t.Errorf("Resolve(%q) = %s, want %s", tc.rev, rev.Hash, tc.want)
			}
		})
	}
	for _, bad := range []string{"HEAD~5", "印发稿", "deadbeef", "no such"} {
		if _, err := r.Resolve(bad); !errors.Is(err, ErrUnknownRevision) || !strings.Contains(err.Error(), bad) {
			t.Errorf("Resolve(%q) = %v, want ErrUnknownRevision naming it", bad, err)
		}
	}

	log, err := r.Log(ctx, "plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].Hash != h2 || log[0].Stage != "送审稿" || log[0].Message != "采纳市卫健委意见" ||
		strings.Join(log[0].Resolves, ",") != "C1,C2" || log[0].Author != author || !log[0].Date.Equal(at(1)) {
		t.Errorf("Log = %+v", log)
	}
	text, err := r.Show(ctx, "征求意见稿", "plan.txt")
	if err != nil || string(text) != planV1 {
		t.Errorf("Show = %q, %v", text, err)
	}
	if _, err := r.Show(ctx, "HEAD", "nope.md"); !errors.Is(err, ErrUnknownDocument) {
		t.Errorf("Show of a missing document: %v", err)
	}
	docs, err := r.documentsAt(ctx, "HEAD")
	if err != nil || strings.Join(docs, ",") != "plan.txt" {
		t.Errorf("Documents = %v, %v", docs, err)
	}

	// Nothing changed: nothing to commit.
	if _, err := r.Commit(ctx, CommitOptions{Message: "again", Author: author, Date: at(2)}); !errors.Is(err, ErrNothingToCommit) {
		t.Errorf("empty commit: %v", err)
	}
	// A stage name is one revision.
	write(t, r, "plan.txt", planV1)
	if _, err := r.Commit(ctx, CommitOptions{Message: "x", Date: at(2), Stage: "送审稿"}); !errors.Is(err, ErrStageExists) {
		t.Errorf("reused stage: %v", err)
	}

	// git sees an ordinary repository: log, trailers, tags, ids file, clean status.
	out := git(t, r.Dir(), "log", "--format=%H %an %s%n%b")
	if !strings.Contains(out, h2+" 起草组 采纳市卫健委意见") || !strings.Contains(out, "Redline-Resolves: C1, C2") {
		t.Errorf("git log:\n%s", out)
	}
	if tags := git(t, r.Dir(), "tag"); !strings.Contains(tags, "征求意见稿") || !strings.Contains(tags, "送审稿") {
		t.Errorf("git tag: %s", tags)
	}
	if ls := git(t, r.Dir(), "ls-tree", "-r", "--name-only", "HEAD"); !strings.Contains(ls, ".redline/ids/plan.txt.json") {
		t.Errorf("tree: %s", ls)
	}
	fsck(t, r)
	write(t, r, "plan.txt", strings.Replace(planV1, "90项", "80项", 1))
	if st := git(t, r.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("git status after redline commits:\n%s", st)
	}
}

// Two repositories built the same way have the same commits: the clock and
// the ids are deterministic.
func TestDeterministic(t *testing.T) {
	var heads []string
	for i := 0; i < 2; i++ {
		r := newRepo(t)
		write(t, r, "plan.txt", planV1)
		commitAll(t, r, 0, "one", stage("征求意见稿"))
		write(t, r, "plan.txt", strings.Replace(planV1, "20项", "40项", 1))
		heads = append(heads, commitAll(t, r, 1, "two"))
	}
	if heads[0] != heads[1] {
		t.Errorf("same history, different hashes: %s %s", heads[0], heads[1])
	}
}

func TestOpen(t *testing.T) {
	r := newRepo(t)
	sub := filepath.Join(r.Dir(), "docs", "deep")
	os.MkdirAll(sub, 0o755)
	r2, err := Open(sub)
	if err != nil || r2.Dir() != r.Dir() {
		t.Errorf("Open(%s) = %v, %v", sub, r2, err)
	}
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNotRepository) {
		t.Errorf("Open outside a repository: %v", err)
	}
}

func TestEncodings(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(planV1)
	if err != nil {
		t.Fatal(err)
	}
	write(t, r, "plan.txt", gb)
	var notices []string
	if _, err := r.Commit(ctx, CommitOptions{Message: "gb", Date: at(0), Notice: func(s string) { notices = append(notices, s) }}); err != nil {
		t.Fatal(err)
	}
	if len(notices) != 1 || !strings.Contains(notices[0], "plan.txt") || !strings.Contains(notices[0], "GB18030") {
		t.Errorf("notices = %q", notices)
	}
	text, _ := r.Show(ctx, "HEAD", "plan.txt")
	if string(text) != planV1 {
		t.Errorf("stored text is not the UTF-8 conversion: %q", text)
	}
	if b, _ := os.ReadFile(filepath.Join(r.Dir(), "plan.txt")); string(b) != planV1 {
		t.Errorf("work tree file not converted")
	}

	head, _ := r.Resolve("HEAD")
	for name, content := range map[string]string{
		"binary": "一、总则\x00\x01\x02",
		"latin1": "caf\xe9 \xff\xfe\xfd\x80",
	} {
		t.Run(name, func(t *testing.T) {
			write(t, r, "bad.md", content)
			write(t, r, "plan.txt", planV1+"三、附则\n")
			_, err := r.Commit(ctx, CommitOptions{Message: "bad", Date: at(1)})
			if !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), "bad.md") {
				t.Errorf("commit of %s: %v, want ErrBadInput naming bad.md", name, err)
			}
			if now, _ := r.Resolve("HEAD"); now.Hash != head.Hash {
				t.Errorf("HEAD moved after a refused commit")
			}
		})
	}
}

// Two documents, one changed in each of two revisions; a document given by
// path is recorded alone; removing a document records its deletion.
func TestDocumentsAndPaths(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "plan.txt", planV1)
	write(t, r, "laws/act.md", "# Act\n\n## 1. Scope\n\nThis act applies.\n")
	commitAll(t, r, 0, "both")
	write(t, r, "plan.txt", strings.Replace(planV1, "90项", "80项", 1))
	write(t, r, "laws/act.md", "# Act\n\n## 1. Scope\n\nThis act applies to all.\n")
	h2 := commitAll(t, r, 1, "plan only", func(o *CommitOptions) { o.Paths = []string{filepath.Join(r.Dir(), "plan.txt")} })
	if log, err := r.Log(ctx, "laws/act.md"); err != nil || len(log) != 1 {
		t.Errorf("log of act.md: %d revisions, %v", len(log), err)
	}
	if log, err := r.Log(ctx, "plan.txt"); err != nil || len(log) != 2 || log[0].Hash != h2 {
		t.Errorf("log of plan.txt: %+v, %v", log, err)
	}
	st, err := r.Status(ctx)
	if err != nil || len(st.Documents) != 1 || st.Documents[0].Path != "laws/act.md" {
		t.Errorf("status: %+v, %v", st, err)
	}
	os.Remove(filepath.Join(r.Dir(), "laws", "act.md"))
	commitAll(t, r, 2, "drop the act")
	docs, err := r.documentsAt(ctx, "HEAD")
	if err != nil || strings.Join(docs, ",") != "plan.txt" {
		t.Errorf("documents after the deletion: %v, %v", docs, err)
	}
	if _, err := os.Stat(filepath.Join(r.Dir(), ".redline", "ids", "laws", "act.md.json")); !os.IsNotExist(err) {
		t.Errorf("ids file of a deleted document left: %v", err)
	}
	if _, err := r.Commit(ctx, CommitOptions{Message: "x", Paths: []string{"../outside.md"}}); !errors.Is(err, ErrBadInput) {
		t.Errorf("path outside the repository: %v", err)
	}
	if _, err := r.Commit(ctx, CommitOptions{Message: "x", Paths: []string{"missing.md"}}); !errors.Is(err, ErrUnknownDocument) {
		t.Errorf("missing document: %v", err)
	}
	fsck(t, r)
	if st := git(t, r.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("git status:\n%s", st)
	}
}
