package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"

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
// JSON is many times its documents). A regular file is written beside its
// place and renamed into it, so a failed rendering leaves no partial file
// behind; a device such as /dev/null is written as it is.
func (g *globals) emit(out string, showFormatting bool, fn func(io.Writer, render.Options) error) error {
	if out == "" || out == "-" {
		bw := bufio.NewWriterSize(g.stdout, 64<<10)
		if err := fn(bw, g.renderOptions(g.stdout, showFormatting)); err != nil {
			return err
		}
		return bw.Flush()
	}
	opts := g.renderOptions(nil, showFormatting)
	if fi, err := os.Stat(out); err == nil && !fi.Mode().IsRegular() {
		f, err := os.OpenFile(out, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 64<<10)
		err = fn(bw, opts)
		if err == nil {
			err = bw.Flush()
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

// notice prints one line of chatter to stderr.
func (g *globals) notice(format string, args ...any) {
	fmt.Fprintf(g.stderr, "redline: "+format+"\n", args...)
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
			fmt.Fprintf(f, "\r\x1b[Kredline: %d/%d %s", done, total, what)
		}, func() {
			if shown {
				fmt.Fprint(f, "\r\x1b[K")
			}
		}
}
