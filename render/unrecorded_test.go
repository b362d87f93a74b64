package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// Revisions that are no commit (diff --no-index, the working tree) are named
// by the message the caller gave, else as the working tree — in every format.
func TestUnrecordedRevisionNames(t *testing.T) {
	named := &review.Diff{
		From:      review.Rev{Message: "drafts/old.md"},
		To:        review.Rev{Message: "drafts/new.md"},
		Documents: []review.Document{{Path: "new.md", Lang: clause.LangEN}},
	}
	plain := &review.Diff{Documents: []review.Document{{Path: "plan.md", Lang: clause.LangZH}}}
	formats := map[string]func(*bytes.Buffer, *review.Diff) error{
		"text":     func(b *bytes.Buffer, d *review.Diff) error { return Text(b, d, Options{}) },
		"markdown": func(b *bytes.Buffer, d *review.Diff) error { return Markdown(b, d, Options{}) },
		"html":     func(b *bytes.Buffer, d *review.Diff) error { return HTML(b, d, Options{}) },
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

// A Markdown heading's "## " is syntax, not text: it is dropped from the
// front of a clause whether the clause was kept, inserted or deleted.
func TestStripHeading(t *testing.T) {
	tests := []struct {
		in   []diff.Op
		want string
	}{
		{[]diff.Op{{Kind: diff.Equal, Text: "## 附件"}, {Kind: diff.Insert, Text: "：清单"}}, "附件{+：清单+}"},
		{[]diff.Op{{Kind: diff.Insert, Text: "## 附件：方案论证专家\n本方案…"}}, "{+附件：方案论证专家\n本方案…+}"},
		{[]diff.Op{{Kind: diff.Delete, Text: "### Annex"}}, "[-Annex-]"},
		{[]diff.Op{{Kind: diff.Insert, Text: "#hashtag is text"}}, "{+#hashtag is text+}"},
		{[]diff.Op{{Kind: diff.Insert, Text: "####### seven is text"}}, "{+####### seven is text+}"},
	}
	for _, tt := range tests {
		if got := diff.Render(stripHeading(tt.in)); got != tt.want {
			t.Errorf("stripHeading(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
