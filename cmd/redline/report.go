package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/render"
)

type reportOptions struct {
	*globals
	format, out, from, to, title string
	force                        bool
}

var reportFormats = []string{"markdown", "html", "csv", "docx"}

func newReportCmd(g *globals) *cobra.Command {
	opts := &reportOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write the consultation report: every comment, its disposition and what changed",
		Long: `Report writes the consultation report (公开征求意见情况的报告) from the
repository: every comment of the round in order, who made it, the comment, its
disposition with the response, and what actually changed in the text
(clause, before → after, revision). Headings are Chinese for Chinese
documents (序号, 单位/个人, 修改意见, 是否采纳), English otherwise (--lang).

--format is markdown (default), html, csv or docx (a Word document), or
guessed from -o FILE.
By default the report covers one consultation round: from the revision the
newest comments were made on to the revision that settled them (or the
newest); --from and --to change it. -o refuses to overwrite a document of
the repository or a file in .git/ or .redline/; --force writes there anyway.
The report is named after the document's title line; a document without
one is named by its file name, unless --title names it.`,
		Example: `  redline report
  redline report -o report.html
  redline report --format csv --from 征求意见稿 --to 送审稿 > report.csv
  redline report --title 动物检疫管理办法 -o report.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return domain(runReport(cmd.Context(), opts))
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", "", "output format: markdown, html, csv (default markdown)")
	f.StringVarP(&opts.out, "output", "o", "", "write to `FILE` instead of stdout")
	f.StringVar(&opts.from, "from", "", "the first revision covered (default: the one the comments were made on)")
	f.StringVar(&opts.to, "to", "", "the last revision covered (default: the one that settled them, or the newest)")
	f.StringVar(&opts.title, "title", "", "the document's `TITLE` in the report (default: its title line, else its file name)")
	f.BoolVar(&opts.force, "force", false, "let -o overwrite a document or a file in .git/ or .redline/")
	return cmd
}

func runReport(ctx context.Context, opts *reportOptions) error {
	format, err := chooseFormat(opts.format, false, opts.out, reportFormats, "markdown")
	if err != nil {
		return err
	}
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	if err := opts.checkOutput(ctx, opts.out, opts.force, r); err != nil {
		return err
	}
	rep, err := reviewReport(ctx, r, opts.from, opts.to)
	if err != nil {
		return err
	}
	if opts.title != "" {
		rep.Title = opts.title
	}
	if format == "docx" {
		return opts.emitBinary(opts.out, func(w io.Writer) error {
			return render.ReportDocx(w, rep, opts.renderOptions(nil, false))
		})
	}
	return opts.emit(opts.out, false, func(w io.Writer, o render.Options) error {
		switch format {
		case "html":
			return render.ReportHTML(w, rep, o)
		case "csv":
			return render.ReportCSV(w, rep, o)
		}
		return render.ReportMarkdown(w, rep, o)
	})
}
