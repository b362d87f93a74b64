package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-docs/redline/repo"
)

// testGlobals runs commands in dir with output captured, no colour.
func testGlobals(dir string) (*globals, *bytes.Buffer, *bytes.Buffer) {
	var stdout, stderr bytes.Buffer
	g := &globals{
		env: env{
			stdin:  strings.NewReader(""),
			stdout: &stdout,
			stderr: &stderr,
			getenv: func(string) string { return "" },
			getwd:  func() (string, error) { return dir, nil },
		},
		color: "auto",
	}
	return g, &stdout, &stderr
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRunDiffNoIndex calls the diff command's run function directly, without
// cobra, and reads its JSON.
func TestRunDiffNoIndex(t *testing.T) {
	dir := t.TempDir()
	oldFile, newFile := filepath.Join(dir, "old.md"), filepath.Join(dir, "new.md")
	writeFile(t, oldFile, "一、总体要求\n\n（一）在智慧医疗领域打造90项应用场景。（责任单位：市卫健委）\n")
	writeFile(t, newFile, "一、总体要求\n\n（一）在智慧医疗领域打造80项应用场景。（责任单位：市卫健委、市经信局）\n")

	g, stdout, _ := testGlobals(dir)
	opts := &diffOptions{globals: g, args: []string{oldFile, newFile}, dashAt: -1, noIndex: true, format: "json", exitCode: true}
	err := runDiff(context.Background(), opts)
	if codeFor(domain(err)) != exitDifferent {
		t.Fatalf("runDiff: %v, want exit %d", err, exitDifferent)
	}
	var got struct {
		SchemaVersion int `json:"schema_version"`
		Documents     []struct {
			Changes []struct {
				Kind       string `json:"kind"`
				Quantities []struct{ Old, New string }
				Units      struct{ Added []string }
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("diff JSON: %v\n%s", err, stdout)
	}
	if got.SchemaVersion != 1 || len(got.Documents) != 1 {
		t.Fatalf("diff JSON = %s", stdout)
	}
	var quantities, units []string
	for _, c := range got.Documents[0].Changes {
		for _, q := range c.Quantities {
			quantities = append(quantities, q.Old+"→"+q.New)
		}
		units = append(units, c.Units.Added...)
	}
	if !strings.Contains(strings.Join(quantities, " "), "90项→80项") {
		t.Errorf("quantities = %v, want 90项→80项", quantities)
	}
	if strings.Join(units, " ") != "市经信局" {
		t.Errorf("units added = %v, want 市经信局", units)
	}
}

// TestDocPath: PATH arguments are relative to the working directory when it
// is inside the repository, else to the repository's root.
func TestDocPath(t *testing.T) {
	dir := t.TempDir()
	r, err := repo.Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	tests := []struct {
		wd, arg, want string
	}{
		{dir, "plan.md", "plan.md"},
		{filepath.Join(dir, "laws"), "act.md", "laws/act.md"},
		{filepath.Join(dir, "laws"), "../plan.md", "plan.md"},
		{outside, "laws/act.md", "laws/act.md"},
		{outside, filepath.Join(dir, "laws", "act.md"), "laws/act.md"},
		{dir, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			g, _, _ := testGlobals(tt.wd)
			if got := g.docPath(r, tt.arg); got != tt.want {
				t.Errorf("docPath(%q) in %s = %q, want %q", tt.arg, tt.wd, got, tt.want)
			}
		})
	}
}
