package review

import (
	"testing"

	"github.com/redline-docs/redline/diff"
)

func TestCitesRenumbered(t *testing.T) {
	renum := Renumbering{Articles: map[int]int{8: 8, 206: 210, 207: 211, 249: 253, 250: 254, 12: 13}}
	for _, tc := range []struct {
		name, old, new string
		want           bool
	}{
		{"one citation", "依照本法第二百零六条的规定", "依照本法第二百一十条的规定", true},
		{"a list", "采取本法第二百四十九条、第二百五十条规定的执行措施", "采取本法第二百五十三条、第二百五十四条规定的执行措施", true},
		{"with items", "有本法第二百零七条第一项至第五项规定情形之一的", "有本法第二百一十一条第一项至第五项规定情形之一的", true},
		{"arabic", "违反本条例第12条规定", "违反本条例第13条规定", true},
		{"cited wrongly", "依照本法第二百零六条的规定", "依照本法第二百一十一条的规定", false},
		{"and a word changed", "依照本法第二百零六条的规定", "依照本法第二百一十条的有关规定", false},
		{"another law's article", "违反《中华人民共和国立法法》第八条规定", "违反《中华人民共和国立法法》第十一条规定", false},
		{"nothing renumbered", "依照本法第八条的规定", "依照本法第八条的规定。", false},
		{"no citation", "处三年以下有期徒刑", "处五年以下有期徒刑", false},
	} {
		if got := CitesRenumbered(tc.old, tc.new, renum); got != tc.want {
			t.Errorf("%s: CitesRenumbered(%q, %q) = %v, want %v", tc.name, tc.old, tc.new, got, tc.want)
		}
	}
}

// TestCitationsFollowRenumbering: when articles are inserted, an article
// whose only change is its citations of the law's own articles, updated
// to their new numbers, is an editorial change (never unexplained); one
// that also changes a word is not.
func TestCitationsFollowRenumbering(t *testing.T) {
	old := parseLaw(t, "第一条　甲规定。\n第二条　乙规定。\n第三条　违反本法第二条规定的，依照本法第一条处理。\n第四条　违反本法第二条规定的，从重处理。\n")
	new := parseLaw(t, "第一条　新增规定。\n第二条　甲规定。\n第三条　乙规定。\n第四条　违反本法第三条规定的，依照本法第二条处理。\n第五条　违反本法第三条规定的，从轻处理。\n")
	d := Attach(AttachInput{Path: "law.txt", Result: diff.Compare(old, new, diff.Options{})})
	got := map[string]bool{}
	for _, c := range d.Changes {
		got[c.NewLabel] = c.Editorial
	}
	if !got["第四条"] {
		t.Errorf("第三条 → 第四条, citations only: not editorial (%v)", got)
	}
	if got["第五条"] {
		t.Errorf("第四条 → 第五条, citation and a word: editorial")
	}
	for _, id := range d.Unexplained {
		if id == "第四条" {
			t.Errorf("第四条 is unexplained: %q", d.Unexplained)
		}
	}
}

func FuzzCitesRenumbered(f *testing.F) {
	f.Add("依照本法第二百零六条的规定", "依照本法第二百一十条的规定")
	f.Add("第12条、第十三条第一项", "第13条、第十四条第一项")
	f.Add("《某法》第八条第", "第〇条第两千零一条")
	renum := Renumbering{Articles: map[int]int{206: 210, 12: 13, 13: 14, 8: 9, 0: 1, 2001: 2002}}
	f.Fuzz(func(t *testing.T, old, new string) {
		got := CitesRenumbered(old, new, renum)
		if old == new && got {
			t.Errorf("CitesRenumbered(%q, itself) = true", old)
		}
	})
}
