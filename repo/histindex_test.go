package repo

import (
	"flag"
	"fmt"
	"github.com/redline-docs/redline/internal/synth"
	"math/rand"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

var incSteps = flag.Int("incsteps", 400, "random edits in TestIncrementalMatchesParse")

// fullStates parses text and gives its clauses the ids of ids (by position).
func fullStates(t *testing.T, name, text string, ids []clauseState) []clauseState {
	t.Helper()
	doc, err := parseDoc(name, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	n := len(doc.Clauses())
	list := make([]string, n)
	for i := range list {
		if i < len(ids) {
			list[i] = ids[i].ID
		} else {
			list[i] = freshID(name, plumbing.ZeroHash, i)
		}
	}
	return states(newDocIDs(name, plumbing.ZeroHash, doc, list))
}

// The incremental update agrees with a full parse whenever it claims to
// apply, over random edits of every kind.
func TestIncrementalMatchesParse(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for _, name := range []string{"plan.txt", "plan.md"} {
		t.Run(name, func(t *testing.T) {
			d := synth.NewPlan(30000, 3)
			text := d.String()
			st := fullStates(t, name, text, nil)
			fast := 0
			for i := 1; i < *incSteps; i++ {
				next := mutate(rng, d, text, i)
				got, _, ok := incremental(name, []byte(text), []byte(next), st)
				want := fullStates(t, name, next, st)
				if ok {
					fast++
					if len(got) != len(want) {
						t.Fatalf("step %d: %d clauses incrementally, %d parsed; edit %s", i, len(got), len(want), editOf(text, next))
					}
					for j := range got {
						g, w := got[j], want[j]
						if g.Label != w.Label || g.Sum != w.Sum || g.Start != w.Start || g.End != w.End || g.Parent != w.Parent {
							t.Fatalf("step %d clause %d: incremental %+v, parsed %+v", i, j, g, w)
						}
					}
				}
				text, st = next, want
			}
			if fast == 0 {
				t.Errorf("the incremental path never applied")
			}
			t.Logf("%d of %d revisions without a full parse", fast, *incSteps-1)
		})
	}
}

// mutate makes one random edit: a reworded point (the common case), a
// character inserted or deleted anywhere, a line inserted, deleted or
// duplicated, or a structural step of the benchmark document.
func mutate(rng *rand.Rand, d *synth.Plan, text string, i int) string {
	switch rng.Intn(6) {
	case 0, 1:
		d.Step(i)
		return d.String()
	case 2:
		k := rng.Intn(len(text) + 1)
		for k > 0 && k < len(text) && (text[k]&0xC0) == 0x80 {
			k--
		}
		return text[:k] + []string{"。", "\n", "（三）", "1.", "x", " ", "\n\n"}[rng.Intn(7)] + text[k:]
	case 3:
		k := rng.Intn(len(text))
		for k > 0 && (text[k]&0xC0) == 0x80 {
			k--
		}
		_, size := rune(0), 1
		for k+size < len(text) && (text[k+size]&0xC0) == 0x80 {
			size++
		}
		return text[:k] + text[k+size:]
	default:
		lines := strings.SplitAfter(text, "\n")
		k := rng.Intn(len(lines))
		switch rng.Intn(3) {
		case 0:
			lines = append(lines[:k], lines[k+1:]...)
		case 1:
			lines = append(lines[:k], append([]string{lines[k]}, lines[k:]...)...)
		default:
			lines = append(lines[:k], append([]string{"补充说明文字。\n"}, lines[k:]...)...)
		}
		return strings.Join(lines, "")
	}
}

// editOf shows where two texts differ, with a little context.
func editOf(a, b string) string {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	lo := max(0, p-40)
	return fmt.Sprintf("%q: %q → %q", a[lo:p], a[p:len(a)-s], b[p:len(b)-s])
}

// When alignStates decides an alignment on its own, diff.Compare agrees:
// the shortcut changes the cost of deriving ids, not the ids.
func TestAlignStatesAgreesWithCompare(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	const name = "plan.txt"
	d := synth.NewPlan(30000, 5)
	text := d.String()
	doc, _ := parseDoc(name, []byte(text))
	prev := deriveIDs(name, plumbing.ZeroHash, doc, nil)
	decided, disagree := 0, 0
	base := duplicates(prev)
	for i := 1; i < *incSteps/2; i++ {
		next := mutate(rng, d, text, i)
		ndoc, err := parseDoc(name, []byte(next))
		if err != nil {
			t.Fatal(err)
		}
		blob := plumbing.ComputeHash(plumbing.BlobObject, []byte(next))
		if duplicates(prev) != base || duplicates(newDocIDs(name, blob, ndoc, make([]string, len(ndoc.Clauses())))) != base {
			// More copies of a clause than the generator makes (its
			// headings repeat): the alignment is a judgement call.
			text, prev = next, newDocIDs(name, blob, ndoc, alignIDs(name, blob, prev, ndoc, false))
			continue
		}
		fast := alignIDs(name, blob, prev, ndoc, true)
		slow := alignIDs(name, blob, prev, ndoc, false)
		if _, ok := alignStates(states(prev), prev.doc.Src, placeholderStates(name, ndoc), ndoc.Src); ok {
			decided++
			for j := range fast {
				if fast[j] != slow[j] {
					disagree++
					t.Errorf("step %d clause %s: shortcut %s, Compare %s; edit %s", i, ndoc.Clauses()[j].Path(), fast[j], slow[j], editOf(text, next))
					break
				}
			}
		}
		text, prev = next, newDocIDs(name, blob, ndoc, slow)
	}
	if decided == 0 {
		t.Error("the shortcut never decided")
	}
	t.Logf("shortcut decided %d of %d alignments", decided, *incSteps/2-1)
}

// duplicates counts the clauses whose text (without numbering) another
// clause has too.
func duplicates(d *docIDs) int {
	seen := map[uint64]bool{}
	n := 0
	for _, s := range states(d) {
		if seen[s.Sum] {
			n++
		}
		seen[s.Sum] = true
	}
	return n
}
