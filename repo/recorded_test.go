package repo

import (
	"testing"

	"github.com/redline-docs/redline/clause"
)

// TestRecordedInOrder checks the piece-by-piece label comparison against
// the full paths it stands for: a record applies only when every label is
// its clause's path, and a record that differs anywhere (a parent's part,
// the separator, the clause's own label, the length) does not.
func TestRecordedInOrder(t *testing.T) {
	doc, err := clause.Parse("plan.md", []byte("一、总则\n（一）目标\n1.甲\n2.乙\n（二）任务\n1.丙\n二、附则\n（一）施行\n"), clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	nodes := doc.Clauses()
	good := idsFile{}
	for i, n := range nodes {
		good.Clauses = append(good.Clauses, idEntry{ID: "c" + string(rune('a'+i)), Label: n.Path()})
	}
	if len(nodes) < 8 || good.Clauses[3].Label != "一/（一）/2" {
		t.Fatalf("parse changed: %d clauses, 4th %q", len(nodes), good.Clauses[3].Label)
	}
	ids, ok := recordedInOrder(doc, good)
	if !ok || len(ids) != len(nodes) || ids[5] != "cf" {
		t.Fatalf("recordedInOrder(exact paths) = %v, %v; want the recorded ids", ids, ok)
	}
	for _, bad := range []struct {
		i     int
		label string
	}{
		{0, "二"},         // a top-level label
		{3, "一/（二）/2"},   // the parent's part
		{3, "一|（一）/2"},   // the separator inside the parent's part
		{3, "一/（一）|2"},   // the separator before the clause's own
		{3, "一/（一）/3"},   // the clause's own label
		{3, "一/（一）/22"},  // longer
		{3, "一/（一）/"},    // shorter
		{5, "一/（一）/1"},   // another parent's path
		{7, "二/（一）施行"},   // no separator
		{6, "二/（一）"},     // a child's path on its parent
		{4, "一/（一）/（二）"}, // nested under the wrong sibling
	} {
		f := idsFile{Clauses: append([]idEntry(nil), good.Clauses...)}
		f.Clauses[bad.i].Label = bad.label
		if _, ok := recordedInOrder(doc, f); ok {
			t.Errorf("record with clause %d labelled %q (path %q) applied", bad.i, bad.label, nodes[bad.i].Path())
		}
	}
}
