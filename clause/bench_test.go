package clause

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// bigPlan builds a Chinese plan of about size bytes from realistic clauses:
// parts, programmes （一）…, items 1. with lead phrases and unit trailers,
// sub-items （1）, a hard-wrapped paragraph and page footers.
func bigPlan(size int) []byte {
	var b strings.Builder
	b.WriteString("\uFEFF武汉建设国家人工智能创新应用先导区实施方案\n（2023—2025年）\n\n为深入贯彻落实国家新一代人工智能发展规划，结合我市实际，制定本方案。\n\n")
	part := 0
	for b.Len() < size {
		part++
		fmt.Fprintf(&b, "%s、建设内容（第%d批）\n", cnNumeral(part), part)
		for prog := 1; prog <= 6; prog++ {
			fmt.Fprintf(&b, "（%s）实施人工智能场景应用计划\n", cnNumeral(prog))
			for item := 1; item <= 5; item++ {
				fmt.Fprintf(&b, "%d.推进智慧医疗多场景协同。建设智慧医疗服务平台，深入开展远程会诊、远程影像、远程检验、远程机器人手术应用示范，在智慧医疗领域打造%d项应用场景，全市总算力规模超过1500PFLOPS，其中高性能算力比例超过60%%。（责任单位：市卫健委、市经信局、市科技局，各区人民政府）\n", item, 80+item)
				if item == 3 {
					b.WriteString("（1）建设智能工厂。每年认定智能工厂和数字化车间50个以上。\n（2）推广工业互联网平台。推动规模以上工业企业上云用平台，\n形成一批可复制可推广的典型案例。\n")
				}
			}
			b.WriteString("\n— 3 —\n\f\n")
		}
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	benchParse(b, "plan.txt", bigPlan(1<<20))
}

// BenchmarkParseLawPDF parses about 1 MB of a hard-wrapped law with page
// footers, form feeds and running headers: the wrapped-text paths.
func BenchmarkParseLawPDF(b *testing.B) {
	one, err := os.ReadFile("testdata/law-pdf.txt")
	if err != nil {
		b.Fatal(err)
	}
	src := bytes.Repeat(one, (1<<20)/len(one)+1)
	benchParse(b, "law.txt", src)
}

func benchParse(b *testing.B, name string, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		d, err := Parse(name, src, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Root.Children) == 0 {
			b.Fatal("no clauses")
		}
	}
	// CPU time includes the garbage collector's work on the second core.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(len(src))*float64(b.N)/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}

// TestBigPlan checks the benchmark document parses as intended, so the
// benchmark measures real work.
func TestBigPlan(t *testing.T) {
	src := bigPlan(200 << 10)
	d, err := Parse("plan.txt", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, d)
	n := d.Find("二/（三）/3/（2）")
	if n == nil {
		t.Fatal("二/（三）/3/（2） not found")
	}
	if want := "推广工业互联网平台。推动规模以上工业企业上云用平台，形成一批可复制可推广的典型案例。"; n.Body() != want {
		t.Errorf("Body = %q, want %q", n.Body(), want)
	}
	item := d.Find("二/（三）/4")
	if item == nil || len(item.Units) != 4 || item.Title != "推进智慧医疗多场景协同" {
		t.Fatalf("item 4 = %+v", item)
	}
}
