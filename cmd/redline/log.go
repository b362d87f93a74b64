package main

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
)

type logOptions struct {
	*globals
	path string
	json bool
}

func newLogCmd(g *globals) *cobra.Command {
	opts := &logOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "log [PATH]",
		Short: "List revisions, newest first",
		Long: `Log lists the revisions, newest first: hash, date, author, stage, the
comments each settles, and its message. With PATH, only the revisions that
changed that document.`,
		Example: `  redline log
  redline log plan.md --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.path = args[0]
			}
			return domain(runLog(cmd.Context(), opts))
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "write JSON (schema_version 1)")
	return cmd
}

func runLog(ctx context.Context, opts *logOptions) error {
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	opts.noteShallow(r)
	revs, err := r.Log(ctx, opts.docPath(r, opts.path))
	if err != nil {
		return err
	}
	return opts.emit("", false, func(w io.Writer, o render.Options) error {
		if opts.json {
			return render.LogJSON(w, revs)
		}
		return render.LogText(w, revs, o)
	})
}

// noteShallow says on stderr where the history of a shallow clone ends, so
// that a short log or a missing revision is not a mystery.
func (g *globals) noteShallow(r *repo.Repo) {
	ends := r.HistoryEnds()
	if len(ends) == 0 {
		return
	}
	for i, h := range ends {
		ends[i] = short(h)
	}
	g.notice("a shallow clone: history ends at %s (git fetch --unshallow fetches the rest)", strings.Join(ends, ", "))
}
