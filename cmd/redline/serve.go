package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"
)

// serverBinary is the web server's program. It is a binary of its own so
// that net/http is not linked into redline (every command would start
// slower); `redline serve` runs it as git runs git-instaweb.
const serverBinary = "redline-serve"

// errNoServer is returned when neither the server binary nor a clone to
// run it from can be found; it says how to get one.
var errNoServer = errors.New("serve: the " + serverBinary + " program was not found beside redline nor on PATH; " +
	"install it beside redline with 'go install github.com/redline-docs/redline/cmd/" + serverBinary + "@latest' " +
	"(or 'go install ./cmd/" + serverBinary + "' in a clone of redline's source), " +
	"or run 'go run ./cmd/redline serve --repo DIR' from a clone")

func newServeCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:7070] [--write] [--open] [--host NAME]…",
		Short: "Serve the repository as a local web app (timeline, redlines, history, comments, report)",
		Long: `Serve runs the review desk in a browser: the documents and the revision
timeline, the redline of any two revisions, one clause's history, blame,
the comment table and the consultation report with its downloads, each at a
stable URL.

It listens on 127.0.0.1:7070 unless --addr says otherwise (and warns when
the address is reachable from other machines; it has no login of its own).
Requests must name the listening address in their Host header; --host adds
the name a proxy in front uses. Without --write nothing can change; with
it, reviewers record dispositions and add comments from the page, each
write taking the repository lock as redline comment set/add does.
--open opens the default browser. Ctrl-C stops it.

The server is the separate program redline-serve, found beside redline or
on PATH; from a clone of redline's source it is run with go run.`,
		Example: `  redline serve                      # http://127.0.0.1:7070/, read-only
  redline serve --write --open
  redline serve --addr 0.0.0.0:7070 --host review.example.org   # behind a proxy`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(g, args)
		},
	}
}

func runServe(g *globals, args []string) error {
	if dir := g.repoDir; dir != "" {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(g.workDir(), dir)
		}
		args = append([]string{"--repo", dir}, args...)
	}
	c, err := serverCommand(g, args)
	if err != nil {
		return err
	}
	c.Stdin, c.Stdout, c.Stderr = g.stdin, g.stdout, g.stderr
	if err := c.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() > 0 {
			return &exitError{ee.ExitCode()}
		}
		return err
	}
	return nil
}

// serverCommand finds redline-serve: beside the running redline, on PATH,
// or (go run ./cmd/redline serve from a clone) built from the clone with go
// run. Nothing is fetched: go run builds from the clone's own source.
func serverCommand(g *globals, args []string) (*exec.Cmd, error) {
	name := serverBinary
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	executable := g.executable
	if executable == nil {
		executable = os.Executable
	}
	if self, err := executable(); err == nil {
		if p := filepath.Join(filepath.Dir(self), name); isProgram(p) {
			return exec.Command(p, args...), nil
		}
	}
	if g.getenv != nil {
		for _, dir := range filepath.SplitList(g.getenv("PATH")) {
			if p := filepath.Join(dir, name); filepath.IsAbs(dir) && isProgram(p) {
				return exec.Command(p, args...), nil
			}
		}
	}
	for dir := g.workDir(); ; {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(string(b), "module github.com/redline-docs/redline\n") {
			if g.repoDir == "" { // the server runs in the clone: name the repository
				args = append([]string{"--repo", g.workDir()}, args...)
			}
			c := exec.Command("go", append([]string{"run", "./cmd/" + serverBinary}, args...)...)
			c.Dir = dir
			return c, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return nil, errNoServer
		}
		dir = up
	}
}

// isProgram reports whether p is a regular file someone may execute.
func isProgram(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && (runtime.GOOS == "windows" || fi.Mode().Perm()&0o111 != 0)
}
