package comment

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// A quote in one normal form finds its text in the other, and the range
// returned is in the text's own bytes.
func TestLocateNFCNFD(t *testing.T) {
	const nfc = "Die Regeln gelten ab März für Ärzte."
	nfd := norm.NFD.String(nfc)
	for _, tt := range []struct{ name, text, quote, want string }{
		{"NFD quote in NFC text", nfc, norm.NFD.String("ab März"), "ab März"},
		{"NFC quote in NFD text", nfd, "für Ärzte", norm.NFD.String("für Ärzte")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, e, m := Locate(tt.text, Anchor{Exact: tt.quote})
			if m != Exact || tt.text[s:e] != tt.want {
				t.Fatalf("Locate = %q (%v), want %q exactly", tt.text[s:e], m, tt.want)
			}
		})
	}
}
