package diff

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Text returns a word-level edit script from a to b: Equal and Delete pieces
// concatenate to a, Equal and Insert pieces to b.
//
// The texts are cut into tokens (see Tokenize) and the token sequences are
// diffed with go-diff's Myers implementation, without its wall-clock timeout:
// the work is bounded by the input instead. Small problems go to Myers
// directly. Large ones are diffed by sentence first, then by token inside
// the changed sentences; a range still too large is split at tokens that
// occur once on each side (patience anchors), and one without such anchors
// is cut in halves. So the script never depends on machine load, two
// unrelated megabyte texts take well under a second, and common text is
// found even then.
//
// The script is then made readable the way a reviewer marks a draft by
// hand: each replaced span lists its deletion before its insertion; adjacent
// pieces of one kind are merged (in one linear pass of our own: go-diff's
// DiffCleanupMerge grows quadratically with many pieces and only ever sees
// one bounded range); a pure insertion or deletion slides to punctuation or
// a line break when the text allows; and a short equality between two edits
// is folded into one replacement (see foldable): never "9→8, 0项 equal" —
// numbers are whole tokens — and no scattered single characters.
func Text(a, b string) []Op {
	if a == b {
		if a == "" {
			return nil
		}
		return []Op{{Equal, a}}
	}
	return textWith(a, b, tokenEnds)
}

// textEnds is Text on texts already cut into tokens (end offsets, as
// tokenEnds returns them).
func textEnds(a, b string, aEnd, bEnd []int) []Op {
	if a == b {
		return Text(a, b)
	}
	d := newDifferEnds(a, b, aEnd, bEnd)
	d.run()
	return d.ops(d.tidy(d.slide(d.hunks())))
}

// textWith is Text with another segmentation (for measuring alternatives).
func textWith(a, b string, ends func(s string, dst []int) []int) []Op {
	d := newDiffer(a, b, ends)
	d.run()
	return d.ops(d.tidy(d.slide(d.hunks())))
}

// Budgets that bound the work of Text. Myers costs about (n+m)·D steps for
// n and m tokens at edit distance D. A range goes to Myers when n+m ≤ span,
// or when (n+m)·D ≤ span², D estimated from token counts (a lower bound that
// is close for texts that are not reordered). span shrinks as the input
// grows, so that the ranges Myers sees cost about workBudget steps in all:
// a clause is always diffed exactly, two unrelated megabytes in pieces.
const (
	workBudget = 1 << 24
	minSpan    = 64
	// sentenceLevel is the token count above which Text aligns sentences
	// before tokens.
	sentenceLevel = 4096
)

// match says A[a:a+n] == B[b:b+n] (token indices).
type match struct{ a, b, n int }

// differ holds the state of one Text call.
type differ struct {
	a, b       string
	aEnd, bEnd []int   // token end offsets
	ta, tb     []int32 // token ids
	matches    []match
	dmp        *diffmatchpatch.DiffMatchPatch
	runeOf     map[int32]rune
	ra, rb     []rune
	count      map[int32]int // scratch for small
	occ        map[int32]int32
	seen       []seen // scratch for patience
	span       int
}

func newDiffer(a, b string, ends func(s string, dst []int) []int) *differ {
	return newDifferEnds(a, b, ends(a, nil), ends(b, nil))
}

func newDifferEnds(a, b string, aEnd, bEnd []int) *differ {
	d := &differ{a: a, b: b, dmp: diffmatchpatch.New(), runeOf: map[int32]rune{}}
	d.dmp.DiffTimeout = 0 // never depend on machine load
	d.aEnd = aEnd
	d.bEnd = bEnd
	la, lb := len(aEnd), len(bEnd)
	d.ta, d.tb = make([]int32, la), make([]int32, lb)
	// A clause's edit is usually small: its common head and tail tokens
	// get ids by position (negative, the same on both sides) instead of
	// going through the map. Large texts, diffed by sentence first, intern
	// every token, so that equal tokens anywhere have equal ids.
	pre, suf := 0, 0
	if la+lb <= sentenceLevel {
		for pre < min(la, lb) && aEnd[pre] == bEnd[pre] && a[tokStart(aEnd, pre):aEnd[pre]] == b[tokStart(bEnd, pre):bEnd[pre]] {
			d.ta[pre], d.tb[pre] = int32(-1-pre), int32(-1-pre)
			pre++
		}
		for suf < min(la, lb)-pre {
			i, j := la-1-suf, lb-1-suf
			if len(a)-tokStart(aEnd, i) != len(b)-tokStart(bEnd, j) || a[tokStart(aEnd, i):aEnd[i]] != b[tokStart(bEnd, j):bEnd[j]] {
				break
			}
			d.ta[i], d.tb[j] = int32(-1-pre-suf), int32(-1-pre-suf)
			suf++
		}
	}
	ids := make(map[string]int32, max(la+lb-2*(pre+suf), 0))
	intern := func(s string, ends []int, out []int32, from, to int) {
		start := tokStart(ends, from)
		for i := from; i < to; i++ {
			e := ends[i]
			t := s[start:e]
			id, ok := ids[t]
			if !ok {
				id = int32(len(ids))
				ids[t] = id
			}
			out[i] = id
			start = e
		}
	}
	intern(a, aEnd, d.ta, pre, la-suf)
	intern(b, bEnd, d.tb, pre, lb-suf)
	d.span = max(minSpan, workBudget/max(len(d.ta)+len(d.tb), 1))
	return d
}

// tokStart returns the byte offset of token i in a text with token ends.
func tokStart(ends []int, i int) int {
	if i == 0 {
		return 0
	}
	return ends[i-1]
}

// run fills d.matches in order.
func (d *differ) run() {
	if len(d.ta)+len(d.tb) <= sentenceLevel {
		d.diff(d.ta, d.tb, 0, 0)
		return
	}
	// Sentence level first, then tokens inside the sentences that differ.
	sa := sentences(d.a, d.aEnd)
	sb := sentences(d.b, d.bEnd)
	ids := map[string]int32{}
	seq := func(s string, ends []int, cuts []int) []int32 {
		out := make([]int32, len(cuts)-1)
		for k := range out {
			t := s[tokStart(ends, cuts[k]):tokStart(ends, cuts[k+1])]
			id, ok := ids[t]
			if !ok {
				id = int32(len(ids))
				ids[t] = id
			}
			out[k] = id
		}
		return out
	}
	top := differ{dmp: d.dmp, runeOf: d.runeOf, span: d.span}
	top.diff(seq(d.a, d.aEnd, sa), seq(d.b, d.bEnd, sb), 0, 0)
	i, j := 0, 0 // next sentence on each side
	span := func(i1, j1 int) {
		d.diff(d.ta[sa[i]:sa[i1]], d.tb[sb[j]:sb[j1]], sa[i], sb[j])
		i, j = i1, j1
	}
	for _, m := range top.matches {
		span(m.a, m.b)         // changed sentences: diff their tokens
		span(m.a+m.n, m.b+m.n) // equal sentences: equal tokens, found in linear time
	}
	span(len(sa)-1, len(sb)-1)
}

// sentences cuts a text after sentence-final punctuation and line breaks. It
// returns the token index where each sentence starts, then the token count.
func sentences(s string, ends []int) []int {
	cuts := []int{0}
	start := 0
	for i, e := range ends {
		t := s[start:e]
		start = e
		switch {
		case isSentenceEnd(t):
		case strings.ContainsRune(t, '\n'):
		case t == "." && i+1 < len(ends) && strings.ContainsAny(s[e:ends[i+1]], " \n\t"):
		default:
			continue
		}
		cuts = append(cuts, i+1)
	}
	if cuts[len(cuts)-1] != len(ends) {
		cuts = append(cuts, len(ends))
	}
	return cuts
}

func (d *differ) emit(a, b, n int) {
	if n == 0 {
		return
	}
	if k := len(d.matches) - 1; k >= 0 {
		if m := &d.matches[k]; m.a+m.n == a && m.b+m.n == b {
			m.n += n
			return
		}
	}
	d.matches = append(d.matches, match{a, b, n})
}

// diff appends the matches between A and B, which start at token a0 and b0
// of the whole texts.
func (d *differ) diff(A, B []int32, a0, b0 int) {
	p := 0
	for p < len(A) && p < len(B) && A[p] == B[p] {
		p++
	}
	d.emit(a0, b0, p)
	A, B = A[p:], B[p:]
	a0, b0 = a0+p, b0+p
	s := 0
	for s < len(A) && s < len(B) && A[len(A)-1-s] == B[len(B)-1-s] {
		s++
	}
	A, B = A[:len(A)-s], B[:len(B)-s]
	defer d.emit(a0+len(A), b0+len(B), s)
	if len(A) == 0 || len(B) == 0 {
		return
	}
	if d.small(A, B) {
		d.myers(A, B, a0, b0)
		return
	}
	if anchors := d.patience(A, B); len(anchors) > 0 {
		i, j := 0, 0
		for _, m := range anchors {
			d.diff(A[i:m.a], B[j:m.b], a0+i, b0+j)
			d.emit(a0+m.a, b0+m.b, 1)
			i, j = m.a+1, m.b+1
		}
		d.diff(A[i:], B[j:], a0+i, b0+j)
		return
	}
	// No anchor: cut both in halves, which keeps the work bounded and still
	// finds common text that lies at similar places.
	ma, mb := len(A)/2, len(B)/2
	d.diff(A[:ma], B[:mb], a0, b0)
	d.diff(A[ma:], B[mb:], a0+ma, b0+mb)
}

// small reports whether Myers may run on A and B within the budget.
func (d *differ) small(A, B []int32) bool {
	n := len(A) + len(B)
	if n <= d.span {
		return true
	}
	if n > 16*d.span {
		return false // even a near-equal pair would cost too much; split first
	}
	// Lower bound of the edit distance: the tokens the counts don't share.
	if d.count == nil {
		d.count = map[int32]int{}
	}
	clear(d.count)
	for _, t := range A {
		d.count[t]++
	}
	for _, t := range B {
		d.count[t]--
	}
	est := 0
	for _, c := range d.count {
		est += max(c, -c)
	}
	return n*est <= d.span*d.span
}

// myers diffs A and B with go-diff, mapping each token to one rune.
func (d *differ) myers(A, B []int32, a0, b0 int) {
	clear(d.runeOf)
	toRunes := func(dst []rune, T []int32) []rune {
		dst = dst[:0]
		for _, t := range T {
			r, ok := d.runeOf[t]
			if !ok {
				r = rune(len(d.runeOf) + 1)
				if r >= 0xD800 { // skip the surrogates: go-diff converts to strings
					r += 0x800
				}
				d.runeOf[t] = r
			}
			dst = append(dst, r)
		}
		return dst
	}
	d.ra = toRunes(d.ra, A)
	d.rb = toRunes(d.rb, B)
	i, j := 0, 0
	for _, df := range d.dmp.DiffMainRunes(d.ra, d.rb, false) {
		n := utf8.RuneCountInString(df.Text)
		switch df.Type {
		case diffmatchpatch.DiffEqual:
			d.emit(a0+i, b0+j, n)
			i += n
			j += n
		case diffmatchpatch.DiffDelete:
			i += n
		case diffmatchpatch.DiffInsert:
			j += n
		}
	}
}

// seen counts the occurrences of one token in a range of each side.
type seen struct{ na, nb, ia, ib int }

// patience returns the longest increasing chain of tokens that occur
// exactly once in A and once in B, as single-token matches.
func (d *differ) patience(A, B []int32) []match {
	if d.occ == nil {
		d.occ = map[int32]int32{}
	}
	clear(d.occ)
	d.seen = d.seen[:0]
	for i, t := range A {
		k, ok := d.occ[t]
		if !ok {
			k = int32(len(d.seen))
			d.occ[t] = k
			d.seen = append(d.seen, seen{})
		}
		d.seen[k].na++
		d.seen[k].ia = i
	}
	for j, t := range B {
		if k, ok := d.occ[t]; ok {
			d.seen[k].nb++
			d.seen[k].ib = j
		}
	}
	var cands []match
	for i, t := range A {
		if s := d.seen[d.occ[t]]; s.na == 1 && s.nb == 1 {
			cands = append(cands, match{i, s.ib, 1})
		}
	}
	if len(cands) == 0 {
		return nil
	}
	// Longest increasing subsequence of b over cands (already sorted by a).
	tails := []int{} // index into cands of the smallest tail of each length
	prev := make([]int, len(cands))
	for k, c := range cands {
		x := sort.Search(len(tails), func(i int) bool { return cands[tails[i]].b >= c.b })
		if x > 0 {
			prev[k] = tails[x-1]
		} else {
			prev[k] = -1
		}
		if x == len(tails) {
			tails = append(tails, k)
		} else {
			tails[x] = k
		}
	}
	out := make([]match, len(tails))
	for k, x := len(tails)-1, tails[len(tails)-1]; k >= 0; k, x = k-1, prev[x] {
		out[k] = cands[x]
	}
	return out
}

// hunk is a maximal equal or changed range of both token sequences, with
// the length in characters of each side.
type hunk struct {
	eq             bool
	a0, a1, b0, b1 int  // token ranges
	ra, rb         int  // characters on each side
	stop           bool // the text holds a line break or ends a sentence
}

// hunks turns the matches into alternating equal and changed hunks.
func (d *differ) hunks() []hunk {
	var hs []hunk
	mk := func(eq bool, a0, a1, b0, b1 int) {
		if a0 != a1 || b0 != b1 {
			hs = append(hs, d.mkHunk(eq, a0, a1, b0, b1))
		}
	}
	i, j := 0, 0
	for _, m := range d.matches {
		mk(false, i, m.a, j, m.b)
		mk(true, m.a, m.a+m.n, m.b, m.b+m.n)
		i, j = m.a+m.n, m.b+m.n
	}
	mk(false, i, len(d.ta), j, len(d.tb))
	return hs
}

// tidy folds short equalities between two edits into one replacement, in
// one pass with a stack (a fold can make the equality before it foldable).
func (d *differ) tidy(hs []hunk) []hunk {
	out := hs[:0]
	for _, h := range hs {
		for !h.eq && len(out) >= 2 && out[len(out)-1].eq && !out[len(out)-2].eq &&
			(foldable(out[len(out)-1], out[len(out)-2], h) && !d.number(out[len(out)-1]) ||
				d.swapped(out[len(out)-1], out[len(out)-2], h)) {
			p, e := out[len(out)-2], out[len(out)-1]
			h = hunk{false, p.a0, h.a1, p.b0, h.b1, p.ra + e.ra + h.ra, p.rb + e.rb + h.rb, p.stop || e.stop || h.stop}
			out = out[:len(out)-2]
		}
		out = append(out, h)
	}
	return out
}

// foldable reports whether the equality e between the edits p and c reads
// better as part of one replacement:
//
//   - one or two characters that are not a word — 的, a comma, a space
//     between English words, a stray character of an unknown word — always;
//   - a short word (智慧, 以上, 企业) when both edits replace text, or when
//     an insertion comes before it and a deletion after ({+推进智慧医院+}建设
//     [-智慧医疗…-] is a replacement in disguise): such a word reads as part of one
//     replacement, and between edits three times its length it is lost in
//     them; otherwise, next to a short pure insertion or deletion, the word
//     anchors it (社会资本{+和金融机构+}参与[-人工智能-]{+算力+}…);
//   - a few characters between much longer edits.
//
// An equality holding a line break or ending a sentence is never folded, so
// edits stay apart sentence by sentence.
func foldable(e, p, c hunk) bool {
	if e.stop {
		return false
	}
	if e.ra <= 2 {
		word := e.a1-e.a0 == 1 && e.ra == 2
		del := func(h hunk) bool { return h.a0 != h.a1 }
		ins := func(h hunk) bool { return h.b0 != h.b1 }
		return !word || del(p) && ins(p) && del(c) && ins(c) ||
			ins(p) && !del(p) && del(c) && !ins(c) ||
			3*e.ra <= min(max(p.ra, p.rb), max(c.ra, c.rb))
	}
	return e.ra <= 6 && 3*e.ra <= min(max(p.ra, p.rb), max(c.ra, c.rb))
}

// number reports whether the equality e is one number token (百名, 20项):
// an unchanged quantity stays visible between two edits.
func (d *differ) number(e hunk) bool {
	if e.a1-e.a0 != 1 {
		return false
	}
	t := d.a[tokStart(d.aEnd, e.a0):d.aEnd[e.a0]]
	r, _ := utf8.DecodeRuneInString(t)
	return isDigit(r) || isCNNumeral(r) && measureAt(t, len(t)-3) == 3
}

// swapLimit is the longest equality, in characters, that swapped
// reads across.
const swapLimit = 4

// swapped reports whether the edits p and c around the short equality e
// only move text across it: p inserts X and c deletes X (产业优秀 →
// 优秀产业 reads {+优秀+}产业[-优秀-]), or p deletes X and c inserts it.
// One replacement, [-产业优秀-]{+优秀产业+}, says that better. c may
// replace more than X.
func (d *differ) swapped(e, p, c hunk) bool {
	if e.stop || e.ra > swapLimit || d.number(e) {
		return false
	}
	// the same tokens: the same text cut at the same places
	same := func(x string, xEnd []int, x0, x1 int, y string, yEnd []int, y0, y1 int) bool {
		if x1-x0 != y1-y0 || x0 == x1 {
			return false
		}
		xs, ys := tokStart(xEnd, x0), tokStart(yEnd, y0)
		for i := 0; i < x1-x0; i++ {
			if xEnd[x0+i]-xs != yEnd[y0+i]-ys {
				return false
			}
		}
		return x[xs:xEnd[x1-1]] == y[ys:yEnd[y1-1]]
	}
	switch {
	case p.a0 == p.a1: // p inserts only
		return same(d.b, d.bEnd, p.b0, p.b1, d.a, d.aEnd, c.a0, c.a1)
	case p.b0 == p.b1: // p deletes only
		return same(d.a, d.aEnd, p.a0, p.a1, d.b, d.bEnd, c.b0, c.b1)
	}
	return false
}

// ops renders hunks as an edit script, deletions before insertions.
func (d *differ) ops(hs []hunk) []Op {
	ops := make([]Op, 0, len(hs)+len(hs)/2)
	for _, h := range hs {
		ta := d.a[tokStart(d.aEnd, h.a0):tokStart(d.aEnd, h.a1)]
		tb := d.b[tokStart(d.bEnd, h.b0):tokStart(d.bEnd, h.b1)]
		switch {
		case h.eq:
			ops = append(ops, Op{Equal, ta})
		default:
			if ta != "" {
				ops = append(ops, Op{Delete, ta})
			}
			if tb != "" {
				ops = append(ops, Op{Insert, tb})
			}
		}
	}
	return ops
}

// sentenceEnd reports whether r ends a sentence (or a clause of one, as ；
// does in Chinese drafting): 。！？； and ! ? ;. The full stop "." is not
// among them: it also writes decimals and clause numbers (1.5, "1."), so
// each use decides about it in context. This is the diff engine's one list
// of sentence-final marks.
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';':
		return true
	}
	return false
}

// isSentenceEnd reports whether the token t is one sentence-final mark.
func isSentenceEnd(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	return n > 0 && n == len(t) && sentenceEnd(r)
}

// hasStop reports whether s holds a line break or a sentence-final mark.
func hasStop(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || sentenceEnd(r) }) >= 0
}

// maxSlide bounds how far slide moves an insertion or deletion.
const maxSlide = 32

// slide moves each pure insertion or deletion along the equal text around
// it, when the tokens allow (A{+BA+}C = {+AB+}AC), to where its ends fall at
// the best boundaries: after a line break, a sentence end, a punctuation
// mark or a space. "市[-科技局、市-]经信局" becomes "[-市科技局、-]市经信局".
func (d *differ) slide(hs []hunk) []hunk {
	for i := 1; i+1 < len(hs); i++ {
		x := &hs[i]
		e1, e2 := &hs[i-1], &hs[i+1]
		if x.eq || !e1.eq || !e2.eq || (x.a0 != x.a1 && x.b0 != x.b1) {
			continue
		}
		// Work on the side that has the text: T, and X's range in it.
		T, ends, text := d.tb, d.bEnd, d.b
		x0, x1, e1s, e2e := x.b0, x.b1, e1.b0, e2.b1
		if x.a0 != x.a1 {
			T, ends, text = d.ta, d.aEnd, d.a
			x0, x1, e1s, e2e = x.a0, x.a1, e1.a0, e2.a1
		}
		score := func(p int) int { return boundaryScore(text, ends, p) }
		same := func(i, j int) bool { // tokens i and j of T are equal
			if T[i] >= 0 && T[j] >= 0 || T[i] == T[j] {
				return T[i] == T[j]
			}
			// ids by position (see newDifferEnds): compare the text
			return text[tokStart(ends, i):ends[i]] == text[tokStart(ends, j):ends[j]]
		}
		best, bestScore := 0, score(x0)+score(x1)
		// An equality may vanish only at either end of the text.
		if i-1 > 0 {
			e1s++
		}
		if i+2 < len(hs) {
			e2e--
		}
		for s := 1; s <= maxSlide && x0-s >= e1s && same(x0-s, x1-s); s++ {
			if sc := score(x0-s) + score(x1-s); sc > bestScore {
				best, bestScore = -s, sc
			}
		}
		for s := 1; s <= maxSlide && x1+s <= e2e && same(x0+s-1, x1+s-1); s++ {
			if sc := score(x0+s) + score(x1+s); sc > bestScore {
				best, bestScore = s, sc
			}
		}
		if best == 0 {
			continue
		}
		e1.a1 += best
		e1.b1 += best
		e2.a0 += best
		e2.b0 += best
		x.a0, x.a1 = e1.a1, e2.a0
		x.b0, x.b1 = e1.b1, e2.b0
		for _, h := range []*hunk{e1, x, e2} {
			*h = d.mkHunk(h.eq, h.a0, h.a1, h.b0, h.b1)
		}
	}
	out := hs[:0]
	for _, h := range hs {
		if h.a0 != h.a1 || h.b0 != h.b1 {
			out = append(out, h)
		}
	}
	return out
}

// mkHunk makes a hunk over token ranges, measuring its sides.
func (d *differ) mkHunk(eq bool, a0, a1, b0, b1 int) hunk {
	ta := d.a[tokStart(d.aEnd, a0):tokStart(d.aEnd, a1)]
	tb := d.b[tokStart(d.bEnd, b0):tokStart(d.bEnd, b1)]
	return hunk{eq, a0, a1, b0, b1, utf8.RuneCountInString(ta), utf8.RuneCountInString(tb), hasStop(ta) || hasStop(tb)}
}

// boundaryScore rates the boundary before token p of a text as a place for
// an edit to begin or end: after a line break 4, after a sentence end 3,
// after other punctuation or white space, or before an opening bracket or
// white space 2, before other punctuation or next to a function word
// (的 和 与 …) 1, inside running text 0.
func boundaryScore(s string, ends []int, p int) int {
	if p == 0 || p == len(ends) {
		return 4
	}
	before := s[tokStart(ends, p-1):ends[p-1]]
	after := s[ends[p-1]:ends[p]]
	r1, _ := utf8.DecodeRuneInString(before)
	r2, _ := utf8.DecodeRuneInString(after)
	switch {
	case strings.ContainsRune(before, '\n'):
		return 4
	case sentenceEnd(r1) || r1 == '.':
		return 3
	case unicode.IsSpace(r1) || unicode.IsPunct(r1) && !strings.ContainsRune("（(“‘《[{", r1),
		unicode.IsSpace(r2) || strings.ContainsRune("（(“‘《[{", r2):
		return 2
	case unicode.IsPunct(r2):
		return 1
	case len(before) == 3 && strings.Contains(stopWords, before),
		len(after) == 3 && strings.Contains(stopWords, after):
		return 1
	}
	return 0
}
