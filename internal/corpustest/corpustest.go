// Package corpustest finds, for tests, the corpus of real laws and
// regulations in several versions that redline is checked on: the folder
// shared/corpus beside the module's root (each law a folder of versions
// named by date, under a folder per kind: cn-law/, de-law/ …).
//
// Outside CI a test that needs the corpus skips when it is absent; with
// CI=true its absence is a failure, so CI always runs those tests.
package corpustest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A Law is one law's versions, oldest first.
type Law struct {
	Name     string   // kind/law, e.g. "cn-law/xingfa"
	Versions []string // the versions' files (*.md), sorted by name (their dates)
}

// Optional returns the corpus folder, or "" when it is absent outside CI.
func Optional(t testing.TB) string {
	t.Helper()
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(root)
		if up == root {
			t.Fatal("no go.mod above the test's directory")
		}
		root = up
	}
	dir := filepath.Join(root, "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpus not found at %s: %v", dir, err)
		}
		return ""
	}
	return dir
}

// Dir returns the corpus folder, or skips the test when it is absent
// outside CI.
func Dir(t testing.TB) string {
	t.Helper()
	dir := Optional(t)
	if dir == "" {
		t.Skip("corpus not found")
	}
	return dir
}

// Laws returns every law of the corpus with two versions or more; it fails
// the test when there is none.
func Laws(t testing.TB) []Law {
	t.Helper()
	dir := Dir(t)
	var laws []Law
	groups, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	for _, g := range groups {
		files, _ := filepath.Glob(filepath.Join(g, "*.md"))
		if len(files) < 2 {
			continue
		}
		slices.Sort(files)
		rel, _ := filepath.Rel(dir, g)
		laws = append(laws, Law{Name: filepath.ToSlash(rel), Versions: files})
	}
	if len(laws) == 0 {
		t.Fatalf("no law with two versions in %s", dir)
	}
	return laws
}

// Pairs returns every two consecutive versions of every law.
func Pairs(t testing.TB) [][2]string {
	t.Helper()
	var pairs [][2]string
	for _, l := range Laws(t) {
		for i := 1; i < len(l.Versions); i++ {
			pairs = append(pairs, [2]string{l.Versions[i-1], l.Versions[i]})
		}
	}
	return pairs
}
