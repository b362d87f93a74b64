package clause

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFindNFD(t *testing.T) {
	src := []byte("# Gesetz\n\n## Übergangsbestimmungen\n\nDie Regeln gelten ab März.\n")
	for _, text := range [][]byte{src, []byte(norm.NFD.String(string(src)))} {
		doc, err := Parse("g.md", text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, label := range []string{"Übergangsbestimmungen", norm.NFD.String("Übergangsbestimmungen")} {
			if doc.Find(label) == nil {
				t.Errorf("%q not found in the %d-byte text", label, len(text))
			}
		}
	}
}
