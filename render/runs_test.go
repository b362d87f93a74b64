package render

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"github.com/redline-docs/redline/review"
)

// A run of articles an insertion only renumbers is said once in text,
// Markdown, HTML and the 对照表, and kept clause by clause in JSON.
func TestRenumberRunGolden(t *testing.T) {
	for _, tc := range []struct{ name, file, path string }{
		{"renumber-zh", "renumber-zh.txtar", "law.md"},
		{"renumber-en", "renumber-en.txtar", "act.md"},
	} {
		d := pipelineDiff(t, tc.file, tc.path, revZH1, revZH2, nil)
		if len(d.Documents[0].Runs) != 1 {
			t.Errorf("%s: %d runs, want 1", tc.name, len(d.Documents[0].Runs))
		}
		o := Options{Width: 100}
		for _, out := range []struct {
			file string
			run  func(w io.Writer, d *review.Diff) error
		}{
			{"diff.txt", func(w io.Writer, d *review.Diff) error { return Text(w, d, o) }},
			{"diff.md", func(w io.Writer, d *review.Diff) error { return Markdown(w, d, o) }},
			{"diff.html", func(w io.Writer, d *review.Diff) error { return HTML(w, d, o) }},
			{"diff.json", func(w io.Writer, d *review.Diff) error { return DiffJSON(w, d) }},
			{"table.md", func(w io.Writer, d *review.Diff) error { return TableMarkdown(w, d, o) }},
			{"table.html", func(w io.Writer, d *review.Diff) error { return TableHTML(w, d, o) }},
		} {
			t.Run(tc.name+"."+out.file, func(t *testing.T) {
				var buf bytes.Buffer
				if err := out.run(&buf, d); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("testdata", "golden", tc.name+"."+out.file), buf.Bytes())
			})
		}
	}
}
