package render

import (
	"bytes"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// wholeDiffJSON is the diff JSON encoded in one piece, as DiffJSON wrote it
// before it streamed: the reference the stream must match byte for byte.
func wholeDiffJSON(t testing.TB, d *review.Diff) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := writeJSON(&buf, NewJSONDiff(d)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDiffJSONStreamMatchesWhole(t *testing.T) {
	tricky := change(diff.Modified, "k-<&>", "一/（一）", "一/（一）", "\"引号\" \\ <b>", ops(
		"=line\nbreak\ttab\u2028sep\u2029",
		"-\x00\x01\x1f\x7f",
		"+\xff invalid utf-8 \xe4\xb8",
	))
	tricky.Units = diff.UnitChange{Added: []string{"市发改委"}}
	two := wuhanDiff()
	two.Documents = append(two.Documents, englishDiff().Documents...)
	tests := []struct {
		name string
		d    *review.Diff
	}{
		{"wuhan", wuhanDiff()},
		{"english", englishDiff()},
		{"no documents", &review.Diff{}},
		{"no changes", &review.Diff{From: revZH1, Documents: []review.Document{{Path: "plan.md", Lang: clause.LangZH}}}},
		{"two documents", two},
		{"empty document between", &review.Diff{Documents: []review.Document{
			{Path: "a.md"}, {Path: "b.md", Changes: []review.Change{tricky}}, {Path: "c.md"}}}},
		{"escapes", &review.Diff{Documents: []review.Document{{Path: "<a&b>.md",
			Changes: []review.Change{tricky, tricky}, Unexplained: []string{"k-<&>"}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := DiffJSON(&got, tt.d); err != nil {
				t.Fatal(err)
			}
			if want := wholeDiffJSON(t, tt.d); !bytes.Equal(got.Bytes(), want) {
				t.Errorf("streamed JSON differs from whole encoding\n--- got\n%s\n--- want\n%s", got.Bytes(), want)
			}
		})
	}
}

// FuzzDiffJSONStream checks the streamed diff JSON against the whole
// encoding for arbitrary clause texts, labels and paths.
func FuzzDiffJSONStream(f *testing.F) {
	f.Add("plan.md", "一/（一）", "总规模100亿", "不低于100亿元", "k-1")
	f.Add("<&>", "", "\u2028\x00", "\xff", "")
	f.Fuzz(func(t *testing.T, path, label, oldText, newText, id string) {
		c := change(diff.Modified, id, label, label, label, ops("="+label, "-"+oldText, "+"+newText))
		c.OldText, c.NewText = oldText, newText
		d := &review.Diff{Documents: []review.Document{{Path: path, Changes: []review.Change{c, c},
			Unexplained: []string{id}}}}
		var got bytes.Buffer
		if err := DiffJSON(&got, d); err != nil {
			t.Fatal(err)
		}
		if want := wholeDiffJSON(t, d); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("streamed JSON differs\n--- got\n%s\n--- want\n%s", got.Bytes(), want)
		}
	})
}
