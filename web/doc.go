// Package web serves a redline repository as a local web application: the
// revision timeline, the redline of two revisions, one clause's history,
// blame, the comment table and the consultation report, each at a stable
// URL, built from render's HTML pieces. Every asset is embedded; nothing is
// fetched from a network. With Options.Write a reviewer may record
// dispositions and add comments through the same repository calls as the
// command line; without it every write is refused.
package web
