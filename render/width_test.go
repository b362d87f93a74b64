package render

import (
	"testing"

	"github.com/mattn/go-runewidth"
)

// runeWidth answers as runewidth does for every rune, in the default
// condition and in East Asian mode (ambiguous runes wide).
func TestRuneWidthFast(t *testing.T) {
	saved := runewidth.DefaultCondition.EastAsianWidth
	defer func() { runewidth.DefaultCondition.EastAsianWidth = saved }()
	for _, ea := range []bool{false, true} {
		runewidth.DefaultCondition.EastAsianWidth = ea
		c := runewidth.NewCondition()
		c.EastAsianWidth = ea
		for r := rune(0); r <= 0x10ffff; r++ {
			if got, want := runeWidth(r), c.RuneWidth(r); got != want {
				t.Fatalf("runeWidth(%U) = %d, runewidth (East Asian %v) = %d", r, got, ea, want)
			}
		}
		for _, s := range []string{"", "abc", "第十二条 “数据”——安全…", "（一）全市建成80项应用场景。", "e\u0301", "👍🏽", "家\u200d", "한국어", "ｆｕｌｌ", "\t\n"} {
			if got, want := StringWidth(s), c.StringWidth(s); got != want {
				t.Errorf("StringWidth(%q) = %d, runewidth (East Asian %v) = %d", s, got, ea, want)
			}
		}
	}
}
