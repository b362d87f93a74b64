// Package render writes redline's data (annotated diffs, histories, blame,
// logs, comments, reports) in every output format: terminal text, Markdown,
// self-contained HTML, the 修改前后对照表 comparison table, CSV and the JSON
// of CONTRACT.md. One file per format; each function writes to an io.Writer.
package render
