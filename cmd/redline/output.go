package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/internal/atomicfile"
	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
)

// Output: data to stdout (or -o FILE), notices and progress to stderr,
// colour only where it belongs.

// renderOptions are the rendering options for output going to w (nil: a file).
func (g *globals) renderOptions(w io.Writer, showFormatting bool) render.Options {
	return render.Options{
		Color:          g.colorFor(w),
		Lang:           clause.Lang(g.lang),
		ShowFormatting: showFormatting,
		Width:          g.width(),
	}
}

// colorFor says whether output to w gets ANSI colour: --color always, or
// --color auto on a terminal without NO_COLOR (https://no-color.org).
func (g *globals) colorFor(w io.Writer) bool {
	switch g.color {
	case "always":
		return true
	case "never":
		return false
	}
	if g.getenv("NO_COLOR") != "" || g.getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// width is the terminal width from $COLUMNS; 0 lets the renderer choose.
func (g *globals) width() int {
	n, err := strconv.Atoi(g.getenv("COLUMNS"))
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// emit streams the rendering to the file out ("" or "-": stdout) through a
// buffer, never holding the whole output in memory (a full-rewrite diff's
// JSON is many times its documents). Output to stdout, or to a terminal
// named with -o, goes through render.Terminal: control characters from the
// text are shown escaped, never obeyed. A regular file is written whole
// with internal/atomicfile and keeps the text as it is, so a failed
// rendering leaves no partial file behind; a device such as /dev/null is
// written as it is.
func (g *globals) emit(out string, showFormatting bool, fn func(io.Writer, render.Options) error) error {
	if out == "" || out == "-" {
		o := g.renderOptions(g.stdout, showFormatting)
		return writeTerminal(g.stdout, o.Color, func(w io.Writer) error { return fn(w, o) })
	}
	opts := g.renderOptions(nil, showFormatting)
	if fi, err := os.Stat(out); err == nil && !fi.Mode().IsRegular() {
		f, err := os.OpenFile(out, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		write := func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 64<<10)
			if err := fn(bw, opts); err != nil {
				return err
			}
			return bw.Flush()
		}
		if isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()) {
			err = writeTerminal(f, opts.Color, func(w io.Writer) error { return fn(w, opts) })
		} else {
			err = write(f)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	if err := writeFileAtomic(out, func(w io.Writer) error { return fn(w, opts) }); err != nil {
		return err
	}
	g.notice("wrote %s", out)
	return nil
}

// emitBinary writes a binary format (a Word file) to -o FILE, whole, or to
// stdout when it is not a terminal; to a terminal it is refused.
func (g *globals) emitBinary(out string, write func(io.Writer) error) error {
	if out == "" || out == "-" {
		if isTerminal(g.stdout) {
			return usagef("a Word document is not for the terminal: use -o FILE.docx, or redirect stdout")
		}
		bw := bufio.NewWriterSize(g.stdout, 64<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := writeFileAtomic(out, write); err != nil {
		return err
	}
	g.notice("wrote %s", out)
	return nil
}

// writeTerminal runs write on a buffered render.Terminal over w (stdout, a
// terminal): control characters in the text come out escaped.
func writeTerminal(w io.Writer, color bool, write func(io.Writer) error) error {
	t := render.NewTerminal(w, color)
	bw := bufio.NewWriterSize(t, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return t.Flush()
}

// writeFileAtomic writes name through write with internal/atomicfile:
// readers see the old file or the whole new one, and a failed write leaves
// nothing behind.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	f, err := atomicfile.Create(name, 0o644)
	if err != nil {
		return err
	}
	defer f.Abort()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Commit()
}

// checkOutput refuses an -o FILE whose writing would damage a repository,
// unless force: a path inside a .git folder (or a bare repository), inside
// a repository's .redline folder, or an existing document of a repository
// (a file redline commits). The path is resolved as the write would reach
// it: relative to the working directory, through "..", through symlinked
// folders, and through a symlink at the end too. r is the repository the
// command works on, or nil; the repositories that contain the path are
// found by walking up from it. Devices such as /dev/null are never refused.
func (g *globals) checkOutput(ctx context.Context, out string, force bool, r *repo.Repo) error {
	if out == "" || out == "-" || force {
		return nil
	}
	abs := out
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(g.workDir(), abs)
	}
	abs = filepath.Clean(abs)
	if fi, err := os.Stat(abs); err == nil && !fi.Mode().IsRegular() {
		return nil // a device, a pipe (or a folder, which the write refuses)
	}
	targets := []string{resolvePath(abs)}
	if t, err := filepath.EvalSymlinks(abs); err == nil && t != targets[0] {
		targets = append(targets, t)
	}
	for _, t := range targets {
		if what := protected(ctx, t, r); what != "" {
			return usagef("-o %s: would overwrite %s; use --force to write there anyway", out, what)
		}
	}
	return nil
}

// resolvePath is abs with the symlinks of its folder evaluated (the file
// itself may not exist yet).
func resolvePath(abs string) string {
	dir, base := filepath.Split(abs)
	for d, rest := filepath.Clean(dir), ""; ; {
		if e, err := filepath.EvalSymlinks(d); err == nil {
			return filepath.Join(e, rest, base)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		rest = filepath.Join(filepath.Base(d), rest)
		d = parent
	}
}

// protected says what writing the file p (absolute, resolved) would
// overwrite that belongs to a repository, or "" when nothing does.
func protected(ctx context.Context, p string, r *repo.Repo) string {
	for d := filepath.Dir(p); ; d = filepath.Dir(d) {
		if filepath.Base(d) == ".git" {
			return "git's own data in " + d
		}
		if isGitDir(d) {
			return "git's own data in the repository " + d
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			rel, err := filepath.Rel(d, p)
			if err != nil {
				return ""
			}
			rel = filepath.ToSlash(rel)
			if strings.HasPrefix(rel, ".redline/") {
				return "redline's own data in " + filepath.Join(d, ".redline")
			}
			if isRepoDocument(ctx, d, rel, r) {
				return "the document " + rel + " of the repository " + d
			}
		}
		if parent := filepath.Dir(d); parent == d {
			return ""
		}
	}
}

// isGitDir reports whether d is a git directory (a bare repository, or a
// .git folder by another name): HEAD, objects/ and refs/.
func isGitDir(d string) bool {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(d, name)); err != nil {
			return false
		}
	}
	return true
}

// isRepoDocument reports whether rel is a document of the repository at
// root: in its work tree or at its newest revision. r is used when it is
// that repository.
func isRepoDocument(ctx context.Context, root, rel string, r *repo.Repo) bool {
	if r == nil || evalDir(r.Dir()) != evalDir(root) {
		var err error
		if r, err = repo.Open(root); err != nil {
			return false
		}
	}
	for _, rev := range []string{"", "HEAD"} {
		if docs, err := documentsAt(ctx, r, rev); err == nil && slices.Contains(docs, rel) {
			return true
		}
	}
	return false
}

// notice prints one line of chatter to stderr, control characters in it
// (from file names, say) escaped.
func (g *globals) notice(format string, args ...any) {
	fmt.Fprintln(g.stderr, render.Sanitize(fmt.Sprintf("redline: "+format, args...)))
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// progress returns a repo.Progress that redraws one line on stderr while
// long work runs, and a function that clears it; both do nothing unless
// stderr is a terminal.
func (g *globals) progress() (repo.Progress, func()) {
	f, ok := g.stderr.(*os.File)
	if !ok || !isatty.IsTerminal(f.Fd()) {
		return nil, func() {}
	}
	shown := false
	return func(done, total int, what string) {
			shown = true
			fmt.Fprintf(f, "\r\x1b[Kredline: %d/%d %s", done, total, render.Sanitize(what))
		}, func() {
			if shown {
				fmt.Fprint(f, "\r\x1b[K")
			}
		}
}
