package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
)

type mergeOptions struct {
	*globals
	rev    string
	cont   bool
	abort  bool
	author string
	date   string
	json   bool
}

func newMergeCmd(g *globals) *cobra.Command {
	opts := &mergeOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "merge REV | --continue | --abort",
		Short: "Merge another branch's drafts into the current one, clause by clause",
		Long: `Merge merges REV (a branch, a remote-tracking branch after git fetch, a
revision) into the current branch clause by clause: a clause changed on one
side takes that change, the same change on both sides is taken once,
insertions at one place are both kept, and a renumbering on one side combines
with a rewording on the other. Comment files merge field by field. The result
is a revision with two parents, the current branch first.

Different changes to one clause, or an edit against a deletion, stop the merge
(exit 13): each such clause is written into the document between the lines
"<<<<<<< ours", "=======" and ">>>>>>> theirs", and status lists them. Keep the
text you want, remove the marker lines, then run merge --continue; or
merge --abort to put the work tree back.`,
		Example: `  git fetch origin && redline merge origin/main
  redline merge 卫健委意见
  redline merge --continue
  redline merge --abort`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.rev = args[0]
			}
			return domain(runMerge(cmd.Context(), opts))
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.cont, "continue", false, "record the merge once its conflicts are settled")
	f.BoolVar(&opts.abort, "abort", false, "give up the merge and put the work tree back")
	f.StringVar(&opts.author, "author", "", `the author, "NAME <EMAIL>" (default: as for commit)`)
	f.StringVar(&opts.date, "date", "", "the merge revision's date (default: now)")
	f.BoolVar(&opts.json, "json", false, "write what the merge did as JSON (schema_version 1)")
	return cmd
}

func runMerge(ctx context.Context, opts *mergeOptions) error {
	n := 0
	for _, b := range []bool{opts.rev != "", opts.cont, opts.abort} {
		if b {
			n++
		}
	}
	if n != 1 {
		return usagef("merge: name one revision, or --continue, or --abort")
	}
	date, err := parseDate(opts.date)
	if err != nil {
		return err
	}
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	mo := repo.MergeOptions{Author: opts.author, Date: date, Notice: func(msg string) { opts.notice("%s", msg) }}
	var res repo.MergeResult
	switch {
	case opts.abort:
		if err := r.MergeAbort(ctx); err != nil {
			return err
		}
		if opts.json {
			return render.MergeJSON(opts.stdout, render.JSONMerge{})
		}
		fmt.Fprintln(opts.stdout, "merge aborted")
		return nil
	case opts.cont:
		res, err = r.MergeContinue(ctx, mo)
	default:
		res, err = r.Merge(ctx, opts.rev, mo)
	}
	return reportMerge(opts.globals, opts.json, render.JSONMerge{}, res, err)
}

// reportMerge writes what a merge (or pull) did: one line, or JSON.
func reportMerge(g *globals, asJSON bool, j render.JSONMerge, res repo.MergeResult, err error) error {
	stopped := errors.Is(err, repo.ErrConflict) && len(res.Conflicts) > 0
	if err != nil && !stopped {
		return err
	}
	if asJSON {
		j.Rev, j.UpToDate, j.FastForward, j.Message = res.Rev.Hash, res.UpToDate, res.FastForward, res.Message
		for _, c := range res.Conflicts {
			j.Conflicts = append(j.Conflicts, render.JSONMergeConflict{Path: c.Path, Label: c.Label, Comment: c.Comment, Field: c.Field, Detail: c.Detail})
		}
		if werr := render.MergeJSON(g.stdout, j); werr != nil {
			return werr
		}
		return err
	}
	for _, c := range res.Conflicts {
		fmt.Fprintln(g.stdout, render.Sanitize("conflict: "+c.String()))
	}
	if err != nil {
		return err
	}
	if res.UpToDate {
		fmt.Fprintln(g.stdout, "already up to date")
		return nil
	}
	fmt.Fprintln(g.stdout, render.Sanitize(fmt.Sprintf("[%s] %s", short(res.Rev.Hash), firstLine(res.Message))))
	return nil
}
