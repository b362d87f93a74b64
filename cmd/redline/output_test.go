package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/redline-docs/redline/render"
)

// emit writes -o files whole or not at all, and streams to devices.
func TestEmit(t *testing.T) {
	dir := t.TempDir()
	g := &globals{env: env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}}
	write := func(s string) func(io.Writer, render.Options) error {
		return func(w io.Writer, _ render.Options) error { _, err := io.WriteString(w, s); return err }
	}
	out := filepath.Join(dir, "redline.html")
	if err := g.emit(out, false, write("<p>新</p>")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "<p>新</p>" {
		t.Fatalf("file holds %q", b)
	}

	// A failed rendering leaves the old file as it was and no temporary file.
	boom := errors.New("boom")
	err := g.emit(out, false, func(w io.Writer, _ render.Options) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("emit error = %v, want boom", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "<p>新</p>" {
		t.Errorf("a failed rendering changed the file to %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}

	// A device is written as it is, not replaced.
	if err := g.emit(os.DevNull, false, write("x")); err != nil {
		t.Fatalf("emit to %s: %v", os.DevNull, err)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Fatalf("%s is no longer a device: %v %v", os.DevNull, fi, err)
	}
}
