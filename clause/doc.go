// Package clause turns one version of a policy document or law into a tree
// of numbered clauses.
//
// A Document is a view over its source bytes, never a rewrite: every Node
// records byte offsets into Document.Src, and Document.String reproduces the
// input byte for byte. The package is pure: no I/O, no git, no globals.
//
// Numbering schemes are those of Chinese official documents (GB/T 9704:
// 第一部分, 一、 （一） 1. （1） ①), Chinese laws (编 章 节 条, unnumbered 款,
// 项 （一）, 目 1.), Markdown headings and lists, and English drafts
// (Part I, Article 5, Section 2, 2.3.1, (a), (i)).
//
// Labels are the numbering path of a clause at one revision, levels joined by
// "/": 三/（五）/1, 第三章/第十二条, 2/2.3/(a). NormLabel folds a label so that
// parenthesis width, digit width and trailing separators (、 . ．) do not matter.
package clause
