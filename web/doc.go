// Package web serves a redline repository as a local web application: the
// revision timeline, the redline of two revisions, one clause's history,
// blame, the comment table and the consultation report, each at a stable
// URL, built from render's HTML pieces. Every asset is embedded; nothing is
// fetched from a network. With Options.Write a reviewer may record
// dispositions and add comments through the same repository calls as the
// command line; without it every write is refused.
//
// Pages speak the language of the repository's first document (?lang=
// overrides), work from the keyboard, and print black on white without
// navigation. A built page is kept in memory under the revision hashes it
// was built from (cache.go) until the repository's state (newest revision,
// comments) changes; the repository's own caches under .git/redline, shared
// with the command line, serve the rebuild.
package web
