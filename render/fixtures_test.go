package render

import (
	"strings"
	"time"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// Hand-built fixtures: annotated values as repo.Diff would return them, so
// the renderers are tested apart from the parser and the diff engine.

var (
	cst     = time.FixedZone("CST", 8*3600)
	revZH1  = review.Rev{Hash: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", Stage: "征求意见稿", Date: time.Date(2023, 9, 15, 10, 0, 0, 0, cst), Author: "市经信局起草组 <drafters@example.gov.cn>", Message: "征求意见稿"}
	revZH2  = review.Rev{Hash: "e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3", Stage: "送审稿", Date: time.Date(2023, 10, 20, 16, 30, 0, 0, cst), Author: "市经信局起草组 <drafters@example.gov.cn>", Message: "根据征求意见修改，形成送审稿", Resolves: []string{"pub-1", "dep-1", "dep-2", "dep-5", "dep-6", "dep-7", "dep-9", "x-1"}}
	revEN1  = review.Rev{Hash: "0123456789abcdef0123456789abcdef01234567", Stage: "draft-01", Date: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC), Author: "Policy Unit <policy@example.org>", Message: "First draft for consultation"}
	revEN2  = review.Rev{Hash: "89abcdef0123456789abcdef0123456789abcdef", Stage: "", Date: time.Date(2024, 4, 2, 14, 0, 0, 0, time.UTC), Author: "Policy Unit <policy@example.org>", Message: "Revise after consultation", Resolves: []string{"en-1", "en-2", "en-3"}}
	xssText = `建议在此处补充说明<script>alert(1)</script><img src=x onerror="window.pwned=1">`
)

// ops builds an edit script: "=same", "-deleted", "+inserted".
func ops(parts ...string) []diff.Op {
	var out []diff.Op
	for _, p := range parts {
		k := diff.Equal
		switch p[0] {
		case '-':
			k = diff.Delete
		case '+':
			k = diff.Insert
		}
		out = append(out, diff.Op{Kind: k, Text: p[1:]})
	}
	return out
}

// change builds an annotated change whose texts follow from its ops.
func change(kind diff.ChangeKind, id, oldLabel, newLabel, title string, script []diff.Op) review.Change {
	var o, n strings.Builder
	for _, op := range script {
		if op.Kind != diff.Insert {
			o.WriteString(op.Text)
		}
		if op.Kind != diff.Delete {
			n.WriteString(op.Text)
		}
	}
	return review.Change{
		Change:   diff.Change{Kind: kind, Ops: script, Renumbered: oldLabel != "" && newLabel != "" && oldLabel != newLabel},
		ClauseID: id, OldLabel: oldLabel, NewLabel: newLabel, Title: title,
		OldText: o.String(), NewText: n.String(),
	}
}

func zhComment(id, group string, seq int, by, clauseID, label, quote, text, proposed string, st comment.Status, response string) comment.Comment {
	return comment.Comment{
		ID: id, By: by, Group: group, Seq: seq,
		Anchor: comment.Anchor{ClauseID: clauseID, Path: "plan.md", Label: label, Rev: revZH1.Hash, Exact: quote},
		Text:   text, Proposed: proposed, Status: st, Response: response,
		ResolvedIn: []string{revZH2.Hash},
	}
}

const (
	groupPublic = "公开网站征求意见采纳情况"
	groupDept   = "相关部门意见采纳情况"
)

var (
	cPub1 = zhComment("pub-1", groupPublic, 1, "华中科技大学管理学院中德知识产权研究所王华", "", "", "",
		"缺失清晰的、可视化的示意图。四个先导的方向与六个标志性成果、六方面建设内容是否是对应的关系也是很不明确。", "",
		comment.Adopted, "调整了先导方向和建设内容")
	cDep1 = zhComment("dep-1", groupDept, 1, "市卫健委", "k-med", "三/（五）/1",
		"建设智慧医疗服务平台,深入开展远程会诊、远程影像、远程检验、远程机器人手术应用示范,在智慧医疗领域打造90项应用场景",
		"建议修改推进智慧医疗多场景协同的表述。",
		"推进智慧医院建设,深入开展多渠道预约挂号、预约检查、诊间支付、检验检查自助查询共享、居民电子健康档案等应用示范,在智慧医疗领域打造一批应用场景",
		comment.Adopted, "根据市政府专题会要求,与市卫健委协商一致,调整为在智慧领域打造80项应用场景")
	cDep2 = zhComment("dep-2", groupDept, 2, "市科技局", "k-tech", "三/（一）/1",
		"每年组织实施人工智能创新专项项目不少于20项,推进人工智能领域关键核心技术攻关项目3项",
		"建议修改目标表述；考虑到创新专项和关键核心技术攻关项目需要产业主管部门参与，建议责任单位增加市经信局、市发改委。",
		"组织实施人工智能领域创新专项和关键核心技术攻关项目,形成不少于40项共性技术创新成果,攻克不少于5项关键核心技术",
		comment.Adopted, "")
	cDep5 = zhComment("dep-5", groupDept, 5, "市科技局", "k-data", "三/（二）/3", "",
		"建议责任单位去掉市科技局，该部分主要内容不涉及我局相关职能。", "", comment.Adopted, "")
	cDep6 = zhComment("dep-6", groupDept, 6, "市政务数据大数据局", "k-city", "三/（五）/2",
		"在水务、城管、交通、税务、燃气等领域形成100项智慧城市应用场景",
		"建议此处不对应用人工智能数量作出要求。", "",
		comment.Adopted, "根据市政府专题会要求,与市政务数据大数据局协商一致,调整为在智慧城市领域打造20项应用场景")
	cDep7 = zhComment("dep-7", groupDept, 7, "市城建局", "k-build", "三/（五）/3",
		"在智能建造领域打造80项应用场景", "责任单位建议增加市公安局、市民政局、市房管局、市市场监督管理局。", "打造智能建造应用场景",
		comment.Partial, "修改责任单位，调整为“在智慧建造领域打造80项应用场景”")
	cDep9 = zhComment("dep-9", groupDept, 9, "硚口区科经局", "k-parks", "三/（六）",
		"", "建议在人工智能特色园区中增加硚口区D+M小镇。", "", comment.Adopted, "明确支持各区建设20个以上以人工智能产业为主要方向的园区")
	cXSS = zhComment("x-1", groupPublic, 2, "测试用户<b>粗体</b>", "k-city", "三/（五）/2", "", xssText, "", comment.Partial, "部分采纳：<script>document.title='pwned'</script>")
)

// wuhanDiff mirrors the Wuhan example: 90项→80项 with the health
// commission's comment, 100项→20项, a unit list change, a renumbering
// insertion, a formatting-only change, an unexplained change, an unapplied
// comment and a comment carrying a script.
func wuhanDiff() *review.Diff {
	tech := change(diff.Modified, "k-tech", "三/（一）/1", "三/（一）/1", "加强人工智能技术创新", ops(
		"=1.加强人工智能技术创新。",
		"-每年组织实施人工智能创新专项项目不少于20项，推进人工智能领域关键核心技术攻关项目3项",
		"+组织实施人工智能领域创新专项和关键核心技术攻关项目，形成不少于40项共性技术创新成果，攻克不少于5项关键核心技术",
		"=。（责任单位：市科技局",
		"+、市经信局、市发改委",
		"=）"))
	tech.Quantities = []diff.QuantityChange{{Old: "不少于20项", New: "不少于40项", Context: "创新专项项目"}, {Old: "3项", New: "不少于5项", Context: "关键核心技术"}}
	tech.Units = diff.UnitChange{Added: []string{"市经信局", "市发改委"}}
	tech.Comments = []comment.Comment{cDep2}

	data := change(diff.Modified, "k-data", "三/（二）/3", "三/（二）/3", "实施数据伙伴计划", ops(
		"=3.实施数据伙伴计划。推进公共数据集建设，促进行业数据与企业数据融通使用，培育数据要素市场。（责任单位：市政务数据大数据局",
		"-、市科技局",
		"=）"))
	data.Units = diff.UnitChange{Removed: []string{"市科技局"}}
	data.Comments = []comment.Comment{cDep5}

	med := change(diff.Modified, "k-med", "三/（五）/1", "三/（五）/1", "推进智慧医疗多场景协同", ops(
		"=1.推进智慧医疗多场景协同。",
		"-建设智慧医疗服务平台",
		"+推进智慧医院建设",
		"=，深入开展",
		"-远程会诊、远程影像、远程检验、远程机器人手术",
		"+多渠道预约挂号、预约检查、诊间支付、检验检查自助查询共享、居民电子健康档案等",
		"=应用示范，在智慧医疗领域打造",
		"-90",
		"+80",
		"=项应用场景。（责任单位：市卫健委）"))
	med.Quantities = []diff.QuantityChange{{Old: "90项", New: "80项", Context: "应用场景"}}
	med.Comments = []comment.Comment{cDep1}

	city := change(diff.Modified, "k-city", "三/（五）/2", "三/（五）/2", "推进智慧城市数智治理", ops(
		"=2.推进智慧城市数智治理。在水务、城管、交通、税务、燃气等领域",
		"-形成100项智慧城市应用场景",
		"+打造20项智慧城市应用场景",
		"=。（责任单位：市政务数据大数据局）"))
	city.Quantities = []diff.QuantityChange{{Old: "100项", New: "20项", Context: "智慧城市应用场景"}}
	city.Comments = []comment.Comment{cDep6, cXSS}

	parks := change(diff.Inserted, "k-parks", "", "三/（六）/3", "建设人工智能特色园区", ops(
		"+3.建设人工智能特色园区。支持各区建设20个以上以人工智能产业为主要方向的园区。（责任单位：各区人民政府）"))
	parks.Quantities = []diff.QuantityChange{{New: "20个以上", Context: "人工智能园区"}}
	parks.Comments = []comment.Comment{cDep9}

	talent := change(diff.Modified, "k-talent", "三/（六）/3", "三/（六）/4", "强化多层次人才服务支撑", ops(
		"-3",
		"+4",
		"=.强化多层次人才服务支撑。吸引十个院士团队落地，集聚百名优秀产业人才。（牵头单位：市经信局）"))
	talent.Ops = ops("=强化多层次人才服务支撑。吸引十个院士团队落地，集聚百名优秀产业人才。（牵头单位：市经信局）")
	talent.OldText = "3.强化多层次人才服务支撑。吸引十个院士团队落地，集聚百名优秀产业人才。（牵头单位：市经信局）"
	talent.NewText = "4.强化多层次人才服务支撑。吸引十个院士团队落地，集聚百名优秀产业人才。（牵头单位：市经信局）"

	goals := change(diff.Modified, "k-goal", "二/（二）", "二/（二）", "发展目标", ops(
		"=（二）发展目标。到2025年",
		"-,",
		"+，",
		"=全市人工智能核心产业规模达到",
		"-1000",
		"+１０００",
		"=亿元。"))
	goals.FormattingOnly = true

	fund := change(diff.Modified, "k-fund", "四/（二）", "四/（二）", "加强资金保障", ops(
		"=（二）加强资金保障。组建总规模",
		"+不低于",
		"=100亿",
		"+元",
		"=的人工智能产业发展基金，引导社会资本投向人工智能领域。"))
	fund.Quantities = []diff.QuantityChange{{Old: "100亿", New: "不低于100亿元", Context: "产业发展基金"}}

	return &review.Diff{
		From: revZH1, To: revZH2,
		Documents: []review.Document{{
			Path: "plan.md", Lang: clause.LangZH,
			Changes:     []review.Change{goals, tech, data, med, city, parks, talent, fund},
			Unexplained: []string{"k-fund"},
		}},
		Unapplied: []comment.Comment{cDep7},
	}
}

func enComment(id string, seq int, by, clauseID, label, quote, text, proposed string, st comment.Status, response string) comment.Comment {
	return comment.Comment{
		ID: id, By: by, Group: "Public consultation", Seq: seq,
		Anchor: comment.Anchor{ClauseID: clauseID, Path: "policy.md", Label: label, Rev: revEN1.Hash, Exact: quote},
		Text:   text, Proposed: proposed, Status: st, Response: response, ResolvedIn: []string{revEN2.Hash},
	}
}

var (
	cEN1 = enComment("en-1", 1, "J. Smith", "a-reports", "Part 2/Article 5", "publish 12 reports each year",
		"Twelve reports a year is more than the Agency can staff; *halve* it.", "publish at least 6 reports each year",
		comment.Partial, "Reduced to at least 6; the quarterly summary stays.")
	cEN2 = enComment("en-2", 2, "Data Protection Office", "a-part2", "Part 2", "",
		"Add an article on personal data.", "", comment.Adopted, "New Article 6.")
	cEN3 = enComment("en-3", 3, "Treasury", "a-fees", "Part 3/Article 9", "",
		"Fees should be reviewed every two years, not every year.", "", comment.Adopted, "Agreed; Article 9 to be amended.")
)

// englishDiff is the same story in an English policy.
func englishDiff() *review.Diff {
	reports := change(diff.Modified, "a-reports", "Part 2/Article 5", "Part 2/Article 5", "Reporting", ops(
		"=Article 5 Reporting. The Agency shall publish ",
		"-12",
		"+at least 6",
		"= reports each year on the use of AI in public services",
		"+, together with a quarterly summary",
		"=. (Responsible: Digital Office",
		"-, Treasury",
		"=)"))
	reports.Quantities = []diff.QuantityChange{{Old: "12 reports", New: "at least 6 reports", Context: "reports each year"}}
	reports.Units = diff.UnitChange{Removed: []string{"Treasury"}}
	reports.Comments = []comment.Comment{cEN1}

	data := change(diff.Inserted, "a-data", "", "Part 2/Article 6", "Personal data", ops(
		"+Article 6 Personal data. Personal data used to train or run a system shall be minimised, and its use recorded in the register under Article 8."))
	data.Comments = []comment.Comment{cEN2}

	register := change(diff.Modified, "a-register", "Part 2/Article 7", "Part 2/Article 8", "Register", ops(
		"=Register. The Agency keeps a public register of systems in use."))
	register.OldText = "Article 7 Register. The Agency keeps a public register of systems in use."
	register.NewText = "Article 8 Register. The Agency keeps a public register of systems in use."

	scope := change(diff.Modified, "a-scope", "Part 1/Article 2", "Part 1/Article 2", "Scope", ops(
		"=Article 2 Scope. This policy applies to every public body",
		"-  ",
		"+ ",
		"=in the region."))
	scope.FormattingOnly = true

	defs := change(diff.Moved, "a-defs", "Part 1/Article 3", "Part 2/Article 4", "Definitions", ops(
		"=Definitions. In this Part, \"system\" means an AI system in use by a public body."))
	defs.OldText = "Article 3 " + defs.OldText
	defs.NewText = "Article 4 " + defs.NewText

	pilot := change(diff.Deleted, "a-pilot", "Part 3/Article 10", "", "Pilot", ops(
		"-Article 10 Pilot. The Agency may run a pilot of up to 3 systems before 2025."))

	budget := change(diff.Modified, "a-budget", "Part 3/Article 11", "Part 3/Article 10", "Budget", ops(
		"-Article 11",
		"+Article 10",
		"= Budget. The programme is funded from the general budget",
		"+ for 2024-2026",
		"=."))

	return &review.Diff{
		From: revEN1, To: revEN2,
		Documents: []review.Document{{
			Path: "policy.md", Lang: clause.LangEN,
			Changes:     []review.Change{scope, defs, reports, data, register, pilot, budget},
			Unexplained: []string{"a-defs", "a-pilot", "a-budget"},
		}},
		Unapplied: []comment.Comment{cEN3},
	}
}

// reportFor builds the consultation report of a diff's comments.
func reportFor(d *review.Diff, title string, extra ...comment.Comment) *review.Report {
	r := &review.Report{Title: title, Lang: d.Documents[0].Lang, From: d.From, To: d.To}
	byID := map[string]review.ReportEntry{}
	var order []string
	add := func(c comment.Comment, ch *review.Change) {
		e, ok := byID[c.ID]
		if !ok {
			order = append(order, c.ID)
			e = review.ReportEntry{Comment: c, Label: c.Anchor.Label, Revs: []review.Rev{d.To}}
		}
		if ch != nil {
			e.Changes = append(e.Changes, *ch)
			e.Label = currentLabel(newTr(r.Lang), ch)
		}
		byID[c.ID] = e
	}
	for _, c := range extra {
		add(c, nil)
	}
	for _, doc := range d.Documents {
		for i := range doc.Changes {
			for _, c := range doc.Changes[i].Comments {
				add(c, &doc.Changes[i])
			}
		}
	}
	for _, c := range d.Unapplied {
		add(c, nil)
	}
	for _, id := range order {
		r.Entries = append(r.Entries, byID[id])
	}
	return r
}

func wuhanReport() *review.Report {
	return reportFor(wuhanDiff(), "关于《武汉建设国家人工智能创新应用先导区实施方案(2023-2025年)(征求意见稿)》公开征求意见情况的报告", cPub1)
}

func englishReport() *review.Report {
	return reportFor(englishDiff(), "Report on the consultation on the AI in Public Services Policy")
}

func wuhanHistory() *review.History {
	return &review.History{ClauseID: "k-med", Path: "plan.md", Lang: clause.LangZH, Entries: []review.HistoryEntry{
		{Rev: revZH1, Event: review.Created, Label: "三/（五）/1", Text: wuhanDiff().Documents[0].Changes[3].OldText},
		{Rev: revZH2, Event: review.Modified, Label: "三/（五）/1", Text: wuhanDiff().Documents[0].Changes[3].NewText,
			Ops: wuhanDiff().Documents[0].Changes[3].Ops, Comments: []comment.Comment{cDep1}},
	}}
}

func englishHistory() *review.History {
	d := englishDiff().Documents[0].Changes[6]
	return &review.History{ClauseID: "a-budget", Path: "policy.md", Lang: clause.LangEN, Entries: []review.HistoryEntry{
		{Rev: revEN1, Event: review.Created, Label: "Part 3/Article 11", Text: d.OldText},
		{Rev: revEN2, Event: review.Modified, Label: "Part 3/Article 10", Text: d.NewText, Ops: d.Ops},
	}}
}

func wuhanBlame() *review.Blame {
	d := wuhanDiff().Documents[0]
	b := &review.Blame{Rev: revZH2, Path: "plan.md", Lang: clause.LangZH}
	b.Clauses = append(b.Clauses, review.BlameLine{ClauseID: "k-intro", Label: "一", Text: "一、总体要求", Rev: revZH1})
	for _, c := range d.Changes {
		b.Clauses = append(b.Clauses, review.BlameLine{ClauseID: c.ClauseID, Label: c.NewLabel, Text: c.NewText, Rev: revZH2, Comments: c.Comments})
	}
	return b
}

func englishBlame() *review.Blame {
	d := englishDiff().Documents[0]
	b := &review.Blame{Rev: revEN2, Path: "policy.md", Lang: clause.LangEN}
	b.Clauses = append(b.Clauses, review.BlameLine{ClauseID: "a-purpose", Label: "Part 1/Article 1", Text: "Article 1 Purpose. This policy sets out how public bodies use AI.", Rev: revEN1})
	for _, c := range d.Changes {
		if c.NewLabel != "" {
			b.Clauses = append(b.Clauses, review.BlameLine{ClauseID: c.ClauseID, Label: c.NewLabel, Text: c.NewText, Rev: revEN2, Comments: c.Comments})
		}
	}
	return b
}

func wuhanComments() []comment.Comment {
	return []comment.Comment{cPub1, cXSS, cDep1, cDep2, cDep5, cDep6, cDep7, cDep9}
}

func englishComments() []comment.Comment { return []comment.Comment{cEN1, cEN2, cEN3} }
