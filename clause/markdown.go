package clause

import (
	"bytes"
	"strings"
)

// headingLevel returns the level of an ATX heading line ("## Title" → 2),
// or 0.
func headingLevel(b []byte) int {
	n := 0
	for n < len(b) && b[n] == '#' {
		n++
	}
	if n == 0 || n > 6 {
		return 0
	}
	if n < len(b) && b[n] != ' ' && b[n] != '\t' {
		return 0
	}
	return n
}

// frontMatterEnd returns the byte length of a YAML front matter block
// ("---" … "---" or "...") at the start of the document, or 0.
func frontMatterEnd(src []byte) int {
	ln, next := nextLine(src, 0)
	first := bytes.TrimPrefix(src[ln.start:ln.end], []byte("\uFEFF"))
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return 0
	}
	for s := next; s <= len(src); {
		ln, next = nextLine(src, s)
		l := string(bytes.TrimRight(src[ln.start:ln.end], " \t"))
		if l == "---" || l == "..." {
			return min(next, len(src))
		}
		s = next
	}
	return 0
}

// infoEndMark closes the INFO block of the LawRefBook law library: the
// lines after the title that list when the law was passed and amended.
const infoEndMark = "<!-- INFO END -->"

// infoEnd returns the Src offset just after the line that closes an INFO
// block in the first 16 KiB of src, or 0 when there is none.
func infoEnd(src []byte) int {
	head := src[:min(len(src), 16<<10)]
	i := bytes.Index(head, []byte(infoEndMark))
	if i < 0 {
		return 0
	}
	if e := bytes.IndexByte(src[i:], '\n'); e >= 0 {
		return i + e + 1
	}
	return len(src)
}

// isFence reports whether a line opens or closes a fenced code block.
func isFence(b []byte) bool {
	return bytes.HasPrefix(b, []byte("```")) || bytes.HasPrefix(b, []byte("~~~"))
}

// isThematicBreak reports whether a line is "---", "***", "- - -" and the like.
func isThematicBreak(b []byte) bool {
	c, n := b[0], 0
	for _, x := range b {
		switch x {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// markdownLine places a Markdown heading or list item. It reports false
// for any other line, which is then read as plain text (where Chinese
// markers such as （一） still start clauses).
func (p *parser) markdownLine(ln line, content []byte, strong bool) bool {
	c := content[0]
	if c == '#' {
		if level := headingLevel(content); level > 0 {
			p.heading(ln, content, level)
			return true
		}
		return false
	}
	indent := ln.lo - ln.start
	if indent > 30 {
		indent = 30
	}
	m := marker{kind: KindListItem, scheme: scheme(KindListItem, indent/2), spaced: true}
	switch {
	case c == '-' || c == '*' || c == '+':
		if len(content) > 1 && content[1] != ' ' && content[1] != '\t' || isThematicBreak(content) {
			return false
		}
		m.bullet, m.end = true, 1
	case c >= '0' && c <= '9':
		i, v := 0, 0
		for i < len(content) && i < 9 && content[i] >= '0' && content[i] <= '9' {
			v = v*10 + int(content[i]-'0')
			i++
		}
		sub := 0
		if i+1 < len(content) && content[i] >= 'a' && content[i] <= 'z' && content[i+1] == '.' {
			sub, i = int(content[i]-'a')+1, i+1 // "1a.": an item inserted after 1, as German statutes number them
		}
		if i == len(content) || content[i] != '.' && content[i] != ')' {
			return false
		}
		i++
		if i < len(content) && content[i] != ' ' && content[i] != '\t' {
			return false // "1.推进…": a Chinese item, not a Markdown list
		}
		m.num, m.end = Number{Value: v, Sub: sub, Valid: true}, i
	default:
		return false
	}
	if !p.placeEnumerated(m, ln, content, strong) {
		return false
	}
	p.stack[len(p.stack)-1].n.Depth = indent/2 + 1
	return true
}

// heading opens a clause for an ATX heading: it closes every clause but the
// headings of a lower level. A numbered heading ("## 一、总体要求",
// "### （五）…", "## Article 5") takes the numbering's Kind and number.
func (p *parser) heading(ln line, content []byte, level int) {
	p.openHeading(ln, content, level, skipSpaces(content, level), p.h1 == 1)
}

// setextLevel returns the level of a setext heading underline ("=====" 1,
// "-----" 2), or 0. At least two characters: a lone "-" is a list bullet.
func setextLevel(b []byte) int {
	if len(b) < 2 || b[0] != '=' && b[0] != '-' {
		return 0
	}
	for _, c := range b {
		if c != b[0] {
			return 0
		}
	}
	if b[0] == '=' {
		return 1
	}
	return 2
}

// setext opens a heading for a line underlined by "===" or "---" on the
// next line, when the line starts a block; it reports whether it did. The
// underline is then skipped: it is syntax, not text.
func (p *parser) setext(ln line, content []byte, next int) bool {
	if next > len(p.src) || p.havePrev && !p.blankBefore && !p.prevHeading {
		return false
	}
	c := content[0]
	if c == '#' || c == '>' || c == '|' || c == '-' || c == '*' || c == '+' || c == '=' {
		return false
	}
	u, _ := nextLine(p.src, next)
	if u.lo-u.start > 3 {
		return false
	}
	level := setextLevel(p.src[u.lo:u.hi])
	if level == 0 {
		return false
	}
	p.openHeading(ln, content, level, 0, p.h1 == 0)
	if n := p.stack[len(p.stack)-1].n; n.Depth == level && n.Start == ln.lo {
		n.setext = true
	}
	p.skip = u.start
	return true
}

// openHeading opens the clause of a heading whose text starts at byte ts
// of content. A lone level-1 heading opening the document is its title
// (lone says whether it is the only one).
func (p *parser) openHeading(ln line, content []byte, level, ts int, lone bool) {
	text := content[ts:]
	if _, numbered := lexMarker(text); level == 1 && lone && !p.havePrev && !numbered {
		// The document's title (a lone "# " heading before any text):
		// root text, not a clause.
		p.doc.Title = string(text)
		p.appendLine(ln, false)
		p.lineHeading = true
		return
	}
	im, numbered := lexMarker(text)
	cn := 0 // the rank of a Chinese 编, 部分, 章, 节 or 条 heading
	if numbered && !im.latin {
		cn = cnRank(im.kind)
	}
	j := len(p.stack) - 1
	for j > 0 {
		e := &p.stack[j]
		if r := cnRank(e.n.Kind); cn > 0 && r > 0 && e.rank >= 1 && !e.latin {
			// 编 > 部分 > 章 > 节 > 条 whatever the heading levels: a file
			// that writes its chapters "### 第一章" and its sections
			// "## 第一节" still has its sections in its chapters.
			if r < cn {
				break
			}
		} else if e.rank >= 1 && e.rank < level {
			break
		}
		j--
	}
	p.popTo(j)
	m := marker{kind: KindHeading, end: ts}
	if ts > 0 {
		m.end = level
	}
	if numbered {
		m.kind, m.num, m.end = im.kind, im.num, ts+im.end
		switch im.kind {
		case KindArticle:
			p.lastArticle = im.num
		case KindChapter:
			p.lastChapter = im.num
		}
	}
	m.scheme, m.rank = scheme(KindHeading, level), level
	n := p.openClause(m, ln, ln.lo, entry{})
	n.Depth = level
	p.lineHeading = true
}

// cnRank is the rank of the structural kinds that Chinese laws number with
// 第: 编 > 部分 > 章 > 节 > 条; 0 for the others.
func cnRank(k Kind) int {
	switch k {
	case KindBian:
		return rankBian
	case KindPart:
		return rankPart
	case KindChapter:
		return rankChapter
	case KindSection:
		return rankSection
	case KindArticle:
		return rankArticle
	}
	return 0
}

// mdContinues reports whether a text line of an English (or German)
// Markdown document continues the paragraph of the line before: in
// Markdown only a blank line ends a paragraph, so a line right after one
// that stops mid-sentence (on a lower-case word or a comma) is a hard
// wrap, indented under a list item or not. Chinese Markdown files often
// put paragraphs on consecutive lines, so this holds for Latin-script
// documents only.
func (p *parser) mdContinues(ln line) bool {
	if !p.markdown || p.doc.Lang != LangEN || !p.havePrev || p.blankBefore || p.prevHeading || p.afterFurniture {
		return false
	}
	if ln.lo > ln.start && p.stack[len(p.stack)-1].n.Kind == KindListItem {
		return true // indented under a list item, no blank line between: the item goes on
	}
	prev := string(p.prev)
	return strings.HasSuffix(prev, ",") || endsLowerWord(prev)
}

// afterList gives an unindented paragraph that follows a Markdown list in a
// Latin-script document to the clause holding the list, as the text after
// its items: in a German statute, the sentence after an Absatz's Nummern
// belongs to the Absatz, not to its last Nummer. It reports whether it did.
func (p *parser) afterList(ln line, content []byte) bool {
	if !p.markdown || p.doc.Lang != LangEN || !p.blankBefore || ln.lo != ln.start || p.prevHeading {
		return false
	}
	i := len(p.stack) - 1
	for i > 0 && (p.stack[i].n.Kind == KindListItem || p.stack[i].n.Kind == KindLatinParen && p.stack[i].rank == 0) {
		i--
	}
	if i == len(p.stack)-1 || i == 0 || p.stack[i+1].n.Kind != KindListItem {
		return false
	}
	return p.openTail(i, ln, content)
}
