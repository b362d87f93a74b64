// Package gen generates Chinese policy documents of a chosen size, and
// revisions of them, for redline's benchmarks. The output is deterministic
// for a given seed.
//
// A document has the shape of a GB/T 9704 plan: parts 一、, programmes
// （一）, items 1. with a lead phrase, a body full of targets (90项,
// 不少于20项, 1500PFLOPS, 60%) and a responsibility trailer.
package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Doc is a generated document as a tree, so that a revision renumbers
// what follows an insertion when it is rendered.
type Doc struct {
	Title string
	Parts []*Part
}

// Part is a 一、 level heading with its programmes.
type Part struct {
	Title    string
	Intro    string
	Programs []*Program
}

// Program is a （一） level programme with its items.
type Program struct {
	Title string
	Items []*Item
}

// Item is a 1. level clause: a lead phrase, a body and responsible units.
type Item struct {
	Lead  string
	Body  string
	Units []string

	fresh, edited, moved bool // inserted, edited, moved by Revise
}

// Truth says what Revise did, for tests of an alignment to check against.
type Truth struct {
	Edited   int // items of the old document edited and still present
	Inserted int // clauses inserted: items and the new programme heading
	Deleted  int // items of the old document deleted
	Moved    int // items of the old document moved to another programme
}

var (
	subjects = []string{"人工智能", "智能算力", "大模型", "数据要素", "智能网联汽车", "智慧医疗", "智能制造", "智慧城市", "智能建造", "工业互联网", "机器人", "智能传感器", "北斗导航", "生物特征识别", "自然语言处理", "机器视觉", "智慧教育", "智慧交通", "智慧文旅", "智能终端", "开源生态", "算法模型", "公共数据", "数字孪生", "集成电路",
		"光电子信息", "新能源汽车", "生物医药", "高端装备", "网络安全", "卫星遥感", "量子计算", "区块链", "虚拟现实", "无人机", "低空经济", "储能电池", "氢能", "新材料", "工业软件", "智慧农业", "智慧水务", "智慧社区", "养老服务", "食品安全", "应急管理", "生态环境", "文物保护", "体育健身", "跨境电商", "冷链物流", "港口航运", "金融科技", "知识产权", "科技成果转化"}
	verbs   = []string{"加快建设", "推进", "支持", "培育", "打造", "完善", "健全", "深化", "鼓励", "引导", "实施", "组织开展", "统筹推进", "加大", "探索", "布局", "优化", "提升", "夯实", "拓展", "谋划", "落实", "规范", "强化", "扩大"}
	objects = []string{"创新平台", "应用场景", "示范项目", "产业园区", "公共服务平台", "标准体系", "人才队伍", "创新联合体", "产业基金", "计算中心", "数据集", "解决方案", "骨干企业", "专精特新企业", "重点实验室", "中试基地", "检验检测平台", "开源社区", "应用示范", "协同机制",
		"孵化器", "产业链条", "供需对接会", "评价指标", "监测体系", "政策措施", "专项资金", "行业联盟", "工程技术中心", "展示中心", "服务网点", "招商目录", "技术规范", "安全底线", "考核办法", "信用体系", "培训基地", "创业大赛", "人才公寓", "首台套产品"}
	links    = []string{"，", "，", "，", "；", "，着力", "，重点", "，同时", "，积极", "，进一步"}
	places   = []string{"江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区", "东西湖区", "蔡甸区", "江夏区", "黄陂区", "新洲区", "东湖高新区", "武汉经开区", "长江新区", "光谷", "车谷", "航天城", "临空港", "汉口北"}
	bounds   = []string{"", "", "不少于", "超过", "以上", "达到"}
	measures = []string{"项", "个", "家", "名", "亿元", "PFLOPS", "%", "万人次", "套", "条"}
	units    = []string{"市发改委", "市经信局", "市科技局", "市教育局", "市财政局", "市人社局", "市城建局", "市交通运输局", "市卫健委", "市政务数据大数据局", "市市场监管局", "市投控集团", "市人才工作局", "市公安局", "市民政局", "市房管局", "各区人民政府", "东湖高新区管委会", "市地方金融局", "市招商办"}
	cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
)

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

func phrase(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		return "依托" + pick(r, places) + pick(r, verbs) + pick(r, subjects) + pick(r, objects)
	}
	return pick(r, verbs) + pick(r, subjects) + pick(r, objects)
}

func target(r *rand.Rand) string {
	b := pick(r, bounds)
	m := pick(r, measures)
	n := 1 + r.IntN(200)
	if m == "%" {
		n = 10 + r.IntN(90)
	}
	if b == "以上" {
		return fmt.Sprintf("在%s领域打造%d%s以上", pick(r, subjects), n, m)
	}
	return fmt.Sprintf("在%s领域%s%d%s", pick(r, subjects), b, n, m)
}

func sentence(r *rand.Rand) string {
	var b strings.Builder
	n := 3 + r.IntN(5)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(pick(r, links))
		}
		if r.IntN(3) == 0 {
			b.WriteString(target(r))
		} else {
			b.WriteString(phrase(r))
		}
	}
	b.WriteString("。")
	return b.String()
}

func newItem(r *rand.Rand) *Item {
	it := &Item{Lead: phrase(r)}
	var b strings.Builder
	for n := 1 + r.IntN(3); n > 0; n-- {
		b.WriteString(sentence(r))
	}
	it.Body = b.String()
	for n := 1 + r.IntN(3); n > 0; n-- {
		it.Units = append(it.Units, pick(r, units))
	}
	return it
}

// New returns a document of about size bytes, from seed.
func New(seed uint64, size int) *Doc {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	d := &Doc{Title: "武汉建设国家人工智能创新应用先导区实施方案（2023-2025年）"}
	total := 0
	for total < size {
		p := &Part{Title: phrase(r), Intro: sentence(r)}
		for np := 4 + r.IntN(5); np > 0 && total < size; np-- {
			g := &Program{Title: "实施" + pick(r, subjects) + pick(r, objects) + "计划"}
			for ni := 4 + r.IntN(8); ni > 0 && total < size; ni-- {
				it := newItem(r)
				g.Items = append(g.Items, it)
				total += len(it.Lead) + len(it.Body) + 60
			}
			p.Programs = append(p.Programs, g)
		}
		d.Parts = append(d.Parts, p)
	}
	return d
}

// Revise returns a revision of d: about editFrac of the items edited (a
// target changed, a phrase replaced, inserted or deleted, a unit added or
// removed), inserts new items and one new programme inserted, and a few
// items deleted, so that siblings are renumbered. d is not changed.
func (d *Doc) Revise(seed uint64, editFrac float64, inserts int) *Doc {
	nd, _ := d.ReviseTruth(seed, editFrac, inserts, 0)
	return nd
}

// ReviseTruth is Revise, also moving up to moves items that were not
// edited to another programme (every other one with a light edit: a target
// changed or a sentence added), and saying what it did.
func (d *Doc) ReviseTruth(seed uint64, editFrac float64, inserts, moves int) (*Doc, Truth) {
	var t Truth
	r := rand.New(rand.NewPCG(seed, 0x2545f4914f6cdd1d))
	nd := &Doc{Title: d.Title}
	var all []*Item
	for _, p := range d.Parts {
		np := &Part{Title: p.Title, Intro: p.Intro}
		for _, g := range p.Programs {
			ng := &Program{Title: g.Title}
			for _, it := range g.Items {
				c := *it
				c.Units = append([]string(nil), it.Units...)
				c.fresh, c.edited, c.moved = false, false, false
				ng.Items = append(ng.Items, &c)
				all = append(all, &c)
			}
			np.Programs = append(np.Programs, ng)
		}
		nd.Parts = append(nd.Parts, np)
	}
	for _, i := range r.Perm(len(all))[:int(float64(len(all))*editFrac)] {
		edit(r, all[i])
		all[i].edited = true
	}
	for k := 0; k < inserts; k++ {
		p := nd.Parts[r.IntN(len(nd.Parts))]
		g := p.Programs[r.IntN(len(p.Programs))]
		at := r.IntN(len(g.Items) + 1)
		it := newItem(r)
		it.fresh = true
		g.Items = append(g.Items[:at], append([]*Item{it}, g.Items[at:]...)...)
	}
	for k := 0; k < inserts/2; k++ { // deletions
		p := nd.Parts[r.IntN(len(nd.Parts))]
		g := p.Programs[r.IntN(len(p.Programs))]
		if len(g.Items) > 1 {
			at := r.IntN(len(g.Items))
			if !g.Items[at].fresh {
				t.Deleted++
			}
			g.Items = append(g.Items[:at], g.Items[at+1:]...)
		}
	}
	if inserts > 0 { // one new programme, renumbering those after it
		p := nd.Parts[r.IntN(len(nd.Parts))]
		at := r.IntN(len(p.Programs) + 1)
		g := &Program{Title: "实施" + pick(r, subjects) + "提升计划", Items: []*Item{newItem(r), newItem(r)}}
		g.Items[0].fresh, g.Items[1].fresh = true, true
		p.Programs = append(p.Programs[:at], append([]*Program{g}, p.Programs[at:]...)...)
		t.Inserted++
	}
	var progs []*Program
	for _, p := range nd.Parts {
		progs = append(progs, p.Programs...)
	}
	for k := 0; k < moves && len(progs) > 1; k++ {
		from, to := r.IntN(len(progs)), r.IntN(len(progs)-1)
		if to >= from {
			to++
		}
		f, g := progs[from], progs[to]
		at := r.IntN(len(f.Items))
		it := f.Items[at]
		if it.fresh || it.moved || it.edited || len(f.Items) < 2 {
			continue
		}
		f.Items = append(f.Items[:at], f.Items[at+1:]...)
		it.moved = true
		if k%2 == 1 { // moved and lightly edited at once
			if r.IntN(2) == 0 {
				it.Body = replaceOne(it.Body, func(s string) string { return s + "0" }, r)
			} else {
				it.Body += sentence(r)
			}
		}
		at = r.IntN(len(g.Items) + 1)
		g.Items = append(g.Items[:at], append([]*Item{it}, g.Items[at:]...)...)
	}
	for _, p := range nd.Parts {
		for _, g := range p.Programs {
			for _, it := range g.Items {
				switch {
				case it.fresh:
					t.Inserted++
				case it.moved:
					t.Moved++
				case it.edited:
					t.Edited++
				}
			}
		}
	}
	return nd, t
}

func edit(r *rand.Rand, it *Item) {
	switch r.IntN(5) {
	case 0: // a target changes
		it.Body = replaceOne(it.Body, func(s string) string { return s + "0" }, r)
	case 1: // a phrase is replaced
		it.Body = strings.Replace(it.Body, pick(r, verbs), pick(r, verbs), 1) + phrase(r) + "。"
	case 2: // a sentence is added
		it.Body += sentence(r)
	case 3: // the start is rewritten
		cut := strings.Index(it.Body, "。")
		if cut > 0 {
			it.Body = sentence(r) + it.Body[cut+len("。"):]
		}
	default: // a unit is added or removed
		if len(it.Units) > 1 && r.IntN(2) == 0 {
			it.Units = it.Units[1:]
		} else {
			it.Units = append(it.Units, pick(r, units))
		}
	}
}

// replaceOne rewrites the first run of ASCII digits in s with f, or adds a
// target when there is none.
func replaceOne(s string, f func(string) string, r *rand.Rand) string {
	i := strings.IndexAny(s, "0123456789")
	if i < 0 {
		return s + target(r) + "。"
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	return s[:i] + f(s[i:j]) + s[j:]
}

// Render writes the document as text with its numbering.
func (d *Doc) Render() []byte {
	var b bytes.Buffer
	b.WriteString(d.Title + "\n\n")
	for i, p := range d.Parts {
		fmt.Fprintf(&b, "%s、%s\n\n%s\n\n", cn(i+1), p.Title, p.Intro)
		for j, g := range p.Programs {
			fmt.Fprintf(&b, "（%s）%s\n\n", cn(j+1), g.Title)
			for k, it := range g.Items {
				fmt.Fprintf(&b, "%d.%s。%s（责任单位：%s）\n\n", k+1, it.Lead, it.Body, strings.Join(it.Units, "、"))
			}
		}
	}
	return b.Bytes()
}

// cn writes 1…99 in Chinese numerals: 一, 十, 十二, 二十三.
func cn(n int) string {
	switch {
	case n < 10:
		return cnDigits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + cnDigits[n%10]
	case n < 100:
		s := cnDigits[n/10] + "十"
		if n%10 != 0 {
			s += cnDigits[n%10]
		}
		return s
	}
	return fmt.Sprint(n)
}
