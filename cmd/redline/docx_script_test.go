package main

import (
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/redline-docs/redline/docx"
)

// cmdDocxText prints a Word file's text with every tracked change accepted
// (or, with "reject", rejected), one paragraph a line, and the authors and
// texts of its Word comments after a "== comments ==" line:
//
//	docxtext FILE [accept|reject]
func cmdDocxText(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: docxtext FILE [accept|reject]")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	d, err := docx.Read(data)
	ts.Check(err)
	if len(args) == 2 && args[1] == "reject" {
		ts.Stdout().Write([]byte(d.Rejected()))
	} else {
		ts.Stdout().Write([]byte(d.Text()))
	}
	ts.Stdout().Write([]byte("== comments ==\n"))
	for _, c := range d.Comments {
		ts.Stdout().Write([]byte(c.Author + ": " + c.Text + "\n"))
	}
}

// cmdOfficeFixture copies a Word file LibreOffice made for the docx
// package's tests into the script's work folder:
//
//	officefixture NAME DEST
func cmdOfficeFixture(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: officefixture NAME DEST")
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "docx", "testdata", "office", args[0]))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), data, 0o644))
}
