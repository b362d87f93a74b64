package comment

import "sort"

// Sort puts comments in report order, the one order every output lists
// them in: by group (groups in the order of their first sequenced
// comment; groups with none after those with one), then by Seq (comments
// without one, Seq 0, after those with one), then by id with numbers
// compared as numbers (C2 before C10). It is stable.
func Sort(cs []Comment) {
	first := map[string]int{}
	for _, c := range cs {
		if c.Seq == 0 {
			if _, ok := first[c.Group]; !ok {
				first[c.Group] = 0
			}
			continue
		}
		if f, ok := first[c.Group]; !ok || f == 0 || c.Seq < f {
			first[c.Group] = c.Seq
		}
	}
	seqLess := func(a, b int) bool { // 0, no order, last
		if (a == 0) != (b == 0) {
			return b == 0
		}
		return a < b
	}
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Group != b.Group {
			if fa, fb := first[a.Group], first[b.Group]; fa != fb {
				return seqLess(fa, fb)
			}
			return a.Group < b.Group
		}
		if a.Seq != b.Seq {
			return seqLess(a.Seq, b.Seq)
		}
		return NaturalLess(a.ID, b.ID)
	})
}

// Sorted returns a sorted copy of cs (nil when empty).
func Sorted(cs []Comment) []Comment {
	if len(cs) == 0 {
		return nil
	}
	out := append([]Comment(nil), cs...)
	Sort(out)
	return out
}

// NaturalLess compares strings with runs of ASCII digits compared as
// numbers: C2 < C10, 二-1 < 二-2.
func NaturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := trimZeros(a[:da]), trimZeros(b[:db])
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}
