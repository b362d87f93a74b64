package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeServer writes an executable shell script named redline-serve in dir
// that records its arguments in dir/args and exits with code.
func fakeServer(t *testing.T, dir string, code int) string {
	t.Helper()
	p := filepath.Join(dir, serverBinary)
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + filepath.Join(dir, "args") + "'\nexit " + string(rune('0'+code)) + "\n"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestServeFindsServer: `redline serve` runs redline-serve found beside the
// running redline first, then on PATH, then (in a clone of redline's source)
// with go run; with none of them it says how to get one. Nothing is built
// or fetched: the commands are only looked at, or a script stands in.
func TestServeFindsServer(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("shell scripts stand in for the server")
	}
	tmp := t.TempDir()
	work := filepath.Join(tmp, "work") // a repository's directory, not in a clone
	bin := filepath.Join(tmp, "bin")   // where redline is installed
	onPath := filepath.Join(tmp, "path")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	pathEnv := "relative" + string(filepath.ListSeparator) + onPath
	setup := func(dir string) *globals {
		g, _, _ := testGlobals(dir)
		g.executable = func() (string, error) { return filepath.Join(bin, "redline"), nil }
		g.getenv = func(k string) string {
			if k == "PATH" {
				return pathEnv
			}
			return ""
		}
		return g
	}

	// none: the error says how
	_, err := serverCommand(setup(work), nil)
	if !errors.Is(err, errNoServer) {
		t.Fatalf("no server anywhere: %v", err)
	}
	for _, w := range []string{"beside redline nor on PATH", "go install github.com/redline-docs/redline/cmd/redline-serve@latest", "go run ./cmd/redline serve"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("the error does not say %q: %v", w, err)
		}
	}
	if code := codeFor(runServe(setup(work), nil)); code == exitOK {
		t.Errorf("redline serve without a server: exit %d", code)
	}

	// a clone of redline's source: go run from its root, naming the repository
	clone := filepath.Join(tmp, "clone")
	writeFile(t, filepath.Join(clone, "go.mod"), "module github.com/redline-docs/redline\n\ngo 1.25\n")
	sub := filepath.Join(clone, "examples", "wuhan")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	c, err := serverCommand(setup(sub), []string{"--write"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Args, " "); c.Dir != clone || got != "go run ./cmd/redline-serve --repo "+sub+" --write" {
		t.Errorf("from a clone: %q in %s", got, c.Dir)
	}

	// on PATH (a relative PATH entry is not trusted)
	fakeServer(t, filepath.Join(work, "relative"), 0)
	p := fakeServer(t, onPath, 0)
	if c, err := serverCommand(setup(work), nil); err != nil || c.Path != p {
		t.Errorf("on PATH: %v %v", c, err)
	}
	// beside redline, before PATH
	p = fakeServer(t, bin, 4)
	if c, err := serverCommand(setup(work), nil); err != nil || c.Path != p {
		t.Errorf("beside redline: %v %v", c, err)
	}
	// run: the flags pass through after --repo, the server's exit code is redline's
	g := setup(work)
	g.repoDir = "sub"
	err = runServe(g, []string{"--addr", "127.0.0.1:0", "--write"})
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 4 {
		t.Errorf("exit code: %v", err)
	}
	args, err := os.ReadFile(filepath.Join(bin, "args"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "--repo\n" + filepath.Join(work, "sub") + "\n--addr\n127.0.0.1:0\n--write\n"; string(args) != want {
		t.Errorf("the server got %q, want %q", args, want)
	}
}
