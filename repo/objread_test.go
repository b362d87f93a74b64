package repo

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/redline-docs/redline/internal/synth"
)

// looseRepo commits a generated plan and returns the repository and the
// plan's blob.
func looseRepo(t *testing.T) (*Repo, plumbing.Hash, string) {
	t.Helper()
	r := newRepo(t)
	text := synth.NewPlan(50_000, 1).String()
	write(t, r, "plan.md", text)
	commitAll(t, r, 0, "rev 0")
	ri, err := r.resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	blob, ok := r.blobAt(ri.Tree, "plan.md")
	if !ok {
		t.Fatal("no plan.md at HEAD")
	}
	return r, blob, text
}

// goGitBlob reads a blob the way go-git does.
func goGitBlob(t *testing.T, r *Repo, h plumbing.Hash) []byte {
	t.Helper()
	o, err := goGitStore(r).EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := o.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadBlobMatchesGoGit(t *testing.T) {
	r, blob, text := looseRepo(t)
	got, err := r.readBlob(blob)
	if err != nil {
		t.Fatalf("readBlob = %v; want the loose object", err)
	}
	if want := goGitBlob(t, r, blob); !bytes.Equal(got, want) || string(got) != text {
		t.Fatalf("readBlob read %d bytes, go-git %d, the text is %d", len(got), len(want), len(text))
	}
}

func TestReadBlobMissing(t *testing.T) {
	r, _, _ := looseRepo(t)
	if _, err := r.readBlob(plumbing.NewHash(strings.Repeat("ab", 20))); !errors.Is(err, plumbing.ErrObjectNotFound) {
		t.Fatalf("readBlob of a missing object = %v; want %v", err, plumbing.ErrObjectNotFound)
	}
}

func TestReadBlobNotABlob(t *testing.T) {
	r, _, _ := looseRepo(t)
	ri, err := r.resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.readBlob(ri.Hash); !errors.Is(err, plumbing.ErrObjectNotFound) {
		t.Fatalf("readBlob of a commit = %v; want %v", err, plumbing.ErrObjectNotFound)
	}
}

// A damaged loose object is an error, never wrong text.
func TestReadLooseDamaged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"checksum", func(b []byte) []byte { b[len(b)-1] ^= 0xff; return b }},
		{"longer than its header", func([]byte) []byte { return deflate("blob 3\x00abcd") }},
		{"shorter than its header", func([]byte) []byte { return deflate("blob 5\x00abcd") }},
		{"no header", func([]byte) []byte { return deflate("blob") }},
		{"bad size", func([]byte) []byte { return deflate("blob x\x00abcd") }},
		{"not zlib", func(b []byte) []byte { return []byte("blob 3\x00abc") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, blob, _ := looseRepo(t)
			hex := blob.String()
			p := filepath.Join(r.s.gitDir, "objects", hex[:2], hex[2:])
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(p, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, tc.damage(slices.Clone(b)), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, err := r.readBlob(blob); err == nil {
				t.Fatalf("readBlob of a damaged object = %d bytes, no error", len(got))
			}
		})
	}
}

func deflate(s string) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// After git gc the objects are packed: readBlob reads them from the pack.
func TestReadBlobPacked(t *testing.T) {
	r, blob, text := looseRepo(t)
	git(t, r.Dir(), "gc", "-q", "--prune=now")
	if _, err := os.Stat(r.s.objs.LoosePath(blob)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the blob is still loose after git gc: %v", err)
	}
	r2, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	got, err := r2.readBlob(blob)
	if err != nil || string(got) != text {
		t.Fatalf("readBlob of a packed blob = %d bytes, %v; want the %d-byte text", len(got), err, len(text))
	}
}

// readAhead changes no result: a document's ids at two revisions are the
// same read one after the other as read side by side.
func TestReadAheadSameIDs(t *testing.T) {
	r := newRepo(t)
	d := synth.NewPlan(50_000, 1)
	write(t, r, "plan.md", d.String())
	commitAll(t, r, 0, "rev 0")
	d.Step(1)
	write(t, r, "plan.md", d.String())
	commitAll(t, r, 1, "rev 1")
	ids := func(ahead bool) [][]string {
		fresh, err := Open(r.Dir())
		if err != nil {
			t.Fatal(err)
		}
		var revs []*revInfo
		for _, rev := range []string{"HEAD~1", "HEAD"} {
			ri, err := fresh.resolve(rev)
			if err != nil {
				t.Fatal(err)
			}
			revs = append(revs, ri)
		}
		if ahead {
			fresh.readAhead("plan.md", revs...)
			if len(fresh.s.parsed) != 2 || len(fresh.s.idsFiles) != 2 {
				t.Fatalf("readAhead kept %d documents and %d ids files, want 2 and 2", len(fresh.s.parsed), len(fresh.s.idsFiles))
			}
			for _, ri := range revs {
				if fresh.memo(ri.Hash, "plan.md") == nil {
					t.Fatalf("readAhead left no ids for %s, whose record lists its clauses in order", ri.Hash)
				}
			}
		}
		var out [][]string
		for _, ri := range revs {
			di, err := fresh.idsAt(ri, "plan.md")
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, di.ids)
		}
		return out
	}
	if a, b := ids(false), ids(true); !slices.EqualFunc(a, b, slices.Equal) || len(a[1]) == 0 {
		t.Fatalf("ids differ with readAhead: %d/%d clauses vs %d/%d", len(a[0]), len(a[1]), len(b[0]), len(b[1]))
	}
}
