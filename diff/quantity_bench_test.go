package diff

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// BenchmarkCompareQuantitiesBigClause pairs the quantities of one clause of
// about 150 KB full of numbers with its lightly edited revision (edited)
// and with an unrelated text (rewritten): every quantity has many
// look-alikes, the case that was quadratic.
func BenchmarkCompareQuantitiesBigClause(b *testing.B) {
	old := strings.ReplaceAll(genText(7, 150_000), "\n", "")
	for _, bc := range []struct{ name, new string }{
		{"edited", editText(8, old)},
		{"rewritten", strings.ReplaceAll(genText(9, 150_000), "\n", "")},
		{"refigured", numbered(150_000, 2)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			old := old
			if bc.name == "refigured" {
				old = numbered(150_000, 1)
			}
			b.SetBytes(int64(len(old) + len(bc.new)))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for b.Loop() {
				CompareQuantities(old, bc.new)
			}
			if cpu > 0 {
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// deepNumbered is a document of about n bytes whose k-th clause is numbered
// 1.1.….1 with k levels, and its revision with one clause edited in the
// middle: past the depth limit the clauses join one body full of dotted
// numbers.
func deepNumbered(n int) (string, string) {
	var old, new strings.Builder
	for k := 1; old.Len() < n; k++ {
		line := strings.Repeat("1.", k)
		line = line[:len(line)-1] + fmt.Sprintf(" 条款内容%d。\n\n", k)
		old.WriteString(line)
		if old.Len() > n/2 && new.Len() < n/2 {
			line = strings.Replace(line, "。", "新增。", 1)
		}
		new.WriteString(line)
	}
	return old.String(), new.String()
}

// BenchmarkCompareDeepNumbering parses and compares nested 1.1.1…
// numbering of 100 KB, 650 KB and 4 MB.
func BenchmarkCompareDeepNumbering(b *testing.B) {
	for _, size := range []int{100_000, 650_000, 4_000_000} {
		b.Run(fmt.Sprintf("%dKB", size/1000), func(b *testing.B) {
			o, n := deepNumbered(size)
			b.SetBytes(int64(len(o) + len(n)))
			b.ResetTimer()
			cpu := cpuTime()
			for b.Loop() {
				Compare(mustParse(b, "old.md", []byte(o)), mustParse(b, "new.md", []byte(n)), Options{})
			}
			if cpu > 0 {
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// numbered is about n bytes of one clause whose every sentence sets
// figures: the same sentences for every seed, the figures drawn from seed.
// Two seeds give a revision that changed every figure.
func numbered(n int, seed int64) string {
	rng := rand.New(rand.NewSource(seed))
	units := []string{"万元", "项", "个", "家", "%", "名", "亿元", "天"}
	subjects := []string{"建设智慧医疗应用场景", "培育人工智能企业", "引进优秀产业人才", "投入专项资金", "建成算力中心", "推广人工智能产品"}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "到第%d阶段%s不少于%d%s，其中%s%d%s以上；",
			i+1, subjects[i%len(subjects)], 1+rng.Intn(100000), units[i%len(units)],
			subjects[(i+3)%len(subjects)], 1+rng.Intn(1000), units[(i+5)%len(units)])
	}
	return b.String()
}
