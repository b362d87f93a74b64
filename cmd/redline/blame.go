package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/render"
)

type blameOptions struct {
	*globals
	args []string
	json bool
}

func newBlameCmd(g *globals) *cobra.Command {
	opts := &blameOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "blame [REV] [PATH]",
		Short: "For each clause, the revision and comment that last changed it",
		Long: `Blame lists every clause of a document at REV (default: the newest
revision) with the revision that last created, changed, renumbered or moved
it, and the comments settled there. PATH may be left out when the
repository holds one document.`,
		Example: `  redline blame
  redline blame 征求意见稿 plan.md --json`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.args = args
			return domain(runBlame(cmd.Context(), opts))
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "write JSON (schema_version 1)")
	return cmd
}

func runBlame(ctx context.Context, opts *blameOptions) error {
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	rev, path := "HEAD", ""
	switch len(opts.args) {
	case 2:
		rev, path = opts.args[0], opts.docPath(r, opts.args[1])
	case 1:
		// One argument is a revision if it resolves as one, else a path.
		if _, err := r.Resolve(opts.args[0]); err == nil {
			rev = opts.args[0]
		} else if isDocument(ctx, opts.globals, r, opts.args[0]) {
			path = opts.docPath(r, opts.args[0])
		} else {
			return err
		}
	}
	if path == "" {
		if path, err = onlyDocument(ctx, r, rev); err != nil {
			return err
		}
	}
	b, err := reviewBlame(ctx, r, rev, path)
	if err != nil {
		return err
	}
	return opts.emit("", false, func(w io.Writer, o render.Options) error {
		if opts.json {
			return render.BlameJSON(w, b)
		}
		return render.BlameText(w, b, o)
	})
}
