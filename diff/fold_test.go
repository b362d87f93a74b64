package diff

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"（一）实施计划，每年１０项；", "(一)实施计划,每年10项;"},
		{"ＡＩ！？：", "AI!?:"},
		{"打造 80项\u3000应用 场景", "打造80项应用场景"},
		{"在智能建造\u200b领域\ufeff打造", "在智能建造领域打造"},
		{"line one\r\nline two", "line one line two"},
		{"red  fox\t jumps", "red fox jumps"},
		{"  1. 推进 ", "1.推进"},
		{"1．推进", "1.推进"},
		{"￥100", "¥100"},
		{"市科技局、市经信局", "市科技局、市经信局"}, // 、 is not a comma
		{"建成先导区。", "建成先导区。"},       // 。 is not a full stop
		{"“数据”", "“数据”"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormattingOnly(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"（一）实施计划，每年１０项。", "(一)实施计划,每年10项。", true},
		{"在智能建造领域打造 80项应用场景。\r\n", "在智能建造领域打造80项\u200b应用场景。\n", true},
		{"Article 5.  The Commission", "Article 5. The Commission", true},
		{"same", "same", false}, // no difference at all
		{"市科技局、市经信局", "市科技局,市经信局", false}, // 、 vs , is substance
		{"建成先导区。", "建成先导区.", false},
		{"打造90项", "打造80项", false},
		{"red fox", "redfox", false}, // a space between Latin words is content
	}
	for _, tt := range tests {
		t.Run(tt.a, func(t *testing.T) {
			if got := FormattingOnly(tt.a, tt.b); got != tt.want {
				t.Errorf("FormattingOnly(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestFoldComposes: what folding puts next to a combining mark or a
// conjoining jamo composes with it, so one more fold changes nothing.
func TestFoldComposes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Ａ\u0301", "Á"},            // full-width A + combining acute
		{"ｶﾞ", "ガ"},                 // half-width katakana + half-width voiced mark
		{"カ \u3099", "ガ"},           // a space dropped before a combining mark
		{"\u1100\u200b\u1161", "가"}, // a zero-width space dropped between jamo
		{"\xe6;", "\ufffd;"},
		{"\xe6\u037e", "\ufffd;"}, // NFC reaches past a byte that is not UTF-8 (Greek question mark → ;)
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !foldEqual(tt.in, tt.want) {
			t.Errorf("foldEqual(%q, %q) = false", tt.in, tt.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"（一）１０项", "a \u3000 b", "打造 80项", "\u200b\r\n", "Ａ\u0301", "ｶﾞ", "\u1100\u200b\u1161"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Fatalf("Fold is not idempotent: %q → %q → %q (%x %x %x)", s, once, twice, s, once, twice)
		}
	})
}

func FuzzFoldEqual(f *testing.F) {
	f.Add("打造 80项", "打造80项")
	f.Add("a\x00 b", "a \x00b")
	f.Add("（一）１０项", "(一)10项")
	f.Add("red  fox", "red fox\u200b")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := foldEqual(a, b), Fold(a) == Fold(b); got != want {
			t.Fatalf("foldEqual(%q, %q) = %v; Fold gives %q and %q", a, b, got, Fold(a), Fold(b))
		}
	})
}

// NFC against NFD is formatting: the same words saved by another program.
func TestFormattingOnlyNFD(t *testing.T) {
	for _, s := range []string{"ab März", "Übergangsbestimmungen für Ärzte", "한국어 문장"} {
		d := norm.NFD.String(s)
		if d == s {
			t.Fatalf("%q has no NFD form", s)
		}
		if !FormattingOnly(s, d) || !FormattingOnly(d, s) || Fold(s) != Fold(d) {
			t.Errorf("%q against its NFD form: not formatting only", s)
		}
	}
	if FormattingOnly("ab März", "ab Marz") {
		t.Errorf("a dropped umlaut is formatting only")
	}
}

// nfc agrees with the normaliser, quick path or not.
func TestNFC(t *testing.T) {
	for _, s := range []string{"第一条　为了规范，制定“本办法”…—", "ab März", norm.NFD.String("ab März"), "か\u3099", "\u2000x", "ＡＢＣ１２３", "\uf9d1", "한국어"} {
		if got, want := nfc(s), norm.NFC.String(s); got != want {
			t.Errorf("nfc(%q) = %q, want %q", s, got, want)
		}
	}
}
