// Package review joins the diff engine's changes with the comments that
// explain them: the annotated redline of two revisions, the history of one
// clause, blame, and the consultation report. It holds the data model every
// renderer reads and the pure attribution rules of CONTRACT.md; the
// repository package fills it from git.
package review
