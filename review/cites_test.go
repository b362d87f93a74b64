package review

import (
	"testing"

	"github.com/redline-docs/redline/clause"
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
		{"another law's articles, a list", "违反《立法法》第八条、第十二条规定", "违反《立法法》第八条、第十三条规定", false},
		{"inserted article 之一", "依照本法第十二条之一的规定", "依照本法第十三条之一的规定", false},
		{"a range that keeps its span", "第二百零六条至第二百零七条", "第二百一十条至第二百一十一条", true},
		{"a range whose span changed", "第八条至第十二条", "第八条至第十三条", false},
	} {
		if got := CitesRenumbered(tc.old, tc.new, renum); got != tc.want {
			t.Errorf("%s: CitesRenumbered(%q, %q) = %v, want %v", tc.name, tc.old, tc.new, got, tc.want)
		}
	}
}

// TestCitationsFollowRenumbering: when articles or sections are inserted,
// a clause whose only change is its citations of the document's own
// clauses, updated to their new numbers, is an editorial change (never
// unexplained); one that also changes a word, or cites a number the
// renumbering does not give, is not.
func TestCitationsFollowRenumbering(t *testing.T) {
	for _, tc := range []struct {
		name, file, old, new string
		editorial, not       []string // new labels
	}{
		{"第X条", "law.txt",
			"第一条　甲规定。\n第二条　乙规定。\n第三条　违反本法第二条规定的，依照本法第一条处理。\n第四条　违反本法第二条规定的，从重处理。\n",
			"第一条　新增规定。\n第二条　甲规定。\n第三条　乙规定。\n第四条　违反本法第三条规定的，依照本法第二条处理。\n第五条　违反本法第三条规定的，从轻处理。\n",
			[]string{"第四条"}, []string{"第五条"}},
		{"Article", "act.txt",
			"Article 1 Scope.\nArticle 2 Definitions.\nArticle 3 As provided in Article 2, the Minister shall act.\nArticle 4 Articles 2 and 3 apply to the Authority.\nArticle 5 As provided in Article 2, the Minister may act.\n",
			"Article 1 Scope.\nArticle 2 Purpose.\nArticle 3 Definitions.\nArticle 4 As provided in Article 3, the Minister shall act.\nArticle 5 Articles 3 and 4 apply to the Authority.\nArticle 6 As provided in Article 5, the Minister may act.\n",
			[]string{"Article 4", "Article 5"}, []string{"Article 6"}},
		{"Section with subsections", "act.txt",
			"Section 1 Scope.\nSection 2 Definitions.\n(1) Words mean things.\n(2) Other words too.\nSection 3 As provided in section 2(1), the Minister shall act.\nSection 4 Section 2(2) applies to the Authority.\n",
			"Section 1 Scope.\nSection 2 Purpose.\nSection 3 Definitions.\n(1) Words mean things.\n(2) Other words too.\nSection 4 As provided in section 3(1), the Minister shall act.\nSection 5 Section 3(2) applies to the Authority and the Board.\n",
			[]string{"Section 4"}, []string{"Section 5"}},
		{"§", "gesetz.md",
			"# Gesetz\n\n## § 1\n\nDieses Gesetz gilt.\n\n## § 2\n\nBegriffe.\n\n## § 3\n\nNach §§ 1 und 2 gilt § 2 Abs. 1.\n\n## § 4\n\nNach § 2 des Arzneimittelgesetzes.\n",
			"# Gesetz\n\n## § 1\n\nDieses Gesetz gilt.\n\n## § 2\n\nZweck.\n\n## § 3\n\nBegriffe.\n\n## § 4\n\nNach §§ 1 und 3 gilt § 3 Abs. 1.\n\n## § 5\n\nNach § 3 des Arzneimittelgesetzes.\n",
			[]string{"§ 4"}, []string{"§ 5"}},
	} {
		old := parseNamed(t, tc.file, tc.old)
		new := parseNamed(t, tc.file, tc.new)
		d := Attach(AttachInput{Path: tc.file, Result: diff.Compare(old, new, diff.Options{})})
		got := map[string]bool{}
		for _, c := range d.Changes {
			got[c.NewLabel] = c.Editorial
		}
		unexplained := map[string]bool{}
		for _, id := range d.Unexplained {
			unexplained[id] = true
		}
		for _, l := range tc.editorial {
			if e, ok := got[l]; !ok || !e {
				t.Errorf("%s: %s, citations only: not editorial (%v)", tc.name, l, got)
			}
			if unexplained[l] {
				t.Errorf("%s: %s is unexplained: %q", tc.name, l, d.Unexplained)
			}
		}
		for _, l := range tc.not {
			if e, ok := got[l]; !ok || e {
				t.Errorf("%s: %s, a citation not renumbered or a word: editorial or unchanged (%v)", tc.name, l, got)
			}
			if !unexplained[l] {
				t.Errorf("%s: %s is not unexplained: %q", tc.name, l, d.Unexplained)
			}
		}
	}
}

func parseNamed(t *testing.T, name, src string) *clause.Document {
	t.Helper()
	d, err := clause.Parse(name, []byte(src), clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func FuzzCitesRenumbered(f *testing.F) {
	f.Add("依照本法第二百零六条的规定", "依照本法第二百一十条的规定")
	f.Add("第12条、第十三条第一项", "第13条、第十四条第一项")
	f.Add("《某法》第八条第", "第〇条第两千零一条")
	f.Add("As provided in Article 12(1)(a),", "As provided in Article 13(1)(a),")
	f.Add("Articles 12 to 13 of this Act", "Articles 13 to 14 of this Act")
	f.Add("section 8(2), paragraph", "section 9(2), paragraph")
	f.Add("§§ 12–13 oder § 8 des", "§§ 13–14 oder § 9 des")
	f.Add("Art.12 GDPR, Sections 2001, and", "Art.13 GDPR, Sections 2002, and")
	renum := Renumbering{
		Articles:    map[int]int{206: 210, 12: 13, 13: 14, 8: 9, 0: 1, 2001: 2002},
		Sections:    map[int]int{12: 13, 13: 14, 8: 9, 2001: 2002},
		SectionSign: true,
	}
	identity := Renumbering{Articles: map[int]int{12: 12, 8: 8}, Sections: map[int]int{12: 12, 8: 8}, SectionSign: true}
	f.Fuzz(func(t *testing.T, old, new string) {
		got := CitesRenumbered(old, new, renum)
		if old == new && got {
			t.Errorf("CitesRenumbered(%q, itself) = true", old)
		}
		if CitesRenumbered(old, new, identity) {
			t.Errorf("CitesRenumbered(%q, %q) = true with nothing renumbered", old, new)
		}
	})
}
