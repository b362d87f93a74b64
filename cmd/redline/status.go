package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/annotate"
	"github.com/redline-docs/redline/render"
)

type statusOptions struct {
	*globals
	json           bool
	showFormatting bool
}

func newStatusCmd(g *globals) *cobra.Command {
	opts := &statusOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "List documents and clauses changed in the working tree since the last revision",
		Long: `Status lists, for each document changed in the working tree since the newest
revision, the clauses inserted, deleted, modified, renumbered or moved. Use
"redline diff HEAD" to see the changes themselves.`,
		Example: `  redline status
  redline status --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return domain(runStatus(cmd.Context(), opts))
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "write the changes as diff's JSON (schema_version 1)")
	cmd.Flags().BoolVar(&opts.showFormatting, "show-formatting", false, "list formatting-only changes too")
	return cmd
}

func runStatus(ctx context.Context, opts *statusOptions) error {
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	d, err := r.Status(ctx)
	if err != nil {
		return err
	}
	return opts.emit("", opts.showFormatting, func(w io.Writer, o render.Options) error {
		if opts.json {
			return render.DiffJSON(w, d)
		}
		return statusText(w, d, opts.showFormatting)
	})
}

// statusText writes one line per changed clause, grouped by document:
//
//	plan.md
//	  modified    三/（五）/1  推进智慧医疗多场景协同
func statusText(w io.Writer, d *annotate.Diff, showFormatting bool) error {
	changed := false
	for _, doc := range d.Documents {
		var lines []string
		for _, c := range doc.Changes {
			if c.FormattingOnly && !showFormatting {
				continue
			}
			lines = append(lines, fmt.Sprintf("  %-11s %s  %s", changeWord(c), changeLabel(c), c.Title))
		}
		if len(lines) == 0 {
			continue
		}
		changed = true
		fmt.Fprintln(w, doc.Path)
		for _, l := range lines {
			fmt.Fprintln(w, trimRight(l))
		}
	}
	if !changed {
		_, err := fmt.Fprintln(w, "no changes since the last revision")
		return err
	}
	return nil
}

// changeWord names a change for status: inserted, deleted, moved,
// renumbered, formatting or modified.
func changeWord(c annotate.Change) string {
	switch {
	case c.Kind.String() != "modified":
		return c.Kind.String()
	case c.FormattingOnly:
		return "formatting"
	case c.Renumbered && !c.Substantive():
		return "renumbered"
	}
	return "modified"
}

// changeLabel is "old → new" when a clause was renumbered, else its label.
func changeLabel(c annotate.Change) string {
	switch {
	case c.OldLabel == "":
		return c.NewLabel
	case c.NewLabel == "", c.OldLabel == c.NewLabel:
		return c.OldLabel
	}
	return c.OldLabel + " → " + c.NewLabel
}

func trimRight(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}
