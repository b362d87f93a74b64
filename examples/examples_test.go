package examples

import (
	"encoding/csv"
	"io/fs"
	"path"
	"strings"
	"testing"
)

// read returns a file of the embedded examples as a string.
func read(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(FS(), name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return string(b)
}

// table reads a comment file: its header and its rows as maps by header name.
func table(t *testing.T, name string) ([]string, []map[string]string) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(read(t, name)))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: empty", name)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		rows = append(rows, m)
	}
	return recs[0], rows
}

func TestExamplesAreComplete(t *testing.T) {
	all := All()
	if len(all) == 0 || all[0].Name != "wuhan-ai-pilot" {
		t.Fatalf("All()[0] should be the demo's example, wuhan-ai-pilot")
	}
	names := map[string]bool{}
	for _, ex := range all {
		t.Run(ex.Name, func(t *testing.T) {
			if names[ex.Name] {
				t.Errorf("duplicate example name %q", ex.Name)
			}
			names[ex.Name] = true
			if len(ex.Revisions) < 2 {
				t.Fatalf("%d revisions; an example needs at least two to diff", len(ex.Revisions))
			}
			if ex.CommentsAfter < 0 || ex.CommentsAfter >= len(ex.Revisions) {
				t.Errorf("CommentsAfter %d out of range", ex.CommentsAfter)
			}
			inDir := func(name string) {
				t.Helper()
				if !strings.HasPrefix(name, ex.Dir+"/") {
					t.Errorf("%s is outside the example's folder %s", name, ex.Dir)
				}
				if _, err := fs.Stat(FS(), name); err != nil {
					t.Errorf("named by the example but missing from FS: %v", err)
				}
			}
			inDir(ex.Comments)
			inDir(path.Join(ex.Dir, "README.md"))
			stages := map[string]bool{}
			for i, rev := range ex.Revisions {
				if rev.Message == "" || rev.Author == "" || rev.Stage == "" {
					t.Errorf("revision %d: message, author and stage are required", i)
				}
				if !strings.Contains(rev.Author, " <") || !strings.HasSuffix(rev.Author, ">") {
					t.Errorf("revision %d: author %q is not \"NAME <EMAIL>\"", i, rev.Author)
				}
				if rev.Date.IsZero() {
					t.Errorf("revision %d: no date; hashes would depend on the clock", i)
				}
				if i > 0 && !rev.Date.After(ex.Revisions[i-1].Date) {
					t.Errorf("revision %d is not later than revision %d", i, i-1)
				}
				if stages[rev.Stage] {
					t.Errorf("revision %d: stage %q used twice", i, rev.Stage)
				}
				stages[rev.Stage] = true
				if len(rev.Files) == 0 {
					t.Errorf("revision %d records no files", i)
				}
				for doc, file := range rev.Files {
					if doc == "" || strings.HasPrefix(doc, "/") {
						t.Errorf("revision %d: bad document path %q", i, doc)
					}
					inDir(file)
				}
			}
		})
	}
}

// TestResolvesNameComments checks that every id a revision resolves is a
// comment of the example's file, and that ids are unique.
func TestResolvesNameComments(t *testing.T) {
	for _, ex := range All() {
		t.Run(ex.Name, func(t *testing.T) {
			header, rows := table(t, ex.Comments)
			idCol := header[0]
			ids := map[string]bool{}
			for i, row := range rows {
				id := row[idCol]
				if id == "" || ids[id] {
					t.Errorf("row %d: id %q empty or repeated", i+1, id)
				}
				ids[id] = true
			}
			for i, rev := range ex.Revisions {
				for _, id := range rev.Resolves {
					if !ids[id] {
						t.Errorf("revision %d resolves %q, which is not in %s", i, id, ex.Comments)
					}
				}
			}
		})
	}
}

// status maps the disposition cells the examples use to the contract's
// statuses (the comment package owns the full list of variants).
var status = map[string]string{
	"已采纳": "adopted", "采纳": "adopted", "部分采纳": "partial", "未采纳": "rejected", "待处理": "pending",
	"adopted": "adopted", "partial": "partial", "rejected": "rejected", "pending": "pending",
}

func TestWuhanComments(t *testing.T) {
	ex := Wuhan()
	header, rows := table(t, ex.Comments)
	want := []string{"序号", "单位/个人", "条款", "原文", "修改意见", "建议修改为", "是否采纳", "理由", "分组"}
	if strings.Join(header, ",") != strings.Join(want, ",") {
		t.Errorf("header %q, want %q", header, want)
	}
	if len(rows) != 14 {
		t.Fatalf("%d comments, the report has 14", len(rows))
	}
	// Who and what became of each comment, as the report gives them.
	report := []struct{ id, by, clause, status string }{
		{"P1", "华中科技大学管理学院中德知识产权研究所王华", "二", "adopted"},
		{"P2", "华中科技大学管理学院中德知识产权研究所王华", "三/（六）", "adopted"},
		{"P3", "华中科技大学管理学院中德知识产权研究所王华", "二/（一）/4", "partial"},
		{"P4", "华中科技大学管理学院中德知识产权研究所王华", "三/（五）/7", "partial"},
		{"P5", "华中科技大学管理学院中德知识产权研究所王华", "", "partial"},
		{"D1", "市卫健委", "三/（五）/2", "adopted"},
		{"D2", "市科技局", "三/（一）/1", "adopted"},
		{"D3", "市科技局", "三/（二）/1", "adopted"},
		{"D4", "市科技局", "三/（二）/3", "adopted"},
		{"D5", "市科技局", "三/（二）/4", "adopted"},
		{"D6", "市政务数据大数据局", "三/（五）/3", "adopted"},
		{"D7", "市城建局", "三/（五）/4", "adopted"},
		{"D8", "市人才工作局", "三/（六）/3", "adopted"},
		{"D9", "硚口区科经局", "三/（三）/2", "adopted"},
	}
	draft := read(t, "wuhan-ai-pilot/征求意见稿.md")
	settled := read(t, "wuhan-ai-pilot/送审稿.md")
	for i, w := range report {
		row := rows[i]
		t.Run(w.id, func(t *testing.T) {
			if row["序号"] != w.id || row["单位/个人"] != w.by || row["条款"] != w.clause {
				t.Errorf("got %s %s %s, want %s %s %s", row["序号"], row["单位/个人"], row["条款"], w.id, w.by, w.clause)
			}
			if got := status[row["是否采纳"]]; got != w.status {
				t.Errorf("是否采纳 %q is %q, want %q", row["是否采纳"], got, w.status)
			}
			wantGroup := "相关部门意见采纳情况"
			if strings.HasPrefix(w.id, "P") {
				wantGroup = "公开网站征求意见采纳情况"
			}
			if row["分组"] != wantGroup {
				t.Errorf("分组 %q, want %q", row["分组"], wantGroup)
			}
			if row["修改意见"] == "" {
				t.Error("no 修改意见")
			}
			if strings.HasPrefix(w.id, "D") && row["原文"] == "" {
				t.Error("a department comment must quote its clause")
			}
			q := row["原文"]
			if q == "" {
				return
			}
			if !strings.Contains(draft, q) {
				t.Errorf("原文 is not verbatim in the 征求意见稿: %q", q)
			}
			// Every comment here was adopted or partly adopted and changed
			// its clause: the quoted original is gone from the 送审稿.
			if strings.Contains(settled, q) {
				t.Errorf("原文 still in the 送审稿, so the comment was not applied: %q", q)
			}
		})
	}
	// The responses the report gives, settled at the municipal meeting.
	for id, resp := range map[string]string{
		"D1": "根据市政府专题会要求,与市卫健委协商一致,调整为在智慧领域打造80项应用场景",
		"D6": "根据市政府专题会要求,与市政务数据大数据局协商一致,调整为在智慧城市领域打造20项应用场景",
		"D9": "明确支持各区建设20个以上以人工智能产业为主要方向的园区",
	} {
		for _, row := range rows {
			if row["序号"] == id && row["理由"] != resp {
				t.Errorf("%s: 理由 %q, want %q", id, row["理由"], resp)
			}
		}
	}
}

// TestWuhanWorkedExamples pins DOMAIN.md's table of worked examples: the
// original wording in the 征求意见稿 and the settled one in the 送审稿.
func TestWuhanWorkedExamples(t *testing.T) {
	draft := read(t, "wuhan-ai-pilot/征求意见稿.md")
	settled := read(t, "wuhan-ai-pilot/送审稿.md")
	tests := []struct {
		name          string
		before, after []string
	}{
		{"市卫健委 智慧医疗",
			[]string{"建设智慧医疗服务平台,深入开展远程会诊、远程影像、远程检验、远程机器人手术应用示范,在智慧医疗领域打造90项应用场景"},
			[]string{"推进智慧医院建设,深入开展多渠道预约挂号、预约检查、诊间支付、检验检查自助查询共享、居民电子健康档案等应用示范,在智慧医疗领域打造80项应用场景"}},
		{"市科技局 技术创新",
			[]string{"每年组织实施人工智能创新专项项目不少于20项,推进人工智能领域关键核心技术攻关项目3项", "（责任单位：市科技局）"},
			[]string{"组织实施人工智能领域创新专项和关键核心技术攻关项目,形成不少于40项共性技术创新成果,攻克不少于5项关键核心技术", "（责任单位：市科技局、市经信局、市发改委）"}},
		{"市科技局 算力",
			[]string{"全市总算力规模超过1500PFLOPS,其中高性能算力比例超过60%"},
			[]string{"全市总算力规模超过1500PFLOPS,其中,智能算力和高性能算力比例超过60%"}},
		{"市科技局 大模型",
			[]string{"研发具有重大影响力的垂直行业大模型10个,加快实现面向智能制造、智能汽车、智慧医疗等领域的通用人工智能产业应用"},
			[]string{"研发具有影响力的垂直行业大模型解决方案10个,加快实现面向智能制造、智能汽车、智慧医疗等领域的通用人工智能产业应用"}},
		{"市科技局 数据伙伴",
			[]string{"（责任单位：市政务数据大数据局、市科技局、市经信局、市发改委）"},
			[]string{"（责任单位：市政务数据大数据局、市经信局、市发改委）"}},
		{"市政务数据大数据局 智慧城市",
			[]string{"在水务、城管、交通、税务、燃气等领域形成100项智慧城市应用场景"},
			[]string{"在智慧城市领域打造20项应用场景"}},
		{"市城建局 智能建造",
			[]string{"在智能建造领域打造80项应用场景。（责任单位：市城建局、市自然资源和规划局）"},
			[]string{"在智慧建造领域打造80项应用场景。（责任单位：市城建局、市自然资源和规划局、市公安局、市民政局、市房管局、市市场监督管理局）"}},
		{"市人才工作局 人才",
			[]string{"3.强化多层次人才服务支撑。充分发挥高等学校、科研院所和企业的作用,培育和引进各层级科学家、产业和工程技术人才", "吸引十个院士团队落地", "引聚百名产业优秀人才", "培养万名算法工程师,实施算法工程师倍增计划", "（牵头单位：市人才工作局；"},
			[]string{"4.强化多层次人才服务支撑。围绕我市人工智能产业重点发展需要,制定产业人才政策,为高校院所和企业引育战略科技人才、产业领军人才和高技能人才提供有力支撑", "吸引十个院士团队落地", "集聚百名优秀产业人才,在我市人工智能产业重点发展方向及细分领域,培养30名以上武汉英才产业领军人才、优秀青年人才,100名以上培育支持专项人才", "培养万名算法工程师", "（牵头单位：市经信局；"}},
		{"硚口区科经局 特色园区",
			[]string{"重点推动武昌区数创大厦、洪山区融创智谷、"},
			[]string{"支持各区建设20个以上以人工智能产业为主要方向的园区"}},
		{"公开意见4 揭榜挂帅 与 基金",
			[]string{"每年面向人工智能应用场景实施揭榜挂帅工程,推广人工智能产品100项以上,建设人工智能典型场景100项以上", "组建总规模100亿元的人工智能产业发展基金"},
			[]string{"分阶段扩大项目范围"}},
		{"公开意见2 生态 (inserted item renumbers its siblings)",
			[]string{"1.打造人工智能产业创新生态。", "5.加强人工智能安全治理。"},
			[]string{"1.构建人工智能创新生态系统。", "教育生态、产业生态、创业生态、服务生态", "2.打造人工智能产业创新生态。", "6.加强人工智能安全治理。"}},
		{"公开意见5 论证专家",
			nil,
			[]string{"## 附件：方案论证专家及论证意见", "论证专家", "论证意见"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range tt.before {
				if !strings.Contains(draft, s) {
					t.Errorf("征求意见稿 lacks the original %q", s)
				}
			}
			for _, s := range tt.after {
				if !strings.Contains(settled, s) {
					t.Errorf("送审稿 lacks the settled %q", s)
				}
			}
		})
	}
	for _, gone := range []string{"实施算法工程师倍增计划", "90项应用场景", "100项智慧城市应用场景", "具有重大影响力", "市人才工作局；"} {
		if strings.Contains(settled, gone) {
			t.Errorf("送审稿 still has %q", gone)
		}
	}
}

func TestEnglishAct(t *testing.T) {
	ex := English()
	header, rows := table(t, ex.Comments)
	want := "id,by,clause,quote,text,proposed,status,response"
	if strings.Join(header, ",") != want {
		t.Errorf("header %q, want %s", header, want)
	}
	d1 := read(t, "english-act/draft-01.md")
	d2 := read(t, "english-act/draft-02.md")
	seen := map[string]bool{}
	for _, row := range rows {
		st, ok := status[row["status"]]
		if !ok {
			t.Errorf("%s: status %q", row["id"], row["status"])
		}
		seen[st] = true
		if q := row["quote"]; q != "" && !strings.Contains(d1, q) {
			t.Errorf("%s: quote not verbatim in draft-01: %q", row["id"], q)
		}
	}
	for _, st := range []string{"adopted", "partial", "rejected", "pending"} {
		if !seen[st] {
			t.Errorf("no %s comment: the example should show every status", st)
		}
	}
	for _, c := range []struct{ before, after string }{
		{"at least 20 projects", "at least 40 projects"},
		{"3.3 Responsible bodies: Science and Technology Bureau.", "3.3 Responsible bodies: Science and Technology Bureau; Economy and Information Technology Bureau; Development and Reform Commission."},
		{"## Article 4 Computing infrastructure", "## Article 5 Computing infrastructure"},
		{"## Article 6 Talent\n\n6.1 The City shall attract ten academician teams", "## Article 7 Talent\n\n7.1 The City shall attract ten academician teams"},
		{"(a) healthcare: 90 scenarios", "(a) healthcare: 80 scenarios"},
	} {
		if !strings.Contains(d1, c.before) || strings.Contains(d2, c.before) {
			t.Errorf("draft-01 should have and draft-02 should not have %q", c.before)
		}
		if !strings.Contains(d2, c.after) {
			t.Errorf("draft-02 lacks %q", c.after)
		}
	}
	if !strings.Contains(d2, "## Article 4 Innovation ecosystem") {
		t.Error("draft-02 lacks the inserted Article 4")
	}
}
