package repo

import (
	"context"
	"os"
	"testing"
)

func TestProfCold(t *testing.T) {
	dir := os.Getenv("PROFREPO")
	if dir == "" {
		t.Skip()
	}
	if os.Getenv("COLD") != "" {
		os.RemoveAll(dir + "/.git/redline")
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	h, err := r.History(context.Background(), "三/（二）/26", "plan.md", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(len(h.Entries))
}
