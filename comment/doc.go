// Package comment models remarks on clauses: who made them, the text they
// quote, the disposition (pending, adopted, partial, rejected) and the
// response. It anchors a comment to a clause id and to the quoted text
// (prefix/exact/suffix, like W3C Web Annotation's TextQuoteSelector) so that
// it re-anchors after edits, and it imports comment tables from CSV (UTF-8 or
// GB18030), XLSX, JSON and YAML.
package comment
