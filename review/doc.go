// Package review is the one pipeline from a range of revisions to an
// annotated review: the diff of each document with the comments that
// explain its changes, the changes no comment explains, the adopted
// comments that changed nothing, the history of one clause, blame, and the
// consultation report. Every rule of these has its home here.
//
// It reads through Source (source.go), a small interface that the
// repository (repo.Repo) implements over git and MemSource implements in
// memory, for diff --no-index and for tests of the rules:
//
//	pipeline.go  DiffRange, ReportOf: a range, document by document
//	attach.go    Attach: which comment explains which change
//	rules.go     AboutClauses, QuoteIn, Editorial, Unapplied: the audit rules
//	round.go     Round, InRound: the consultation round a report covers
//	history.go   HistoryOf, BlameOf: history events along a line
//	memsource.go MemSource
//	review.go    the data model every renderer reads
package review
