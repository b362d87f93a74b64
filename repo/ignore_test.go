package repo

import (
	"context"
	"reflect"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/redline-docs/redline/comment"
)

func TestIgnoreListMatch(t *testing.T) {
	l := parseIgnore([]byte("\uFEFF# notes\nREADME.md\n/drafts/old/*.md\narchive/\n*.notes.txt\n\n"))
	tests := []struct {
		path string
		want bool
	}{
		{"README.md", true},
		{"sub/README.md", true},
		{"drafts/old/v1.md", true},
		{"drafts/old/deeper/v1.md", false},
		{"drafts/plan.md", false},
		{"archive/2019/plan.md", true},
		{"meeting.notes.txt", true},
		{"plan.md", false},
	}
	for _, tt := range tests {
		if got := l.match(tt.path); got != tt.want {
			t.Errorf("match(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// A README beside the drafts is no document once .redline/ignore names it:
// not committed as one, not listed, not in diffs, and a comment needs no
// --path; the ignore file itself is committed, so a clone agrees.
func TestIgnoredFilesAreNoDocuments(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "plan.md", "一、总则\n（一）打造90项应用场景。\n")
	write(t, r, "README.md", "# 说明\n本仓库保存实施方案的各稿。\n")
	commitAll(t, r, 0, "first, README counted as a document")

	write(t, r, ".redline/ignore", "README.md\n")
	write(t, r, "README.md", "# 说明\n本仓库保存实施方案的各稿（已更新）。\n")
	write(t, r, "plan.md", "一、总则\n（一）打造80项应用场景。\n")
	commitAll(t, r, 1, "ignore the README")

	docs, err := r.documentsAt(ctx, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"plan.md"}; !reflect.DeepEqual(docs, want) {
		t.Errorf("Documents(HEAD) = %v, want %v", docs, want)
	}
	if docs, _ := r.documentsAt(ctx, "HEAD~1"); !reflect.DeepEqual(docs, []string{"README.md", "plan.md"}) {
		t.Errorf("Documents(HEAD~1) = %v: the older revision, without the ignore file, had two", docs)
	}
	if got := r.treeIgnore(mustTree(t, r, "HEAD")); !got.match("README.md") {
		t.Errorf("the ignore file was not committed")
	}

	d, err := r.Diff(ctx, DiffOptions{From: "HEAD~1", To: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range d.Documents {
		if doc.Path == "README.md" {
			t.Errorf("the diff shows the ignored README.md: %+v", doc)
		}
	}

	c, err := r.AddComment(ctx, comment.Comment{By: "市卫健委", Text: "建议调整"}, CommentOptions{Clause: "一/（一）"})
	if err != nil {
		t.Fatalf("comment on the only document without --path: %v", err)
	}
	if c.Anchor.Path != "plan.md" {
		t.Errorf("comment anchored to %q, want plan.md", c.Anchor.Path)
	}
}

func mustTree(t *testing.T, r *Repo, rev string) plumbing.Hash {
	t.Helper()
	ri, err := r.resolve(rev)
	if err != nil {
		t.Fatal(err)
	}
	return ri.Tree
}
