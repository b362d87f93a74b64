package render

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/review"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixture is one data set every renderer is run on.
type fixture struct {
	name     string
	diff     func() *review.Diff
	report   func() *review.Report
	history  func() *review.History
	blame    func() *review.Blame
	comments func() []comment.Comment
	revs     []review.Rev
}

func fixtures() []fixture {
	return []fixture{
		{"wuhan", wuhanDiff, wuhanReport, wuhanHistory, wuhanBlame, wuhanComments, []review.Rev{revZH2, revZH1}},
		{"english", englishDiff, englishReport, englishHistory, englishBlame, englishComments, []review.Rev{revEN2, revEN1}},
	}
}

// outputs lists every renderer with the golden file's suffix.
func outputs(f fixture) []struct {
	file string
	run  func(w io.Writer) error
} {
	o := Options{Width: 72}
	return []struct {
		file string
		run  func(w io.Writer) error
	}{
		{"diff.txt", func(w io.Writer) error { return Text(w, f.diff(), o) }},
		{"diff-color.txt", func(w io.Writer) error { return Text(w, f.diff(), Options{Color: true, Width: 72}) }},
		{"diff-formatting.txt", func(w io.Writer) error { return Text(w, f.diff(), Options{ShowFormatting: true, Width: 100}) }},
		{"diff.md", func(w io.Writer) error { return Markdown(w, f.diff(), o) }},
		{"diff.html", func(w io.Writer) error { return HTML(w, f.diff(), o) }},
		{"diff.json", func(w io.Writer) error { return DiffJSON(w, f.diff()) }},
		{"table.md", func(w io.Writer) error { return TableMarkdown(w, f.diff(), o) }},
		{"table.html", func(w io.Writer) error { return TableHTML(w, f.diff(), o) }},
		{"report.md", func(w io.Writer) error { return ReportMarkdown(w, f.report(), o) }},
		{"report.html", func(w io.Writer) error { return ReportHTML(w, f.report(), o) }},
		{"report.csv", func(w io.Writer) error { return ReportCSV(w, f.report(), o) }},
		{"log.txt", func(w io.Writer) error { return LogText(w, f.revs, o) }},
		{"log.json", func(w io.Writer) error { return LogJSON(w, f.revs) }},
		{"history.txt", func(w io.Writer) error { return HistoryText(w, f.history(), o) }},
		{"history.json", func(w io.Writer) error { return HistoryJSON(w, f.history()) }},
		{"blame.txt", func(w io.Writer) error { return BlameText(w, f.blame(), o) }},
		{"blame.json", func(w io.Writer) error { return BlameJSON(w, f.blame()) }},
		{"comments.txt", func(w io.Writer) error { return CommentsText(w, f.comments(), o) }},
		{"comments.json", func(w io.Writer) error { return CommentsJSON(w, f.comments()) }},
	}
}

// TestGolden renders every fixture in every format and compares the result
// with testdata/golden/FIXTURE.FORMAT (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, f := range fixtures() {
		for _, out := range outputs(f) {
			name := f.name + "." + out.file
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := out.run(&buf); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("testdata", "golden", name), buf.Bytes())
			})
		}
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got ---\n%s", path, got)
	}
}
