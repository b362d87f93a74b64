// Package docx reads and writes Word documents (WordprocessingML, ECMA-376
// Part 1) with archive/zip and encoding/xml alone.
//
// Reading turns a .docx into what a reader of it sees: its paragraphs in
// order, Word's automatic numbering rendered as the labels on the page
// (第一条, 一、, （一）, 1., ①), tables as text, tracked changes in their
// accepted form, and the reviewers' comments and tracked changes as
// separate records, each with the paragraph it belongs to.
//
// The package is pure: bytes in, values out. It bounds what a hostile file
// can make it do (entries, decompressed sizes, nesting), so a zip bomb or
// an XML entity trick is an error, not an exhausted machine.
package docx
