// Package diff compares two clause trees: which clause became which (even
// renumbered or moved), the word-level edits inside each clause, and the
// quantities and responsible units that changed.
//
// It wraps github.com/sergi/go-diff and never exposes its types. Output never
// depends on machine load: there are no wall-clock timeouts.
//
// Every function of the package is safe for concurrent use. Compare only
// reads its documents (the Result points into them), so a caller may parse
// the two revisions concurrently — clause.Parse keeps no shared state — and
// compare them once both are ready; Compare itself shares the word diffs of
// edited clauses among the processors.
package diff
