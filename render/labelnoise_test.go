package render

import (
	"testing"

	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// The space or width between a label and its text is formatting: the
// number put back in front of the body's edit is never struck and
// re-inserted for it, while a real renumbering still is.
func TestFullOpsLabelNoise(t *testing.T) {
	body := []diff.Op{{Kind: diff.Equal, Text: "丁戊"}, {Kind: diff.Insert, Text: "己"}, {Kind: diff.Equal, Text: "。"}}
	cases := []struct {
		old, new string
		edited   bool
	}{
		{"第四条\u3000丁戊。", "第四条 丁戊己。", false},
		{"第四条 丁戊。", "第四条\u3000丁戊己。", false},
		{"(四)丁戊。", "（四）丁戊己。", false},
		{"第四条 丁戊。", "第五条 丁戊己。", true},
	}
	for _, tc := range cases {
		c := &review.Change{Change: diff.Change{Kind: diff.Modified, Ops: body}, OldText: tc.old, NewText: tc.new}
		edited := false
		for _, op := range fullOps(c)[:1] {
			edited = op.Kind != diff.Equal
		}
		if edited != tc.edited {
			t.Errorf("%q → %q: marker edited %v, want %v: %q", tc.old, tc.new, edited, tc.edited, fullOps(c))
		}
	}
}

// A label written in another width is the same label: only a renumbering
// or a move shows the old one beside the new.
func TestChangeLabelWidth(t *testing.T) {
	tz := newTr("zh")
	cases := []struct {
		c    review.Change
		want string
	}{
		{review.Change{Change: diff.Change{Kind: diff.Modified}, OldLabel: "第九条/(四)", NewLabel: "第九条/（四）"}, "第九条/（四）"},
		{review.Change{Change: diff.Change{Kind: diff.Modified, Renumbered: true}, OldLabel: "第九条/(四)", NewLabel: "第九条/（五）"}, "第九条/(四) → 第九条/（五）"},
		{review.Change{Change: diff.Change{Kind: diff.Moved}, OldLabel: "第一章/第九条", NewLabel: "第二章/第九条"}, "第一章/第九条 → 第二章/第九条"},
	}
	for _, tc := range cases {
		if got := changeLabel(tz, &tc.c); got != tc.want {
			t.Errorf("%q → %q: label %q, want %q", tc.c.OldLabel, tc.c.NewLabel, got, tc.want)
		}
	}
}
