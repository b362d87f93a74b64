package clause

import "testing"

// Numeral writes what the parser reads: every value it writes in Chinese
// reads back as itself.
func TestNumeralReadsBack(t *testing.T) {
	for v := 1; v < 10000; v++ {
		s := Numeral(v)
		got, n, ok := parseCNNumber([]byte(s))
		if !ok || n != len(s) || got != v {
			t.Fatalf("Numeral(%d) = %q reads back as %d (ok %v, %d of %d bytes)", v, s, got, ok, n, len(s))
		}
	}
}
