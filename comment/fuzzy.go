package comment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// folded is a text with punctuation and digit width, letter case and white
// space folded away, and for each folded rune the byte range it came from.
type folded struct {
	r          []rune
	start, end []int // byte offsets in the original text
}

func fold(s string) folded {
	f := folded{}
	for i, n := 0, 0; i < len(s); i += n {
		var r rune
		r, n = utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			continue
		}
		f.r = append(f.r, foldRune(r))
		f.start = append(f.start, i)
		f.end = append(f.end, i+n)
	}
	return f
}

// findFolded looks for the quote in text once both are folded; it returns
// the byte range of the first occurrence whose context agrees best.
func findFolded(text string, a Anchor) (int, int, bool) {
	q := fold(a.Exact).r
	if len(q) == 0 {
		return 0, 0, false
	}
	t := fold(text)
	ts, qs := string(t.r), string(q)
	// Index over the folded string, then convert the byte offset back to a
	// rune index (folded runes keep their order).
	best, bestScore, bestEnd := -1, -1, 0
	lastByte, ri := 0, 0
	for from, n := 0, 0; n < maxOccurrences; n++ {
		i := strings.Index(ts[from:], qs)
		if i < 0 {
			break
		}
		i += from
		ri += utf8.RuneCountInString(ts[lastByte:i])
		lastByte = i
		re := ri + len(q) - 1
		s, e := t.start[ri], t.end[re]
		if sc := contextScore(text, s, e, a); sc > bestScore {
			best, bestScore, bestEnd = s, sc, e
		}
		from = i + len(string(t.r[ri]))
	}
	return best, bestEnd, best >= 0
}

// Similarity thresholds for a fuzzy match: the Dice coefficient of the
// character bigrams of the quote and of the passage, and the shortest quote
// (in runes) worth matching approximately.
const (
	minDice      = 0.5
	minFuzzyRune = 4
	maxTies      = 100
)

func bigram(a, b rune) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// window keeps the bigram counts of a passage and how many of them it
// shares with the quote.
type window struct {
	q, w   map[uint64]int
	nq     int // bigrams in the quote
	n      int // bigrams in the window
	common int
}

func (w *window) add(b uint64) {
	if w.w[b] < w.q[b] {
		w.common++
	}
	w.w[b]++
	w.n++
}

func (w *window) remove(b uint64) {
	w.w[b]--
	if w.w[b] < w.q[b] {
		w.common--
	}
	w.n--
}

func (w *window) dice() float64 {
	if w.nq+w.n == 0 {
		return 0
	}
	return 2 * float64(w.common) / float64(w.nq+w.n)
}

// findSimilar returns the byte range of the passage most similar to the
// quote: a window of the quote's length slid over the folded text, the best
// positions told apart by prefix and suffix, then its ends moved while that
// raises the similarity. Cost is linear in the text.
func findSimilar(text string, a Anchor) (int, int, bool) {
	q := fold(a.Exact).r
	t := fold(text)
	if len(q) < minFuzzyRune || len(t.r) < 2 {
		return 0, 0, false
	}
	w := &window{q: map[uint64]int{}, w: map[uint64]int{}, nq: len(q) - 1}
	for i := 0; i+1 < len(q); i++ {
		w.q[bigram(q[i], q[i+1])]++
	}
	L := min(len(q), len(t.r)) // runes in the window
	for i := 0; i+1 < L; i++ {
		w.add(bigram(t.r[i], t.r[i+1]))
	}
	bestCommon, ties := w.common, []int{0}
	for s := 1; s+L <= len(t.r); s++ {
		w.remove(bigram(t.r[s-1], t.r[s]))
		w.add(bigram(t.r[s+L-2], t.r[s+L-1]))
		switch {
		case w.common > bestCommon:
			bestCommon, ties = w.common, append(ties[:0], s)
		case w.common == bestCommon && len(ties) < maxTies:
			ties = append(ties, s)
		}
	}
	if bestCommon == 0 {
		return 0, 0, false
	}
	s, bestScore := ties[0], -1
	for _, c := range ties {
		if sc := contextScore(text, t.start[c], t.end[c+L-1], a); sc > bestScore {
			s, bestScore = c, sc
		}
	}
	e := s + L // exclusive rune index
	w.w, w.n, w.common = map[uint64]int{}, 0, 0
	for i := s; i+1 < e; i++ {
		w.add(bigram(t.r[i], t.r[i+1]))
	}
	// Hill-climb the ends: each step must raise the similarity strictly.
	for steps := 0; steps < 4*len(q); steps++ {
		cur, move := w.dice(), 0
		try := func(m int, do, undo func()) {
			do()
			if d := w.dice(); d > cur {
				cur, move = d, m
			}
			undo()
		}
		if s > 0 {
			b := bigram(t.r[s-1], t.r[s])
			try(1, func() { w.add(b) }, func() { w.remove(b) })
		}
		if e-s > 2 {
			b := bigram(t.r[s], t.r[s+1])
			try(2, func() { w.remove(b) }, func() { w.add(b) })
			b2 := bigram(t.r[e-2], t.r[e-1])
			try(3, func() { w.remove(b2) }, func() { w.add(b2) })
		}
		if e < len(t.r) {
			b := bigram(t.r[e-1], t.r[e])
			try(4, func() { w.add(b) }, func() { w.remove(b) })
		}
		switch move {
		case 0:
			steps = 4 * len(q)
			continue
		case 1:
			w.add(bigram(t.r[s-1], t.r[s]))
			s--
		case 2:
			w.remove(bigram(t.r[s], t.r[s+1]))
			s++
		case 3:
			w.remove(bigram(t.r[e-2], t.r[e-1]))
			e--
		case 4:
			w.add(bigram(t.r[e-1], t.r[e]))
			e++
		}
	}
	if w.dice() < minDice {
		return 0, 0, false
	}
	return t.start[s], t.end[e-1], true
}
