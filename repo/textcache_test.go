package repo

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// The text cache is derived data: a diff fills it, show reads it, and a
// damaged entry is ignored (and rewritten by the next diff), never shown.
func TestTextCache(t *testing.T) {
	r, blob, text := looseRepo(t)
	write(t, r, "plan.md", text+"\n一百、新增条款。\n")
	commitAll(t, r, 1, "rev 1")
	fresh, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.Diff(context.Background(), DiffOptions{From: "HEAD~1", To: "HEAD"}); err != nil {
		t.Fatal(err)
	}
	p := fresh.textCachePath(blob)
	if b, err := os.ReadFile(p); err != nil || string(b) != text {
		t.Fatalf("text cache after diff: %d bytes, %v; want the %d-byte text", len(b), err, len(text))
	}
	if err := os.WriteFile(p, []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := fresh.Show(context.Background(), "HEAD~1", "plan.md")
	if err != nil || string(got) != text {
		t.Fatalf("show with a damaged cache entry = %q…, %v; want the text", got[:min(len(got), 20)], err)
	}
	if _, ok := fresh.cachedText(blob); ok {
		t.Fatal("a damaged entry is served")
	}
}

func TestTextCacheLimit(t *testing.T) {
	r := newRepo(t)
	for i := range textCacheLimit + 3 {
		b := []byte{byte('a' + i)}
		r.keepText(blobHash(b), b)
	}
	entries, err := os.ReadDir(filepath.Dir(r.textCachePath(plumbing.ZeroHash)))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != textCacheLimit {
		t.Fatalf("text cache holds %d entries, want %d", len(entries), textCacheLimit)
	}
}
