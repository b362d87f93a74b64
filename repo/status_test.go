package repo

import (
	"context"
	"testing"

	"github.com/redline-docs/redline/diff"
)

// Before the first revision, status shows every document of the work tree
// as new, as git status lists untracked files — not "no revisions yet".
func TestStatusBeforeFirstRevision(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.md", "一、总则\n（一）打造90项应用场景。\n")
	st, err := r.Status(context.Background())
	if err != nil {
		t.Fatalf("status before any revision: %v", err)
	}
	if len(st.Documents) != 1 || st.Documents[0].Path != "plan.md" {
		t.Fatalf("documents = %+v, want plan.md", st.Documents)
	}
	// 一、 is new with its （一）: one change, its text both lines.
	var inserted, texts []string
	for _, c := range st.Documents[0].Changes {
		if c.Kind == diff.Inserted {
			inserted, texts = append(inserted, c.NewLabel), append(texts, c.NewText)
		}
	}
	if len(inserted) != 1 || inserted[0] != "一" || texts[0] != "一、总则\n（一）打造90项应用场景。" {
		t.Errorf("inserted = %v %q, want 一 with its （一）", inserted, texts)
	}
}
