package review

import "github.com/redline-docs/redline/comment"

// Round is the range a consultation report covers when it is not given
// whole: one consultation round, from the revision the comments were made
// on to the revision that settled them, or the newest.
//
// chain is the first-parent line of revisions, oldest first, that ends at
// the newest revision the report may cover (the --to revision, or the
// newest). from and to are the hashes the user gave ("" for none); an
// explicit one is kept. Without from, the round starts at the newest
// revision in chain that comments were made on — before to, when to is
// given, since the round that ends at to started before it — or at the
// first revision when no comment says. Without to, the round ends at the
// newest revision that settles a comment open at its start, or at the
// newest revision when none does yet.
func Round(chain []string, comments []comment.Comment, from, to string) (string, string) {
	if len(chain) == 0 {
		return from, to
	}
	pos := make(map[string]int, len(chain))
	for i, h := range chain {
		pos[h] = i
	}
	if from == "" {
		last := len(chain) - 1
		if to != "" {
			if i, ok := pos[to]; ok {
				last = i - 1
			}
		}
		best := -1
		for _, c := range comments {
			if i, ok := pos[c.Anchor.Rev]; ok && i <= last && i > best {
				best = i
			}
		}
		from = chain[max(best, 0)]
	}
	if to == "" {
		start := startOf(chain, from)
		best := -1
		for _, c := range comments {
			if !start.open(c) {
				continue
			}
			for _, h := range c.ResolvedIn {
				if i, ok := pos[h]; ok && i > pos[from] && i > best {
					best = i
				}
			}
		}
		if best < 0 {
			best = len(chain) - 1
		}
		to = chain[best]
	}
	return from, to
}

// startOf is the RangeStart of a range starting at from on chain: from and
// the revisions before it.
func startOf(chain []string, from string) RangeStart {
	s := RangeStart{Revs: map[string]bool{}}
	for _, h := range chain {
		s.Revs[h] = true
		if h == from {
			break
		}
	}
	return s
}

// InRound reports whether comment c belongs to the report of the range
// that starts at from: not settled at or before the start, and made on the
// start revision (or not saying where), or made inside the range (inside
// holds the revisions after from and before the range's end: comments made
// on the end revision open the next round), or made earlier and settled in
// the range (settledIn says). Comments of earlier rounds that are still open
// belong to their own round's report.
func InRound(c comment.Comment, start RangeStart, from string, inside map[string]bool, settledIn func(string) bool) bool {
	settled := false
	for _, h := range c.ResolvedIn {
		if start.Revs[h] {
			return false
		}
		settled = settled || settledIn(h)
	}
	switch rev := c.Anchor.Rev; {
	case rev == "" || rev == from || inside[rev]:
		return true
	case start.Revs[rev]:
		return settled
	}
	return false
}
