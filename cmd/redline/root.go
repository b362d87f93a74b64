package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/redline-docs/redline/render"
	"github.com/redline-docs/redline/repo"
)

// Main runs redline with args (without the program name) and returns the
// exit code. It never panics: a bug is reported as one line and exit 70.
// Tests run it in-process.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintln(stderr, render.Sanitize(fmt.Sprintf("redline: internal error: %v (this is a bug in redline; please report it)", p)))
			code = exitInternalBug
		}
	}()
	g := &globals{env: env{
		stdin:      stdin,
		stdout:     stdout,
		stderr:     stderr,
		getenv:     os.Getenv,
		getwd:      os.Getwd,
		executable: os.Executable,
	}}
	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(context.Background())
	if g.stopInterrupt != nil {
		g.stopInterrupt()
	}
	if err == nil {
		return exitOK
	}
	code = codeFor(err)
	var ee *exitError
	if errors.As(err, &ee) {
		return code
	}
	msg := oneLine(err)
	if code == exitUsage && cmd != nil {
		msg += fmt.Sprintf(" (see '%s --help')", cmd.CommandPath())
	}
	fmt.Fprintln(stderr, render.Sanitize(msg)) // the message may quote a cell, a label, a file name
	return code
}

// env is the world a command runs in.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	getwd          func() (string, error)
	executable     func() (string, error) // the running redline's path (os.Executable)
}

// globals holds the flags every command takes, and the environment.
type globals struct {
	env
	repoDir string // --repo
	color   string // --color auto|always|never
	lang    string // --lang zh|en

	// stopInterrupt undoes the Ctrl-C handler, when a command installed it.
	stopInterrupt func()
}

func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "redline",
		Short: "Version policy drafts and laws clause by clause, with the comments behind every change",
		Long: `redline records the drafts of a policy document or law as revisions in a git
repository, anchors each consultation comment to the clause it is about, and
shows the annotated redline of any two stages: every changed clause, the
comment that changed it, the changes no comment explains and the adopted
comments that changed nothing.

Revisions (REV) are a commit hash, a stage name (征求意见稿, 送审稿 …), HEAD,
HEAD~N, a tag or a branch. Clauses (CLAUSE) are a clause id or a label path at
the newest revision such as 三/（五）/1 or 第三章/第十二条.

` + exitCodesHelp,
		Example: `  redline demo                         # build the Wuhan example and show its redline
  redline init && redline commit -m "征求意见稿" --stage 征求意见稿
  redline diff 征求意见稿 送审稿`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			// Ctrl-C cancels the command's context, so a long diff or
			// commit stops cleanly. The handler is installed here, once a
			// command is about to run, not in Main: signal.NotifyContext
			// starts the runtime's signal-watching goroutine, and that is
			// a large part of a process that only prints its help
			// (`redline --help`, which never gets here; bench/repo-vs-git.sh).
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			g.stopInterrupt = stop
			cmd.SetContext(ctx)
			return g.validate()
		},
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{err.Error()}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&g.repoDir, "repo", "", "the repository `DIR` (default: the repository containing the working directory)")
	pf.StringVar(&g.color, "color", "auto", "colour output: auto (only on a terminal, not with NO_COLOR), always, never")
	pf.StringVar(&g.lang, "lang", "", "language of labels and headings: zh or en (default: the document's language)")

	root.AddCommand(
		newInitCmd(g),
		newCommitCmd(g),
		newMergeCmd(g),
		newPullCmd(g),
		newPushCmd(g),
		newLogCmd(g),
		newShowCmd(g),
		newDiffCmd(g),
		newStatusCmd(g),
		newHistoryCmd(g),
		newBlameCmd(g),
		newCommentCmd(g),
		newReportCmd(g),
		newDemoCmd(g),
		newServeCmd(g),
	)
	setupCompletion(root, g)
	return root
}

// validate checks the global flags' values.
func (g *globals) validate() error {
	switch g.color {
	case "auto", "always", "never":
	default:
		return usagef("--color %q: want auto, always or never", g.color)
	}
	switch g.lang {
	case "", "zh", "en":
	default:
		return usagef("--lang %q: want zh or en", g.lang)
	}
	return nil
}

// domain marks err as coming from a command's work, not its command line.
func domain(err error) error {
	if err == nil {
		return nil
	}
	return &domainError{err}
}

// workDir is the working directory, or "." when it cannot be found.
func (g *globals) workDir() string {
	wd, err := g.getwd()
	if err != nil {
		return "."
	}
	return wd
}

// openRepo opens the repository named by --repo or containing the working
// directory.
func (g *globals) openRepo() (*repo.Repo, error) {
	dir := g.repoDir
	if dir == "" {
		dir = g.workDir()
	}
	r, err := repo.Open(dir)
	if err != nil {
		if !errors.Is(err, repo.ErrNotRepository) {
			return nil, err
		}
		if !strings.Contains(err.Error(), dir) {
			err = fmt.Errorf("%s: %w", dir, err)
		}
		return nil, fmt.Errorf("%w (run 'redline init' to make one)", err)
	}
	// A command reads a few revisions and exits: mapped cache entries
	// (repo.MapCaches) cost no copy, and are never undone before exit.
	r.MapCaches()
	g.repairMerges(r)
	return r, nil
}

// repairMerges says, once, which merges made outside redline (git merge,
// git pull) had their clause ids derived again from both sides. It is best
// effort: a repository it cannot read fails in the command itself.
func (g *globals) repairMerges(r *repo.Repo) {
	ctx := context.Background()
	fixed, err := r.RepairMerges(ctx)
	if err != nil || len(fixed) == 0 {
		return
	}
	lang := g.repoLang(ctx, r)
	for _, m := range fixed {
		docs := strings.Join(m.Paths, ", ")
		g.notice("%s", say(lang,
			fmt.Sprintf("合并 %s 不是用 redline merge 做的（git merge 或 git pull）：%s 的条款编号已按合并两侧重新推算，每个条款保留它所来自一侧的编号；下一次 redline commit 会记录下来", short(m.Rev.Hash), docs),
			fmt.Sprintf("merge %s was made outside redline (git merge or git pull): the clause ids of %s were derived again from both sides, each clause keeping the id it has on the side it came from; the next redline commit records them", short(m.Rev.Hash), docs)))
	}
}

// docPath turns a PATH argument into a document path in the repository:
// relative to the working directory when that is inside the repository
// (like git), else relative to the repository's root.
func (g *globals) docPath(r *repo.Repo, p string) string {
	if p == "" {
		return ""
	}
	root := evalDir(r.Dir())
	abs := p
	if !filepath.IsAbs(p) {
		wd := evalDir(g.workDir())
		if !within(root, wd) {
			return filepath.ToSlash(filepath.Clean(p))
		}
		abs = filepath.Join(wd, p)
	}
	rel, err := filepath.Rel(root, evalDir(filepath.Dir(abs)))
	if err != nil || !within(root, filepath.Join(root, rel)) {
		return filepath.ToSlash(filepath.Clean(p))
	}
	return filepath.ToSlash(filepath.Join(rel, filepath.Base(abs)))
}

func evalDir(d string) string {
	if a, err := filepath.Abs(d); err == nil {
		d = a
	}
	if e, err := filepath.EvalSymlinks(d); err == nil {
		d = e
	}
	return d
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
