package clause

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks what must hold for every input: no panic, a typed error
// or a tree, the text rebuilt from it (Rebuild) == input, offsets nested and in bounds, children
// ordered and not overlapping, the depth limit kept, Text() and labels safe,
// and the binary form (AppendBinary) decoding to the very same tree.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.*")
	for _, file := range files {
		if strings.HasSuffix(file, ".golden") {
			continue
		}
		if src, err := os.ReadFile(file); err == nil {
			f.Add(filepath.Base(file), src, 0)
		}
	}
	seeds := []string{
		"",
		"\n",
		"一、\n（一）\n1.\n（1）\n①",
		"第一条\u3000a\n第一条之一\u3000b\n第二条\n第十二条的规定",
		"# a\n## b\n### c\n1. x\n   - y\n      - z\n",
		"---\nx: 1\n---\n# t\n",
		"(a) x\n(i) y\n(ii) z\n(b) w\n(h) q\n(i) r\n",
		"Article 1\nPart I — X\nSection 2.\nArticle 5a\n§ 3\n",
		"2.3 x\n2.3.1 y\n2.3.2 z\n2.4 w\n",
		"\uFEFF\u200b一、\u3000x\r\n（一）y\r\n\f— 3 —\r\n第 3 页 共 20 页\n",
		"1.a。（责任单位：市科技局、(牵头)、）\n2.b（牵头单位:x;配合单位:y，z）",
		"（（（（（）））））\n）",
		"附件1：\n附则\n目录\n第一章 a\n第一章 a\n",
		"# 、\n",
		"# \uFEFF\n",
		"第二条 本条例所称的\n数据，是指记录。\n第六条 有下列行为之一的：\n（一）甲；\n（二）乙；\n前款。\n（三）下列：\n甲；\n",
		"第七条\n立法目的\n第八条 a（b）\nc（d。）\n（）)\n((（\n第九条规定\n附件\n",
	}
	for _, s := range seeds {
		f.Add("seed.txt", []byte(s), 0)
		f.Add("seed.md", []byte(s), 3)
	}
	f.Fuzz(func(t *testing.T, name string, src []byte, depth int) {
		if depth < 0 || depth > 40 {
			depth = 0
		}
		d, err := Parse(name, src, Options{MaxDepth: depth})
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not *Error", err)
			}
			if !errors.Is(err, ErrBinary) && !errors.Is(err, ErrNotUTF8) && !errors.Is(err, ErrTooDeep) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			if errors.Is(err, ErrNotUTF8) == utf8.Valid(src) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrTooDeep) {
				t.Fatalf("ErrNotUTF8 mismatch: %v", err)
			}
			return
		}
		if got := d.Rebuild(); got != string(src) {
			t.Fatalf("the text rebuilt from the tree differs from the input:\n%q\n%q", got, src)
		}
		max := depth
		if max == 0 {
			max = 32
		}
		checkFuzzTree(t, d, max)
		roundTrip(t, d) // the binary form decodes to the same tree
	})
}

func checkFuzzTree(t *testing.T, d *Document, max int) { checkDecodedTree(t, d, max, true) }

// checkDecodedTree is checkFuzzTree; wantUTF8 false leaves out the check that
// texts and labels are valid UTF-8 (a decoded document's texts are what
// the encoding holds: its checksum, not the decoder, vouches for them).
func checkDecodedTree(t *testing.T, d *Document, max int, wantUTF8 bool) {
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		if depth > max {
			t.Fatalf("depth %d > %d", depth, max)
		}
		if !(0 <= n.Start && n.Start <= n.HeadEnd && n.HeadEnd <= n.End && n.End <= len(d.Src)) {
			t.Fatalf("bad offsets %d %d %d (len %d)", n.Start, n.HeadEnd, n.End, len(d.Src))
		}
		if len(n.Units) > 0 && !(n.Start <= n.UnitsStart && n.UnitsStart <= n.UnitsEnd && n.UnitsEnd <= n.End) {
			t.Fatalf("units [%d,%d) outside [%d,%d)", n.UnitsStart, n.UnitsEnd, n.Start, n.End)
		}
		if n.Doc() != d {
			t.Fatal("Doc() not set")
		}
		_, _, _, _ = n.Text(), n.Body(), n.Path(), n.FullText()
		if wantUTF8 && (!utf8.ValidString(n.Text()) || !utf8.ValidString(n.Label())) {
			t.Fatal("invalid UTF-8 in text or label")
		}
		prev := n.HeadEnd
		for _, c := range n.Children {
			if c.Parent != n || c.Start < prev || c.End > n.End || c.Start > c.End {
				t.Fatalf("child [%d,%d) bad under [%d,%d) after %d", c.Start, c.End, n.Start, n.End, prev)
			}
			prev = c.End
			walk(c, depth+1)
		}
	}
	walk(d.Root, 0)
	for i, n := range d.Clauses() {
		if i == 20 {
			break // Find is linear: checking every clause would be quadratic
		}
		if d.Find(n.Path()) == nil {
			t.Fatalf("Find(%q) = nil", n.Path())
		}
	}
}
