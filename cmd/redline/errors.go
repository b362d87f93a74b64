package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/internal/charset"
	"github.com/redline-docs/redline/internal/limits"
	"github.com/redline-docs/redline/repo"
	"github.com/redline-docs/redline/review"
)

// Exit codes. They are part of the contract (README.md, "Exit codes") and are
// decided here and nowhere else.
const (
	exitOK          = 0  // success
	exitDifferent   = 1  // differences found (diff --exit-code only)
	exitUsage       = 2  // unknown command or flag, missing argument, bad flag value
	exitNoRepo      = 3  // no redline repository here
	exitRevision    = 4  // unknown revision, or no revisions yet
	exitDocument    = 5  // unknown document
	exitClause      = 6  // unknown clause
	exitComment     = 7  // unknown comment
	exitBadInput    = 8  // a bad input file: comment table, binary, undecodable or too large document
	exitNothing     = 9  // nothing to commit
	exitBusy        = 10 // the repository is busy (another redline holds its lock, git a ref's)
	exitStage       = 12 // commit --stage names a stage already used
	exitConflict    = 13 // a merge stopped on conflicts, or conflict markers left in a document
	exitGitMissing  = 14 // pull or push: the git binary is not installed
	exitGitFailed   = 15 // pull or push: git fetch or git push failed (git says why)
	exitFailure     = 11 // any other failure: I/O, permissions, a broken ref (repo.ErrBrokenRef) …
	exitInternalBug = 70 // a bug in redline (a recovered panic); EX_SOFTWARE
)

// exitCodesHelp documents the exit codes in the root command's help.
const exitCodesHelp = `Exit codes:
  0   success
  1   differences found (only with diff --exit-code)
  2   usage error: unknown command or flag, missing argument, bad flag value
  3   not a redline repository (see --repo, redline init)
  4   unknown revision, or no revisions yet
  5   unknown document
  6   unknown clause
  7   unknown comment
  8   bad input file: malformed comment table, binary or undecodable document,
      an input past its size limit
  9   nothing to commit
  10  repository busy (another redline or git is writing to it: run it again)
  11  any other failure (I/O, permissions, a broken ref …)
  12  stage name already used (commit --stage)
  13  merge conflict: settle the marked clauses (or conflict markers were
      left in a document at commit)
  14  pull or push: the git binary is not installed (nothing else needs it)
  15  pull or push: git fetch or git push failed (git's message comes first)
  70  internal error (a bug in redline: please report it)`

// errTooFewRevisions: diff with no REV needs two revisions.
var errTooFewRevisions = errors.New("diff: fewer than two revisions to compare; name one to compare with the working tree (redline diff HEAD)")

// usageError is a mistake in how redline was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// exitError carries an exit code chosen by a command itself (diff
// --exit-code) with no message to print.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// domainError marks an error a command's run function returned, as opposed
// to one cobra returned while parsing the command line (always a usage error).
type domainError struct{ err error }

func (e *domainError) Error() string { return e.err.Error() }
func (e *domainError) Unwrap() error { return e.err }

// codeFor maps an error to its exit code: the one place that does.
func codeFor(err error) int {
	var ee *exitError
	var ue *usageError
	var ie *comment.ImportError
	var de *domainError
	var gf *gitFailedError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		return exitUsage
	case !errors.As(err, &de):
		return exitUsage // cobra's own errors: unknown flag, bad arguments
	case errors.Is(err, repo.ErrNotRepository):
		return exitNoRepo
	case errors.Is(err, repo.ErrUnknownRevision), errors.Is(err, repo.ErrNoRevisions),
		errors.Is(err, errTooFewRevisions):
		return exitRevision
	case errors.Is(err, repo.ErrUnknownDocument), errors.Is(err, review.ErrUnknownDocument):
		return exitDocument
	case errors.Is(err, repo.ErrUnknownClause), errors.Is(err, review.ErrUnknownClause):
		return exitClause
	case errors.Is(err, repo.ErrUnknownComment):
		return exitComment
	case errors.As(err, &ie), errors.Is(err, repo.ErrBadInput),
		errors.Is(err, clause.ErrBinary), errors.Is(err, clause.ErrNotUTF8),
		errors.Is(err, clause.ErrTooLarge), errors.Is(err, clause.ErrTooDeep),
		errors.Is(err, comment.ErrBadStatus), errors.Is(err, comment.ErrBadID),
		errors.Is(err, comment.ErrSchema),
		errors.Is(err, charset.ErrBinary), errors.Is(err, charset.ErrUnknown),
		errors.Is(err, limits.ErrTooLarge):
		return exitBadInput
	case errors.Is(err, repo.ErrNothingToCommit):
		return exitNothing
	case errors.Is(err, repo.ErrBusy):
		return exitBusy
	case errors.Is(err, repo.ErrStageExists):
		return exitStage
	case errors.Is(err, repo.ErrConflict):
		return exitConflict
	case errors.Is(err, errGitMissing):
		return exitGitMissing
	case errors.As(err, &gf):
		return exitGitFailed
	}
	return exitFailure
}

// oneLine makes an error message fit the one-line rule: "redline: …".
func oneLine(err error) string {
	var parts []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			parts = append(parts, line)
		}
	}
	return "redline: " + strings.Join(parts, " ")
}
