package comment

import (
	"strings"
	"testing"
)

func TestSort(t *testing.T) {
	cs := []Comment{
		{ID: "C10", Group: "二、相关部门", Seq: 10},
		{ID: "C2", Group: "三、其他", Seq: 12},
		{ID: "A1"}, // added by hand: no Seq, no group
		{ID: "C1", Group: "一、公开网站", Seq: 1},
		{ID: "C3", Group: "二、相关部门", Seq: 3},
		{ID: "X9", Group: "二、相关部门"},
		{ID: "K2", Seq: 20},
		{ID: "K10", Seq: 20},
	}
	Sort(cs)
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, ","); got != "C1,C3,C10,X9,C2,K2,K10,A1" {
		t.Errorf("order %s", got)
	}
}

func TestNaturalLess(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		less bool
	}{
		{"C2", "C10", true}, {"C10", "C2", false}, {"C02", "C2", false}, {"a", "b", true},
		{"C1", "C1a", true}, {"二-1", "二-2", true}, {"", "a", true}, {"a", "a", false},
	} {
		if got := NaturalLess(tt.a, tt.b); got != tt.less {
			t.Errorf("NaturalLess(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}
