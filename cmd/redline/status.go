package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
	"github.com/redline-docs/redline/review"
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
	d, err := reviewDiff(ctx, opts.globals, r, repo.DiffOptions{})
	if err != nil {
		return err
	}
	_, pending, err := r.Uncommitted(ctx)
	if err != nil {
		return err
	}
	lang := opts.repoLang(ctx, r)
	return opts.emit("", opts.showFormatting, func(w io.Writer, o render.Options) error {
		if opts.json {
			return render.DiffJSON(w, d)
		}
		if conflicts, ok := r.MergeInProgress(); ok {
			fmt.Fprintln(w, say(lang, "合并未完成，冲突（解决后 redline merge --continue，放弃 redline merge --abort）：",
				"merge in progress; conflicts (settle them, then redline merge --continue, or redline merge --abort):"))
			for _, c := range conflicts {
				fmt.Fprintln(w, render.Sanitize("  "+c.String()))
			}
		}
		if err := statusText(w, d, opts.showFormatting, o.Lang, lang); err != nil {
			return err
		}
		return pendingComments(w, pending, lang)
	})
}

// statusText writes one line per changed clause, grouped by document, in
// the document's language (or lang, from --lang); msgLang is the
// repository's, for what is not about one document:
//
//	plan.md
//	  修改      三/（五）/1  推进智慧医疗多场景协同
//	  重新编号  三/（六）/1 → 三/（六）/2  打造人工智能产业创新生态
func statusText(w io.Writer, d *review.Diff, showFormatting bool, lang, msgLang clause.Lang) error {
	changed := false
	zh := lang == clause.LangZH
	for _, doc := range d.Documents {
		if lang == "" {
			zh = doc.Lang != clause.LangEN
		}
		var lines []string
		for _, c := range doc.Changes {
			if c.Folded(showFormatting) {
				continue
			}
			l := clause.LangEN
			if zh {
				l = clause.LangZH
			}
			word := render.ChangeWord(&c, l)
			lines = append(lines, strings.TrimRight("  "+pad(word, 10)+"  "+changeLabel(c)+"  "+c.Title, " "))
		}
		if len(lines) == 0 {
			continue
		}
		changed = true
		fmt.Fprintln(w, doc.Path)
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
	}
	if !changed {
		_, err := fmt.Fprintln(w, say(msgLang, "自上次修订以来没有修改", "no changes since the last revision"))
		return err
	}
	return nil
}

// pendingComments says how many comment files the work tree holds that no
// revision records yet (written by comment add, import or set).
func pendingComments(w io.Writer, files []string, lang clause.Lang) error {
	if len(files) == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, say(lang, "尚未提交的意见文件：%d 个（'redline commit' 记录它们）\n",
		"comment files not yet committed: %d ('redline commit' records them)\n"), len(files))
	return err
}

// pad fills s with spaces to width display columns (a CJK character is two).
func pad(s string, width int) string {
	if n := render.StringWidth(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

// changeLabel is "old → new" when a clause was renumbered, else its label.
func changeLabel(c review.Change) string {
	switch {
	case c.OldLabel == "":
		return c.NewLabel
	case c.NewLabel == "", c.OldLabel == c.NewLabel:
		return c.OldLabel
	}
	return c.OldLabel + " → " + c.NewLabel
}
