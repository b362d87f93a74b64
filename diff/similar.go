package diff

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// This file holds the content similarity the clause alignment uses: sets of
// character bigrams compared with the Dice coefficient, and an inverted
// index over them so that candidates are found without comparing every old
// clause with every new one.

// bigramSet returns the sorted, distinct character bigrams of s (already
// folded), Latin letters lower-cased. A text of one rune gives one
// pseudo-bigram so that short bodies still compare.
func bigramSet(s string) []uint64 {
	if s == "" {
		return nil
	}
	grams := make([]uint64, 0, utf8.RuneCountInString(s))
	prev := rune(-1)
	for _, r := range s {
		r = unicode.ToLower(r)
		if prev >= 0 {
			grams = append(grams, uint64(uint32(prev))<<32|uint64(uint32(r)))
		}
		prev = r
	}
	if len(grams) == 0 {
		grams = append(grams, uint64(uint32(prev))<<32)
	}
	slices.Sort(grams)
	return slices.Compact(grams)
}

// dice is the Dice coefficient of two sorted distinct sets: 2|a∩b|/(|a|+|b|).
func dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	return 2 * float64(intersect(a, b)) / float64(len(a)+len(b))
}

// intersect counts the elements two sorted distinct sets share.
func intersect(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// gramIndex is an inverted index from bigram to the clauses (positions in a
// candidate list) that contain it, as one sorted slice: cheaper than a map
// for the hundreds of thousands of bigrams of a megabyte document.
type gramIndex struct {
	entries []gramEntry
}

type gramEntry struct {
	gram uint64
	item int32
}

func newGramIndex(sets [][]uint64) *gramIndex {
	n := 0
	for _, s := range sets {
		n += len(s)
	}
	ix := &gramIndex{entries: make([]gramEntry, 0, n)}
	for i, s := range sets {
		for _, g := range s {
			ix.entries = append(ix.entries, gramEntry{g, int32(i)})
		}
	}
	slices.SortFunc(ix.entries, func(a, b gramEntry) int {
		if a.gram != b.gram {
			if a.gram < b.gram {
				return -1
			}
			return 1
		}
		return int(a.item - b.item)
	})
	return ix
}

// postings returns the entries for gram.
func (ix *gramIndex) postings(gram uint64) []gramEntry {
	lo, _ := slices.BinarySearchFunc(ix.entries, gram, func(e gramEntry, g uint64) int {
		switch {
		case e.gram < g:
			return -1
		case e.gram > g:
			return 1
		}
		return 0
	})
	hi := lo
	for hi < len(ix.entries) && ix.entries[hi].gram == gram {
		hi++
	}
	return ix.entries[lo:hi]
}

// topShared returns up to k items that share the most bigrams with set,
// most first, ties by item. Bigrams found in more than maxPost items are
// skipped, as stop words are: they say little and cost much. count is
// scratch space of the index's item count, left zeroed; the result reuses
// buf's storage.
func (ix *gramIndex) topShared(set []uint64, k, maxPost int, count []int32, buf []int32) []int32 {
	touched := buf[:0]
	for _, g := range set {
		p := ix.postings(g)
		if len(p) > maxPost {
			continue
		}
		for _, e := range p {
			if count[e.item] == 0 {
				touched = append(touched, e.item)
			}
			count[e.item]++
		}
	}
	slices.SortFunc(touched, func(a, b int32) int {
		if count[a] != count[b] {
			return int(count[b] - count[a])
		}
		return int(a - b)
	})
	for _, it := range touched {
		count[it] = 0
	}
	if len(touched) > k {
		touched = touched[:k]
	}
	return touched
}
