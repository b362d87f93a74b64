package clause

import (
	"strings"
	"testing"
	"unicode"
)

func TestIsUnicodeSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isUnicodeSpace(r), unicode.IsSpace(r); got != want {
			t.Fatalf("isUnicodeSpace(%U) = %v, want %v", r, got, want)
		}
	}
}

func TestTrimUnicodeSpace(t *testing.T) {
	for _, s := range []string{"", " ", "\u3000（一）\u3000", "（一）", "\t1. \n", "\u2003x\u00a0", "\xff ", " \xe4", "a b", "\u0085"} {
		if got, want := trimUnicodeSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimUnicodeSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
