package diff

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"在智慧医疗领域打造90项应用场景", "在|智慧|医疗|领域|打造|90项|应用|场景"},
		{"不少于20项", "不少于|20项"},
		{"20个以上", "20个|以上"},
		{"超过1500PFLOPS,其中高性能算力比例超过60%", "超过|1500PFLOPS|,|其中|高性能|算力|比例|超过|60%"},
		{"组建总规模100亿的基金", "组建|总|规模|100亿|的|基金"},
		{"3.5万人次、1,500元、１２项、60％", "3.5万人次|、|1,500元|、|１２项|、|60％"},
		{"吸引十个院士团队落地", "吸引|十个|院士|团队|落地"},
		{"引聚百名产业优秀人才,培养万名算法工程师", "引聚|百名|产业|优秀|人才|,|培养|万名|算法|工程师"},
		{"打造一批应用场景", "打造|一批|应用|场景"},
		{"二十多个团队和100余家企业", "二十多个|团队|和|100余家|企业"},
		{"一是统一标准", "一是|统|一|标准"},
		{"第三部分第十二条第3章", "第三部分|第十二条|第3章"},
		{"研发具有重大影响力的垂直行业大模型解决方案10个", "研发|具有|重大|影响力|的|垂直|行业|大模型|解决方案|10个"},
		{"硚口区D+M小镇", "硚口区|D|+|M|小镇"},
		{"The Member States’ rights don't  change.", "The| |Member| |States|’| |rights| |don't|  |change|."},
		{"5G GB18030 x86", "5G| |GB18030| |x86"},
		{"（一）１．\u3000\r\n", "（|一|）|１|．|\u3000\r\n"},
		{"\xff\xfe一", "\xff|\xfe|一"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := strings.Join(Tokenize(tt.in), "|"); got != tt.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

// TestLexiconTables checks what the lookups assume: fixed-width records of
// Han characters, each followed by a space, sorted and unique; lexPairs knows
// the two-character prefixes of the longer words.
func TestLexiconTables(t *testing.T) {
	prefixes := map[string]bool{}
	for k, table := range map[int]string{2: lex2, 3: lex3, 4: lex4, 5: lex5, 7: lex7} {
		rec := 3*k + 1
		if len(table)%rec != 0 {
			t.Fatalf("lex%d: length %d is not a multiple of %d", k, len(table), rec)
		}
		prev := ""
		for i := 0; i < len(table); i += rec {
			w := table[i : i+rec-1]
			if table[i+rec-1] != ' ' || utf8.RuneCountInString(w) != k {
				t.Fatalf("lex%d: bad record %q", k, table[i:i+rec])
			}
			for _, r := range w {
				if !isHan(r) || utf8.RuneLen(r) != 3 {
					t.Fatalf("lex%d: %q is not made of 3-byte Han characters", k, w)
				}
			}
			if w <= prev {
				t.Fatalf("lex%d: %q after %q: not sorted or not unique", k, w, prev)
			}
			prev = w
			if !lexHas(w) {
				t.Errorf("lexHas(%q) = false", w)
			}
			if k > 2 {
				prefixes[w[:6]] = true
			}
		}
	}
	for p := range prefixes {
		if lexPair(p)&2 == 0 {
			t.Errorf("lexPair(%q) misses the start of a longer word", p)
		}
	}
	if lexHas("智慧医") || lexHas("") || lexHas("ab") {
		t.Error("lexHas accepts a non-word")
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "不少于20项", "1,500.5万元以上", "第十二条之一", "don't 5G GB18030", "１２３４项\u3000\u200b", "\xff\xfe一", "十个人才"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		var b strings.Builder
		for _, tok := range toks {
			if tok == "" {
				t.Fatalf("empty token in %q", toks)
			}
			if utf8.ValidString(s) && !utf8.ValidString(tok) {
				t.Fatalf("token %q splits a character", tok)
			}
			b.WriteString(tok)
		}
		if b.String() != s {
			t.Fatalf("tokens %q do not spell %q", toks, s)
		}
	})
}
