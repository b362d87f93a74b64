package clause

import (
	"slices"
	"strings"
	"sync/atomic"
)

// Options bound the parser. Zero values take the defaults.
type Options struct {
	MaxBytes int // default 64 MiB
	MaxDepth int // default 32
}

// Kind is the numbering scheme of a clause. The scheme, not the depth in the
// tree, says what a clause is: （一） is an item whether it sits under 一、 or
// directly under a 第三条.
type Kind uint8

const (
	KindDocument    Kind = iota // the root: the whole document
	KindBian                    // 第一编
	KindPart                    // 第一部分; English "Part I"
	KindChapter                 // 第一章; English "Chapter 1"
	KindSection                 // 第一节; English "Section 2"
	KindArticle                 // 第一条; English "Article 5"
	KindParagraph               // 款: an unnumbered paragraph inside an article (label 第二款 / ¶2)
	KindHeading                 // a Markdown heading (#…######); Depth holds the heading level
	KindCNNum                   // 一、
	KindCNParen                 // （一） / (一)
	KindArabic                  // 1. / 1、 / 1．
	KindArabicParen             // （1） / (1)
	KindCircled                 // ①
	KindDecimal                 // 2.3 / 2.3.1
	KindLatinParen              // (a)
	KindRomanParen              // (i)
	KindListItem                // a Markdown list item: "1." or "-" inside a Markdown document
	KindAnnex                   // 附则 / 附件 / Annex / Schedule
)

// Lang is the language of a document, which decides the language of labels
// in every rendering.
type Lang string

const (
	LangZH Lang = "zh"
	LangEN Lang = "en"
)

// Number is the value of a clause's numbering: 十二 → 12, (c) → 3, ⑤ → 5,
// 第一百二十条之一 → {120, 1}.
type Number struct {
	Value int  // the number; 0 with Valid false when the clause is unnumbered
	Sub   int  // 之一 → 1, 之二 → 2; 0 otherwise
	Valid bool // false for unnumbered clauses (a Markdown heading without a number, a 款)
}

// Role is what a unit named in a responsibility trailer does.
type Role uint8

const (
	RoleResponsible Role = iota // 责任单位
	RoleLead                    // 牵头单位
	RoleSupport                 // 配合单位 / 参与单位
)

// Unit is one organisation named in a clause's responsibility trailer:
// （责任单位：市科技局、市经信局）.
type Unit struct {
	Name string
	Role Role
}

// Node is one clause. Offsets are byte offsets into the owning Document's Src.
type Node struct {
	Kind   Kind
	Depth  int    // Markdown heading level (1–6) or list nesting; 0 otherwise
	Marker string // the numbering exactly as written, separator included: "（一）", "一、", "1.", "第十二条", "## 2.3"
	Num    Number
	Title  string // lead phrase or heading text without the marker: "推进智慧医疗多场景协同"

	Start   int // start of the clause (its marker), in Src
	HeadEnd int // end of the clause's own text: the start of its first child, or End
	End     int // end of the clause with all its children

	Units      []Unit // responsibility trailer, in the order written
	UnitsStart int    // byte range of the trailer in Src, when Units is not empty
	UnitsEnd   int

	Parent   *Node
	Children []*Node

	doc  *Document
	tail *tail // text after the children, rarely
	// setext: a Markdown heading underlined by === or ---.
	setext bool
	// The clause's own text in the document's clean text (Text, Body):
	// it starts at cs; text is clean[tlo:thi], body clean[blo:thi].
	cs, tlo, thi, blo int32
	mlen              int32 // byte length of Marker
	idx               int32 // position in creation order, for building Children
	// rep counts the siblings before this clause whose label is the same
	// (three lists in one §: the second list's 1 has rep 1); repeated marks
	// every clause of such a group. See labelOf.
	rep      int32
	repeated bool
}

// Document is one version of one document, parsed.
type Document struct {
	Name string // file name: error positions; .md or .markdown selects Markdown
	Src  []byte // the source, unchanged
	Root *Node  // Kind == KindDocument; Start 0, End len(Src)
	Lang Lang

	// Title is the document's title, which is not a clause and never
	// prefixes a label path: a lone leading "# " heading in Markdown (or a
	// "=====" setext one), or else an unnumbered first line that reads as
	// a title (no sentence punctuation). Its text stays in Root's text.
	Title string

	markdown bool   // parsed as Markdown
	clean    string // the clean text of every clause, in document order
	cleaned  bool   // clean and the nodes' offsets into it are set

	// preorder is Clauses' walk of a parsed or decoded document (cleaned),
	// whose tree nothing changes afterwards, made once.
	preorder atomic.Pointer[[]*Node]
}

// String returns the source exactly as parsed.
func (d *Document) String() string { return string(d.Src) }

// Clauses returns every clause in document (pre-)order, the root excluded:
// a slice of the caller's own.
//
// A parsed document's walk is made once and copied: the review of a 1 MB
// plan asks for it several times, and each walk of its 10,000 clauses cost
// more than the copy.
func (d *Document) Clauses() []*Node {
	if p := d.preorder.Load(); p != nil {
		return slices.Clone(*p)
	}
	var out []*Node
	var walk func(n *Node)
	walk = func(n *Node) {
		for _, c := range n.Children {
			out = append(out, c)
			walk(c)
		}
	}
	walk(d.Root)
	if d.cleaned {
		d.preorder.Store(&out)
		return slices.Clone(out)
	}
	return out
}

// Doc returns the document the node belongs to.
func (n *Node) Doc() *Document { return n.doc }

// Label is the clause's numbering as written, without trailing separators and
// surrounding Markdown syntax: "（一）", "三", "1", "第十二条", "2.3", "(a)".
// An unnumbered Markdown heading is labelled by its title.
func (n *Node) Label() string { return labelOf(n) }

// Path is the label path from the top of the document: "三/（五）/1".
func (n *Node) Path() string {
	if n == nil || n.Kind == KindDocument {
		return ""
	}
	var parts []string
	for m := n; m != nil && m.Kind != KindDocument; m = m.Parent {
		parts = append(parts, m.Label())
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, "/")
}

// Text is the clause's own text, marker included, children excluded, as a
// clean view for diffing and anchoring: hard-wrap line breaks inside a
// paragraph are joined (CJK without a space, Latin with one), page headers,
// footers and form feeds are dropped, indentation and surrounding white space
// are trimmed. Paragraph breaks stay "\n". It is computed at parse time.
func (n *Node) Text() string {
	if n == nil || n.doc == nil {
		return ""
	}
	if n.tail != nil {
		return n.tail.text
	}
	if d := n.doc; d.cleaned {
		return d.clean[n.tlo:n.thi]
	}
	return strings.TrimSpace(string(n.doc.Src[n.Start:n.HeadEnd]))
}

// Body is Text without the marker: what a reviewer compares.
func (n *Node) Body() string { return bodyOf(n) }

// FullText is the clause with all its children, cleaned like Text: each
// clause on its own line, page furniture left out, hard wraps joined.
func (n *Node) FullText() string {
	if n == nil || n.doc == nil {
		return ""
	}
	d := n.doc
	if !d.cleaned {
		return strings.TrimSpace(string(d.Src[n.Start:n.End]))
	}
	last, end := n, n.thi
	for {
		if last.tail != nil {
			end = max(end, last.tail.hi)
		}
		end = max(end, last.thi)
		if len(last.Children) == 0 {
			break
		}
		last = last.Children[len(last.Children)-1]
	}
	return d.clean[n.tlo:end]
}
