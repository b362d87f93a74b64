// Package examples embeds redline's example repositories: the documents of
// each revision and the comment files, with the steps that build them. The
// demo command builds them into a real repository.
package examples

import (
	"embed"
	"time"
)

//go:embed all:wuhan-ai-pilot
var files embed.FS

// FS holds every example's files, each under its example's folder.
func FS() embed.FS { return files }

// Revision is one step of an example's history.
type Revision struct {
	Message  string
	Author   string // "NAME <EMAIL>"
	Date     time.Time
	Stage    string
	Files    map[string]string // document path in the repository → file in FS
	Resolves []string          // comment ids the revision settles
}

// Example is an example repository and how to build it.
type Example struct {
	Name      string
	Dir       string // folder in FS
	Revisions []Revision
	// Comments is the comment file in FS, imported right after revision
	// CommentsAfter (an index into Revisions) is committed.
	Comments      string
	CommentsAfter int
}

// All lists the examples; the first is the demo's.
func All() []Example { return []Example{Wuhan()} }

// Wuhan is the case redline was born from: the Wuhan AI pilot-zone plan's
// 征求意见稿 and 送审稿 and the 14 comments of its consultation report.
// STUB: content lands with issue 5.
func Wuhan() Example {
	return Example{Name: "wuhan-ai-pilot", Dir: "wuhan-ai-pilot"}
}
