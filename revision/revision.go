// Package revision holds the value type that names one revision, shared by
// the store (repo) that reads revisions and the review pipeline (review)
// that computes over them. It has no logic: a value both sides may import
// without importing each other.
package revision

import "time"

// Rev describes one revision. The zero Rev (no Hash) stands for the work
// tree where a revision is expected.
type Rev struct {
	Hash    string
	Stage   string // "" when the revision has no stage name
	Date    time.Time
	Author  string // "NAME <EMAIL>"
	Message string
	// Resolves lists the comment ids the revision says it settles.
	Resolves []string
}
