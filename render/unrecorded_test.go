package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/redline-docs/redline/annotate"
	"github.com/redline-docs/redline/clause"
)

// Revisions that are no commit (diff --no-index, the working tree) are named
// by the message the caller gave, else as the working tree — in every format.
func TestUnrecordedRevisionNames(t *testing.T) {
	named := &annotate.Diff{
		From:      annotate.Rev{Message: "drafts/old.md"},
		To:        annotate.Rev{Message: "drafts/new.md"},
		Documents: []annotate.Document{{Path: "new.md", Lang: clause.LangEN}},
	}
	plain := &annotate.Diff{Documents: []annotate.Document{{Path: "plan.md", Lang: clause.LangZH}}}
	formats := map[string]func(*bytes.Buffer, *annotate.Diff) error{
		"text":     func(b *bytes.Buffer, d *annotate.Diff) error { return Text(b, d, Options{}) },
		"markdown": func(b *bytes.Buffer, d *annotate.Diff) error { return Markdown(b, d, Options{}) },
		"html":     func(b *bytes.Buffer, d *annotate.Diff) error { return HTML(b, d, Options{}) },
	}
	for name, f := range formats {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f(&b, named); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"drafts/old.md", "drafts/new.md"} {
				if !strings.Contains(b.String(), want) {
					t.Errorf("output does not name %q:\n%s", want, b.String())
				}
			}
			b.Reset()
			if err := f(&b, plain); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), "工作区") {
				t.Errorf("a revision with neither hash nor message is not called 工作区:\n%s", b.String())
			}
		})
	}
}
