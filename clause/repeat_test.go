package clause

import (
	"strings"
	"testing"
)

// Labels are unique within a document: where the text repeats a number
// among siblings (three lists in one §), the label says which, and the
// label without the count names all of them.
func TestRepeatedLabels(t *testing.T) {
	src := "# Gesetz\n\n## § 3\n\nErste Liste:\n\n1.  eins,\n2.  zwei.\n\nZweite Liste:\n\n1.  uno,\n2.  due.\n\nDritte Liste:\n\n1.  one.\n\n## § 4\n\n1.  vier.\n"
	d := mustParse(t, "g.md", src)
	seen := map[string]bool{}
	var all []string
	for _, n := range d.Clauses() {
		p := n.Path()
		if seen[p] {
			t.Errorf("label %q twice", p)
		}
		seen[p] = true
		all = append(all, p)
	}
	want := "§ 3 | § 3/1 | § 3/2 | § 3/1~2 | § 3/2~2 | § 3/1~3 | § 4 | § 4/1"
	if got := strings.Join(all, " | "); got != want {
		t.Errorf("paths = %s\nwant     %s", got, want)
	}
	for _, c := range []struct{ cite, want string }{
		{"§ 3/1", "§ 3/1 | § 3/1~2 | § 3/1~3"},
		{"§ 3/1~2", "§ 3/1~2"},
		{"§ 3/2~2", "§ 3/2~2"},
		{"§ 3 Nr. 2", "§ 3/2 | § 3/2~2"},
		{"§ 4/1", "§ 4/1"},
		{"§ 4/1~2", ""},
	} {
		var got []string
		for _, n := range d.FindAll(c.cite) {
			got = append(got, n.Path())
		}
		if g := strings.Join(got, " | "); g != c.want {
			t.Errorf("FindAll(%q) = %q, want %q", c.cite, g, c.want)
		}
	}
}
