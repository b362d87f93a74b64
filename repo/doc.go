// Package repo stores revisions, stages, comments and clause identity in a
// plain git repository. It is the only package that imports go-git, and it
// never hands out go-git types: one Repo value owns the repository and
// serialises access to it (go-git is not safe for concurrent use).
package repo
