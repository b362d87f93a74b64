package diff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestQuantityGolden finds the quantities of the a and b files of every
// testdata/quantity/*.txtar archive and pairs them; the want file lists
// both and the changes. -update rewrites it.
func TestQuantityGolden(t *testing.T) {
	goldenArchives(t, "testdata/quantity/*.txtar", func(t *testing.T, ar *txtar.Archive) string {
		parts := archiveParts(ar)
		a, b := parts["a"], parts["b"]
		var got strings.Builder
		for _, side := range []struct{ name, s string }{{"a", a}, {"b", b}} {
			for _, q := range Quantities(side.s) {
				fmt.Fprintf(&got, "%s: %s\n", side.name, quantityLine(q))
			}
		}
		for _, c := range CompareQuantities(a, b) {
			fmt.Fprintf(&got, "change: %s → %s @%s\n", orNone(c.Old), orNone(c.New), c.Context)
		}
		return got.String()
	})
}

func fileData(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// quantityLine renders q as Text=Value Unit [Bound] (vague) @Context.
func quantityLine(q Quantity) string {
	s := fmt.Sprintf("%s=%v", q.Text, q.Value)
	if q.Unit != "" {
		s += " " + q.Unit
	}
	if q.Bound != "" {
		s += " [" + q.Bound + "]"
	}
	if q.Vague {
		s += " vague"
	}
	if q.Context != "" {
		s += " @" + q.Context
	}
	return s
}
