package clause

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dump writes a readable tree: one line per clause with its kind, path,
// number, title, units and the start of its text.
func dump(d *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "lang=%s markdown=%v clauses=%d\n", d.Lang, d.markdown, len(d.Clauses()))
	if d.Title != "" {
		fmt.Fprintf(&b, "title: %q\n", d.Title)
	}
	if t := d.Root.Text(); t != "" {
		fmt.Fprintf(&b, "root: %q\n", excerpt(t, 30))
	}
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		for _, c := range n.Children {
			fmt.Fprintf(&b, "%s%s %s", strings.Repeat("  ", depth), c.Kind, c.Path())
			if c.Num.Valid {
				fmt.Fprintf(&b, " #%d", c.Num.Value)
				if c.Num.Sub > 0 {
					fmt.Fprintf(&b, "之%d", c.Num.Sub)
				}
			}
			if c.Depth > 0 {
				fmt.Fprintf(&b, " depth=%d", c.Depth)
			}
			if c.Title != "" {
				fmt.Fprintf(&b, " title=%q", c.Title)
			}
			if len(c.Units) > 0 {
				var us []string
				for _, u := range c.Units {
					us = append(us, fmt.Sprintf("%s:%s", []string{"责任", "牵头", "配合"}[u.Role], u.Name))
				}
				fmt.Fprintf(&b, " units=[%s] trailer=%q", strings.Join(us, " "), d.Src[c.UnitsStart:c.UnitsEnd])
			}
			fmt.Fprintf(&b, "\n%s  | %q\n", strings.Repeat("  ", depth), excerpt(c.Body(), 40))
			walk(c, depth+1)
		}
	}
	walk(d.Root, 0)
	return b.String()
}

func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n/2]) + "…" + string(r[len(r)-n/2:])
}

// TestGolden parses every document in testdata/ and compares its tree dump
// with the .golden file beside it. go test -run TestGolden -update rewrites them.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".golden") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(filepath.Base(f), src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d.String() != string(src) {
				t.Fatal("String() does not reproduce the input")
			}
			checkTree(t, d)
			got := dump(d)
			golden := f + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("tree differs from %s (run with -update to accept):\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first lines where two dumps differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, z string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			z = g[i]
		}
		if a != z {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, a, z)
			if shown++; shown == 8 {
				break
			}
		}
	}
	return b.String()
}

// checkTree verifies the invariants every parse must keep: offsets in
// bounds and nested, children ordered and not overlapping, parents and
// documents set, depth within the limit.
func checkTree(t testing.TB, d *Document) {
	t.Helper()
	if d.Root.Kind != KindDocument || d.Root.Start != 0 || d.Root.End != len(d.Src) {
		t.Fatalf("root = %v [%d,%d), want document [0,%d)", d.Root.Kind, d.Root.Start, d.Root.End, len(d.Src))
	}
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		if depth > 32 {
			t.Fatalf("depth %d > 32", depth)
		}
		if n.Doc() != d {
			t.Fatalf("%s: Doc() not set", n.Path())
		}
		if !(0 <= n.Start && n.Start <= n.HeadEnd && n.HeadEnd <= n.End && n.End <= len(d.Src)) {
			t.Fatalf("%s: bad offsets start=%d head=%d end=%d len=%d", n.Path(), n.Start, n.HeadEnd, n.End, len(d.Src))
		}
		// A trailer is in the clause's own text, or in its tail after its
		// children.
		if len(n.Units) > 0 && !(n.Start <= n.UnitsStart && n.UnitsStart <= n.UnitsEnd && n.UnitsEnd <= n.End) {
			t.Fatalf("%s: units [%d,%d) outside the clause [%d,%d)", n.Path(), n.UnitsStart, n.UnitsEnd, n.Start, n.End)
		}
		_ = n.Text()
		_ = n.Body()
		_ = n.Label()
		if n.Kind != KindDocument && n.Marker != "" && !strings.HasPrefix(string(d.Src[n.Start:n.End]), n.Marker) {
			t.Fatalf("%s: marker %q is not at the clause start %q", n.Path(), n.Marker, excerpt(string(d.Src[n.Start:n.End]), 20))
		}
		prevEnd := n.HeadEnd
		for i, c := range n.Children {
			if c.Parent != n {
				t.Fatalf("%s: child %d has the wrong parent", n.Path(), i)
			}
			if c.Start < prevEnd || c.End > n.End {
				t.Fatalf("%s: child %s [%d,%d) overlaps or leaves [%d,%d)", n.Path(), c.Path(), c.Start, c.End, prevEnd, n.End)
			}
			prevEnd = c.End
			walk(c, depth+1)
		}
	}
	walk(d.Root, 0)
}
