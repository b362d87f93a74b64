package diff

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestQuantityGolden finds the quantities of the a and b files of every
// testdata/quantity/*.txtar archive and pairs them; the want file lists
// both and the changes. -update rewrites it.
func TestQuantityGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/quantity/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			parts := map[string]string{}
			for _, f := range ar.Files {
				parts[f.Name] = strings.TrimSuffix(string(f.Data), "\n")
			}
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
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = []byte(got.String())
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(fileData(ar, "want")); got.String() != want {
				t.Errorf("quantities:\n got:\n%s\nwant:\n%s", got.String(), want)
			}
		})
	}
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
