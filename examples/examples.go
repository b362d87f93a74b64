// Package examples embeds redline's example repositories: the documents of
// each revision and the comment files, with the steps that build them. The
// demo command builds them into a real repository.
package examples

import (
	"embed"
	"time"
)

//go:embed all:wuhan-ai-pilot all:english-act
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
func All() []Example { return []Example{Wuhan(), English()} }

// Wuhan is the case redline was born from: the Wuhan AI pilot-zone plan's
// 征求意见稿 and 送审稿 and the 14 comments of its consultation report
// (published 2023-10-25). The comments are imported after the 征求意见稿, so
// their clause labels (三/（五）/2 …) are that draft's; the 送审稿 settles all
// 14, since a decision was recorded on each (adopted, partly adopted).
func Wuhan() Example {
	const author = "市经信局起草组 <drafters@example.gov.cn>"
	return Example{
		Name: "wuhan-ai-pilot",
		Dir:  "wuhan-ai-pilot",
		Revisions: []Revision{
			{
				Message: "征求意见稿：公开征求意见",
				Author:  author,
				Date:    cst(2023, 9, 15, 9, 0),
				Stage:   "征求意见稿",
				Files:   map[string]string{"plan.md": "wuhan-ai-pilot/征求意见稿.md"},
			},
			{
				Message: "送审稿：根据公开征求意见和部门意见修改",
				Author:  author,
				Date:    cst(2023, 10, 20, 17, 30),
				Stage:   "送审稿",
				Files:   map[string]string{"plan.md": "wuhan-ai-pilot/送审稿.md"},
				Resolves: []string{
					"P1", "P2", "P3", "P4", "P5",
					"D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9",
				},
			},
		},
		Comments:      "wuhan-ai-pilot/comments.csv",
		CommentsAfter: 0,
	}
}

// English is a small English act in two drafts with six comments: an
// inserted Article that renumbers the rest, a quantity change, an amended
// list of responsible bodies, and comments adopted, partly adopted, rejected
// and still pending.
func English() Example {
	const author = "Drafting Office <drafting@example.gov>"
	return Example{
		Name: "english-act",
		Dir:  "english-act",
		Revisions: []Revision{
			{
				Message: "draft-01: published for consultation",
				Author:  author,
				Date:    time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC),
				Stage:   "draft-01",
				Files:   map[string]string{"act.md": "english-act/draft-01.md"},
			},
			{
				Message:  "draft-02: revised after consultation",
				Author:   author,
				Date:     time.Date(2024, 4, 15, 16, 0, 0, 0, time.UTC),
				Stage:    "draft-02",
				Files:    map[string]string{"act.md": "english-act/draft-02.md"},
				Resolves: []string{"C1", "C2", "C3", "C4", "C5"},
			},
		},
		Comments:      "english-act/comments.csv",
		CommentsAfter: 0,
	}
}

// cst is a wall-clock time in China Standard Time (UTC+8), fixed so that the
// example's commit hashes are the same on every machine.
func cst(year int, month time.Month, day, hour, min int) time.Time {
	return time.Date(year, month, day, hour, min, 0, 0, time.FixedZone("CST", 8*60*60))
}
