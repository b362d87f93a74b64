package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
)

type initOptions struct {
	*globals
	dir string
}

func newInitCmd(g *globals) *cobra.Command {
	opts := &initOptions{globals: g}
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Make DIR a redline repository (an existing git repository is adopted)",
		Long: `Init makes DIR (default: --repo, else the working directory) a redline
repository: a plain git repository. An existing git repository is adopted
as it is; its history is kept.`,
		Example: `  redline init plan
  cd plan && redline init`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.dir = args[0]
			}
			return domain(runInit(cmd.Context(), opts))
		},
	}
}

func runInit(ctx context.Context, opts *initOptions) error {
	dir := opts.dir
	if dir == "" {
		dir = opts.repoDir
	}
	if dir == "" {
		dir = opts.workDir()
	}
	r, err := repo.Init(dir)
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.stdout, render.Sanitize("initialised redline repository in "+r.Dir()))
	return nil
}
