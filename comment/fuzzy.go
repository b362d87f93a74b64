package comment

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/redline-docs/redline/clause"
)

// folded is a text with punctuation and digit width, letter case and white
// space folded away, and for each folded rune the byte range it came from.
type folded struct {
	r          []rune
	start, end []int32 // byte offsets in the original text
}

func fold(s string) folded {
	f := folded{r: make([]rune, 0, len(s)/2), start: make([]int32, 0, len(s)/2), end: make([]int32, 0, len(s)/2)}
	if !norm.NFC.IsNormalString(s) {
		return foldNFC(f, s)
	}
	for i, n := 0, 0; i < len(s); i += n {
		var r rune
		r, n = utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || clause.ZeroWidth(r) {
			continue
		}
		f.r = append(f.r, foldRune(r))
		f.start = append(f.start, int32(i))
		f.end = append(f.end, int32(i+n))
	}
	return f
}

// foldNFC is fold for text not in normal form C (an NFD spelling): each
// segment (a base character and its combining marks) is composed, and its
// runes keep the segment's byte range in s.
func foldNFC(f folded, s string) folded {
	var it norm.Iter
	it.InitString(norm.NFC, s)
	for !it.Done() {
		start := it.Pos()
		seg := string(it.Next())
		end := it.Pos()
		for _, r := range seg {
			if unicode.IsSpace(r) || clause.ZeroWidth(r) {
				continue
			}
			f.r = append(f.r, foldRune(r))
			f.start = append(f.start, int32(start))
			f.end = append(f.end, int32(end))
		}
	}
	return f
}

// slice returns the folded runes that come from text[start:end], offsets
// still into the whole text.
func (f folded) slice(start, end int) folded {
	i := sort.Search(len(f.start), func(k int) bool { return int(f.start[k]) >= start })
	j := sort.Search(len(f.start), func(k int) bool { return int(f.end[k]) > end })
	if j < i {
		j = i
	}
	return folded{r: f.r[i:j], start: f.start[i:j], end: f.end[i:j]}
}

// findFolded looks for the folded quote q in the folded text t; it returns
// the byte range of the occurrence whose context agrees best (the first
// among equals).
func findFolded(text string, t folded, q []rune, a Anchor) (int, int, bool) {
	if len(q) == 0 {
		return 0, 0, false
	}
	ts, qs := string(t.r), string(q)
	best, bestScore, bestEnd := -1, -1, 0
	lastByte, ri := 0, 0
	for from, n := 0, 0; n < maxOccurrences; n++ {
		i := strings.Index(ts[from:], qs)
		if i < 0 {
			break
		}
		i += from
		// Convert the byte offset in ts to a rune index, incrementally.
		ri += utf8.RuneCountInString(ts[lastByte:i])
		lastByte = i
		s, e := int(t.start[ri]), int(t.end[ri+len(q)-1])
		if sc := contextScore(text, s, e, a); sc > bestScore {
			best, bestScore, bestEnd = s, sc, e
		}
		from = i + utf8.RuneLen(t.r[ri])
	}
	return best, bestEnd, best >= 0
}

// Similarity thresholds for a fuzzy match: the Dice coefficient of the
// character bigrams of the quote and of the passage, and the shortest quote
// (in runes) worth matching approximately.
const (
	minDice      = 0.6
	minFuzzyRune = 4
	maxTies      = 100
)

// window keeps the bigram counts of a passage of the text and how many of
// them it shares with the quote. Bigrams are numbered by the quote's
// distinct bigrams; a bigram the quote lacks is -1 and only counts in n.
type window struct {
	want   []int32 // the quote's count of each bigram
	have   []int32 // the window's
	nq, n  int     // bigrams in the quote, in the window
	common int
}

func (w *window) add(b int32) {
	w.n++
	if b < 0 {
		return
	}
	if w.have[b] < w.want[b] {
		w.common++
	}
	w.have[b]++
}

func (w *window) remove(b int32) {
	w.n--
	if b < 0 {
		return
	}
	w.have[b]--
	if w.have[b] < w.want[b] {
		w.common--
	}
}

func (w *window) dice() float64 {
	if w.nq+w.n == 0 {
		return 0
	}
	return 2 * float64(w.common) / float64(w.nq+w.n)
}

// findSimilar returns the byte range of the passage most similar to the
// folded quote q: a window of the quote's length slid over the folded text,
// the best positions told apart by prefix and suffix, then its ends moved
// while that raises the similarity. Cost is linear in the text.
func findSimilar(text string, t folded, q []rune, a Anchor) (int, int, bool) {
	if len(q) < minFuzzyRune || len(t.r) < 2 {
		return 0, 0, false
	}
	ids := map[[2]rune]int32{}
	w := &window{nq: len(q) - 1}
	for i := 0; i+1 < len(q); i++ {
		k := [2]rune{q[i], q[i+1]}
		id, ok := ids[k]
		if !ok {
			id = int32(len(w.want))
			ids[k] = id
			w.want = append(w.want, 0)
		}
		w.want[id]++
	}
	w.have = make([]int32, len(w.want))
	// first holds the quote's first runes (folded into 16 bits: a filter,
	// not a set), to skip most map lookups.
	var first [1 << 16 / 64]uint64
	for i := 0; i+1 < len(q); i++ {
		r := uint16(q[i])
		first[r/64] |= 1 << (r % 64)
	}
	bg := make([]int32, len(t.r)-1) // the bigram starting at each rune
	seen := false
	for i := range bg {
		bg[i] = -1
		if r := uint16(t.r[i]); first[r/64]&(1<<(r%64)) != 0 {
			if id, ok := ids[[2]rune{t.r[i], t.r[i+1]}]; ok {
				bg[i], seen = id, true
			}
		}
	}
	if !seen {
		return 0, 0, false
	}
	L := min(len(q), len(t.r)) // runes in the window
	for i := 0; i+1 < L; i++ {
		w.add(bg[i])
	}
	bestCommon, ties := w.common, []int{0}
	for s := 1; s+L <= len(t.r); s++ {
		w.remove(bg[s-1])
		w.add(bg[s+L-2])
		switch {
		case w.common > bestCommon:
			bestCommon, ties = w.common, append(ties[:0], s)
		case w.common == bestCommon && len(ties) < maxTies:
			ties = append(ties, s)
		}
	}
	// Even a window of the quote's length sharing every bigram it can would
	// fall short: give up before refining.
	if 2*float64(bestCommon)/float64(w.nq+L-1) < minDice/2 {
		return 0, 0, false
	}
	s, bestScore := ties[0], -1
	for _, c := range ties {
		if sc := contextScore(text, int(t.start[c]), int(t.end[c+L-1]), a); sc > bestScore {
			s, bestScore = c, sc
		}
	}
	e := s + L // exclusive rune index
	clear(w.have)
	w.n, w.common = 0, 0
	for i := s; i+1 < e; i++ {
		w.add(bg[i])
	}
	// Hill-climb the ends: each step must raise the similarity strictly,
	// so it stops; the bound is a guard.
	for steps := 0; steps < 4*len(q); steps++ {
		cur, move := w.dice(), 0
		try := func(m int, add bool, b int32) {
			if add {
				w.add(b)
			} else {
				w.remove(b)
			}
			if d := w.dice(); d > cur {
				cur, move = d, m
			}
			if add {
				w.remove(b)
			} else {
				w.add(b)
			}
		}
		if s > 0 {
			try(1, true, bg[s-1])
		}
		if e-s > 2 {
			try(2, false, bg[s])
			try(3, false, bg[e-2])
		}
		if e < len(t.r) {
			try(4, true, bg[e-1])
		}
		switch move {
		case 0:
			steps = 4 * len(q)
		case 1:
			s--
			w.add(bg[s])
		case 2:
			w.remove(bg[s])
			s++
		case 3:
			e--
			w.remove(bg[e-1])
		case 4:
			w.add(bg[e-1])
			e++
		}
	}
	if w.dice() < minDice {
		return 0, 0, false
	}
	return int(t.start[s]), int(t.end[e-1]), true
}
