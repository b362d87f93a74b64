package render

import (
	"fmt"
	"io"
	"testing"

	"github.com/redline-docs/redline/review"
)

// bigDiff is a diff of many clauses: the Wuhan fixture's document repeated.
func bigDiff(copies int) *review.Diff {
	d := wuhanDiff()
	base := d.Documents[0].Changes
	var all []review.Change
	for i := 0; i < copies; i++ {
		for _, c := range base {
			c.ClauseID = fmt.Sprintf("%s-%d", c.ClauseID, i)
			all = append(all, c)
		}
	}
	d.Documents[0].Changes = all
	return d
}

func BenchmarkRender(b *testing.B) {
	d := bigDiff(250) // 2000 changes
	for _, f := range []struct {
		name string
		run  func(io.Writer) error
	}{
		{"Text", func(w io.Writer) error { return Text(w, d, Options{Width: 100}) }},
		{"Markdown", func(w io.Writer) error { return Markdown(w, d, Options{}) }},
		{"HTML", func(w io.Writer) error { return HTML(w, d, Options{}) }},
		{"TableHTML", func(w io.Writer) error { return TableHTML(w, d, Options{}) }},
		{"JSON", func(w io.Writer) error { return DiffJSON(w, d) }},
	} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				if err := f.run(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
