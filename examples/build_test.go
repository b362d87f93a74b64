package examples_test

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/examples"
	"github.com/redline-docs/redline/repo"
	"github.com/redline-docs/redline/review"
)

// build makes a real repository on disk from an example, as the demo does:
// each revision's files written and committed, the comment file imported
// after revision CommentsAfter.
func build(t *testing.T, ex examples.Example, dir string) (*repo.Repo, []review.Rev) {
	t.Helper()
	ctx := context.Background()
	r, err := repo.Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	var revs []review.Rev
	for i, step := range ex.Revisions {
		for doc, file := range step.Files {
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(doc)), readFS(t, file), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		rev, err := r.Commit(ctx, repo.CommitOptions{
			Message: step.Message, Author: step.Author, Date: step.Date,
			Stage: step.Stage, Resolves: step.Resolves,
		})
		if err != nil {
			t.Fatalf("revision %d (%s): %v", i, step.Stage, err)
		}
		revs = append(revs, rev)
		if i == ex.CommentsAfter {
			if _, err := r.ImportComments(ctx, path.Base(ex.Comments), readFS(t, ex.Comments), repo.CommentOptions{}); err != nil {
				t.Fatalf("import %s: %v", ex.Comments, err)
			}
		}
	}
	return r, revs
}

// want is what the diff of an example must show for one clause.
type want struct {
	label      string // new label ("" for a deleted clause)
	oldLabel   string // old label ("" for an inserted clause)
	comments   []string
	quantities [][2]string // old, new: substrings of a quantity change
	// looseQuantities accepts the old and new values of quantities as
	// separate changes (a vanished one and an appeared one) instead of a pair.
	looseQuantities bool
	added           []string // units added
	removed         []string // units removed
	editorial       bool     // an editorial change: a citation following the renumbering
}

// check compares the annotated diff of an example's two stages with the
// story its README tells.
func check(t *testing.T, d *review.Diff, wants []want, unexplained []string) {
	t.Helper()
	if len(d.Documents) != 1 {
		t.Fatalf("%d documents changed, want 1", len(d.Documents))
	}
	doc := d.Documents[0]
	byID := map[string]review.Change{}
	for _, w := range wants {
		i := slices.IndexFunc(doc.Changes, func(c review.Change) bool {
			return c.NewLabel == w.label && c.OldLabel == w.oldLabel
		})
		if i < 0 {
			t.Errorf("no change %q → %q", w.oldLabel, w.label)
			continue
		}
		c := doc.Changes[i]
		var ids []string
		for _, cm := range c.Comments {
			ids = append(ids, cm.ID)
		}
		for _, id := range w.comments {
			if !slices.Contains(ids, id) {
				t.Errorf("%s: comment %s does not explain the change (comments %q)", w.label, id, ids)
			}
		}
		for _, q := range w.quantities {
			paired := slices.ContainsFunc(c.Quantities, func(qc diff.QuantityChange) bool {
				return strings.Contains(qc.Old, q[0]) && strings.Contains(qc.New, q[1])
			})
			split := slices.ContainsFunc(c.Quantities, func(qc diff.QuantityChange) bool { return strings.Contains(qc.Old, q[0]) }) &&
				slices.ContainsFunc(c.Quantities, func(qc diff.QuantityChange) bool { return strings.Contains(qc.New, q[1]) })
			if !paired && !(w.looseQuantities && split) {
				t.Errorf("%s: no quantity change %s → %s in %+v", w.label, q[0], q[1], c.Quantities)
			}
		}
		if w.added != nil && !slices.Equal(c.Units.Added, w.added) {
			t.Errorf("%s: units added %q, want %q", w.label, c.Units.Added, w.added)
		}
		if w.removed != nil && !slices.Equal(c.Units.Removed, w.removed) {
			t.Errorf("%s: units removed %q, want %q", w.label, c.Units.Removed, w.removed)
		}
		if w.editorial && !c.Editorial {
			t.Errorf("%s: not editorial", w.label)
		}
		byID[c.ClauseID] = c
	}
	var got []string
	for _, id := range doc.Unexplained {
		i := slices.IndexFunc(doc.Changes, func(c review.Change) bool { return c.ClauseID == id })
		if i >= 0 {
			got = append(got, doc.Changes[i].NewLabel)
		}
	}
	if !slices.Equal(got, unexplained) {
		t.Errorf("unexplained changes %q, want %q", got, unexplained)
	}
	for _, c := range d.Unapplied {
		t.Errorf("comment %s (%s) was adopted but its clause did not change", c.ID, c.Status)
	}
}

func TestWuhanBuild(t *testing.T) {
	ex := examples.Wuhan()
	r, revs := build(t, ex, t.TempDir())
	d, err := reviewDiff(t, r, repo.DiffOptions{From: "征求意见稿", To: "送审稿"})
	if err != nil {
		t.Fatal(err)
	}
	if d.From.Hash != revs[0].Hash || d.To.Hash != revs[1].Hash {
		t.Errorf("stages resolve to %s..%s, want %s..%s", d.From.Hash, d.To.Hash, revs[0].Hash, revs[1].Hash)
	}
	check(t, d, []want{
		{label: "二", oldLabel: "二", comments: []string{"P1"}},
		{label: "二/（一）/4", oldLabel: "二/（一）/4", comments: []string{"P3"}},
		// 20 创新专项项目 a year and 40 共性技术创新成果 count different things:
		// each is shown alone
		{label: "三/（一）/1", oldLabel: "三/（一）/1", comments: []string{"D2"},
			quantities: [][2]string{{"20", "40"}}, looseQuantities: true, added: []string{"市经信局", "市发改委"}},
		{label: "三/（二）/1", oldLabel: "三/（二）/1", comments: []string{"D3"}},
		{label: "三/（二）/3", oldLabel: "三/（二）/3", comments: []string{"D4"}},
		{label: "三/（二）/4", oldLabel: "三/（二）/4", comments: []string{"D5"}, removed: []string{"市科技局"}},
		{label: "三/（三）/2", oldLabel: "三/（三）/2", comments: []string{"D9"}},
		{label: "三/（五）/2", oldLabel: "三/（五）/2", comments: []string{"D1"}, quantities: [][2]string{{"90项", "80项"}}},
		{label: "三/（五）/3", oldLabel: "三/（五）/3", comments: []string{"D6"}, quantities: [][2]string{{"100项", "20项"}}},
		{label: "三/（五）/4", oldLabel: "三/（五）/4", comments: []string{"D7"},
			added: []string{"市公安局", "市民政局", "市房管局", "市市场监督管理局"}},
		{label: "三/（五）/7", oldLabel: "三/（五）/7", comments: []string{"P4"}},
		{label: "三/（六）/1", comments: []string{"P2"}},
		{label: "三/（六）/2", oldLabel: "三/（六）/1"},
		{label: "三/（六）/4", oldLabel: "三/（六）/3", comments: []string{"D8"}},
		{label: "三/（六）/6", oldLabel: "三/（六）/5"},
		{label: "附件", comments: []string{"P5"}},
	}, []string{"四/（一）"})
}

func TestEnglishBuild(t *testing.T) {
	ex := examples.English()
	r, _ := build(t, ex, t.TempDir())
	d, err := reviewDiff(t, r, repo.DiffOptions{From: "draft-01", To: "draft-02"})
	if err != nil {
		t.Fatal(err)
	}
	check(t, d, []want{
		{label: "Article 3/3.1", oldLabel: "Article 3/3.1", comments: []string{"C1"}, quantities: [][2]string{{"20", "40"}, {"3", "5"}}, looseQuantities: true},
		{label: "Article 3/3.2/(a)", oldLabel: "Article 3/3.2/(a)", editorial: true}, // under Article 5 → 6
		{label: "Article 3/3.3", oldLabel: "Article 3/3.3", comments: []string{"C2"}},
		{label: "Article 4", comments: []string{"C3"}},
		{label: "Article 5", oldLabel: "Article 4"},
		{label: "Article 6/6.1/(a)", oldLabel: "Article 5/5.1/(a)", comments: []string{"C4"}, quantities: [][2]string{{"90", "80"}}, looseQuantities: true},
		{label: "Article 7/7.1", oldLabel: "Article 6/6.1"},
	}, []string{"Article 5/5.1"})
}

// TestBuildIsDeterministic builds the demo's example twice: fixed dates and
// authors give the same commit hashes on every machine.
func TestBuildIsDeterministic(t *testing.T) {
	ex := examples.Wuhan()
	_, a := build(t, ex, t.TempDir())
	_, b := build(t, ex, t.TempDir())
	for i := range a {
		if a[i].Hash != b[i].Hash {
			t.Errorf("revision %d: %s, then %s", i, a[i].Hash, b[i].Hash)
		}
	}
}

// reviewDiff is the annotated diff of a range of r, through the review
// pipeline as the command wires it.
func reviewDiff(t *testing.T, r *repo.Repo, opts repo.DiffOptions) (*review.Diff, error) {
	t.Helper()
	rg, err := r.Range(opts)
	if err != nil {
		return nil, err
	}
	return review.DiffRange(context.Background(), r, review.DiffOptions{From: rg.From, To: rg.To, Paths: rg.Paths})
}
