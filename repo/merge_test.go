package repo

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// A document that still holds the markers of a merge conflict is refused
// at commit, naming the file and line; once the markers are gone it commits.
func TestCommitRefusesConflictMarkers(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "plan.txt", "第一条 甲。\n第二条 乙。\n")
	commitAll(t, r, 0, "first")
	write(t, r, "plan.txt", "第一条 甲。\n<<<<<<< ours\n第二条 乙乙。\n=======\n第二条 乙丙。\n>>>>>>> theirs\n")
	_, err := r.Commit(ctx, CommitOptions{Message: "merged"})
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "plan.txt:2") {
		t.Fatalf("commit with conflict markers: %v, want ErrConflict at plan.txt:2", err)
	}
	write(t, r, "plan.txt", "第一条 甲。\n第二条 乙丙。\n")
	if _, err := r.Commit(ctx, CommitOptions{Message: "merged"}); err != nil {
		t.Fatal(err)
	}
}
