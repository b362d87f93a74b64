// Package comment models remarks on clauses: who made them, the text they
// quote, the disposition (pending, adopted, partial, rejected) and the
// response.
//
// Anchoring follows W3C Web Annotation's TextQuoteSelector: a comment holds
// a clause id and the quoted text with a little context (Quote), and is
// found again after edits (Reanchor, Index, Locate): by clause id first,
// then by the exact quote, then by a folded one (punctuation and digit
// width, white space), then approximately (character bigram similarity);
// what cannot be found is Orphaned, never dropped.
//
// Import reads comment tables as consultation reports come: CSV (UTF-8,
// UTF-16 or GB18030/GBK, detected), XLSX (read with archive/zip and
// encoding/xml), JSON and YAML; columns by header name in Chinese or
// English; all or nothing, with errors naming file, row and column.
// Marshal and Unmarshal are the readable JSON file the repository keeps for
// each comment.
package comment
