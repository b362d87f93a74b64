package repo

import (
	"context"
	"os"
	"reflect"
	"testing"

	"github.com/redline-docs/redline/clause"
)

// The parse cache is derived data: a diff fills it, a later one decodes
// it into the very document a parse gives, and a damaged entry, or one for
// another path, is ignored and rewritten, never decoded into a wrong tree.
func TestParseCache(t *testing.T) {
	for _, mapped := range []bool{false, true} {
		r, blob, text := looseRepo(t)
		write(t, r, "plan.md", text+"\n一百、新增条款。\n")
		commitAll(t, r, 1, "rev 1")
		open := func() *Repo {
			fresh, err := Open(r.Dir())
			if err != nil {
				t.Fatal(err)
			}
			if mapped {
				fresh.MapCaches()
			}
			return fresh
		}
		if _, err := open().Diff(context.Background(), DiffOptions{From: "HEAD~1", To: "HEAD"}); err != nil {
			t.Fatal(err)
		}
		want, err := clause.Parse("plan.md", []byte(text), clause.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, ok := open().cachedParse("plan.md", blob)
		if !ok {
			t.Fatalf("mapped %v: no parse cache entry after a diff", mapped)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("mapped %v: the cached document differs from a parse", mapped)
		}
		if _, ok := open().cachedParse("other.md", blob); ok {
			t.Fatal("an entry is served for another path")
		}
		p := r.parsedCachePath("plan.md", blob)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range []int{len(parsedMagic) + 3, len(b) / 3, len(b) - 10} {
			damaged := append([]byte(nil), b...)
			damaged[at] ^= 0x20
			if err := os.WriteFile(p, damaged, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, ok := open().cachedParse("plan.md", blob); ok {
				t.Fatalf("a damaged entry (byte %d of %d) is served", at, len(b))
			}
		}
		// The next diff rewrites it.
		if _, err := open().Diff(context.Background(), DiffOptions{From: "HEAD~1", To: "HEAD"}); err != nil {
			t.Fatal(err)
		}
		if again, err := os.ReadFile(p); err != nil || string(again) != string(b) {
			t.Fatalf("the damaged entry was not rewritten: %v", err)
		}
	}
}
