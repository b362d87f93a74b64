package repo

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-docs/redline/comment"
)

// An import killed after its journal was written is visible whole at once
// and written out by the next writer; one killed before leaves nothing but
// a temporary file the next writer removes.
func TestImportJournal(t *testing.T) {
	ctx := context.Background()
	r := committedPlan(t)
	// An import killed while writing out its files: the journal holds
	// both comments, one file was written.
	j := journal{Comments: map[string]string{}}
	for _, c := range []comment.Comment{
		{ID: "J1", By: "甲", Text: "一", Status: comment.Pending, Seq: 1},
		{ID: "J2", By: "乙", Text: "二", Status: comment.Pending, Seq: 2},
	} {
		b, err := marshalComment(c)
		if err != nil {
			t.Fatal(err)
		}
		j.Comments[c.ID] = string(b)
	}
	b, _ := json.Marshal(j)
	if err := os.WriteFile(r.journalPath(), b, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(r.Dir(), filepath.FromSlash(commentsDir))
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "J1.json"), []byte(j.Comments["J1"]), 0o644)
	stray := filepath.Join(dir, ".J9.json.123.tmp")
	os.WriteFile(stray, []byte(`{"id": "J9", "by"`), 0o644)

	cs, err := r.Comments(ctx)
	if err != nil || len(cs) != 2 {
		t.Fatalf("comments beside a journal: %v, %v; want J1 and J2", cs, err)
	}
	// The next writer finishes the import.
	if _, err := r.AddComment(ctx, comment.Comment{By: "丙", Text: "三"}, CommentOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(r.journalPath()); !os.IsNotExist(err) {
		t.Errorf("journal left: %v", err)
	}
	if _, err := os.Stat(stray); !os.IsNotExist(err) {
		t.Errorf("temporary file left: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "J2.json")); string(got) != j.Comments["J2"] {
		t.Errorf("J2.json = %q", got)
	}
	if cs, err := r.Comments(ctx); err != nil || len(cs) != 3 {
		t.Fatalf("comments after: %d, %v", len(cs), err)
	}
	// A normal import leaves no journal.
	if _, err := r.ImportComments(ctx, "c.csv", []byte(commentsCSV), CommentOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(r.journalPath()); !os.IsNotExist(err) {
		t.Errorf("journal left after an import: %v", err)
	}
	commitAll(t, r, 1, "comments")
	fsck(t, r)
}

// Comment ids are one regardless of case: C1 and c1 would be one file on
// macOS and Windows.
func TestCommentIDsIgnoreCase(t *testing.T) {
	ctx := context.Background()
	r := committedPlan(t)
	if _, err := r.AddComment(ctx, comment.Comment{ID: "C1", By: "甲", Text: "一"}, CommentOptions{}); err != nil {
		t.Fatal(err)
	}
	_, err := r.AddComment(ctx, comment.Comment{ID: "c1", By: "乙", Text: "二"}, CommentOptions{})
	if !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), "as C1") {
		t.Errorf("add c1 beside C1: %v", err)
	}
	_, err = r.ImportComments(ctx, "x.json", []byte(`[{"id": "c1", "by": "乙", "text": "二"}]`), CommentOptions{})
	var ie *comment.ImportError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "as C1") {
		t.Errorf("import c1 beside C1: %v", err)
	}
	// Within one file, ids that differ only in case are renumbered.
	cs, err := r.ImportComments(ctx, "y.json", []byte(`[{"id": "X1", "by": "乙", "text": "二"}, {"id": "x1", "by": "丙", "text": "三"}]`), CommentOptions{})
	if err != nil || len(cs) != 2 || strings.EqualFold(cs[0].ID, cs[1].ID) || strings.EqualFold(cs[0].ID, "C1") || strings.EqualFold(cs[1].ID, "C1") {
		t.Errorf("import X1 and x1: %+v, %v", cs, err)
	}
	c, err := r.SetComment(ctx, "c1", comment.Adopted, "")
	if err != nil || c.ID != "C1" || c.Status != comment.Adopted {
		t.Errorf("set c1: %+v, %v; want C1 adopted", c, err)
	}
}
