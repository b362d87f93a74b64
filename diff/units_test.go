package diff

import (
	"reflect"
	"testing"

	"github.com/redline-docs/redline/clause"
)

func TestCompareUnits(t *testing.T) {
	r := func(names ...string) []clause.Unit {
		var us []clause.Unit
		for _, n := range names {
			us = append(us, clause.Unit{Name: n, Role: clause.RoleResponsible})
		}
		return us
	}
	lead := func(n string) clause.Unit { return clause.Unit{Name: n, Role: clause.RoleLead} }
	support := func(n string) clause.Unit { return clause.Unit{Name: n, Role: clause.RoleSupport} }
	tests := []struct {
		name           string
		old, new       []clause.Unit
		added, removed []string
	}{
		{"science adds two", r("市科技局"), r("市科技局", "市经信局", "市发改委"), []string{"市经信局", "市发改委"}, nil},
		{"data drops the science bureau", r("市政务数据大数据局", "市科技局", "市经信局"), r("市政务数据大数据局", "市经信局"), nil, []string{"市科技局"}},
		{"construction adds four, in text order", r("市城建局"), r("市城建局", "市公安局", "市民政局", "市房管局", "市市场监督管理局"),
			[]string{"市公安局", "市民政局", "市房管局", "市市场监督管理局"}, nil},
		{"lead role moves", []clause.Unit{lead("市人才工作局"), support("市经信局")}, []clause.Unit{lead("市经信局"), support("市人才工作局")},
			[]string{"市经信局（牵头单位）", "市人才工作局（配合单位）"}, []string{"市人才工作局（牵头单位）", "市经信局（配合单位）"}},
		{"reordered is no change", r("市科技局", "市经信局"), r("市经信局", "市科技局"), nil, nil},
		{"width and space are no change", r("市科技局"), r(" 市科技局\u200b"), nil, nil},
		{"duplicates reported once", r("市科技局", "市科技局"), nil, nil, []string{"市科技局"}},
		{"none", nil, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CompareUnits(tt.old, tt.new)
			if !reflect.DeepEqual(got.Added, tt.added) || !reflect.DeepEqual(got.Removed, tt.removed) {
				t.Errorf("CompareUnits = +%q -%q, want +%q -%q", got.Added, got.Removed, tt.added, tt.removed)
			}
			if got.Empty() != (len(tt.added)+len(tt.removed) == 0) {
				t.Errorf("Empty() = %v", got.Empty())
			}
		})
	}
}
