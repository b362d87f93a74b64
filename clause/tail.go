package clause

import (
	"bytes"
	"strings"
)

// tail is text a clause owns after its children: a responsibility trailer
// on a line of its own after an item's sub-items, which names the units of
// the item and not of its last sub-item; or the closing matter (a date
// line, （此件公开发布）) that the root owns after the last clause. The
// clause's Text and Body then join its own text and its tail.
type tail struct {
	src        int   // Src offset of the tail's first line
	lo, hi     int32 // the tail in the clean text
	ulo, uhi   int   // Src bounds of the first line's content
	text, body string
}

// tailLine handles a text line that belongs to a tail: a further line of
// the open tail, a closing line at the end of the document, or a trailer
// line after sub-items. It reports false for any other line.
func (p *parser) tailLine(ln line, content []byte) bool {
	top := p.stack[len(p.stack)-1].n
	if top == p.tailNode {
		p.clean.WriteByte('\n')
		p.clean.Write(content)
		top.tail.hi = int32(p.clean.Len())
		return true
	}
	if ln.start >= p.closing && len(p.stack) > 1 {
		return p.openTail(0, ln, content)
	}
	if i := len(p.stack) - 2; i > 0 && p.stack[i].rank == 0 && p.stack[i+1].rank == 0 && isTrailerLine(content) && p.itemHasText(i) {
		return p.openTail(i, ln, content)
	}
	return false
}

// openTail closes every clause above stack index i and starts the tail of
// the clause at i with the line.
func (p *parser) openTail(i int, ln line, content []byte) bool {
	n := p.stack[i].n
	if n.tail != nil {
		return false
	}
	p.popTo(i)
	p.breakClean()
	n.tail = &tail{src: ln.lo, ulo: ln.lo, uhi: ln.hi, lo: int32(p.clean.Len())}
	p.clean.Write(content)
	n.tail.hi = int32(p.clean.Len())
	p.tailNode = n
	p.tails = append(p.tails, n)
	return true
}

// itemHasText reports whether the enumerated clause at stack index i has
// text of its own beyond a heading ("1.推进智能制造。建设…：" but not
// "（一）实施技术突破计划"): its sub-items are then parts of one task, and a
// trailer after them is the task's.
func (p *parser) itemHasText(i int) bool {
	e := &p.stack[i]
	if e.first == nil {
		return false
	}
	s := p.clean.String()
	lo, hi := int(e.n.cs+e.n.mlen), int(e.first.cs)
	if lo >= hi || hi > len(s) {
		return false
	}
	head := trim(s[lo:hi])
	return head != "" && !headingLike(head)
}

// isTrailerLine reports whether a whole line is a responsibility trailer:
// （责任单位：…） or 责任单位：… .
func isTrailerLine(b []byte) bool {
	if len(b) < 12 {
		return false
	}
	open := openParenAt(b)
	if open > 0 {
		hi := len(b)
		if hi >= 3 && string(b[hi-3:]) == "。" {
			hi -= 3
		}
		if closeParenAt(b[hi-1:]) == 0 && (hi < 3 || closeParenAt(b[hi-3:]) == 0) {
			return false
		}
	}
	k := min(len(b), open+40)
	if w := b[open:min(len(b), open+15)]; b[open] >= 0x80 && !bytes.Contains(w, []byte("单位")) && !bytes.Contains(w, []byte("部门")) && !bytes.Contains(w, []byte("主体")) {
		return false // no role word: spare the conversion
	}
	_, _, ok := roleAt(string(b[open:k]))
	return ok
}

// setTail computes the joined text of a clause with a tail, and reads the
// tail's trailer when the clause has none of its own.
func (p *parser) setTail(n *Node, clean, text, body string) {
	t := n.tail
	tt := trim(clean[min(int(t.lo), len(clean)):min(int(t.hi), len(clean))])
	t.text, t.body = joinLines(text, tt), joinLines(body, tt)
	if n.Kind == KindDocument || len(n.Units) > 0 {
		return
	}
	// trailer reads a bare "责任单位：…" only after a line break or 。.
	start, end, units := trailer("\n"+tt, &p.units)
	if start < 0 {
		return
	}
	start, end = max(start-1, 0), end-1
	n.Units = units
	if first := string(p.src[t.ulo:t.uhi]); strings.HasPrefix(tt, first) && end <= len(first) {
		n.UnitsStart, n.UnitsEnd = t.ulo+start, t.ulo+end
	} else {
		n.UnitsStart, n.UnitsEnd = t.ulo, t.uhi
	}
}

func joinLines(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}

// ownEnd returns where the own text of n, which runs up to end in the clean
// text, stops: at the start of a tail in between.
func (p *parser) ownEnd(n *Node, end int) int {
	for p.tk < len(p.tails) && int(p.tails[p.tk].tail.lo) <= int(n.cs) {
		p.tk++
	}
	if p.tk < len(p.tails) && int(p.tails[p.tk].tail.lo) < end {
		return int(p.tails[p.tk].tail.lo)
	}
	return end
}

// closingStart returns where the closing matter at the end of src starts:
// the first of the last lines that are all date lines ("2023年10月25日")
// or publication notes (（此件公开发布）), blank lines and page furniture
// aside; len(src)+1 when the document does not end with such lines. It is
// conservative: a unit's name signing the document stays text.
func closingStart(src []byte) int {
	at := len(src) + 1
	end := len(src)
	for lines := 0; end > 0 && lines < 8; lines++ {
		s := end
		if s > 0 && src[s-1] == '\n' {
			s--
		}
		ls := s
		for ls > 0 && src[ls-1] != '\n' {
			ls--
		}
		lo, hi := trimSpace(src[ls:s])
		content := src[ls+lo : ls+hi]
		end = ls
		switch {
		case len(content) == 0 || isFurniture(content):
		case closingLine(content):
			at = ls
		default:
			return at
		}
	}
	return at
}

// closingLine reports whether a line is a date (2023年10月25日, ２０２３年…,
// 二〇二三年十月二十五日) or a publication note (（此件公开发布）).
func closingLine(b []byte) bool {
	if len(b) > 60 {
		return false
	}
	if o := openParenAt(b); o > 0 && len(b) > o+6 && string(b[o:o+6]) == "此件" {
		return closeParenAt(b[len(b)-1:]) > 0 || len(b) >= 3 && closeParenAt(b[len(b)-3:]) > 0
	}
	i := 0
	for _, unit := range [...]string{"年", "月", "日"} {
		n := 0
		for i < len(b) {
			if _, size, ok := dateDigit(b[i:]); ok {
				i += size
				n++
				continue
			}
			break
		}
		if n == 0 || n > 4 || len(b) < i+3 || string(b[i:i+3]) != unit {
			return false
		}
		i += 3
	}
	return i == len(b)
}

// dateDigit reads one digit of a date: ASCII, full width, or Chinese
// (〇 零 一 … 九 十).
func dateDigit(b []byte) (v, size int, ok bool) {
	if b[0] >= '0' && b[0] <= '9' {
		return int(b[0] - '0'), 1, true
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBC && b[2] >= 0x90 && b[2] <= 0x99 {
		return int(b[2] - 0x90), 3, true
	}
	if b[0] >= 0xE3 && b[0] <= 0xE9 && len(b) >= 3 {
		r := rune(b[0]&0x0F)<<12 | rune(b[1]&0x3F)<<6 | rune(b[2]&0x3F)
		if d, unit, isNum := cnDigit(r); isNum && (unit == 0 || unit == 10) {
			return d, 3, true
		}
	}
	return 0, 0, false
}

// Tail returns the byte range in Src of text the clause owns after its
// children (a responsibility trailer on its own line after sub-items, or
// closing lines of the document on the root), and whether there is any.
// Text and Body include it; Src[Start:HeadEnd] does not.
func (n *Node) Tail() (start, end int, ok bool) {
	if n == nil || n.tail == nil {
		return 0, 0, false
	}
	return n.tail.src, n.End, true
}
