package diff

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestTextGolden diffs the a and b files of every testdata/text/*.txtar
// archive and compares the redline with its want file; -update rewrites it.
func TestTextGolden(t *testing.T) {
	goldenArchives(t, "testdata/text/*.txtar", func(t *testing.T, ar *txtar.Archive) string {
		parts := archiveParts(ar)
		a, b := parts["a"], parts["b"]
		ops := Text(a, b)
		checkScript(t, a, b, ops)
		return Render(ops) + "\n"
	})
}

// checkScript asserts the invariants of an edit script from a to b: it
// applies, Equal+Delete spell a, no empty or adjacent same-kind pieces, and
// deletions come before insertions in each replaced span.
func checkScript(t testing.TB, a, b string, ops []Op) {
	t.Helper()
	got, err := Apply(a, ops)
	if err != nil || got != b {
		t.Fatalf("Apply(a, Text(a, b)) = %q, %v; want %q", got, err, b)
	}
	var old strings.Builder
	valid := utf8.ValidString(a) && utf8.ValidString(b) // else only the bytes must round-trip
	for i, op := range ops {
		if op.Text == "" {
			t.Fatalf("op %d is empty: %v", i, ops)
		}
		if valid && !utf8.ValidString(op.Text) {
			t.Fatalf("op %d splits a character: %q", i, op.Text)
		}
		if i > 0 && ops[i-1].Kind == op.Kind {
			t.Fatalf("ops %d and %d have the same kind: %v", i-1, i, ops)
		}
		if i > 0 && ops[i-1].Kind == Insert && op.Kind == Delete {
			t.Fatalf("insertion before deletion at %d: %v", i, ops)
		}
		if op.Kind != Insert {
			old.WriteString(op.Text)
		}
	}
	if old.String() != a {
		t.Fatalf("Equal and Delete spell %q, want %q", old.String(), a)
	}
}

func FuzzText(f *testing.F) {
	seeds := [][2]string{
		{"", ""},
		{"在智慧医疗领域打造90项应用场景", "在智慧医疗领域打造一批应用场景"},
		{"研发具有重大影响力的垂直行业大模型10个", "研发具有影响力的垂直行业大模型解决方案10个"},
		{"The quick brown fox.", "A quick red fox."},
		{"（责任单位：市科技局、市经信局）", "(责任单位:市科技局、市经信局、市发改委)"},
		{"a\r\nb", "a\nb\xff"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		checkScript(t, a, b, Text(a, b))
	})
}
