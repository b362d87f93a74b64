package repo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/redline-docs/redline/revision"
)

// An entry decodes to what was encoded, every field of revision.Clause
// included (a field added to it without the cache fails here), and only
// for its own version and blob; a damaged or cut entry is refused.
func TestClausesCacheRoundTrip(t *testing.T) {
	c := &revision.Clauses{Lang: "zh"}
	for i := range 3 {
		var cl revision.Clause
		v := reflect.ValueOf(&cl).Elem()
		for f := range v.NumField() {
			if v.Field(f).Kind() != reflect.String {
				t.Fatalf("revision.Clause.%s is not a string: the cache does not encode it", v.Type().Field(f).Name)
			}
			v.Field(f).SetString(fmt.Sprintf("%s %d 第%d条", v.Type().Field(f).Name, i, f))
		}
		c.List = append(c.List, cl)
	}
	c.List = append(c.List, revision.Clause{},
		revision.Clause{ID: "c9", Label: "第九条", Text: "第九条 本条例自公布之日起施行。", Body: "本条例自公布之日起施行。"}) // all empty; a body that ends the text
	b := appendClauses(nil, "v1", "blob", c)
	got, ok := decodeClauses(b, "v1", "blob")
	if !ok || !reflect.DeepEqual(got, c) {
		t.Fatalf("decode = %+v, %v; want %+v", got, ok, c)
	}
	if _, ok := decodeClauses(b, "v2", "blob"); ok {
		t.Fatal("an entry of another version is used")
	}
	if _, ok := decodeClauses(b, "v1", "other"); ok {
		t.Fatal("an entry of another blob is used")
	}
	for i := range b {
		bad := append([]byte(nil), b...)
		bad[i] ^= 0x20
		if _, ok := decodeClauses(bad, "v1", "blob"); ok {
			t.Fatalf("an entry with byte %d changed is used", i)
		}
		if _, ok := decodeClauses(b[:i], "v1", "blob"); ok {
			t.Fatalf("an entry cut at %d is used", i)
		}
	}
}

func FuzzDecodeClauses(f *testing.F) {
	f.Add(appendClauses(nil, "v1", "blob", &revision.Clauses{Lang: "en", List: []revision.Clause{{ID: "c1", Label: "1"}}}))
	f.Add([]byte(clausesMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, ok := decodeClauses(b, "v1", "blob")
		if !ok {
			return
		}
		// What decodes encodes to an entry that decodes the same.
		again, ok := decodeClauses(appendClauses(nil, "v1", "blob", c), "v1", "blob")
		if !ok || !reflect.DeepEqual(again, c) {
			t.Fatalf("re-encoded entry decodes to %+v, %v; want %+v", again, ok, c)
		}
	})
}

// Repo.Clauses writes an entry once and reads it after; a damaged entry
// gives the same clauses (parsed again) and is rewritten.
func TestClausesCacheInRepo(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.md", "一、总则\n（一）目标。\n（二）原则。\n")
	commitAll(t, r, 0, "rev 0")
	fresh, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	ri, err := fresh.resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	want, err := fresh.Clauses(context.Background(), ri.rev(), "plan.md")
	if err != nil || want == nil || len(want.List) != 3 {
		t.Fatalf("Clauses = %+v, %v", want, err)
	}
	files, _ := filepath.Glob(fresh.cachePath("clauses", "*", "*.rlc"))
	if len(files) != 1 {
		t.Fatalf("cache entries: %v, want one", files)
	}
	if err := os.WriteFile(files[0], []byte("RLCC1 damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	got, err := again.Clauses(context.Background(), ri.rev(), "plan.md")
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Clauses with a damaged entry = %+v, %v; want %+v", got, err, want)
	}
	if b, err := os.ReadFile(files[0]); err != nil || len(b) < 20 || string(b[:5]) != clausesMagic {
		t.Fatalf("the damaged entry was not rewritten: %q", b)
	}
}

// Reading revisions one by one (history, blame) fills neither the text nor
// the parse cache: their few entries are for the two sides of a diff.
func TestClausesLeaveDiffCaches(t *testing.T) {
	r := newRepo(t)
	texts := []string{"一、总则\n（一）目标。\n", "一、总则\n（一）目标。\n（二）原则。\n", "一、总则\n（一）新目标。\n（二）原则。\n"}
	for i, text := range texts {
		write(t, r, "plan.md", text)
		commitAll(t, r, i, fmt.Sprintf("rev %d", i))
	}
	os.RemoveAll(r.cachePath())
	fresh, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	for _, rev := range []string{"HEAD~2", "HEAD~1", "HEAD"} {
		ri, err := fresh.resolve(rev)
		if err != nil {
			t.Fatal(err)
		}
		if c, err := fresh.Clauses(context.Background(), ri.rev(), "plan.md"); err != nil || c == nil {
			t.Fatalf("Clauses at %s = %v, %v", rev, c, err)
		}
	}
	for _, dir := range []string{"text", "parsed"} {
		if entries, _ := os.ReadDir(fresh.cachePath(dir)); len(entries) > 0 {
			t.Errorf("%s cache after reading revisions one by one: %d entries, want none", dir, len(entries))
		}
	}
	if files, _ := filepath.Glob(fresh.cachePath("clauses", "*", "*.rlc")); len(files) != 3 {
		t.Errorf("clauses cache: %d entries, want 3", len(files))
	}
}

// A commit leaves its revision's clauses cached, as reading them later
// would give them.
func TestCommitKeepsClauses(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.md", "一、总则\n（一）目标。\n（二）原则。\n")
	commitAll(t, r, 0, "rev 0")
	ri, err := r.resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	blob, _ := r.blobAt(ri.Tree, "plan.md")
	cached, ok := r.cachedClauses(r.clausesPath(ri, "plan.md"), blob.String())
	if !ok {
		t.Fatal("no clauses cached by the commit")
	}
	os.RemoveAll(r.cachePath())
	fresh, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	want, err := fresh.Clauses(context.Background(), ri.rev(), "plan.md")
	if err != nil || !reflect.DeepEqual(cached, want) {
		t.Fatalf("clauses cached by the commit = %+v; read after = %+v, %v", cached, want, err)
	}
}

// A commit leaves the text, parsed tree and ids file of each document it
// changed in the text and parse caches, for the diff and show that usually
// follow it.
func TestCommitKeepsParsedTree(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.md", "一、总则\n（一）目标。\n（二）原则。\n")
	commitAll(t, r, 0, "rev 0")
	ri, err := r.resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	blob, _ := r.blobAt(ri.Tree, "plan.md")
	d, ok := r.cachedParse("plan.md", blob)
	if !ok {
		t.Fatal("no parsed tree cached by the commit")
	}
	if got := len(d.Clauses()); got != 3 {
		t.Fatalf("cached tree has %d clauses, want 3", got)
	}
	if _, ok := r.cachedText(blob); !ok {
		t.Fatal("no text cached by the commit")
	}
	idsBlob, _ := r.blobAt(ri.Tree, idsPath("plan.md"))
	if _, ok := r.cachedText(idsBlob); !ok {
		t.Fatal("no ids file cached by the commit")
	}
}
