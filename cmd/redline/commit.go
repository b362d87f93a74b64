package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
)

type commitOptions struct {
	*globals
	paths    []string
	message  string
	author   string
	date     string
	stage    string
	resolves []string
}

func newCommitCmd(g *globals) *cobra.Command {
	opts := &commitOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "commit [PATH…] -m MSG",
		Short: "Record the documents' current text as a revision",
		Long: `Commit records the current text of the documents (PATH…, default: every
.md and .txt document in the work tree) and the comment files as a new
revision. --stage names the revision (征求意见稿, 送审稿 …) so it can be used
wherever a revision is expected. --resolves lists the comments this revision
settles; they explain its changes in diff, blame and report.

A document in GB18030/GBK is converted to UTF-8, with a notice on stderr.`,
		Example: `  redline commit -m "征求意见稿" --stage 征求意见稿 --date 2023-09-01
  redline commit plan.md -m "吸收部门意见" --stage 送审稿 --resolves D1,D4,D6
  redline commit -m "Draft 2" --author "Li Lei <li@example.org>"`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			return domain(runCommit(cmd.Context(), opts))
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.message, "message", "m", "", "the revision's message (required)")
	f.StringVar(&opts.author, "author", "", `the author, "NAME <EMAIL>" (default: git config user, else redline <redline@localhost>)`)
	f.StringVar(&opts.date, "date", "", "the revision's date: RFC 3339, or 2006-01-02[ 15:04[:05]] in UTC (default: now)")
	f.StringVar(&opts.stage, "stage", "", "a stage name for the revision: 征求意见稿, 送审稿, draft-01 …")
	f.StringSliceVar(&opts.resolves, "resolves", nil, "comment `ID,…` this revision settles")
	_ = cmd.MarkFlagRequired("message")
	return cmd
}

func runCommit(ctx context.Context, opts *commitOptions) error {
	if strings.TrimSpace(opts.message) == "" {
		return usagef("commit: empty message (-m)")
	}
	date, err := parseDate(opts.date)
	if err != nil {
		return err
	}
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	var paths []string
	for _, p := range opts.paths {
		paths = append(paths, opts.docPath(r, p))
	}
	var resolves []string
	for _, id := range opts.resolves {
		if id = strings.TrimSpace(id); id != "" {
			resolves = append(resolves, id)
		}
	}
	rev, err := r.Commit(ctx, repo.CommitOptions{
		Paths:    paths,
		Message:  opts.message,
		Author:   opts.author,
		Date:     date,
		Stage:    opts.stage,
		Resolves: resolves,
		Notice:   func(msg string) { opts.notice("%s", msg) },
	})
	if err != nil {
		return err
	}
	name := short(rev.Hash)
	if rev.Stage != "" {
		name += " " + rev.Stage
	}
	fmt.Fprintln(opts.stdout, render.Sanitize(fmt.Sprintf("[%s] %s", name, firstLine(rev.Message))))
	return nil
}

// dateLayouts are the --date formats, tried in order; those without a zone
// are UTC so that a script's revisions hash the same everywhere.
var dateLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Before(time.Unix(0, 0)) {
				return time.Time{}, usagef("--date %q: before 1970-01-01, which git cannot record", s)
			}
			return t, nil
		}
	}
	return time.Time{}, usagef("--date %q: want RFC 3339 (2023-09-01T10:00:00+08:00) or 2023-09-01[ 10:00]", s)
}

// short abbreviates a commit hash for people.
func short(hash string) string {
	if len(hash) > 7 {
		return hash[:7]
	}
	return hash
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
