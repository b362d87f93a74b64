package diff

import (
	"math/rand"
	"strings"
	"testing"
)

// genText returns about n bytes of policy-like Chinese built from the
// lexicon, numbers and punctuation, deterministic for a seed.
func genText(seed int64, n int) string {
	rng := rand.New(rand.NewSource(seed))
	var words []string
	for _, table := range []string{lex2, lex3, lex4} {
		words = append(words, strings.Fields(table)...)
	}
	fillers := []string{"的", "和", "在", "为", "对", "与", "及"}
	var b strings.Builder
	for b.Len() < n {
		k := 4 + rng.Intn(12)
		for i := 0; i < k; i++ {
			switch rng.Intn(10) {
			case 0:
				b.WriteString(fillers[rng.Intn(len(fillers))])
			case 1:
				b.WriteString([]string{"，", "、"}[rng.Intn(2)])
			case 2:
				b.WriteString(strings.Repeat("1234567890", 1)[:1+rng.Intn(3)] + []string{"项", "个", "%", "家"}[rng.Intn(4)])
			default:
				b.WriteString(words[rng.Intn(len(words))])
			}
		}
		b.WriteString("。")
		if rng.Intn(5) == 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// editText changes about one sentence in fifty of s: a word replaced, a
// number changed or a sentence inserted.
func editText(seed int64, s string) string {
	rng := rand.New(rand.NewSource(seed))
	sents := strings.SplitAfter(s, "。")
	for i := range sents {
		if rng.Intn(50) != 0 {
			continue
		}
		switch rng.Intn(3) {
		case 0:
			sents[i] = strings.Replace(sents[i], "项", "个", 1)
		case 1:
			sents[i] = "新增" + sents[i]
		default:
			sents[i] += genText(int64(i), 40)
		}
	}
	return strings.Join(sents, "")
}

var sink []Op

func BenchmarkText(b *testing.B) {
	clauseA := "建设智慧医疗服务平台,深入开展远程会诊、远程影像、远程检验、远程机器人手术应用示范,在智慧医疗领域打造90项应用场景。"
	clauseB := "推进智慧医院建设,深入开展多渠道预约挂号、预约检查、诊间支付、检验检查自助查询共享、居民电子健康档案等应用示范,在智慧医疗领域打造一批应用场景。"
	mb := genText(1, 1<<20)
	cases := []struct{ name, a, b string }{
		{"clause", clauseA, clauseB},
		{"1MB-2pct-edited", mb, editText(2, mb)},
		{"1MB-unrelated", mb, genText(3, 1<<20)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.a) + len(c.b)))
			b.ReportAllocs()
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				sink = Text(c.a, c.b)
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

func BenchmarkTokenize(b *testing.B) {
	s := genText(1, 1<<20)
	b.SetBytes(int64(len(s)))
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		_ = tokenEnds(s, nil)
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// TestTextLarge checks the large-input paths: an edited megabyte keeps its
// common text, and two unrelated megabytes still round-trip and share some
// text rather than one whole replacement.
func TestTextLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	mb := genText(1, 1<<20)
	small := genText(1, 1<<18)
	sents := strings.SplitAfter(small, "。")
	for i, j := 0, len(sents)-1; i < j; i, j = i+1, j-1 {
		sents[i], sents[j] = sents[j], sents[i]
	}
	toks := Tokenize(strings.NewReplacer("。", "", "\n", "").Replace(small))
	shuffled := append([]string(nil), toks...)
	rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, c := range []struct {
		name     string
		a, b     string
		minEqual float64 // share of a kept as Equal
	}{
		{"edited", mb, editText(2, mb), 0.9},
		{"unrelated", mb, genText(3, 1<<20), 0.01},
		// adversarial: no moves in an edit script, so order decides
		{"reversed sentences", small, strings.Join(sents, ""), 0},
		{"shuffled tokens, one line", strings.Join(toks, ""), strings.Join(shuffled, ""), 0},
		{"repetitive", strings.Repeat("的", 1e5), strings.Repeat("的", 99990) + "了" + strings.Repeat("的", 10), 0.99},
		{"two tokens", strings.Repeat("ab ", 5e4), strings.Repeat("ba ", 5e4), 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			ops := Text(c.a, c.b)
			checkScript(t, c.a, c.b, ops)
			eq := 0
			for _, op := range ops {
				if op.Kind == Equal {
					eq += len(op.Text)
				}
			}
			if share := float64(eq) / float64(len(c.a)); share < c.minEqual {
				t.Errorf("equal share %.3f, want ≥ %.2f", share, c.minEqual)
			} else {
				t.Logf("equal share %.3f in %d ops", share, len(ops))
			}
		})
	}
}
