package diff

import (
	"strings"

	"github.com/redline-docs/redline/clause"
)

// CompareUnits compares two responsibility trailers as sets and returns the
// units added and removed, each in the order it appears in its text.
//
// A unit is its name and its role: a responsible unit (责任单位) is shown by
// its name alone, a lead or supporting unit with its role in parentheses,
// "市人才工作局（牵头单位）", "市经信局（配合单位）". So a unit that changes role
// is reported as removed in its old role and added in its new one — the
// reviewer sees both what it was and what it became, and a renderer can
// still list plain names for the common 责任单位 case. Names are compared
// after Fold, so a change of width or spacing in a name is not a change.
func CompareUnits(old, new []clause.Unit) UnitChange {
	var u UnitChange
	if len(old) == len(new) {
		same := true
		for i := range old {
			if old[i].Name != new[i].Name || old[i].Role != new[i].Role {
				same = false
				break
			}
		}
		if same { // the common case: the trailer did not change
			return u
		}
	}
	u.Removed = unitsNotIn(old, new)
	u.Added = unitsNotIn(new, old)
	return u
}

// unitsNotIn lists the units of a, as displayed, that b lacks, without
// duplicates.
func unitsNotIn(a, b []clause.Unit) []string {
	in := make(map[string]bool, len(b))
	for _, x := range b {
		in[unitKey(x)] = true
	}
	var out []string
	seen := map[string]bool{}
	for _, x := range a {
		k := unitKey(x)
		if in[k] || seen[k] || k == "\x00" {
			continue
		}
		seen[k] = true
		out = append(out, UnitLabel(x))
	}
	return out
}

func unitKey(x clause.Unit) string {
	return Fold(x.Name) + "\x00" + roleSuffix(x.Role)
}

// UnitLabel is how a unit is shown in a UnitChange: its name, followed by
// its role when it is not a plain responsible unit: "市人才工作局（牵头单位）".
func UnitLabel(x clause.Unit) string {
	return strings.TrimSpace(x.Name) + roleSuffix(x.Role)
}

func roleSuffix(r clause.Role) string {
	switch r {
	case clause.RoleLead:
		return "（牵头单位）"
	case clause.RoleSupport:
		return "（配合单位）"
	}
	return ""
}
