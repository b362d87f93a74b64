package comment

import (
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
)

func TestQuote(t *testing.T) {
	text := "1.推进智慧医疗多场景协同。建设智慧医疗服务平台,深入开展远程会诊、远程影像,在智慧医疗领域打造90项应用场景。（责任单位：市卫健委）"
	start := strings.Index(text, "在智慧医疗领域")
	end := strings.Index(text, "。（责任")
	p, e, s := Quote(text, start, end)
	if e != "在智慧医疗领域打造90项应用场景" || p != "台,深入开展远程会诊、远程影像," || s != "。（责任单位：市卫健委）" {
		t.Errorf("Quote = %q %q %q", p, e, s)
	}
	for _, tt := range []struct {
		name       string
		start, end int
		p, e, s    string
	}{
		{"whole text", 0, len("甲乙"), "", "甲乙", ""},
		{"out of range", -5, 99, "", "甲乙", ""},
		{"inside a rune", 1, 4, "", "甲", "乙"},
		{"reversed", 6, 3, "甲", "乙", ""},
		{"empty", 3, 3, "甲", "", "乙"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, e, s := Quote("甲乙", tt.start, tt.end)
			if p != tt.p || e != tt.e || s != tt.s {
				t.Errorf("Quote = %q %q %q, want %q %q %q", p, e, s, tt.p, tt.e, tt.s)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	const text = "（五）实施人工智能场景应用计划。在智慧医疗领域打造90项应用场景。在智能建造领域打造80项应用场景。在智慧城市领域打造80项应用场景。"
	tests := []struct {
		name string
		a    Anchor
		want string // text[start:end]
		m    Match
	}{
		{"no quote: the whole text", Anchor{}, text, Exact},
		{"unique", Anchor{Exact: "智慧医疗领域"}, "智慧医疗领域", Exact},
		{"first of several", Anchor{Exact: "打造80项应用场景"}, "打造80项应用场景", Exact},
		{"prefix decides", Anchor{Prefix: "智慧城市领域", Exact: "打造80项应用场景"}, "打造80项应用场景", Exact},
		{"parenthesis width", Anchor{Exact: "(五)实施"}, "（五）实施", Exact},
		{"white space", Anchor{Exact: "打造 90 项"}, "打造90项", Exact},
		{"digit width", Anchor{Exact: "打造９０项"}, "打造90项", Exact},
		{"rewritten", Anchor{Exact: "在智慧医疗领域打造一批应用场景"}, "在智慧医疗领域打造90项应用场景", Fuzzy},
		{"short and absent", Anchor{Exact: "区块链"}, "", Orphaned},
		{"unrelated", Anchor{Exact: "The Minister may by order amend Schedule 2."}, "", Orphaned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e, m := Locate(text, tt.a)
			if m != tt.m || text[s:e] != tt.want {
				t.Errorf("Locate = %q %v, want %q %v", text[s:e], m, tt.want, tt.m)
			}
			if tt.name == "prefix decides" && s != strings.LastIndex(text, "打造80项") {
				t.Errorf("chose the occurrence at %d", s)
			}
		})
	}
	// The suffix decides too.
	s, _, _ := Locate(text, Anchor{Exact: "应用场景", Suffix: "。在智慧城市"})
	if want := strings.Index(text, "80项应用场景。在智慧城市") + len("80项"); s != want {
		t.Errorf("suffix: at %d, want %d", s, want)
	}
}

// A 征求意见稿 and its 送审稿: （五）/1 reworded (90 → 80), （五）/2 deleted, its
// sentence moved into a new （五）/3.
const (
	oldPlan = `武汉建设国家人工智能创新应用先导区实施方案

三、建设内容

（五）实施人工智能场景应用计划

1.推进智慧医疗多场景协同。建设智慧医疗服务平台,深入开展远程会诊、远程影像、远程检验、远程机器人手术应用示范,在智慧医疗领域打造90项应用场景。（责任单位：市卫健委）

2.推进智慧城市数智治理。在水务、城管、交通、税务、燃气等领域形成100项智慧城市应用场景。（责任单位：市政务数据大数据局）
`
	newPlan = `武汉建设国家人工智能创新应用先导区实施方案

三、建设内容

（五）实施人工智能场景应用计划

1.推进智慧医疗多场景协同。推进智慧医院建设,深入开展多渠道预约挂号、预约检查、诊间支付等应用示范,在智慧医疗领域打造80项应用场景。（责任单位：市卫健委）

3.推进城市治理。在水务、城管、交通、税务、燃气等领域形成20项智慧城市应用场景。（责任单位：市政务数据大数据局）
`
)

func parse(t testing.TB, src string) (*clause.Document, func(*clause.Node) string) {
	t.Helper()
	d, err := clause.Parse("plan.md", []byte(src), clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Ids by title, as the repository would carry them: 城市治理 is a new clause.
	ids := map[string]string{"建设内容": "k3", "实施人工智能场景应用计划": "k35", "推进智慧医疗多场景协同": "k351",
		"推进智慧城市数智治理": "k352", "推进城市治理": "k353"}
	return d, func(n *clause.Node) string { return ids[n.Title] }
}

func TestReanchor(t *testing.T) {
	doc, id := parse(t, newPlan)
	if len(doc.Clauses()) != 4 {
		t.Fatalf("clause.Parse found %d clauses; the fixture needs 4", len(doc.Clauses()))
	}
	tests := []struct {
		name  string
		a     Anchor
		title string // of the clause found; "" for nil
		m     Match
	}{
		{"whole document", Anchor{}, "", Exact},
		{"clause without quote", Anchor{ClauseID: "k351"}, "推进智慧医疗多场景协同", Exact},
		{"quote still there", Anchor{ClauseID: "k351", Exact: "深入开展"}, "推进智慧医疗多场景协同", Exact},
		{"quote in a child of the clause", Anchor{ClauseID: "k35", Exact: "诊间支付"}, "实施人工智能场景应用计划", Exact},
		// An adopted comment: its quote was rewritten; the clause stays.
		{"quote rewritten", Anchor{ClauseID: "k351", Exact: "在智慧医疗领域打造90项应用场景"}, "推进智慧医疗多场景协同", Fuzzy},
		// The same words elsewhere do not pull a comment off its clause.
		{"quote found in another clause", Anchor{ClauseID: "k351", Exact: "燃气等领域"}, "推进智慧医疗多场景协同", Fuzzy},
		{"clause gone, quote moved", Anchor{ClauseID: "k352", Exact: "在水务、城管、交通、税务、燃气等领域"}, "推进城市治理", Exact},
		{"clause gone, quote reworded", Anchor{ClauseID: "k352", Exact: "在水务、城管、交通、税务、燃气等领域形成100项智慧城市应用场景"}, "推进城市治理", Fuzzy},
		{"clause gone, quote gone", Anchor{ClauseID: "k352", Exact: "推进智慧城市数智治理"}, "", Orphaned},
		{"clause gone, no quote", Anchor{ClauseID: "k352"}, "", Orphaned},
		{"no clause, quote found", Anchor{Exact: "诊间支付"}, "推进智慧医疗多场景协同", Exact},
		{"no clause, quote in the title", Anchor{Exact: "先导区实施方案"}, "", Exact},
		{"no clause, quote lost", Anchor{Exact: "区块链技术"}, "", Fuzzy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, m := Reanchor(doc, id, tt.a)
			title := ""
			if n != nil {
				title = n.Title
			}
			if title != tt.title || m != tt.m {
				t.Errorf("Reanchor = %q %v, want %q %v", title, m, tt.title, tt.m)
			}
		})
	}
}

// TestReanchorAcrossRevisions anchors comments on the old draft with Quote
// and finds them in the new one, as the repository does after a commit.
func TestReanchorAcrossRevisions(t *testing.T) {
	old, oldID := parse(t, oldPlan)
	nw, newID := parse(t, newPlan)
	find := func(title string) *clause.Node {
		for _, n := range old.Clauses() {
			if n.Title == title {
				return n
			}
		}
		t.Fatalf("no clause %q in the old plan", title)
		return nil
	}
	anchor := func(n *clause.Node, quote string) Anchor {
		src := string(old.Src)
		i := strings.Index(src[n.Start:n.End], quote) + n.Start
		p, e, s := Quote(src, i, i+len(quote))
		return Anchor{ClauseID: oldID(n), Prefix: p, Exact: e, Suffix: s}
	}
	health := anchor(find("推进智慧医疗多场景协同"), "在智慧医疗领域打造90项应用场景")
	city := anchor(find("推进智慧城市数智治理"), "在水务、城管、交通、税务、燃气等领域")
	if n, m := Reanchor(old, oldID, health); n == nil || n.Title != "推进智慧医疗多场景协同" || m != Exact {
		t.Errorf("old, health: %v %v", n, m)
	}
	if n, m := Reanchor(nw, newID, health); n == nil || n.Title != "推进智慧医疗多场景协同" || m != Fuzzy {
		t.Errorf("new, health: %v %v", n, m)
	}
	if n, m := Reanchor(nw, newID, city); n == nil || n.Title != "推进城市治理" || m != Exact {
		t.Errorf("new, city: %v %v", n, m)
	}
}

func TestMatchString(t *testing.T) {
	if Exact.String() != "exact" || Fuzzy.String() != "fuzzy" || Orphaned.String() != "orphaned" {
		t.Error(Exact, Fuzzy, Orphaned)
	}
}
