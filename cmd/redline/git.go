package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// redline pull and redline push run the git binary, so that remotes,
// protocols and credentials stay git's (ssh keys, credential helpers,
// proxies). Nothing else in redline needs git installed.

// errGitMissing: pull and push need the git binary and it is not on PATH.
var errGitMissing = errors.New("the git binary is not installed or not on PATH; redline pull and push run it (every other command works without it): install git, or run git fetch / git push yourself and redline merge")

// gitFailedError is a git command that ran and failed; git has said why on
// stderr.
type gitFailedError struct {
	args []string
	code int
	hint string
}

func (e *gitFailedError) Error() string {
	msg := fmt.Sprintf("git %s failed (exit %d; git's message is above)", strings.Join(e.args, " "), e.code)
	if e.hint != "" {
		msg += ": " + e.hint
	}
	return msg
}

// gitBinary finds git on the PATH redline was given.
func (g *globals) gitBinary() (string, error) {
	name := "git"
	if runtime.GOOS == "windows" {
		name = "git.exe"
	}
	for _, dir := range filepath.SplitList(g.getenv("PATH")) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && (runtime.GOOS == "windows" || fi.Mode()&0o111 != 0) {
			return p, nil
		}
	}
	return "", errGitMissing
}

// runGit runs git in dir, its stderr (progress, errors, credential
// prompts go to the terminal) passed to redline's stderr; it returns git's
// stdout when capture is set, else passes it to stderr too (redline's
// stdout is for redline's own data).
func (g *globals) runGit(ctx context.Context, dir string, capture bool, args ...string) (string, error) {
	bin, err := g.gitBinary()
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Stdin = nil
	var out bytes.Buffer
	if capture {
		cmd.Stdout = &out
	} else {
		cmd.Stdout = g.stderr
	}
	cmd.Stderr = g.stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", &gitFailedError{args: args, code: ee.ExitCode()}
		}
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(out.String()), nil
}

// gitQuiet runs a git query whose failure only means "not set": its
// stderr is dropped.
func (g *globals) gitQuiet(ctx context.Context, dir string, args ...string) string {
	bin, err := g.gitBinary()
	if err != nil {
		return ""
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Stderr = io.Discard
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// upstream is the remote and branch that pull and push use when none is
// named: the current branch's upstream (branch.<name>.remote and .merge),
// else origin and the current branch's own name.
func (g *globals) upstream(ctx context.Context, dir, remote, branch string) (string, string, error) {
	cur := g.gitQuiet(ctx, dir, "symbolic-ref", "--short", "-q", "HEAD")
	if remote == "" {
		remote = g.gitQuiet(ctx, dir, "config", "--get", "branch."+cur+".remote")
		if remote == "" || remote == "." {
			remote = "origin"
		}
	}
	if branch == "" {
		if m := g.gitQuiet(ctx, dir, "config", "--get", "branch."+cur+".merge"); m != "" {
			branch = strings.TrimPrefix(m, "refs/heads/")
		} else {
			branch = cur
		}
	}
	if branch == "" {
		return "", "", usagef("HEAD names no branch: name the BRANCH")
	}
	return remote, branch, nil
}
