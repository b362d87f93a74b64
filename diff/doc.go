// Package diff compares two clause trees: which clause became which (even
// renumbered or moved), the word-level edits inside each clause, and the
// quantities and responsible units that changed.
//
// It wraps github.com/sergi/go-diff and never exposes its types. Output never
// depends on machine load: there are no wall-clock timeouts.
package diff
