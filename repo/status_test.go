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
	var inserted []string
	for _, c := range st.Documents[0].Changes {
		if c.Kind == diff.Inserted {
			inserted = append(inserted, c.NewLabel)
		}
	}
	if len(inserted) != 2 || inserted[0] != "一" || inserted[1] != "一/（一）" {
		t.Errorf("inserted = %v, want 一 and 一/（一）", inserted)
	}
}
