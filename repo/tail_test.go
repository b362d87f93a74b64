package repo

import (
	"context"
	"strings"
	"testing"

	"github.com/redline-docs/redline/review"
)

// A responsibility trailer written on its own line after an item's
// sub-items belongs to the item (clause "tail"): changing only that line is
// a modification of the item in its history and blame, not of nothing.
func TestHistoryTrailerAfterSubItems(t *testing.T) {
	const before = "一、建设内容\n（一）实施人工智能场景应用计划\n" +
		"1.推进智慧医疗多场景协同。围绕以下方面推进应用示范：\n" +
		"（1）智慧医院建设。\n（2）居民电子健康档案应用。\n" +
		"（责任单位：市卫健委、市科技局）\n" +
		"2.推进智慧城市数智治理。在智慧城市领域打造20项应用场景。\n"
	after := strings.Replace(before, "市卫健委、市科技局", "市卫健委、市医保局", 1)

	r := newRepo(t)
	write(t, r, "plan.txt", before)
	commitAll(t, r, 0, "征求意见稿")
	write(t, r, "plan.txt", after)
	second := commitAll(t, r, 1, "调整责任单位")

	ctx := context.Background()
	h, err := r.History(ctx, "一/（一）/1", "plan.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	var events []review.Event
	for _, e := range h.Entries {
		events = append(events, e.Event)
	}
	if len(h.Entries) != 2 || h.Entries[1].Event != review.Modified || h.Entries[1].Rev.Hash != second {
		t.Fatalf("history of 一/（一）/1 = %v, want created then modified in %s", events, second[:7])
	}
	if !strings.Contains(h.Entries[1].Text, "市医保局") {
		t.Errorf("modified entry text %q lacks the new trailer", h.Entries[1].Text)
	}

	// The same through the diff: the item's units changed.
	d, err := r.Diff(ctx, DiffOptions{From: "HEAD~1", To: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, doc := range d.Documents {
		for _, c := range doc.Changes {
			if c.NewLabel == "一/（一）/1" && len(c.Units.Added) == 1 && c.Units.Added[0] == "市医保局" {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("diff does not show 市医保局 added to 一/（一）/1: %+v", d.Documents)
	}
}
