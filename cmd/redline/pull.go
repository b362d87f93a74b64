package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
)

type pullOptions struct {
	*globals
	remote, branch string
	author, date   string
	json           bool
}

func newPullCmd(g *globals) *cobra.Command {
	opts := &pullOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "pull [REMOTE [BRANCH]]",
		Short: "Fetch a remote's drafts with git and merge them clause by clause",
		Long: `Pull runs "git fetch REMOTE BRANCH" (the git binary: remotes, protocols and
credentials are git's) and then merges what it fetched as "redline merge" does:
clause by clause, conflicts stopping with exit 13. REMOTE and BRANCH default to
the current branch's upstream, else origin and the current branch's name. A
branch with nothing of its own since is fast-forwarded.

Without git installed, pull exits 14; a fetch that fails (no such remote,
no network, refused credentials) exits 15 after git's own message.`,
		Example: `  redline pull
  redline pull origin main
  redline pull --json`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.remote, opts.branch = remoteArgs(args)
			return domain(runPull(cmd.Context(), opts))
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.author, "author", "", `the merge revision's author, "NAME <EMAIL>" (default: as for commit)`)
	f.StringVar(&opts.date, "date", "", "the merge revision's date (default: now)")
	f.BoolVar(&opts.json, "json", false, "write what the merge did as JSON (schema_version 1)")
	return cmd
}

func runPull(ctx context.Context, opts *pullOptions) error {
	date, err := parseDate(opts.date)
	if err != nil {
		return err
	}
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	if _, ok := r.MergeInProgress(); ok {
		return fmt.Errorf("pull: a merge is in progress: settle it with merge --continue or merge --abort: %w", repo.ErrConflict)
	}
	if _, err := opts.gitBinary(); err != nil {
		return err
	}
	remote, branch, err := opts.upstream(ctx, r.Dir(), opts.remote, opts.branch)
	if err != nil {
		return err
	}
	if _, err := opts.runGit(ctx, r.Dir(), false, "fetch", "--", remote, branch); err != nil {
		return err
	}
	// Merge the remote-tracking branch when fetch brought it up to date (a
	// remote with git's usual refspec), so the message names it; else the
	// fetched revision itself.
	fetched := opts.gitQuiet(ctx, r.Dir(), "rev-parse", "--verify", "-q", "FETCH_HEAD^{commit}")
	if fetched == "" {
		return fmt.Errorf("pull: git fetch %s %s fetched no revision: %w", remote, branch, repo.ErrUnknownRevision)
	}
	rev := fetched
	if tracking := opts.gitQuiet(ctx, r.Dir(), "rev-parse", "--verify", "-q", "refs/remotes/"+remote+"/"+branch); tracking == fetched {
		rev = remote + "/" + branch
	}
	res, err := r.Merge(ctx, rev, repo.MergeOptions{Author: opts.author, Date: date,
		Notice: func(msg string) { opts.notice("%s", msg) }})
	return reportMerge(opts.globals, opts.json, render.JSONMerge{Remote: remote, Branch: branch}, res, err)
}

type pushOptions struct {
	*globals
	remote, branch string
	json           bool
}

func newPushCmd(g *globals) *cobra.Command {
	opts := &pushOptions{globals: g}
	cmd := &cobra.Command{
		Use:   "push [REMOTE [BRANCH]]",
		Short: "Push the current branch's revisions with git",
		Long: `Push runs "git push REMOTE HEAD:refs/heads/BRANCH" (the git binary: remotes,
protocols and credentials are git's). REMOTE and BRANCH default to the current
branch's upstream, else origin and the current branch's name. Comments and
clause ids travel with the revisions; stages travel in their trailers (the
stage tags are a local convenience and are not pushed).

A merge in progress is refused (settle it first). Without git installed, push
exits 14; a push git refuses (someone pushed first: redline pull, then push
again) or cannot make exits 15 after git's own message.`,
		Example: `  redline push
  redline push origin main
  redline pull && redline push`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.remote, opts.branch = remoteArgs(args)
			return domain(runPush(cmd.Context(), opts))
		},
	}
	cmd.Flags().BoolVar(&opts.json, "json", false, "write what was pushed as JSON (schema_version 1)")
	return cmd
}

func runPush(ctx context.Context, opts *pushOptions) error {
	r, err := opts.openRepo()
	if err != nil {
		return err
	}
	if _, ok := r.MergeInProgress(); ok {
		return fmt.Errorf("push: a merge is in progress: settle it with merge --continue or merge --abort first: %w", repo.ErrConflict)
	}
	head, err := r.Resolve("HEAD")
	if err != nil {
		return err
	}
	if _, err := opts.gitBinary(); err != nil {
		return err
	}
	remote, branch, err := opts.upstream(ctx, r.Dir(), opts.remote, opts.branch)
	if err != nil {
		return err
	}
	if _, err := opts.runGit(ctx, r.Dir(), false, "push", "--", remote, "HEAD:refs/heads/"+branch); err != nil {
		if gf, ok := err.(*gitFailedError); ok {
			gf.hint = "if the remote has revisions this branch lacks, run redline pull, then push again"
		}
		return err
	}
	if opts.json {
		return render.PushJSON(opts.stdout, render.JSONPush{Remote: remote, Branch: branch, Rev: head.Hash})
	}
	fmt.Fprintln(opts.stdout, render.Sanitize(fmt.Sprintf("pushed %s to %s %s", short(head.Hash), remote, branch)))
	return nil
}

// remoteArgs splits pull's and push's [REMOTE [BRANCH]]; "" for what is
// not given (the upstream's, else origin and the current branch).
func remoteArgs(args []string) (remote, branch string) {
	if len(args) > 0 {
		remote = args[0]
	}
	if len(args) > 1 {
		branch = args[1]
	}
	return remote, branch
}
