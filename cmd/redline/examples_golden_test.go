package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/redline-docs/redline/examples"
)

// TestExampleGoldens renders every output format from the real embedded
// examples, built into repositories the way the demo builds them: the
// annotated diff first stage → last stage in each --format, the comparison
// table, blame, the comment list and the report in each format. Run with
// -update to rewrite testdata/golden/ after an intended change; the diff of
// the goldens is then the review of that change.
func TestExampleGoldens(t *testing.T) {
	for _, ex := range examples.All() {
		t.Run(ex.Name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), ex.Name)
			if _, err := buildExample(context.Background(), ex, dir, func(string, ...any) {}); err != nil {
				t.Fatal(err)
			}
			first, last := ex.Revisions[0].Stage, ex.Revisions[len(ex.Revisions)-1].Stage
			outputs := []struct {
				file string
				args []string
			}{
				{"diff.txt", []string{"diff", first, last}},
				{"diff.md", []string{"diff", first, last, "--format", "markdown"}},
				{"diff.html", []string{"diff", first, last, "--format", "html"}},
				{"diff.json", []string{"diff", first, last, "--format", "json"}},
				{"table.md", []string{"diff", first, last, "--format", "table"}},
				{"table.html", []string{"diff", first, last, "--format", "table-html"}},
				{"blame.txt", []string{"blame"}},
				{"comments.txt", []string{"comment", "list"}},
				{"report.md", []string{"report", "--format", "markdown"}},
				{"report.html", []string{"report", "--format", "html"}},
				{"report.csv", []string{"report", "--format", "csv"}},
			}
			for _, o := range outputs {
				t.Run(o.file, func(t *testing.T) {
					var stdout, stderr bytes.Buffer
					args := append([]string{"--repo", dir, "--color", "never"}, o.args...)
					if code := Main(args, nil, &stdout, &stderr); code != 0 {
						t.Fatalf("redline %v: exit %d: %s", o.args, code, stderr.String())
					}
					golden := filepath.Join("testdata", "golden", ex.Name+"."+o.file)
					if *update {
						if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v (run go test -update to create it)", err)
					}
					if !bytes.Equal(stdout.Bytes(), want) {
						t.Errorf("redline %v differs from %s (go test -update rewrites it after an intended change)\ngot:\n%s", o.args, golden, clip(stdout.String()))
					}
				})
			}
		})
	}
}

// clip shortens long output in failure messages.
func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "\n…"
	}
	return s
}
