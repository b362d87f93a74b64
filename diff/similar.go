package diff

import (
	"slices"
	"unicode/utf8"
)

// This file holds the content similarity the clause alignment uses: sets of
// character bigrams compared with the Dice coefficient, and an inverted
// index over them so that candidates are found without comparing every old
// clause with every new one.

// bigramSet returns the sorted, distinct character bigrams of s, each as
// two 21-bit runes, read through a fold like Fold's: full-width forms as
// half-width, ASCII letters lower-cased, white space and zero-width
// characters skipped, so that texts differing in formatting only have the
// same set. A text of one rune gives one pseudo-bigram so that short bodies
// still compare.
func bigramSet(s string) []uint64 {
	if s == "" {
		return nil
	}
	grams := make([]uint64, 0, utf8.RuneCountInString(s)) // never regrown
	prev := rune(-1)
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if r <= ' ' || r == 0x7f {
				continue
			}
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000, r == 0xA0, r == 0x85, r >= 0x2000 && r <= 0x200D,
			r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x2060, r == 0xFEFF:
			continue
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		if prev >= 0 {
			grams = append(grams, uint64(prev)<<21|uint64(r))
		}
		prev = r
	}
	if len(grams) == 0 {
		if prev < 0 {
			return nil
		}
		grams = append(grams, uint64(prev)<<21)
	}
	slices.Sort(grams)
	return slices.Compact(grams)
}

// diceSets is the Dice coefficient of two sorted distinct sets: 2|a∩b|/(|a|+|b|).
func diceSets(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	return 2 * float64(gramsShared(a, b)) / float64(len(a)+len(b))
}

// gramsShared counts the elements two sorted distinct sets share.
func gramsShared(a, b []uint64) int {
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
// candidate list) that contain it: one sorted slice of packed (bigram,
// item) entries, cheaper to build than a map of lists for the hundreds of
// thousands of bigrams of a megabyte document, and a map to each bigram's
// run of entries.
type gramIndex struct {
	entries []uint64            // bigram<<itemBits | item, sorted
	ranges  map[uint64][2]int32 // bigram → entries[lo:hi]
}

// itemBits is the room for an item in an entry: bigrams take 42 bits.
// Items beyond it (four million clauses) are not indexed.
const itemBits = 22

func newGramIndex(sets [][]uint64) *gramIndex {
	n := 0
	for _, s := range sets {
		n += len(s)
	}
	ix := &gramIndex{entries: make([]uint64, 0, n)}
	for i, s := range sets[:min(len(sets), 1<<itemBits)] {
		for _, g := range s {
			ix.entries = append(ix.entries, g<<itemBits|uint64(i))
		}
	}
	radixSort(ix.entries)
	ix.ranges = make(map[uint64][2]int32)
	for lo := 0; lo < len(ix.entries); {
		g := ix.entries[lo] >> itemBits
		hi := lo + 1
		for hi < len(ix.entries) && ix.entries[hi]>>itemBits == g {
			hi++
		}
		ix.ranges[g] = [2]int32{int32(lo), int32(hi)}
		lo = hi
	}
	return ix
}

// postings returns the entries for gram; entry&itemMask is the item.
func (ix *gramIndex) postings(gram uint64) []uint64 {
	r := ix.ranges[gram]
	return ix.entries[r[0]:r[1]]
}

const itemMask = 1<<itemBits - 1

// rareIn counts the bigrams of set found in at most maxPost items.
func (ix *gramIndex) rareIn(set []uint64, maxPost int) int {
	n := 0
	for _, g := range set {
		if r := ix.ranges[g]; int(r[1]-r[0]) <= maxPost {
			n++
		}
	}
	return n
}

// topShared counts, for every item, the rare bigrams it shares with set:
// those found in at most maxPost items (the common ones say little and
// cost much, as stop words). It returns up to k items sharing the most,
// most first, ties by item; every item with a count (touched), whose
// counts the caller must reset to zero when done; and how many bigrams of
// set are rare. top and touched reuse the storage passed in.
func (ix *gramIndex) topShared(set []uint64, k, maxPost int, count []int32, top, touched []int32) (_, _ []int32, rare int) {
	touched = touched[:0]
	for _, g := range set {
		p := ix.postings(g)
		if len(p) > maxPost {
			continue
		}
		rare++
		for _, e := range p {
			it := int32(e & itemMask)
			if count[it] == 0 {
				touched = append(touched, it)
			}
			count[it]++
		}
	}
	// Select the k best: insertion into a short list rather than a sort,
	// as touched can hold thousands of items.
	better := func(x, y int32) bool {
		return count[x] > count[y] || count[x] == count[y] && x < y
	}
	top = top[:0]
	for _, it := range touched {
		if len(top) == k && !better(it, top[k-1]) {
			continue
		}
		if len(top) < k {
			top = append(top, it)
		}
		j := len(top) - 1
		for j > 0 && better(it, top[j-1]) {
			top[j] = top[j-1]
			j--
		}
		top[j] = it
	}
	return top, touched, rare
}

// radixSort sorts keys in place, least significant byte first: linear in
// len(keys), where a comparison sort of the hundreds of thousands of index
// entries of a megabyte document costs several times more. Byte positions
// where all keys agree are skipped.
func radixSort(keys []uint64) {
	if len(keys) < 256 {
		slices.Sort(keys)
		return
	}
	buf := make([]uint64, len(keys))
	src, dst := keys, buf
	for shift := uint(0); shift < 64; shift += 8 {
		var count [256]int
		for _, k := range src {
			count[byte(k>>shift)]++
		}
		if count[byte(src[0]>>shift)] == len(src) {
			continue
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for _, k := range src {
			b := byte(k >> shift)
			dst[count[b]] = k
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}
