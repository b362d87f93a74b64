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

func TestNumeralValue(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"一", 1, true}, {"十", 10, true}, {"十二", 12, true}, {"二十", 20, true},
		{"一百零五", 105, true}, {"二百零五", 205, true}, {"两千", 2000, true}, {"一千零一", 1001, true},
		{"", 0, false}, {"一二", 0, false}, {"十十", 0, false}, {"十二条", 0, false}, {"12", 0, false},
	} {
		v, ok := NumeralValue(tt.in)
		if v != tt.want || ok != tt.ok {
			t.Errorf("NumeralValue(%q) = %d, %v; want %d, %v", tt.in, v, ok, tt.want, tt.ok)
		}
		if tt.ok && Numeral(v) != tt.in && tt.in != "两千" {
			t.Errorf("Numeral(%d) = %q, want %q", v, Numeral(v), tt.in)
		}
	}
}
