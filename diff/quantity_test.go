package diff

import (
	"fmt"
	"strings"
	"testing"
)

func TestQuantities(t *testing.T) {
	// Each quantity rendered as Text=Value Unit [Bound] (vague) @Context.
	tests := []struct{ in, want string }{
		{"在智慧医疗领域打造90项应用场景", "90项=90 项 @应用场景"},
		{"在智慧医疗领域打造一批应用场景", "一批=0 批 vague @应用场景"},
		{"每年组织实施人工智能创新专项项目不少于20项,推进人工智能领域关键核心技术攻关项目3项",
			"不少于20项=20 项 [不少于] @创新专项项目; 3项=3 项 @核心技术攻关项目"},
		{"全市总算力规模超过1500PFLOPS,其中高性能算力比例超过60%",
			"超过1500PFLOPS=1500 PFLOPS [超过] @全市总算力规模; 超过60%=60 % [超过] @高性能算力比例"},
		{"吸引十个院士团队落地,引聚百名产业优秀人才,培养万名算法工程师",
			"十个=10 个 @院士团队落地; 百名=100 名 @产业优秀人才; 万名=10000 名 @算法工程师"},
		{"支持各区建设20个以上以人工智能产业为主要方向的园区", "20个以上=20 个 [以上] @园区"},
		{"组建总规模100亿的人工智能产业发展基金", "100亿=1e+10 @人工智能产业发展基金"},
		{"培养30名以上武汉英才产业领军人才、优秀青年人才,100名以上培育支持专项人才",
			"30名以上=30 名 [以上] @武汉英才产业领军人才; 100名以上=100 名 [以上] @培育支持专项人才"},
		{"投入3.5万元,覆盖1,500家企业,占比６０％", "3.5万元=35000 元 @投入; 1,500家=1500 家 @企业; ６０％=60 % @占比"},
		{"一亿五千万元", "一亿五千万元=1.5e+08 元"},
		{"引进二十多个团队和100余家企业", "二十多个=20 个 [余] @团队; 100余家=100 家 [余] @企业"},
		{"累计突破二十三项", "突破二十三项=23 项 [突破] @累计"},
		{"若干项措施和多家企业", "若干项=0 项 vague @措施; 多家=0 家 vague @企业"},
		{"一些企业,数个平台", "一些=0 vague @企业; 数个=0 个 vague @平台"},
		{"The Commission shall adopt at least 20 implementing measures by 2025.",
			"at least 20=20 [at least] @implementing measures"},
		// dates and times are not quantities; durations are
		{"到2025年,累计推广人工智能产品50项以上", "50项以上=50 项 [以上] @推广人工智能产品"},
		{"2023-2025年,2023年10月至二〇二四年3月,10月25日第3季度,8:30开会", ""},
		{"用6个月建成,历时3年,前后15天", "6个月=6 个月 @建成; 3年=3 年 @历时; 15天=15 天 @前后"},
		{"By 2025 and from 1 March 2026, fund 2000 projects", "2000=2000 @projects"},
		// cross-references are not quantities
		{"a need published in the list of open scenarios under Article 5, Section 2 and point 3 of No. 7; 4 tasks",
			"4=4 @tasks"},
		{"Draft 02, revised after consultation; Version 3 of the plan", ""},
		// 上一级, 下一级, 同一级 name an authority by its level: no amount
		// (道路运输条例 2019: 向其共同的上一级道路运输管理机构提出申请)
		{"向其共同的上一级道路运输管理机构提出申请，报下一级人民政府或者同一级人民政府备案", ""},
		{"二级以上医院，设一级保护区", "二级以上=2 级 [以上] @医院; 一级=1 级 @保护区"},
		// the low end of a range counts what the high end counts (道路运输条例:
		// 处3万元以上10万元以下的罚款 said 3万元以上 counted 处)
		{"没有违法所得的，处3万元以上10万元以下的罚款", "3万元以上=30000 元 [以上] @罚款; 10万元以下=100000 元 [以下] @罚款"},
		{"处2000元至1万元罚款", "2000元=2000 元 @罚款; 1万元=10000 元 @罚款"},
		{"Funding of up to EUR 5 million, over 40% of the budget", "5=5 @million; over 40%=40 % [over]"},
		// bounds are kept whole, in every language
		{"应当具有少于2年的工作经历", "少于2年=2 年 [少于] @工作经历"},
		{"mindestens 5 Jahre, bis zu 3 Monate", "mindestens 5=5 [mindestens] @Jahre; bis zu 3=3 [bis zu] @Monate"},
		{"期限不低于30日", "不低于30日=30 日 [不低于] @期限"},
		// thousands separators keep a number whole
		{"1 000 Euro und 2.000 Euro, 3\u2009000 Euro", "1 000=1000 @Euro und; 2.000=2000 @Euro; 3\u2009000=3000 @Euro"},
		// citations, dates, versions, identifiers and pages are not quantities
		{"nach § 2 Absatz 1 Satz 2 Nr. 3 und §§ 4 bis 6, Article 5 and 6, 附件1, 见表4", ""},
		{"am 1.9.2023, 2023-09-01, September 1, 2023, 1. September 2023", ""},
		{"Version 1.2.3, v1.2, Richtlinie 2001/83/EG", ""},
		{"第一章 总则 ...... 12\n[Page 5]\n- 7 -", ""},
		{"vom 27\\.12.2019 (ABl. L 117), Richtlinie 93/42/EWG, bis zum 31. März 1999", ""},
		{"(3a) Teleshopping im Sinne dieses Gesetzes", ""},
		// German citations inflect their nouns: the 2 of "des Artikels 2
		// Absatz 1" (HWG 2022, § 1 (2)) is a reference, not 2 Absätze
		{"im Sinne des Artikels 2 Absatz 1 Buchstabe a, des Absatzes 3 Satz 1, des Satzes 2, des Kapitels 4, des Abschnitts 5, des Anhangs 6, in Absätzen 7 und 8, in Anlagen 9, des Teils 10", ""},
		{"采用版本2和15.3版标准，印刷3版", "3=3 @版"},
		{"延长期限最多不得超过三十日", "不得超过三十日=30 日 [不得超过] @延长期限最多"},
		// not quantities: ordinals, clause numbers, digits in words, bare numerals
		{"1.推进第三部分第十二条,符合GB18030,一是统一", ""},
		{"（2）实施人工智能伙伴计划", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []string
			for _, q := range Quantities(tt.in) {
				s := fmt.Sprintf("%s=%v", q.Text, q.Value)
				if q.Unit != "" {
					s += " " + q.Unit
				}
				if q.Bound != "" {
					s += " [" + q.Bound + "]"
				}
				if q.Vague {
					s += " vague"
				}
				if q.Context != "" {
					s += " @" + q.Context
				}
				if tt.in[q.Start:q.End] != q.Text {
					t.Errorf("offsets %d:%d give %q, not %q", q.Start, q.End, tt.in[q.Start:q.End], q.Text)
				}
				got = append(got, s)
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("Quantities(%q)\n got %s\nwant %s", tt.in, g, tt.want)
			}
		})
	}
}

func TestCompareQuantities(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           string // Old→New @Context; …
	}{
		{"health 90→80", "在智慧医疗领域打造90项应用场景", "在智慧医疗领域打造80项应用场景", "90项→80项 @应用场景"},
		{"health 90→一批", "建设智慧医疗服务平台,深入开展远程会诊应用示范,在智慧医疗领域打造90项应用场景",
			"推进智慧医院建设,深入开展多渠道预约挂号等应用示范,在智慧医疗领域打造一批应用场景", "90项→一批 @应用场景"},
		{"health 一批→80", "在智慧医疗领域打造一批应用场景", "在智慧领域打造80项应用场景", "一批→80项 @应用场景"},
		{"science rewrite", "每年组织实施人工智能创新专项项目不少于20项,推进人工智能领域关键核心技术攻关项目3项",
			"组织实施人工智能领域创新专项和关键核心技术攻关项目,形成不少于40项共性技术创新成果,攻克不少于5项关键核心技术",
			// 创新专项项目 and 共性技术创新成果 are not the same thing: each alone
			"不少于20项→ @创新专项项目; →不少于40项 @共性技术创新成果; 3项→不少于5项 @关键核心技术"},
		{"compute unchanged", "全市总算力规模超过1500PFLOPS,其中高性能算力比例超过60%",
			"全市总算力规模超过1500PFLOPS,其中,智能算力和高性能算力比例超过60%", ""},
		{"smart city", "在水务、城管、交通、税务、燃气等领域形成100项智慧城市应用场景", "在智慧城市领域打造20项应用场景", "100项→20项 @应用场景"},
		{"talent additions", "引聚百名产业优秀人才", "集聚百名优秀产业人才,培养30名以上武汉英才产业领军人才、优秀青年人才,100名以上培育支持专项人才",
			"→30名以上 @武汉英才产业领军人才; →100名以上 @培育支持专项人才"},
		// one period left on each side is the period the clause set
		// (民事诉讼法 2021 → 2023, 第二百七十四条/（八） → 第二百八十三条/第二款)
		{"period rewritten", "不能用上述方式送达的，公告送达，自公告之日起满三个月，即视为送达。",
			"不能用上述方式送达的，公告送达，自发出公告之日起，经过六十日，即视为送达。", "三个月→六十日 @经过"},
		{"period far from the other stays alone", "自公告之日起满三个月，即视为送达。当事人可以申请复议，复议期间不停止执行，由人民法院依法审查并作出决定。",
			"当事人可以申请复议，复议期间不停止执行，由人民法院依法审查并作出决定，经过六十日。", "三个月→ @自公告之日起满; →六十日 @经过"},
		{"reordered", "培育企业50家,建设平台10个", "建设平台12个,培育企业60家", "10个→12个 @建设平台; 50家→60家 @培育企业"},
		{"width is no change", "打造１０项应用场景,新增5个", "打造10项应用场景,新增6个", "5个→6个 @新增"},
		// 动物检疫管理办法 2019 → 2022 wrote 起运3天前 as 启运三天前, and
		// redrafted fines switch between 5000元 and 五千元: no change of amount
		{"numerals are no change", "在起运3天前申报，处5000元以上2万元以下的罚款", "在启运三天前申报，处五千元以上二万元以下的罚款", ""},
		{"numerals and a new amount", "处一万元以上五万元以下罚款", "处1万元以上10万元以下罚款", "五万元以下→10万元以下 @罚款"},
		{"english", "adopt at least 20 implementing measures by 2025", "adopt no fewer than 40 implementing measures by 2026",
			"at least 20→no fewer than 40 @implementing measures"},
		{"english projects", "fund at least 20 projects of applied research, and at least 3 projects on key technologies",
			"fund at least 40 projects of applied research, and at least 5 projects on key technologies",
			"at least 20→at least 40 @projects; at least 3→at least 5 @projects"},
		{"a year is no quantity", "加快推进人工智能产品推广", "到2025年,累计推广人工智能产品", ""},
		{"two new occurrences", "聚焦以下四个先导方向,带动六个方面标志性成果",
			"聚焦以下四个先导方向。四个先导方向与六个方面标志性成果对应推进,生态营造计划贯穿四个方向。",
			"→四个 @先导方向; →四个 @方向"},
		{"one occurrence, one change", "建设平台10个,建设平台10个", "建设平台12个,建设平台10个", "10个→12个 @建设平台"},
		{"vanished", "培养万名算法工程师,实施倍增计划,新增3所学院", "培养万名算法工程师", "3所→ @学院"},
		{"inversion", "应当具有不少于2年的工作经历", "应当具有少于2年的工作经历", "不少于2年→少于2年 @工作经历"},
		{"unrelated amounts stay apart", "对违法所得10万元以上的，处5000元以上罚款", "货值金额不足1万元的企业，注册资本5万元以上的企业",
			"→不足1万元 @企业; 10万元以上→ @违法所得; 5000元以上→ @罚款; →5万元以上 @企业"},
		{"public targets", "推广人工智能产品100项以上,建设人工智能典型场景100项以上。组建总规模100亿的基金。",
			"推广人工智能产品50项以上,建设人工智能典型场景50项以上。",
			"100项以上→50项以上 @推广人工智能产品; 100项以上→50项以上 @人工智能典型场景; 100亿→ @基金"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range CompareQuantities(tt.old, tt.new) {
				got = append(got, c.Old+"→"+c.New+" @"+c.Context)
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("CompareQuantities\n got %s\nwant %s", g, tt.want)
			}
		})
	}
}

func FuzzQuantities(f *testing.F) {
	for _, s := range []string{"不少于20项", "1,500.5万元以上", "一亿五千万元", "第十二条", "若干项", "1.推进", "超过60％", "\xff十个",
		"1 000 Euro", "4.000.000 Euro", "§ 2 und 3", "1.9.2023", "2017/745", "...... 12", "- 7 -", "mindestens 5 Jahre", "处 5000 元以上 5 万元以下", "第 5 条", "5 years or more"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		end := 0
		for _, q := range Quantities(s) {
			if q.Start < end || q.End <= q.Start || q.End > len(s) || s[q.Start:q.End] != q.Text {
				t.Fatalf("bad offsets %d:%d (after %d) for %q in %q", q.Start, q.End, end, q.Text, s)
			}
			end = q.End
		}
		CompareQuantities(s, strings.ToUpper(s))
	})
}

// TestCompareQuantitiesLong checks the bounded pairing on a clause far
// longer than the candidate window: a revision that changed every figure
// pairs each with its counterpart, none shown alone.
func TestCompareQuantitiesLong(t *testing.T) {
	old, new := numbered(20_000, 1), numbered(20_000, 2)
	oq, nq := Quantities(old), Quantities(new)
	if len(oq) != len(nq) || len(oq) < 10*pairWindow {
		t.Fatalf("%d and %d quantities, want the same number, over %d", len(oq), len(nq), 10*pairWindow)
	}
	changed := 0
	for i := range oq {
		if oq[i].Text != nq[i].Text {
			changed++
		}
	}
	// A figure that happens to be written the same far away is taken as
	// unchanged there (1 in 1000 for the second figure of each sentence),
	// which leaves its counterpart and another alone.
	got := CompareQuantities(old, new)
	alone := 0
	for _, c := range got {
		if c.Old == "" || c.New == "" {
			alone++
		}
	}
	t.Logf("%d quantities, %d changed, %d changes, %d alone", len(oq), changed, len(got), alone)
	if alone > len(oq)/100 || len(got)-alone/2 < changed*98/100 {
		t.Errorf("%d of %d changes shown alone, want nearly all %d changed figures paired", alone, len(got), changed)
	}
}
