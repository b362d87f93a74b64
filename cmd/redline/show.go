package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/repo"
)

type showOptions struct {
	*globals
	rev, path string
	raw       bool
}

func newShowCmd(g *globals) *cobra.Command {
	opts := &showOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "show REV [PATH]",
		Short: "Print a document's text at a revision",
		Long: `Show prints a document's text exactly as recorded at REV. PATH may be left
out when the repository holds one document. A Word document (.docx) shows
the text redline reads of it — paragraphs, numbering as labels, tracked
changes accepted; --raw writes the .docx itself as committed.`,
		Example: `  redline show 征求意见稿
  redline show HEAD~1 plan.md > old.md
  redline show 送审稿 plan.docx --raw > 送审稿.docx`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.rev = args[0]
			if len(args) == 2 {
				opts.path = args[1]
			}
			return domain(runShow(cmd.Context(), opts))
		},
	}
	cmd.Flags().BoolVar(&opts.raw, "raw", false, "write the stored bytes (a .docx as committed)")
	return cmd
}

func runShow(ctx context.Context, opts *showOptions) error {
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	opts.noteShallow(r)
	path := opts.docPath(r, opts.path)
	if path == "" {
		if path, err = onlyDocument(ctx, r, opts.rev); err != nil {
			return err
		}
	}
	if opts.raw {
		b, err := r.ShowRaw(ctx, opts.rev, path)
		if err != nil {
			return err
		}
		if isTerminal(opts.stdout) && bytes.IndexByte(b, 0) >= 0 {
			return usagef("show --raw: %s is binary: redirect stdout to a file", path)
		}
		_, err = opts.stdout.Write(b)
		return err
	}
	text, err := r.Show(ctx, opts.rev, path)
	if err != nil {
		return err
	}
	if isTerminal(opts.stdout) {
		// On a terminal, control characters are shown, not obeyed; into a
		// file or a pipe the text goes byte for byte.
		return writeTerminal(opts.stdout, false, func(w io.Writer) error {
			_, err := w.Write(text)
			return err
		})
	}
	_, err = opts.stdout.Write(text)
	return err
}

// onlyDocument is the one document at rev ("" : the working tree), for
// commands whose PATH may be left out.
func onlyDocument(ctx context.Context, r *repo.Repo, rev string) (string, error) {
	docs, err := documentsAt(ctx, r, rev)
	if err != nil {
		return "", err
	}
	switch len(docs) {
	case 0:
		return "", fmt.Errorf("no documents at %s: %w", revName(rev), repo.ErrUnknownDocument)
	case 1:
		return docs[0], nil
	}
	return "", usagef("the repository holds %d documents (%s): name one", len(docs), strings.Join(docs, ", "))
}

func revName(rev string) string {
	if rev == "" {
		return "the working tree"
	}
	return rev
}
