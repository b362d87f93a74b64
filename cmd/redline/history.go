package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/render"
)

type historyOptions struct {
	*globals
	clause, path, at string
	json             bool
}

func newHistoryCmd(g *globals) *cobra.Command {
	opts := &historyOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "history CLAUSE [PATH]",
		Short: "Trace one clause through every revision, however it was renumbered or moved",
		Long: `History lists every revision in which a clause was created, changed,
renumbered, moved or deleted, oldest first, with its label and text then and
the comments settled there. CLAUSE is a clause id or a label path at the
newest revision (or at --at REV); labels match regardless of parenthesis and
digit width and trailing 、 . ．, so 三/(五)/1 = 三/（五）/1 = 三、/（五）/1.`,
		Example: `  redline history 三/（五）/1
  redline history "三/(二)/3" plan.md --at 征求意见稿
  redline history c1a2b3c4d5e --json     # by clause id`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.clause = args[0]
			if len(args) == 2 {
				opts.path = args[1]
			}
			return domain(runHistory(cmd.Context(), opts))
		},
	}
	cmd.Flags().StringVar(&opts.at, "at", "", "resolve a CLAUSE label at `REV` instead of the newest revision")
	cmd.Flags().BoolVar(&opts.json, "json", false, "write JSON (schema_version 1)")
	return cmd
}

func runHistory(ctx context.Context, opts *historyOptions) error {
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	path := opts.docPath(r, opts.path)
	h, err := reviewHistory(ctx, r, opts.clause, path, opts.at)
	if err != nil {
		return err
	}
	if opts.at != "" {
		// --at only says where the label is resolved (README, "Revisions, clauses"): the
		// history itself runs to the newest revision, found by clause id.
		if full, err := reviewHistory(ctx, r, h.ClauseID, h.Path, ""); err == nil {
			h = full
		}
	}
	return opts.emit("", false, func(w io.Writer, o render.Options) error {
		if opts.json {
			return render.HistoryJSON(w, h)
		}
		return render.HistoryText(w, h, o)
	})
}
