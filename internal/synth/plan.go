// Package synth generates synthetic documents and histories for redline's
// tests and benchmarks: deterministic for a seed, shaped like real plans.
package synth

import (
	"fmt"
	"math/rand"
	"strings"
)

// Plan is a synthetic plan of about size bytes: parts 一、 with items
// （一） holding numbered points 1. — the shape of the Wuhan plan.
type Plan struct {
	parts [][][]string // part → item → points
	rng   *rand.Rand
}

var cnDigits = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"}

func cn(i int) string {
	if i < len(cnDigits) {
		return cnDigits[i]
	}
	return fmt.Sprint(i + 1)
}

// NewPlan makes a plan of about size bytes, deterministic for seed.
func NewPlan(size int, seed int64) *Plan {
	d := &Plan{rng: rand.New(rand.NewSource(seed))}
	for n := 0; n < size; {
		p := make([][]string, 8)
		for i := range p {
			p[i] = make([]string, 6)
			for j := range p[i] {
				p[i][j] = d.sentence()
				n += len(p[i][j]) + 8
			}
		}
		d.parts = append(d.parts, p)
	}
	return d
}

var words = []string{"推进", "人工智能", "创新应用", "先导区", "建设", "智慧医疗", "算力", "数据", "场景", "平台", "产业", "园区", "人才", "企业", "示范", "项目", "关键核心技术", "攻关", "大模型", "服务"}

func (d *Plan) sentence() string {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		b.WriteString(words[d.rng.Intn(len(words))])
	}
	fmt.Fprintf(&b, "，打造%d项应用场景。（责任单位：市科技局、市经信局）", 10+d.rng.Intn(90))
	return b.String()
}

// String is the plan as a plain-text document.
func (d *Plan) String() string {
	var b strings.Builder
	b.WriteString("武汉建设国家人工智能创新应用先导区实施方案\n\n")
	for i, p := range d.parts {
		fmt.Fprintf(&b, "%s、第%s部分\n", cn(i), cn(i))
		for j, it := range p {
			fmt.Fprintf(&b, "（%s）重点任务%s。\n", cn(j), cn(j))
			for k, s := range it {
				fmt.Fprintf(&b, "%d.%s\n", k+1, s)
			}
		}
	}
	return b.String()
}

// Step makes revision i: mostly one point reworded; every 25th revision
// inserts a point before the traced one (renumbering it), every 40th deletes
// a point elsewhere; the traced point 三/（二）/… is reworded every 50th.
func (d *Plan) Step(i int) {
	switch {
	case i%50 == 0:
		it := d.parts[2][1]
		it[len(it)-1] = d.sentence()
	case i%25 == 0:
		it := d.parts[2][1]
		d.parts[2][1] = append([]string{d.sentence()}, it...)
	case i%40 == 0 && len(d.parts[len(d.parts)-1][i%len(d.parts[len(d.parts)-1])]) > 1:
		p := d.parts[len(d.parts)-1]
		p[i%len(p)] = p[i%len(p)][1:]
	default:
		p := d.parts[d.rng.Intn(len(d.parts))]
		it := p[d.rng.Intn(len(p))]
		it[d.rng.Intn(len(it))] = d.sentence()
	}
}

// Traced is the label path of the point Step keeps reworking and
// renumbering: the last point of 三/（二）.
func (d *Plan) Traced() string { return fmt.Sprintf("三/（二）/%d", len(d.parts[2][1])) }
