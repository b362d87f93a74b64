package render

import (
	"archive/zip"
	"bytes"
	"github.com/redline-docs/redline/internal/corpustest"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/docx"
	"github.com/redline-docs/redline/examples"
	"github.com/redline-docs/redline/review"
)

// docxCase is a pair of texts the Word redline must reproduce exactly.
type docxCase struct {
	name, path string
	old, new   []byte
	comments   []comment.Comment
	resolves   []string
}

func docxCases(t *testing.T) []docxCase {
	t.Helper()
	read := func(name string) []byte {
		b, err := fs.ReadFile(examples.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []docxCase{
		{name: "wuhan", path: "plan.md", old: read("wuhan-ai-pilot/征求意见稿.md"), new: read("wuhan-ai-pilot/送审稿.md"),
			comments: []comment.Comment{
				anchored(cDep1, "plan.md", "三/（五）/1"),
				anchored(cDep6, "plan.md", "三/（五）/2"),
			}, resolves: []string{cDep1.ID, cDep6.ID}},
		{name: "edges", path: "act.txt",
			old: []byte("Removed first line\r\nArticle 1 Keep\ttabbed.\r\nArticle 2 Old words here.\r\nLast line goes"),
			new: []byte("Article 1 Keep\ttabbed.\r\nArticle 2 New words here.\r\nArticle 3 Added & <escaped> \"text\".\r\n")},
	}
	// A new article with its 款 and 项, and a deleted one: one change
	// each, so one Word comment each, over the whole article.
	cases = append(cases, docxCase{name: "whole", path: "law.txt",
		old: []byte("第一条 为了规范数据管理，制定本条例。\n第二条 档案馆应当定期开放馆藏档案：\n（一）一般档案满二十五年开放；\n（二）经济档案可以提前开放。\n涉密档案的开放，另行规定。\n"),
		new: []byte("第一条 为了规范数据管理，制定本条例。\n第三条 有下列情形之一的，由主管部门责令改正：\n（一）未按规定报送数据的；\n（二）拒绝监督检查的。\n有前款第一项情形，情节严重的，处一万元以上十万元以下罚款。\n")})
	if corpus := corpustest.Optional(t); corpus != "" {
		law := filepath.Join(corpus, "cn-law", "fapiao-guanli-banfa")
		a, errA := os.ReadFile(filepath.Join(law, "2019-03-02.md"))
		b, errB := os.ReadFile(filepath.Join(law, "2023-07-20.md"))
		if errA != nil || errB != nil {
			t.Fatalf("the corpus is missing a law: %v %v", errA, errB)
		}
		cases = append(cases, docxCase{name: "fapiao", path: "fapiao.md", old: a, new: b})
	}
	return cases
}

func (c docxCase) diff(t *testing.T) *review.Diff {
	t.Helper()
	od, err := clause.Parse(c.path, c.old, clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	nd, err := clause.Parse(c.path, c.new, clause.Options{})
	if err != nil {
		t.Fatal(err)
	}
	settled := map[string]bool{}
	for _, id := range c.resolves {
		settled[id] = true
	}
	doc := review.Attach(review.AttachInput{Path: c.path, Result: diff.Compare(od, nd, diff.Options{}),
		Comments: c.comments, Settled: settled})
	to := review.Rev{Hash: "b2", Author: "起草组 <d@example.gov>", Date: time.Date(2023, 10, 20, 9, 30, 0, 0, time.UTC)}
	return &review.Diff{From: review.Rev{Hash: "a1"}, To: to, Documents: []review.Document{doc}}
}

// lines is a text as a reader compares it: line endings unified, one
// trailing newline.
func lines(b []byte) string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	return strings.TrimRight(s, "\n") + "\n"
}

func TestDiffDocxAcceptAndReject(t *testing.T) {
	for _, c := range docxCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := DiffDocx(&out, c.diff(t), Options{}); err != nil {
				t.Fatal(err)
			}
			d, err := docx.Read(out.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			// Word keeps a last paragraph, emptied when it was deleted.
			if got, want := lines([]byte(d.Text())), lines(c.new); got != want {
				t.Errorf("accept all: not the new text\n got: %.300q\nwant: %.300q", got, want)
			}
			if got, want := lines([]byte(d.Rejected())), lines(c.old); got != want {
				t.Errorf("reject all: not the old text\n got: %.300q\nwant: %.300q", got, want)
			}
			checkPackage(t, out.Bytes())
			if c.name == "wuhan" {
				var notes []string
				for _, n := range d.Comments {
					notes = append(notes, n.Text)
				}
				all := strings.Join(notes, "\n")
				for _, want := range []string{cDep6.By, cDep6.Response, "无对应意见"} {
					if !strings.Contains(all, want) {
						t.Errorf("no Word comment mentions %q:\n%s", want, all)
					}
				}
				for _, ch := range d.Changes {
					if ch.Author != "起草组" || ch.Date != "2023-10-20T09:30:00Z" {
						t.Fatalf("change by %q at %q, want the revision's author and date", ch.Author, ch.Date)
					}
				}
			}
			if c.name == "whole" {
				if n := len(c.diff(t).Documents[0].Changes); n != 2 || len(d.Comments) != 2 {
					t.Errorf("%d changes, %d Word comments; want 2 and 2 (one per article)", n, len(d.Comments))
				}
			}
			if dir := os.Getenv("REDLINE_DOCX_DIR"); dir != "" { // to look at the files
				os.WriteFile(filepath.Join(dir, c.name+".docx"), out.Bytes(), 0o644)
			}
			oracles(t, c, out.Bytes())
		})
	}
}

var idAttr = regexp.MustCompile(`<w:(ins|del|commentRangeStart) w:id="(\d+)"`)

// checkPackage checks what makes Word prompt for a repair: a revision id
// used twice, a comment part not related or not typed, text without
// xml:space="preserve".
func checkPackage(t *testing.T, data []byte) {
	t.Helper()
	files := unzip(t, data)
	doc := files["word/document.xml"]
	seen := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(doc, -1) {
		if seen[m[2]] {
			t.Fatalf("annotation id %s used twice", m[2])
		}
		seen[m[2]] = true
	}
	if strings.Contains(doc, "<w:t>") || strings.Contains(doc, "<w:delText>") {
		t.Error(`text without xml:space="preserve"`)
	}
	if strings.Contains(doc, "commentReference") {
		if !strings.Contains(files["word/_rels/document.xml.rels"], "comments.xml") {
			t.Error("comments part not related to the document")
		}
		if !strings.Contains(files["[Content_Types].xml"], "/word/comments.xml") {
			t.Error("comments part has no content type")
		}
	}
}

// oracles hands the file to the office programs a reviewer would use:
// pandoc and LibreOffice each accept and reject every change, and must give
// back the new and the old text. CI installs both; elsewhere a missing one
// is skipped.
func oracles(t *testing.T, c docxCase, data []byte) {
	dir := t.TempDir()
	in := filepath.Join(dir, "redline.docx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	need := func(bin string) bool {
		if _, err := exec.LookPath(bin); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (CI installs it)", bin)
			}
			t.Logf("%s not installed: oracle skipped", bin)
			return false
		}
		return true
	}
	if need("pandoc") {
		for _, mode := range []string{"accept", "reject"} {
			out, err := exec.Command("pandoc", "--track-changes="+mode, "-f", "docx", "-t", "plain", "--wrap=none", in).Output()
			if err != nil {
				t.Fatalf("pandoc %s: %v", mode, err)
			}
			want := c.new
			if mode == "reject" {
				want = c.old
			}
			if got, w := paragraphs(string(out)), paragraphs(string(want)); got != w {
				t.Errorf("pandoc --track-changes=%s:\n got: %.400q\nwant: %.400q", mode, got, w)
			}
		}
	}
	if need("soffice") && need("/usr/bin/python3") {
		for _, mode := range []string{"accept", "reject"} {
			txt := filepath.Join(dir, mode+".txt")
			cmd := exec.Command("/usr/bin/python3", filepath.Join("testdata", "docx", "accept.py"), mode, in, txt)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("LibreOffice %s: %v\n%s", mode, err, out)
			}
			got, err := os.ReadFile(txt)
			if err != nil {
				t.Fatal(err)
			}
			want := c.new
			if mode == "reject" {
				want = c.old
			}
			if g, w := paragraphs(strings.TrimPrefix(string(got), "\ufeff")), paragraphs(string(want)); g != w {
				t.Errorf("LibreOffice %s all:\n got: %.400q\nwant: %.400q", mode, g, w)
			}
		}
	}
}

// paragraphs reduces a text to its non-empty lines, trimmed: what survives
// every office program's plain-text export.
func paragraphs(s string) string {
	var out []string
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\t", " ")
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func unzip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
	}
	return files
}
