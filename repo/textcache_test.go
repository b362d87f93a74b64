package repo

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/internal/synth"
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

// A diff keeps the two revisions' ids files in the text cache too, and a
// damaged entry of one changes no id.
func TestTextCacheIDs(t *testing.T) {
	r, _, text := looseRepo(t)
	write(t, r, "plan.md", text+"\n一百、新增条款。\n")
	commitAll(t, r, 1, "rev 1")
	var idsBlobs []plumbing.Hash
	for _, rev := range []string{"HEAD~1", "HEAD"} {
		ri, err := r.resolve(rev)
		if err != nil {
			t.Fatal(err)
		}
		h, ok := r.blobAt(ri.Tree, idsPath("plan.md"))
		if !ok {
			t.Fatalf("no ids file at %s", rev)
		}
		idsBlobs = append(idsBlobs, h)
	}
	diff := func() []string {
		t.Helper()
		fresh, err := Open(r.Dir())
		if err != nil {
			t.Fatal(err)
		}
		res, err := fresh.Diff(context.Background(), DiffOptions{From: "HEAD~1", To: "HEAD"})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, d := range res.Documents {
			for _, c := range d.Changes {
				ids = append(ids, c.ClauseID)
			}
		}
		return ids
	}
	want := diff()
	if len(want) == 0 {
		t.Fatal("the diff shows no change")
	}
	for _, h := range idsBlobs {
		if _, ok := r.cachedText(h); !ok {
			t.Fatalf("ids file %s is not in the text cache after a diff", h)
		}
	}
	if err := os.WriteFile(r.textCachePath(idsBlobs[1]), []byte(`{"blob": "x", "clauses": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := diff(); !slices.Equal(got, want) {
		t.Fatalf("ids with a damaged cache entry = %v, want %v", got, want)
	}
}

// Range reports the size of the documents it read ahead, which the command
// line tunes the garbage collector to; nothing for the work tree.
func TestRangeBytes(t *testing.T) {
	r, _, text := looseRepo(t)
	next := text + "\n一百、新增条款。\n"
	write(t, r, "plan.md", next)
	commitAll(t, r, 1, "rev 1")
	fresh, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	rg, err := fresh.Range(DiffOptions{From: "HEAD~1", To: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(len(text) + len(next)); rg.Bytes != want {
		t.Fatalf("Range.Bytes = %d, want %d", rg.Bytes, want)
	}
	if rg, err = fresh.Range(DiffOptions{From: "HEAD"}); err != nil || rg.Bytes != 0 {
		t.Fatalf("Range of the work tree: Bytes = %d, %v; want 0", rg.Bytes, err)
	}
}

// With MapCaches the text cache's entries are mapped, not copied (a text
// of 64 KiB or more): show serves the mapped text, and a damaged entry of
// the same size is still ignored.
func TestTextCacheMapped(t *testing.T) {
	r := newRepo(t)
	text := synth.NewPlan(200_000, 1).String()
	write(t, r, "plan.md", text)
	commitAll(t, r, 0, "rev 0")
	write(t, r, "plan.md", text+"\n一百、新增条款。\n")
	commitAll(t, r, 1, "rev 1")
	fresh, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	fresh.MapCaches()
	if _, err := fresh.Diff(context.Background(), DiffOptions{From: "HEAD~1", To: "HEAD"}); err != nil {
		t.Fatal(err)
	}
	ri, err := fresh.resolve("HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	blob, _ := fresh.blobAt(ri.Tree, "plan.md")
	if b, ok := fresh.cachedText(blob); !ok || string(b) != text {
		t.Fatalf("mapped text cache entry: %d bytes, %v; want the %d-byte text", len(b), ok, len(text))
	}
	got, err := fresh.Show(context.Background(), "HEAD~1", "plan.md")
	if err != nil || string(got) != text {
		t.Fatalf("show from a mapped entry: %d bytes, %v; want the text", len(got), err)
	}
	damaged := []byte(text)
	damaged[len(damaged)/2] ^= 1
	if err := os.WriteFile(fresh.textCachePath(blob), damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := fresh.cachedText(blob); ok {
		t.Fatal("a damaged mapped entry is served")
	}
	got, err = fresh.Show(context.Background(), "HEAD~1", "plan.md")
	if err != nil || string(got) != text {
		t.Fatalf("show with a damaged mapped entry: %d bytes, %v; want the text", len(got), err)
	}
}
