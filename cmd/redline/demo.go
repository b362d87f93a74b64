package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/examples"
	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
	"github.com/redline-docs/redline/review"
)

type demoOptions struct {
	*globals
	dir string
}

func newDemoCmd(g *globals) *cobra.Command {
	opts := &demoOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Build the embedded Wuhan example repository and show its annotated diff",
		Long: `Demo builds the example that redline was born from — the Wuhan AI pilot-zone
plan (武汉建设国家人工智能创新应用先导区实施方案) with its 征求意见稿, the 14
comments of its consultation report and its 送审稿 — as a real redline
repository, from files embedded in the binary (it works offline). It prints
the annotated diff 征求意见稿 → 送审稿 and writes, next to the repository,
the HTML redline (redline.html) and the consultation report (report.html,
report.md).

The repository goes into a new temporary directory, or into --dir DIR
(which must not exist or be empty); the outputs go into DIR's parent.`,
		Example: `  redline demo
  redline demo --dir ./wuhan && redline --repo ./wuhan history 三/（五）/1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return domain(runDemo(cmd.Context(), opts))
		},
	}
	cmd.Flags().StringVar(&opts.dir, "dir", "", "build the repository in `DIR` instead of a temporary directory")
	return cmd
}

func runDemo(ctx context.Context, opts *demoOptions) error {
	ex := examples.All()[0]
	if len(ex.Revisions) < 2 {
		return fmt.Errorf("demo: the example %s has %d revisions; it needs two", ex.Name, len(ex.Revisions))
	}
	var repoDir string
	if opts.dir == "" {
		base, err := os.MkdirTemp("", "redline-demo-")
		if err != nil {
			return err
		}
		repoDir = filepath.Join(base, ex.Name)
	} else {
		abs, err := filepath.Abs(opts.dir)
		if err != nil {
			return err
		}
		if entries, err := os.ReadDir(abs); err == nil && len(entries) > 0 {
			return fmt.Errorf("demo: %s is not empty; name a new directory with --dir", opts.dir)
		}
		repoDir = abs
	}
	outDir := filepath.Dir(repoDir)
	opts.notice("building the example %s in %s", ex.Name, repoDir)

	revs, err := buildExample(ctx, ex, repoDir, opts.notice)
	if err != nil {
		return err
	}
	r, err := repo.Open(repoDir)
	if err != nil {
		return err
	}
	from, to := revs[0], revs[len(ex.Revisions)-1]
	d, err := reviewDiff(ctx, opts.globals, r, repo.DiffOptions{From: from.Hash, To: to.Hash})
	if err != nil {
		return err
	}
	if err := opts.emit("", false, func(w io.Writer, o render.Options) error {
		return render.Text(w, d, o)
	}); err != nil {
		return err
	}
	rep, err := reviewReport(ctx, r, "", "")
	if err != nil {
		return err
	}
	outputs := []struct {
		name  string
		write func(io.Writer, render.Options) error
	}{
		{"redline.html", func(w io.Writer, o render.Options) error { return render.HTML(w, d, o) }},
		{"report.html", func(w io.Writer, o render.Options) error { return render.ReportHTML(w, rep, o) }},
		{"report.md", func(w io.Writer, o render.Options) error { return render.ReportMarkdown(w, rep, o) }},
	}
	for _, out := range outputs {
		if err := opts.emit(filepath.Join(outDir, out.name), false, out.write); err != nil {
			return err
		}
	}
	opts.notice("try: redline --repo %s log", repoDir)
	return nil
}

// buildExample writes each revision's files into dir and commits them,
// importing the comment file after revision CommentsAfter. It returns the
// revisions made (one more than ex.Revisions when the comments needed a
// commit of their own).
func buildExample(ctx context.Context, ex examples.Example, dir string, notice func(string, ...any)) ([]review.Rev, error) {
	r, err := repo.Init(dir)
	if err != nil {
		return nil, err
	}
	fsys := examples.FS()
	var revs []review.Rev
	for i, step := range ex.Revisions {
		for dst, src := range step.Files {
			data, err := readExample(fsys, ex.Dir, src)
			if err != nil {
				return nil, err
			}
			file := filepath.Join(dir, filepath.FromSlash(dst))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(file, data, 0o644); err != nil {
				return nil, err
			}
		}
		rev, err := r.Commit(ctx, repo.CommitOptions{
			Message:  step.Message,
			Author:   step.Author,
			Date:     step.Date,
			Stage:    step.Stage,
			Resolves: step.Resolves,
			Notice:   func(msg string) { notice("%s", msg) },
		})
		if err != nil {
			return nil, fmt.Errorf("example %s, revision %d: %w", ex.Name, i+1, err)
		}
		revs = append(revs, rev)
		if ex.Comments == "" || i != ex.CommentsAfter {
			continue
		}
		data, err := readExample(fsys, ex.Dir, ex.Comments)
		if err != nil {
			return nil, err
		}
		cs, err := r.ImportComments(ctx, path.Base(ex.Comments), data, repo.CommentOptions{})
		if err != nil {
			return nil, err
		}
		notice("imported %d comments after %s", len(cs), stageOr(rev))
		if i == len(ex.Revisions)-1 {
			rev, err := r.Commit(ctx, repo.CommitOptions{Message: "Record the comments", Author: step.Author, Date: step.Date})
			if err != nil {
				return nil, err
			}
			revs = append(revs, rev)
		}
	}
	return revs, nil
}

// readExample reads an example file named relative to the example's folder
// (or to the root of fsys).
func readExample(fsys fs.FS, dir, name string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, path.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		data, err = fs.ReadFile(fsys, name)
	}
	return data, err
}

func stageOr(rev review.Rev) string {
	if rev.Stage != "" {
		return rev.Stage
	}
	return short(rev.Hash)
}
