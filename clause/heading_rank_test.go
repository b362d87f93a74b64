package clause

import (
	"slices"
	"testing"
)

// TestChineseHeadingRanks: 编 > 部分 > 章 > 节 > 条 decide how a law's
// Markdown headings nest, whatever their levels. 上海市人民代表大会常务委员会
// 规范性文件备案审查条例 (2021) writes its chapters "### 第三章" and its
// sections "## 第一节": by heading level alone 第一节 was no part of 第三章
// and 第四章 fell under 第三节, so the 2024 text (## 章, ### 节) showed every
// 节 and every later chapter as moved. Headings that are not 第X numbered
// keep nesting by level.
func TestChineseHeadingRanks(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"sections above chapters", "# 条例\n\n### 第三章  审查\n\n## 第一节  审查职责\n\n第十三条 有关委员会。\n\n## 第二节  审查程序\n\n第十四条 审查研究。\n\n### 第四章  处理\n\n第十五条 有关。\n",
			[]string{"第三章", "第三章/第一节", "第三章/第一节/第十三条", "第三章/第二节", "第三章/第二节/第十四条", "第四章", "第四章/第十五条"}},
		{"chapters and sections at one level", "## 第一章 总则\n\n第一条 目的。\n\n## 第一节 一般规定\n\n第二条 范围。\n\n## 第二章 附则\n\n第三条 施行。\n",
			[]string{"第一章", "第一章/第一条", "第一章/第一节", "第一章/第一节/第二条", "第二章", "第二章/第三条"}},
		{"parts, chapters and sections in order", "## 第一编 总则\n\n### 第一章 任务\n\n#### 第一节 一般\n\n第一条 目的。\n\n## 第二编 分则\n\n第二条 范围。\n",
			[]string{"第一编", "第一编/第一章", "第一编/第一章/第一节", "第一编/第一章/第一节/第一条", "第二编", "第二编/第二条"}},
		{"English headings keep their levels", "## Section 1 Scope\n\n### Article 1 Purpose\n\nText.\n\n## Section 2 Terms\n",
			[]string{"Section 1", "Section 1/Article 1", "Section 2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse("law.md", []byte(tc.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range d.Clauses() {
				got = append(got, n.Path())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("clauses:\n%q\nwant:\n%q", got, tc.want)
			}
		})
	}
}
