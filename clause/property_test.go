package clause

import (
	"math/rand"
	"strings"
	"testing"
)

// TestRandomDocuments parses documents made of random realistic pieces —
// markers of every scheme, punctuation, page furniture, Markdown syntax,
// invisible characters — and checks the invariants FuzzParse checks. It is
// deterministic (a fixed seed) and quick, so it runs with every go test.
func TestRandomDocuments(t *testing.T) {
	pieces := []string{"一、", "（一）", "(a)", "(i)", "(h)", "1.", "2.", "1.1 ", "（1）", "①", "第一条\u3000", "第二条 ",
		"第一章 ", "第一编 ", "第一节 ", "之一", "\n", "\n\n", "\f", "— 3 —", "第 3 页 共 9 页", "。", "；", "：", "，",
		"（责任单位：", "（牵头单位：", "；配合单位：", "）", "市科技局", "、", "# ", "## ", "- ", "1. ", "---\n",
		"```\n", "Article 5 ", "Part I ", "附件", "附则", "目录", "\r\n", "\u3000", "\uFEFF", "\u200b", "x",
		"甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸", "（", "(", ")", "２．", "Annex A", "§ 2"}
	r := rand.New(rand.NewSource(1))
	for iter := 0; iter < 4000; iter++ {
		var b strings.Builder
		for i, n := 0, r.Intn(120); i < n; i++ {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		src := b.String()
		for _, name := range []string{"doc.txt", "doc.md"} {
			depth := r.Intn(6)
			d, err := Parse(name, []byte(src), Options{MaxDepth: depth})
			if err != nil {
				continue // ErrTooDeep, checked by FuzzParse
			}
			if depth == 0 {
				depth = 32
			}
			if !t.Run("", func(t *testing.T) { checkFuzzTree(t, d, depth) }) {
				t.Fatalf("%s, MaxDepth %d: %q", name, depth, src)
			}
		}
	}
}
