package merge

import (
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
)

func parse(t *testing.T, s string) *clause.Document {
	t.Helper()
	d, err := clause.Parse("plan.txt", []byte(s), clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const base = `第一条 为了规范数据管理，制定本办法。
第二条 本办法适用于本市行政区域内的数据处理活动。
第三条 市数据局负责全市数据工作的统筹协调。
第四条 数据处理者应当建立数据分类分级制度。
第五条 本办法自发布之日起施行。
`

func TestMerge(t *testing.T) {
	for _, tc := range []struct {
		name          string
		base          string // "" for the package's base
		ours, theirs  string
		want          string   // the merged text, when there is no conflict
		conflicts     []string // labels of the conflicting clauses
		conflictParts []string // text that must be in the marked blocks
	}{
		{
			name:   "one side changes",
			ours:   base,
			theirs: strings.Replace(base, "统筹协调", "统筹协调和监督管理", 1),
			want:   strings.Replace(base, "统筹协调", "统筹协调和监督管理", 1),
		},
		{
			name:   "same change on both sides taken once",
			ours:   strings.Replace(base, "分类分级", "分类分级保护", 1),
			theirs: strings.Replace(base, "分类分级", "分类分级保护", 1),
			want:   strings.Replace(base, "分类分级", "分类分级保护", 1),
		},
		{
			name:          "different changes to one clause conflict",
			ours:          strings.Replace(base, "统筹协调", "统筹规划", 1),
			theirs:        strings.Replace(base, "统筹协调", "监督管理", 1),
			conflicts:     []string{"第三条"},
			conflictParts: []string{"第三条 市数据局负责全市数据工作的统筹规划。", "第三条 市数据局负责全市数据工作的监督管理。"},
		},
		{
			name: "edit against delete conflicts",
			ours: strings.Replace(base, "统筹协调", "统筹规划", 1),
			theirs: `第一条 为了规范数据管理，制定本办法。
第二条 本办法适用于本市行政区域内的数据处理活动。
第三条 数据处理者应当建立数据分类分级制度。
第四条 本办法自发布之日起施行。
`,
			conflicts:     []string{"第三条"},
			conflictParts: []string{"第三条 市数据局负责全市数据工作的统筹规划。\n" + MarkerSep + "\n" + MarkerTheirs},
		},
		{
			name: "delete on one side, untouched on the other",
			ours: base,
			theirs: `第一条 为了规范数据管理，制定本办法。
第二条 本办法适用于本市行政区域内的数据处理活动。
第四条 数据处理者应当建立数据分类分级制度。
第五条 本办法自发布之日起施行。
`,
			want: `第一条 为了规范数据管理，制定本办法。
第二条 本办法适用于本市行政区域内的数据处理活动。
第四条 数据处理者应当建立数据分类分级制度。
第五条 本办法自发布之日起施行。
`,
		},
		{
			name:   "both insert at the same place: both kept, ours first",
			ours:   strings.Replace(base, "第五条 本办法", "第四条之一 数据处理者应当定期开展风险评估。\n第五条 本办法", 1),
			theirs: strings.Replace(base, "第五条 本办法", "第四条之二 重要数据的处理者应当明确安全负责人。\n第五条 本办法", 1),
			want:   strings.Replace(base, "第五条 本办法", "第四条之一 数据处理者应当定期开展风险评估。\n第四条之二 重要数据的处理者应当明确安全负责人。\n第五条 本办法", 1),
		},
		{
			name: "one renumbers, the other rewords",
			ours: `第一条 为了规范数据管理，制定本办法。
第二条 本办法适用于本市行政区域内的数据处理活动。
第三条 市数据局负责全市数据工作的统筹协调和监督管理。
第四条 数据处理者应当建立数据分类分级制度。
第五条 本办法自发布之日起施行。
`,
			theirs: `第一条 为了规范数据管理，制定本办法。
第三条 本办法适用于本市行政区域内的数据处理活动。
第四条 市数据局负责全市数据工作的统筹协调。
第五条 数据处理者应当建立数据分类分级制度。
第六条 本办法自发布之日起施行。
`,
			want: `第一条 为了规范数据管理，制定本办法。
第三条 本办法适用于本市行政区域内的数据处理活动。
第四条 市数据局负责全市数据工作的统筹协调和监督管理。
第五条 数据处理者应当建立数据分类分级制度。
第六条 本办法自发布之日起施行。
`,
		},
		{
			name: "both renumber the same way",
			ours: `第一条 为了规范数据管理，制定本办法。
第二条 本办法适用于本市行政区域内的数据处理活动。
第三条 数据处理者应当建立数据分类分级制度。
第四条 本办法自发布之日起施行。
第五条 市数据局负责全市数据工作的统筹协调。
`,
			theirs: `第一条 为了规范数据管理，制定本办法。
第二条 本办法适用于本市行政区域内的数据处理活动。
第三条 数据处理者应当建立数据分类分级制度。
第四条 本办法自发布之日起施行。
第五条 市数据局负责全市数据工作的统筹协调。
`,
			want: `第一条 为了规范数据管理，制定本办法。
第二条 本办法适用于本市行政区域内的数据处理活动。
第三条 数据处理者应当建立数据分类分级制度。
第四条 本办法自发布之日起施行。
第五条 市数据局负责全市数据工作的统筹协调。
`,
		},
		{
			name: "a clause moved on one side, edited on the other",
			ours: strings.Replace(base, "分类分级制度", "分类分级保护制度", 1),
			theirs: `第一条 为了规范数据管理，制定本办法。
第二条 数据处理者应当建立数据分类分级制度。
第三条 本办法适用于本市行政区域内的数据处理活动。
第四条 市数据局负责全市数据工作的统筹协调。
第五条 本办法自发布之日起施行。
`,
			want: `第一条 为了规范数据管理，制定本办法。
第二条 数据处理者应当建立数据分类分级保护制度。
第三条 本办法适用于本市行政区域内的数据处理活动。
第四条 市数据局负责全市数据工作的统筹协调。
第五条 本办法自发布之日起施行。
`,
		},
		{
			name: "a clause moved on ours, edited on theirs",
			ours: `第一条 为了规范数据管理，制定本办法。
第二条 数据处理者应当建立数据分类分级制度。
第三条 本办法适用于本市行政区域内的数据处理活动。
第四条 市数据局负责全市数据工作的统筹协调。
第五条 本办法自发布之日起施行。
`,
			theirs: strings.Replace(base, "分类分级制度", "分类分级保护制度", 1),
			want: `第一条 为了规范数据管理，制定本办法。
第二条 数据处理者应当建立数据分类分级保护制度。
第三条 本办法适用于本市行政区域内的数据处理活动。
第四条 市数据局负责全市数据工作的统筹协调。
第五条 本办法自发布之日起施行。
`,
		},
		{
			name: "nested items: one side inserts a point, the other edits its sibling",
			base: `一、主要目标
（一）到2025年，建成不少于20个应用场景。
（二）培育一批骨干企业。
二、保障措施
`,
			ours: `一、主要目标
（一）到2025年，建成不少于20个应用场景。
（二）培育一批骨干企业。
二、保障措施
`,
			theirs: `一、主要目标
（一）到2025年，建成不少于30个应用场景。
（二）培育一批骨干企业。
（三）形成若干产业集群。
二、保障措施
`,
			want: `一、主要目标
（一）到2025年，建成不少于30个应用场景。
（二）培育一批骨干企业。
（三）形成若干产业集群。
二、保障措施
`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.base
			if b == "" {
				b = base
			}
			r := Merge(parse(t, b), parse(t, tc.ours), parse(t, tc.theirs))
			var labels []string
			for _, c := range r.Conflicts {
				labels = append(labels, c.Label)
			}
			if strings.Join(labels, ",") != strings.Join(tc.conflicts, ",") {
				t.Errorf("conflicts %q, want %q\n%s", labels, tc.conflicts, r.Text)
			}
			if tc.conflicts == nil && r.Text != tc.want {
				t.Errorf("merged:\n%s\nwant:\n%s", r.Text, tc.want)
			}
			for _, p := range tc.conflictParts {
				if !strings.Contains(r.Text, p) {
					t.Errorf("merged text lacks %q:\n%s", p, r.Text)
				}
			}
			if _, marked := HasMarkers(r.Text); marked != (len(tc.conflicts) > 0) {
				t.Errorf("markers in the text: %v, conflicts %d", marked, len(tc.conflicts))
			}
		})
	}
}

// Merging is symmetric up to the order of insertions at one place.
func TestMergeKeepsIdentity(t *testing.T) {
	ours := strings.Replace(base, "第五条 本办法", "第四条之一 数据处理者应当定期开展风险评估。\n第五条 本办法", 1)
	r := Merge(parse(t, base), parse(t, ours), parse(t, base))
	if len(r.Items) != 6 {
		t.Fatalf("%d items", len(r.Items))
	}
	for i, it := range r.Items {
		if it.Ours == nil {
			t.Errorf("item %d (%s) has no ours clause", i, it.Text)
		}
		if (it.Side == Ours) != (i == 4) {
			t.Errorf("item %d side %v", i, it.Side)
		}
	}
}

func TestHasMarkers(t *testing.T) {
	for _, tc := range []struct {
		text string
		line int
	}{
		{"第一条 x\n", 0},
		{"第一条 x\n<<<<<<< ours\n", 2},
		{"a\n=======\n", 2},
		{"a ======= b\n", 0},
		{">>>>>>> theirs", 1},
	} {
		if line, ok := HasMarkers(tc.text); line != tc.line || ok != (tc.line > 0) {
			t.Errorf("HasMarkers(%q) = %d, %v; want %d", tc.text, line, ok, tc.line)
		}
	}
}

// A merged document keeps the layout of the text each clause came from:
// hard wraps, blank lines, a preamble, indentation.
func TestMergeKeepsLayout(t *testing.T) {
	const laidBase = "数据管理办法\n\n第一条 为了规范数据管理，\n制定本办法。\n\n第二条 本办法适用于本市行政区域内，\n数据处理活动。\n\n第三条 市数据局负责全市数据工作的统筹协调。\n\n第四条 本办法自发布之日起施行。\n"
	for _, tc := range []struct {
		name         string
		ours, theirs string
		want         string
	}{
		{
			name:   "one side edits a wrapped clause",
			ours:   laidBase,
			theirs: strings.Replace(laidBase, "数据处理活动。", "数据处理活动和相关监督管理活动。", 1),
			want:   strings.Replace(laidBase, "数据处理活动。", "数据处理活动和相关监督管理活动。", 1),
		},
		{
			name:   "both sides edit different clauses",
			ours:   strings.Replace(laidBase, "规范数据管理，\n", "规范和促进数据管理，\n", 1),
			theirs: strings.Replace(laidBase, "统筹协调。", "统筹协调和监督管理。", 1),
			want:   strings.Replace(strings.Replace(laidBase, "规范数据管理，\n", "规范和促进数据管理，\n", 1), "统筹协调。", "统筹协调和监督管理。", 1),
		},
		{
			name:   "an insertion keeps its own wrap and blank line",
			ours:   strings.Replace(laidBase, "统筹协调。", "统筹协调和监督管理。", 1),
			theirs: strings.Replace(laidBase, "第四条 本办法", "第四条 数据处理者，\n应当定期开展风险评估。\n\n第五条 本办法", 1),
			want:   strings.Replace(strings.Replace(laidBase, "统筹协调。", "统筹协调和监督管理。", 1), "第四条 本办法", "第四条 数据处理者，\n应当定期开展风险评估。\n\n第五条 本办法", 1),
		},
		{
			name:   "renumbered on one side, reworded on the other",
			ours:   strings.Replace(strings.Replace(laidBase, "第三条 市数据局负责全市数据工作的统筹协调。\n\n", "", 1), "第四条", "第三条", 1),
			theirs: strings.Replace(laidBase, "本办法自发布之日起施行。", "本办法，\n自2025年1月1日起施行。", 1),
			want:   "数据管理办法\n\n第一条 为了规范数据管理，\n制定本办法。\n\n第二条 本办法适用于本市行政区域内，\n数据处理活动。\n\n第三条 本办法，\n自2025年1月1日起施行。\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Merge(parse(t, laidBase), parse(t, tc.ours), parse(t, tc.theirs))
			if len(r.Conflicts) > 0 {
				t.Fatalf("conflicts: %+v", r.Conflicts)
			}
			if r.Text != tc.want {
				t.Errorf("merged:\n%q\nwant:\n%q", r.Text, tc.want)
			}
		})
	}
}

// Both sides insert a clause at one place and number the clauses after it
// on: the merged clauses are numbered again in sequence.
func TestMergeRenumbersBothInsertions(t *testing.T) {
	for _, tc := range []struct {
		name, base, ours, theirs, want string
		renumbered                     []string
	}{
		{
			name:       "第N条",
			base:       "第一条 甲。\n第二条 乙。\n第三条 丙。\n第四条 丁。\n",
			ours:       "第一条 甲。\n第二条 乙。\n第三条 戊。\n第四条 丙。\n第五条 丁。\n",
			theirs:     "第一条 甲。\n第二条 乙。\n第三条 己。\n第四条 丙。\n第五条 丁。\n",
			want:       "第一条 甲。\n第二条 乙。\n第三条 戊。\n第四条 己。\n第五条 丙。\n第六条 丁。\n",
			renumbered: []string{"第三条~2", "第四条", "第五条"},
		},
		{
			name:       "items inside a clause",
			base:       "第一条 甲：\n（一）子；\n（二）丑。\n第二条 乙。\n",
			ours:       "第一条 甲：\n（一）寅；\n（二）子；\n（三）丑。\n第二条 乙。\n",
			theirs:     "第一条 甲：\n（一）卯；\n（二）子；\n（三）丑。\n第二条 乙。\n",
			want:       "第一条 甲：\n（一）寅；\n（二）卯；\n（三）子；\n（四）丑。\n第二条 乙。\n",
			renumbered: []string{"第一条/（一）~2", "第一条/（二）", "第一条/（三）"},
		},
		{
			name:   "numbers already in sequence are left alone",
			base:   "第一条 甲。\n第二条 乙。\n",
			ours:   "第一条 甲。\n第二条 乙。\n第三条 丙。\n",
			theirs: "第一条 甲。\n第二条 乙。\n第三条 丙。\n",
			want:   "第一条 甲。\n第二条 乙。\n第三条 丙。\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Merge(parse(t, tc.base), parse(t, tc.ours), parse(t, tc.theirs))
			if len(r.Conflicts) > 0 {
				t.Fatalf("conflicts: %+v", r.Conflicts)
			}
			if r.Text != tc.want {
				t.Errorf("merged:\n%s\nwant:\n%s", r.Text, tc.want)
			}
			if strings.Join(r.Renumbered, " ") != strings.Join(tc.renumbered, " ") {
				t.Errorf("renumbered %q, want %q", r.Renumbered, tc.renumbered)
			}
		})
	}
}
