package docx

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// Figures for the Chinese formats are those LibreOffice 7.4 shows for the
// same numbering (testdata/numfmt/, made by testdata/numfmt/make.py and
// LibreOffice's text export) and that MS-OI29500 §2.1.1338 gives for Office
// (十 for 10, 二十 for 20). Where LibreOffice maps a Word format onto one of
// its own and loses it (ideographDigital, the enclosed parentheses and
// full stops), the figure is ECMA-376 Part 1 §17.18.59's example.
func TestFormatNumber(t *testing.T) {
	cases := []struct {
		format string
		n      int
		want   string
	}{
		{"decimal", 7, "7"},
		{"decimalZero", 7, "07"},
		{"decimalZero", 27, "27"},
		{"decimalFullWidth", 12, "１２"},
		{"upperRoman", 14, "XIV"},
		{"lowerRoman", 27, "xxvii"},
		{"lowerRoman", 1000, "m"},
		{"upperLetter", 1, "A"},
		{"upperLetter", 27, "AA"},
		{"lowerLetter", 53, "aaa"},
		{"ordinal", 1, "1st"},
		{"ordinal", 11, "11th"},
		{"ordinal", 101, "101st"},
		{"cardinalText", 101, "One hundred one"},
		{"cardinalText", 27, "Twenty-seven"},
		{"ordinalText", 20, "Twentieth"},
		{"ordinalText", 3, "Third"},
		{"decimalEnclosedCircle", 1, "①"},
		{"decimalEnclosedCircle", 20, "⑳"},
		{"decimalEnclosedCircle", 21, "㉑"},
		{"decimalEnclosedCircle", 99, "99"},
		{"decimalEnclosedParen", 3, "⑶"},
		{"decimalEnclosedFullstop", 3, "⒊"},
		{"chineseCounting", 1, "一"},
		{"chineseCounting", 10, "十"},
		{"chineseCounting", 11, "十一"},
		{"chineseCounting", 19, "十九"},
		{"chineseCounting", 20, "二十"},
		{"chineseCounting", 99, "九十九"},
		{"chineseCounting", 100, "一百"},
		{"chineseCounting", 101, "一百零一"},
		{"chineseCounting", 110, "一百一十"},
		{"chineseCounting", 111, "一百一十一"},
		{"chineseCounting", 1000, "一千"},
		{"chineseCounting", 1001, "一千零一"},
		{"chineseCounting", 1010, "一千零一十"},
		{"chineseCounting", 10000, "一万"},
		{"chineseCountingThousand", 10, "十"},
		{"chineseCountingThousand", 101, "一百零一"},
		{"chineseLegalSimplified", 10, "壹拾"},
		{"chineseLegalSimplified", 11, "壹拾壹"},
		{"chineseLegalSimplified", 20, "贰拾"},
		{"chineseLegalSimplified", 101, "壹佰零壹"},
		{"chineseLegalSimplified", 1000, "壹仟"},
		{"ideographLegalTraditional", 20, "貳拾"},
		{"ideographDigital", 10, "一〇"},
		{"ideographDigital", 102, "一〇二"},
		{"ideographTraditional", 1, "甲"},
		{"ideographTraditional", 10, "癸"},
		{"ideographTraditional", 11, "11"},
		{"ideographZodiac", 12, "亥"},
		{"none", 3, ""},
		{"bullet", 3, "3"},
		{"somethingNew", 5, "5"},
	}
	for _, c := range cases {
		if got := FormatNumber(c.format, c.n); got != c.want {
			t.Errorf("FormatNumber(%s, %d) = %q, want %q", c.format, c.n, got, c.want)
		}
	}
}

// TestFormatNumberAgainstLibreOffice compares FormatNumber with the labels
// LibreOffice 7.4 rendered for the same numbering (testdata/numfmt). Only
// the formats LibreOffice imports as themselves are compared: it reads
// ideographDigital as counting, ideographTraditional and ideographZodiac
// only to 10 and 12, and the enclosed parentheses and full stops as plain
// decimal, where Word does not.
func TestFormatNumberAgainstLibreOffice(t *testing.T) {
	b, err := os.ReadFile("testdata/numfmt/libreoffice.txt")
	if err != nil {
		t.Fatal(err)
	}
	same := map[string]bool{
		"chineseCounting": true, "chineseCountingThousand": true, "chineseLegalSimplified": true,
		"taiwaneseCounting": true, "taiwaneseCountingThousand": true, "ideographLegalTraditional": true,
		"japaneseCounting": true, "upperLetter": true, "lowerRoman": true, "decimalZero": true,
		"cardinalText": true, "ordinal": true,
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimPrefix(string(b), "\ufeff"), "\n") {
		label, rest, ok := strings.Cut(strings.TrimSpace(line), "| ")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || !same[f[0]] {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		if got := FormatNumber(f[0], n); got != label {
			t.Errorf("FormatNumber(%s, %d) = %q, LibreOffice shows %q", f[0], n, got, label)
		}
		checked++
	}
	if checked < 150 {
		t.Fatalf("compared %d labels; the fixture lost lines", checked)
	}
}
