package clause

import (
	"strings"
	"testing"
	"unicode"
)

// TestTrim checks trim, which labels and clause texts are trimmed with,
// against strings.TrimSpace: every rune alone and around text, and broken
// UTF-8.
func TestTrim(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		for _, s := range []string{string(r), string(r) + "（一）" + string(r)} {
			if got, want := trim(s), strings.TrimSpace(s); got != want {
				t.Fatalf("trim(%q) = %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"", " ", "\u3000（一）\u3000", "\t1. \n", "\u2003x\u00a0", "\xff ", " \xe4", "a b", "\u0085", "\xe2\x80"} {
		if got, want := trim(s), strings.TrimSpace(s); got != want {
			t.Errorf("trim(%q) = %q, want %q", s, got, want)
		}
	}
}
