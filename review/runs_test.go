package review

import (
	"slices"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
)

func parseLaw(t *testing.T, src string) *clause.Document {
	t.Helper()
	d, err := clause.Parse("law.txt", []byte(src), clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// lawText writes articles 1..n, each "第N条 text-of-i." with texts[i-1].
func lawText(texts []string) string {
	var b strings.Builder
	for i, t := range texts {
		b.WriteString("第" + cnNum(i+1) + "条　" + t + "\n")
	}
	return b.String()
}

func cnNum(v int) string {
	d := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case v < 10:
		return d[v]
	case v == 10:
		return "十"
	case v < 20:
		return "十" + d[v-10]
	}
	return d[v/10] + "十" + d[v%10]
}

func TestRenumberRuns(t *testing.T) {
	base := []string{"甲规定。", "乙规定。", "丙规定。", "丁规定。", "戊规定。", "己规定。", "庚规定。", "辛规定。"}
	ins := func(at int, text string, in []string) []string {
		out := append([]string{}, in[:at]...)
		out = append(out, text)
		return append(out, in[at:]...)
	}
	tests := []struct {
		name string
		new  []string
		want string // the runs, "old first-last → new first-last" joined by "; "
	}{
		{"one insertion shifts six", ins(1, "新增规定。", base), "第二条-第八条 → 第三条-第九条"},
		{"two shifted are no run", ins(6, "新增规定。", base), ""},
		{"two insertions: two shifts", ins(5, "又一新增规定。", ins(1, "新增规定。", base)), "第二条-第四条 → 第三条-第五条; 第五条-第八条 → 第七条-第十条"},
		{"nothing shifted", base, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := parseLaw(t, lawText(base))
			new := parseLaw(t, lawText(tt.new))
			d := Attach(AttachInput{Path: "law.txt", Result: diff.Compare(old, new, diff.Options{})})
			var got []string
			for _, r := range d.Runs {
				got = append(got, r.OldFirst+"-"+r.OldLast+" → "+r.NewFirst+"-"+r.NewLast)
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("runs = %q, want %q", g, tt.want)
			}
			for i, c := range d.Changes {
				if c.Run > 0 && !onlyRenumbered(&d.Changes[i]) {
					t.Errorf("change %d (%s) is in run %d but changed", i, c.NewLabel, c.Run)
				}
			}
		})
	}
}

// TestRenumberRunChangedPart: an article of a run whose 款 was reworded
// is not "内容未改": the run names it as the exception (its change is
// listed on its own). 民事诉讼法 2021 → 2023 said 第二百七十五条至第二百八十七条
// → 第二百八十五条至第二百九十七条，依次顺延，内容未改, and then listed a
// reworded 第二百九十七条第二款.
func TestRenumberRunChangedPart(t *testing.T) {
	old := parseLaw(t, "第一条　甲规定。\n第二条　乙规定。\n第三条　丙规定。\n丙第二款。\n第四条　丁规定。\n第五条　戊规定。\n")
	new := parseLaw(t, "第一条　新增规定。\n第二条　甲规定。\n第三条　乙规定。\n第四条　丙规定。\n丙第二款，改了。\n第五条　丁规定。\n第六条　戊规定。\n")
	d := Attach(AttachInput{Path: "law.txt", Result: diff.Compare(old, new, diff.Options{})})
	if len(d.Runs) != 1 {
		t.Fatalf("runs = %+v, want one", d.Runs)
	}
	r := d.Runs[0]
	if got := r.OldFirst + "-" + r.OldLast + " → " + r.NewFirst + "-" + r.NewLast; got != "第一条-第五条 → 第二条-第六条" {
		t.Errorf("run %s", got)
	}
	if !slices.Equal(r.Changed, []string{"第四条"}) {
		t.Errorf("run's changed articles = %q, want [第四条]", r.Changed)
	}
	base := parseLaw(t, lawText([]string{"甲规定。", "乙规定。", "丙规定。", "丁规定。"}))
	shifted := parseLaw(t, lawText([]string{"新增规定。", "甲规定。", "乙规定。", "丙规定。", "丁规定。"}))
	d = Attach(AttachInput{Path: "law.txt", Result: diff.Compare(base, shifted, diff.Options{})})
	if len(d.Runs) != 1 || len(d.Runs[0].Changed) != 0 {
		t.Errorf("runs of a plain shift = %+v, want one with nothing changed", d.Runs)
	}
}
