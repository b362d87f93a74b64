// Package render writes redline's data (annotated diffs, histories, blame,
// logs, comments, reports) in every output format: terminal text, Markdown,
// self-contained HTML, the 修改前后对照表 comparison table, CSV and the JSON
// of README's "JSON" section. One file per format; each function writes to an io.Writer
// and returns the first write error.
//
//	text.go      Text: the annotated diff for a terminal
//	markdown.go  Markdown: the same, for GitHub and print
//	html.go      HTML: one self-contained page, comments in the margin
//	table.go     TableMarkdown, TableHTML: the 修改前后对照表
//	report.go    ReportMarkdown, ReportHTML, ReportCSV: the consultation report
//	log.go       LogText, HistoryText, BlameText, CommentsText
//	json.go      DiffJSON, LogJSON, HistoryJSON, BlameJSON, CommentsJSON
//	i18n.go      every user-facing string, in Chinese and English
//
// Labels follow the document's language (Document.Lang, History.Lang …) unless
// Options.Lang overrides it: Chinese for Chinese documents, English otherwise.
//
// Terminal output wraps to Options.Width counting double-width characters as
// two columns and never breaks a line before closing punctuation (，。）) or
// after opening punctuation. Without colour, deletions read [-like this-]
// and insertions {+like this+}, as in git diff --word-diff.
//
// Markdown marks deletions <del> and insertions <ins>: GitHub renders both,
// and the ~~strike~~ syntax fails next to CJK punctuation under CommonMark's
// flanking rules. Document and comment text is escaped so nothing in it is
// read as Markdown or HTML.
//
// HTML pages are written in Go by an htmlWriter that escapes every piece of
// document and comment text as html/template would (html/template stays
// out of the binary for its start-up cost); they carry their styles
// inline, fetch nothing, and forbid scripts with a Content-Security-Policy.
// They print on A4.
package render
