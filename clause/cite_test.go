package clause

import "testing"

// Consultation reports cite clauses in prose; the seed report's own
// citations must find the clause they mean in a plan numbered 三、（五）2.
func TestFindCitation(t *testing.T) {
	const plan = "武汉建设国家人工智能创新应用先导区实施方案\n\n" +
		"三、建设内容\n" +
		"（二）实施人工智能伙伴计划\n" +
		"1.实施算力伙伴计划。全市总算力规模超过1500PFLOPS。\n" +
		"2.实施大模型伙伴计划。研发具有重大影响力的垂直行业大模型10个。\n" +
		"（五）实施人工智能场景应用计划\n" +
		"1.推进智能制造。打造一批应用场景。\n" +
		"2.推进智慧医疗多场景协同。在智慧医疗领域打造90项应用场景。\n" +
		"（六）实施人工智能生态营造计划\n" +
		"1.强化多层次人才服务支撑。吸引十个院士团队落地。\n"
	d, err := Parse("plan.txt", []byte(plan), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ cite, want string }{
		{"第三部分“建设内容”“(五)实施人工智能场景应用计划-‘推进智慧医疗多场景协同’”", "三/（五）/2"},
		{"第三部分\"建设内容\"\"(五)实施人工智能场景应用计划-推进智慧医疗多场景协同\"", "三/（五）/2"},
		{"(五)实施人工智能场景应用计划-推进智慧医疗多场景协同", "三/（五）/2"},
		{"实施人工智能伙伴计划 -实施大模型伙伴计划", "三/（二）/2"},
		{"第三部分“建设内容”“(二)实施人工智能伙伴计划-实施算力伙伴计划”", "三/（二）/1"},
		{"实施人工智能生态营造计划－强化多层次人才服务支撑", "三/（六）/1"},
		{"三/（五）/2", "三/（五）/2"}, // plain paths are unaffected
		{"“建设内容”—“不存在的计划”", ""},
		{"没有引号的条款", ""},
	}
	for _, tt := range tests {
		t.Run(tt.cite, func(t *testing.T) {
			got := ""
			if n := d.Find(tt.cite); n != nil {
				got = n.Path()
			}
			if got != tt.want {
				t.Errorf("Find(%q) = %q, want %q", tt.cite, got, tt.want)
			}
		})
	}
}

func TestCitationPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"第三部分“建设内容”“(五)实施计划-推进智慧医疗”", "第三部分建设内容/(五)实施计划/推进智慧医疗"},
		{"三、/（五）/2", "三/（五）/2"},
		{"第十二条", ""},
		{"--“”", ""},
	}
	for _, tt := range tests {
		if got := citationPath(tt.in); got != tt.want {
			t.Errorf("citationPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzFind checks that any cited path, prose or not, finds a clause or
// nothing and never panics.
func FuzzFind(f *testing.F) {
	f.Add("一、总则\n（一）目标。\n1.推进。\n", "第三部分“总则”“(一)目标-推进”")
	f.Add("第一章　总则\n第一条　目的。\n", "第一章/第一条")
	f.Add("# T\n## 1. A\n", "--“”/")
	f.Fuzz(func(t *testing.T, src, cite string) {
		d, err := Parse("f.txt", []byte(src), Options{})
		if err != nil {
			return
		}
		if n := d.Find(cite); n != nil && n.Doc() != d {
			t.Fatalf("Find(%q) returned a clause of another document", cite)
		}
		_ = citationPath(cite)
	})
}
