package diff

import (
	"fmt"
	"slices"
	"testing"

	"github.com/redline-docs/redline/bench/gen"
)

// TestCompareGenerated checks the alignment against what the generator
// did to a document: every edited item found as a modification in place,
// every item moved to another programme (edited or not) as moved, every
// inserted and deleted clause as such, and the same result on every run
// (the word diffs run in parallel).
func TestCompareGenerated(t *testing.T) {
	for _, tc := range []struct {
		size           int
		edit           float64
		inserts, moves int
	}{
		{20_000, 0.1, 3, 0},
		{200_000, 0.02, 5, 0},
		{200_000, 0.02, 5, 10},
		{200_000, 0.3, 20, 10},
		{100_000, 0.6, 10, 0},
		{1_000, 1, 2, 1},
	} {
		t.Run(fmt.Sprintf("%d-%g-%d-%d", tc.size, tc.edit, tc.inserts, tc.moves), func(t *testing.T) {
			d := gen.New(7, tc.size)
			nd, truth := d.ReviseTruth(8, tc.edit, tc.inserts, tc.moves)
			old := mustParse(t, "old.txt", d.Render())
			new := mustParse(t, "new.txt", nd.Render())
			r := Compare(old, new, Options{})
			checkPairs(t, r)
			var got gen.Truth
			for _, c := range r.Changes {
				switch {
				case c.Kind == Inserted:
					got.Inserted++
				case c.Kind == Deleted:
					got.Deleted++
				case c.Kind == Moved:
					got.Moved++
				case c.Old.Body() != c.New.Body():
					got.Edited++
				}
			}
			// A deletion and an insertion that land in the same slot under
			// the same number are one clause rewritten in place (inPlace):
			// k such coincidences trade a deletion and an insertion for an
			// edit. Anything else must be as the generator did it.
			k := got.Edited - truth.Edited
			if got.Moved != truth.Moved || k < 0 || k > truth.Deleted ||
				got.Deleted != truth.Deleted-k || got.Inserted != truth.Inserted-k {
				t.Errorf("found %+v, generator did %+v", got, truth)
			}
			if again := renderChanges(Compare(old, new, Options{})); again != renderChanges(r) {
				t.Error("a second Compare differs")
			}
		})
	}
}

func TestRadixSort(t *testing.T) {
	for _, n := range []int{0, 1, 255, 256, 1000, 100_000} {
		keys := make([]uint64, n)
		x := uint64(12345)
		for i := range keys {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			keys[i] = x >> (i % 40) // some positions agree, some do not
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		radixSort(keys)
		if !slices.Equal(keys, want) {
			t.Fatalf("n=%d: not sorted", n)
		}
	}
}
