package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/mattn/go-isatty"

	"github.com/redline-docs/redline/clause"
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

// emit renders into memory, then writes to the file out ("" or "-":
// stdout), so a failed rendering leaves no partial output behind.
func (g *globals) emit(out string, showFormatting bool, fn func(io.Writer, render.Options) error) error {
	var dest io.Writer = g.stdout
	if out != "" && out != "-" {
		dest = nil
	}
	var buf bytes.Buffer
	if err := fn(&buf, g.renderOptions(dest, showFormatting)); err != nil {
		return err
	}
	if dest != nil {
		_, err := g.stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	g.notice("wrote %s", out)
	return nil
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
