package repo

import (
	"context"
	"errors"

	"github.com/redline-docs/redline/review"
)

// The tests of this package check the store through the review pipeline,
// wired as the command wires it: a Repo is the pipeline's Source. (A test
// may import review; the package itself does not.)

var _ review.Source = (*Repo)(nil)

func (r *Repo) Diff(ctx context.Context, opts DiffOptions) (*review.Diff, error) {
	rg, err := r.Range(opts)
	if err != nil {
		return nil, err
	}
	return review.DiffRange(ctx, r, review.DiffOptions{From: rg.From, To: rg.To, Paths: rg.Paths, Progress: opts.Progress})
}

func (r *Repo) Status(ctx context.Context) (*review.Diff, error) {
	return r.Diff(ctx, DiffOptions{})
}

func (r *Repo) History(ctx context.Context, clauseArg, path, at string) (*review.History, error) {
	id, doc, tip, err := r.FindClause(ctx, clauseArg, path, at)
	if err != nil && !errors.Is(err, ErrUnknownClause) {
		return nil, err
	}
	return review.HistoryOf(ctx, r, tip, doc, id)
}

// documentsAt lists the documents at a REV argument.
func (r *Repo) documentsAt(ctx context.Context, rev string) ([]string, error) {
	at, err := r.Resolve(rev)
	if err != nil {
		return nil, err
	}
	return r.Documents(ctx, at)
}

func (r *Repo) Blame(ctx context.Context, rev, path string) (*review.Blame, error) {
	_, doc, at, err := r.FindClause(ctx, "", path, rev)
	if err != nil {
		return nil, err
	}
	return review.BlameOf(ctx, r, at, doc)
}

func (r *Repo) Report(ctx context.Context, from, to string) (*review.Report, error) {
	t, err := r.Resolve(to)
	if err != nil {
		return nil, err
	}
	var f *review.Rev
	if from != "" {
		ff, err := r.Resolve(from)
		if err != nil {
			return nil, err
		}
		f = &ff
	}
	var tp *review.Rev
	if to != "" {
		tp = &t
	}
	return review.ReportOf(ctx, r, f, tp)
}
