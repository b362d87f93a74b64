package main

import (
	"context"
	"errors"

	"github.com/redline-docs/redline/repo"
	"github.com/redline-docs/redline/review"
)

// The repository is the review pipeline's Source: these functions resolve
// the user's arguments in the store and hand the range to review. They are
// the only place the two meet.

// reviewDiff is the annotated diff of the range opts names.
func reviewDiff(ctx context.Context, g *globals, r *repo.Repo, opts repo.DiffOptions) (*review.Diff, error) {
	rg, err := r.Range(opts)
	if err != nil {
		return nil, err
	}
	tuneGC(g.getenv, rg.Bytes)
	return review.DiffRange(ctx, r, review.DiffOptions{From: rg.From, To: rg.To, Paths: rg.Paths, Progress: opts.Progress})
}

// reviewHistory traces a CLAUSE argument (label resolved at at) along the
// line ending at at ("" : the newest revision).
func reviewHistory(ctx context.Context, r *repo.Repo, clauseArg, path, at string) (*review.History, error) {
	id, doc, tip, err := r.FindClause(ctx, clauseArg, path, at)
	if err != nil && !errors.Is(err, repo.ErrUnknownClause) {
		return nil, err
	}
	// With no clause of that name at tip, the argument may be the id of a
	// clause deleted before it: its history says.
	h, herr := review.HistoryOf(ctx, r, tip, doc, id)
	if herr != nil && err != nil {
		return nil, err // say why the argument named no clause (ambiguous, with its candidates …)
	}
	return h, herr
}

// reviewBlame blames document path at rev.
func reviewBlame(ctx context.Context, r *repo.Repo, rev, path string) (*review.Blame, error) {
	_, doc, at, err := r.FindClause(ctx, "", path, rev)
	if err != nil {
		return nil, err
	}
	return review.BlameOf(ctx, r, at, doc)
}

// reviewReport is the consultation report over (from, to]; without from
// or to ("") it covers one consultation round (review.Round).
func reviewReport(ctx context.Context, r *repo.Repo, from, to string) (*review.Report, error) {
	t, err := r.Resolve(to) // "" : the newest, which must exist
	if err != nil {
		return nil, err
	}
	var f, tp *review.Rev
	if to != "" {
		tp = &t
	}
	if from != "" {
		rf, err := r.Resolve(from)
		if err != nil {
			return nil, err
		}
		f = &rf
	}
	return review.ReportOf(ctx, r, f, tp)
}

// documentsAt lists the documents at a REV argument ("" : the work tree).
func documentsAt(ctx context.Context, r *repo.Repo, rev string) ([]string, error) {
	var at review.Rev // the work tree
	if rev != "" {
		var err error
		if at, err = r.Resolve(rev); err != nil {
			return nil, err
		}
	}
	return r.Documents(ctx, at)
}
