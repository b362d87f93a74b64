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
// parenthesis width, digit width, trailing separators (、 . ．) and the case
// of English words (PART I, Article 5) do not matter. Find falls back to
// looser matches as consultation reports cite clauses: 第三部分 for a
// top-level 三, or a clause's title in place of its number.
//
// # How lines become clauses
//
// Parse reads the source line by line, once. A line whose content (after
// indentation, U+3000, BOM and zero-width characters) starts with a marker
// is a candidate clause; whether it becomes one depends on its context:
//
//   - After a line that ends a sentence (。；：！？ . ; : or a closing
//     bracket), a blank line, or a heading-like short line, a marker starts a
//     clause. After an unfinished sentence it starts one only if it is the
//     number expected next at an open level: "…达到\n2.5倍" and
//     "…依照\n第十二条的规定" stay text.
//   - 第X条, 第X章 and the other structural markers must be followed by white
//     space (often U+3000) or end a heading-like line. Article numbers run
//     across chapters; 第十条之一 follows 第十条.
//   - Structural levels nest by rank (编 > 部分 > 章 > 节 > 条 > 款); the
//     enumerated schemes (一、 （一） 1. （1） ① (a) (i) 2.3) nest in the
//     order they appear, with the official-document order as a tie-breaker:
//     a （一） closes an open 1. list. (i) after (h) is a letter.
//   - Inside an article, a second paragraph turns the article's paragraphs
//     into 款 (第一款, 第二款 …, or ¶1, ¶2 in English); items follow the
//     paragraph they come after. The words of an article are sentences,
//     never headings: a line of a 款 or an item that stops before its
//     sentence ends (its last character, behind closing quotes and
//     brackets, is not 。！？；：… or . ! ? ; :) is hard-wrapped, however
//     short, and the next unmarked line goes on with it. A line after the
//     article's items is its next 款 when the last item ended its sentence
//     (with 。, or in Chinese with ；); after ： it belongs to the item.
//   - Markdown headings (ATX "##" and setext "===" / "---") nest by level;
//     "## 一、总体要求" takes the heading's place in the tree and the label
//     一. A lone, unnumbered level-1 heading before any text is the
//     document's title (Document.Title), not a clause; so is an unnumbered
//     first line without sentence punctuation in any document; a chapter
//     or article heading never is. Front matter and code blocks are text;
//     a table of contents (目录, Contents, dot-leader entries) and a
//     LawRefBook INFO block (ending in <!-- INFO END -->) are not.
//   - German statutes: (1) Absätze, 1. and 1a. Nummern, a) and aa)
//     Buchstaben; the parts of a § have no titles, and a paragraph after
//     an Absatz's list is the Absatz's tail.
//   - Labels are unique: a number repeated among siblings (three lists in
//     one §) gets "~" and its place among those sharing it: 1, 1~2, 1~3.
//     A label without the count names the whole group (FindAll).
//   - FindAll also reads citations as lawyers write them: 第三条第一款,
//     第二十一条第二款第（一）项, 第3条, 第三条之一, § 2 Abs. 1 Nr. 3,
//     Art. 5(1)(a), Article 5, paragraph 1, Section 3.3.1.
//   - Drafts written one clause per line need no blank lines: in text that
//     is not hard-wrapped, a marker numbered 1 after a short line opens a
//     new level.
//   - A responsibility trailer on a line of its own after an item's
//     sub-items is the item's; a date line or （此件公开发布） ending the
//     document is the root's. Such text after a clause's children is its
//     tail: Text and Body include it, the children's source ranges do not.
//
// Page furniture — "— 3 —", "第 3 页 共 20 页", "Page 3 of 20", form feeds,
// a running header repeated at the top of pages, and the page footers and
// headers of RFCs and Internet-Drafts ("Kerwin  Standards Track  [Page 5]")
// — is left out of texts.
// Hard-wrapped text (a PDF extraction) is recognised by its line widths; its
// wrapped lines are joined in Node.Text (without a space in Chinese).
//
// Each clause's Text, Body, Title and responsibility units (（责任单位：…）,
// 牵头单位 / 配合单位) are computed once at parse time; Text and Body are
// substrings of one string, so calling them costs nothing.
package clause
