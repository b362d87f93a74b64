package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
	"github.com/redline-docs/redline/review"
)

type diffOptions struct {
	*globals
	args           []string
	dashAt         int // index of the first argument after "--", or -1
	format         string
	out            string
	json           bool
	exitCode       bool
	showFormatting bool
	noIndex        bool
	force          bool
}

// diffFormats are diff's --format values; table and table-html are the
// 修改前后对照表 (side-by-side comparison table).
var diffFormats = []string{"text", "markdown", "html", "json", "table", "table-html", "docx", "table-docx"}

func newDiffCmd(g *globals) *cobra.Command {
	opts := &diffOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "diff [REV_A [REV_B]] [PATH…]",
		Short: "Show the annotated redline of two revisions",
		Long: `Diff shows, clause by clause, what changed between two revisions and the
comments behind each change: the label (old → new when renumbered), the
redline with deletions and insertions marked, quantity changes (90项 → 80项),
units added to or removed from a responsibility list, and the comments that
explain the change; then the changes no comment explains and the adopted
comments that changed nothing.

With no REV it compares the last two revisions; with one, that revision
against the working tree; with two, REV_A against REV_B. PATH… limits the
diff to those documents ("--" separates revisions from paths when needed).
Formatting-only changes (punctuation width, digit width, white space) are
folded away unless --show-formatting.

Formats (--format, or guessed from -o FILE's extension):
  text        for the terminal (default)
  markdown    the annotated redline as Markdown
  html        one self-contained HTML file, print-friendly
  json        the JSON of README's "JSON" section (schema_version 1)
  table       the 修改前后对照表 (clause | before | after) as Markdown
  table-html  the 修改前后对照表 as self-contained HTML
  docx        a Word document: the new revision with every change as a
              tracked change (accept all → the new text, reject all → the
              old) and a Word comment with the consultation comments
  table-docx  the 修改前后对照表 as a Word table

-o refuses to overwrite a document of the repository or a file in .git/
or .redline/ (the error says what); --force writes there anyway.

--no-index compares two files outside any repository, like git diff
--no-index (clause ids are then the label paths). --exit-code exits 1 when
there are differences (formatting-only ones count only with
--show-formatting).`,
		Example: `  redline diff                              # the last two revisions
  redline diff 征求意见稿 送审稿
  redline diff 征求意见稿 送审稿 --format html -o redline.html
  redline diff 征求意见稿 送审稿 --format table -o 对照表.md
  redline diff 征求意见稿 送审稿 -o 修改稿.docx      # Word, tracked changes
  redline diff 征求意见稿 送审稿 --format table-docx -o 对照表.docx
  redline diff HEAD                         # HEAD against the working tree
  redline diff --no-index old.md new.md --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.args = args
			opts.dashAt = cmd.ArgsLenAtDash()
			return domain(runDiff(cmd.Context(), opts))
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "", "output format: "+strings.Join(diffFormats, ", ")+" (default text)")
	f.StringVarP(&opts.out, "output", "o", "", "write to `FILE` instead of stdout")
	f.BoolVar(&opts.json, "json", false, "same as --format json")
	f.BoolVar(&opts.exitCode, "exit-code", false, "exit 1 when there are differences, 0 when none")
	f.BoolVar(&opts.showFormatting, "show-formatting", false, "show formatting-only changes instead of folding them away")
	f.BoolVar(&opts.noIndex, "no-index", false, "compare two files OLD_FILE NEW_FILE outside any repository")
	f.BoolVar(&opts.force, "force", false, "let -o overwrite a document or a file in .git/ or .redline/")
	return cmd
}

func runDiff(ctx context.Context, opts *diffOptions) error {
	format, err := chooseFormat(opts.format, opts.json, opts.out, diffFormats, "text")
	if err != nil {
		return err
	}
	var d *review.Diff
	if opts.noIndex {
		if len(opts.args) != 2 {
			return usagef("diff --no-index: want two files, OLD_FILE NEW_FILE")
		}
		if err := opts.checkOutput(ctx, opts.out, opts.force, nil); err != nil {
			return err
		}
		if d, err = diffFiles(opts.globals, opts.args[0], opts.args[1]); err != nil {
			return err
		}
	} else {
		r, err := opts.openRepo()
		if err != nil {
			return err
		}
		opts.noteShallow(r)
		if err := opts.checkOutput(ctx, opts.out, opts.force, r); err != nil {
			return err
		}
		revs, paths, err := splitRevsPaths(ctx, opts.globals, r, opts.args, opts.dashAt)
		if err != nil {
			return err
		}
		do := repo.DiffOptions{Paths: paths}
		switch len(revs) {
		case 0:
			path := ""
			if len(paths) == 1 {
				path = paths[0]
			}
			log, err := r.Log(ctx, path)
			if err != nil {
				return err
			}
			if len(log) < 2 {
				return errTooFewRevisions
			}
			do.From, do.To = log[1].Hash, log[0].Hash
			// git diff with no revision shows the work tree; this compares
			// the last two revisions, so say when edits are left out.
			if edited, _, err := r.Uncommitted(ctx); err == nil && len(edited) > 0 {
				opts.notice("the work tree has uncommitted edits (%s): 'redline diff HEAD' shows them", strings.Join(edited, ", "))
			}
		case 1:
			do.From = revs[0]
		default:
			do.From, do.To = revs[0], revs[1]
		}
		progress, done := opts.progress()
		do.Progress = progress
		d, err = reviewDiff(ctx, opts.globals, r, do)
		done()
		if err != nil {
			return err
		}
	}
	var err2 error
	switch format {
	case "docx", "table-docx":
		err2 = opts.emitBinary(opts.out, func(w io.Writer) error {
			o := opts.renderOptions(nil, opts.showFormatting)
			if format == "docx" {
				return render.DiffDocx(w, d, o)
			}
			return render.TableDocx(w, d, o)
		})
	default:
		err2 = opts.emit(opts.out, opts.showFormatting, func(w io.Writer, o render.Options) error {
			return renderDiff(w, format, d, o)
		})
	}
	if err2 != nil {
		return err2
	}
	if opts.exitCode && hasDifferences(d, opts.showFormatting) {
		return &exitError{exitDifferent}
	}
	return nil
}

// renderDiff writes d in one of diffFormats.
func renderDiff(w io.Writer, format string, d *review.Diff, o render.Options) error {
	switch format {
	case "markdown":
		return render.Markdown(w, d, o)
	case "html":
		return render.HTML(w, d, o)
	case "json":
		return render.DiffJSON(w, d)
	case "table":
		return render.TableMarkdown(w, d, o)
	case "table-html":
		return render.TableHTML(w, d, o)
	}
	return render.Text(w, d, o)
}

// chooseFormat settles an output format: --format, else --json, else the
// extension of -o FILE, else def.
func chooseFormat(format string, json bool, out string, allowed []string, def string) (string, error) {
	switch strings.ToLower(format) {
	case "":
	case "md":
		format = "markdown"
	case "htm":
		format = "html"
	default:
		format = strings.ToLower(format)
	}
	if json {
		if format != "" && format != "json" {
			return "", usagef("--json and --format %s disagree", format)
		}
		format = "json"
	}
	if format == "" {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".md", ".markdown":
			format = "markdown"
		case ".html", ".htm":
			format = "html"
		case ".json":
			format = "json"
		case ".csv":
			format = "csv"
		case ".docx":
			format = "docx"
		}
		if !slices.Contains(allowed, format) {
			format = def
		}
	}
	if !slices.Contains(allowed, format) {
		return "", usagef("--format %q: want one of %s", format, strings.Join(allowed, ", "))
	}
	return format, nil
}

// splitRevsPaths sorts diff's arguments into up to two revisions, then
// document paths: an argument is a revision while it resolves as one, and a
// path once it names a document or follows "--".
func splitRevsPaths(ctx context.Context, g *globals, r *repo.Repo, args []string, dashAt int) (revs, paths []string, err error) {
	for i, a := range args {
		if (dashAt >= 0 && i >= dashAt) || len(paths) > 0 || len(revs) == 2 {
			paths = append(paths, g.docPath(r, a))
			continue
		}
		_, rerr := r.Resolve(a)
		if rerr == nil {
			revs = append(revs, a)
			continue
		}
		if isDocument(ctx, g, r, a) {
			paths = append(paths, g.docPath(r, a))
			continue
		}
		return nil, nil, rerr
	}
	return revs, paths, nil
}

// isDocument reports whether arg names a document: a .md or .txt name, or a
// file in the work tree or at the newest revision.
func isDocument(ctx context.Context, g *globals, r *repo.Repo, arg string) bool {
	switch strings.ToLower(filepath.Ext(arg)) {
	case ".md", ".txt":
		return true
	}
	p := g.docPath(r, arg)
	if _, err := os.Stat(filepath.Join(r.Dir(), filepath.FromSlash(p))); err == nil {
		return true
	}
	docs, err := documentsAt(ctx, r, "HEAD")
	return err == nil && slices.Contains(docs, p)
}

// hasDifferences reports whether d shows any change: one that is not
// folded away (review.Change.Folded), as the renderers decide.
func hasDifferences(d *review.Diff, showFormatting bool) bool {
	for _, doc := range d.Documents {
		for _, c := range doc.Changes {
			if !c.Folded(showFormatting) {
				return true
			}
		}
	}
	return false
}
