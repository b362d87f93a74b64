package review

import (
	"testing"

	"github.com/redline-docs/redline/comment"
)

// TestRound picks each round of a three-round history: comments made on
// v1 settled by v2, on v2 settled by v3, on v3 settled by v4.
func TestRound(t *testing.T) {
	chain := []string{"v1", "v2", "v3", "v4"}
	made := func(id, on string, settled ...string) comment.Comment {
		return comment.Comment{ID: id, Status: comment.Adopted, Anchor: comment.Anchor{Rev: on}, ResolvedIn: settled}
	}
	three := []comment.Comment{made("A1", "v1", "v2"), made("A2", "v1", "v2"), made("B1", "v2", "v3"), made("C1", "v3", "v4")}
	tests := []struct {
		name             string
		chain            []string
		comments         []comment.Comment
		from, to         string
		wantFrom, wantTo string
	}{
		{"the newest round", chain, three, "", "", "v3", "v4"},
		{"the round that ends at --to", chain, three, "", "v3", "v2", "v3"},
		{"the first round", chain, three, "", "v2", "v1", "v2"},
		{"the round that starts at --from", chain, three, "v2", "", "v2", "v3"},
		{"both given", chain, three, "v1", "v4", "v1", "v4"},
		{"a round not settled yet ends at the newest", chain, []comment.Comment{made("A1", "v2")}, "", "", "v2", "v4"},
		{"comments just made on the newest revision", chain[:3], three[:3], "", "", "v2", "v3"},
		{"no comments: the whole history", chain, nil, "", "", "v1", "v4"},
		{"a comment settled later than the next round's", chain, []comment.Comment{made("A1", "v1", "v3"), made("A2", "v1", "v2")}, "", "v4", "v1", "v4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := Round(tt.chain, tt.comments, tt.from, tt.to)
			if from != tt.wantFrom || to != tt.wantTo {
				t.Errorf("Round = %s → %s, want %s → %s", from, to, tt.wantFrom, tt.wantTo)
			}
		})
	}
}

func TestInRound(t *testing.T) {
	start := startOf([]string{"v1", "v2", "v3", "v4"}, "v2")
	in := func(h string) bool { return h == "v3" || h == "v4" }
	inside := map[string]bool{"v3": true}
	tests := []struct {
		name string
		c    comment.Comment
		want bool
	}{
		{"made on the start", comment.Comment{Anchor: comment.Anchor{Rev: "v2"}}, true},
		{"made earlier, settled in the range", comment.Comment{Anchor: comment.Anchor{Rev: "v1"}, ResolvedIn: []string{"v3"}}, true},
		{"made earlier, settled at the start", comment.Comment{Anchor: comment.Anchor{Rev: "v1"}, ResolvedIn: []string{"v2"}}, false},
		{"made earlier, still open", comment.Comment{Anchor: comment.Anchor{Rev: "v1"}}, false},
		{"made inside the range", comment.Comment{Anchor: comment.Anchor{Rev: "v3"}}, true},
		{"made on the range's end", comment.Comment{Anchor: comment.Anchor{Rev: "v4"}}, false},
		{"made after the range", comment.Comment{Anchor: comment.Anchor{Rev: "v5"}}, false},
		{"made on an unknown revision", comment.Comment{}, true},
	}
	for _, tt := range tests {
		if got := InRound(tt.c, start, "v2", inside, in); got != tt.want {
			t.Errorf("%s: InRound = %v, want %v", tt.name, got, tt.want)
		}
	}
}
