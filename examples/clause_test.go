package examples_test

// These tests read the examples through the clause parser and the comment
// importer. They live in the external test package: the examples package
// itself imports nothing of redline (internal/layers).

import (
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/examples"
)

func readFS(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(examples.FS(), name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parse parses one file of an example.
func parse(t *testing.T, name string) *clause.Document {
	t.Helper()
	src := readFS(t, name)
	doc, err := clause.Parse(name, src, clause.Options{})
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	if doc.String() != string(src) {
		t.Fatalf("%s: the parsed document does not reproduce its source", name)
	}
	if len(doc.Clauses()) == 0 {
		t.Fatalf("%s: no clauses found", name)
	}
	return doc
}

// records imports an example's comment file.
func records(t *testing.T, ex examples.Example) []comment.Record {
	t.Helper()
	recs, err := comment.Import(ex.Comments, readFS(t, ex.Comments))
	if err != nil {
		t.Fatalf("import %s: %v", ex.Comments, err)
	}
	return recs
}

// TestCommentsAnchor checks that every comment's 条款 names a clause of the
// revision the comments are made on, and that its 原文 is in that clause's
// own text (its marker, lead phrase, body and responsibility trailer).
func TestCommentsAnchor(t *testing.T) {
	for _, ex := range examples.All() {
		t.Run(ex.Name, func(t *testing.T) {
			rev := ex.Revisions[ex.CommentsAfter]
			for path, file := range rev.Files {
				doc := parse(t, file)
				for _, r := range records(t, ex) {
					if r.Clause == "" {
						continue
					}
					n := doc.Find(r.Clause)
					if n == nil {
						t.Errorf("%s: %s: no clause %q in %s", r.Comment.ID, path, r.Clause, file)
						continue
					}
					if clause.NormLabel(n.Path()) != clause.NormLabel(r.Clause) {
						t.Errorf("%s: 条款 %q found as %q; labels are the full numbering path", r.Comment.ID, r.Clause, n.Path())
					}
					if q := r.Comment.Anchor.Exact; q != "" && !strings.Contains(n.Text(), q) {
						t.Errorf("%s: 原文 %q is not in clause %s: %q", r.Comment.ID, q, r.Clause, n.Text())
					}
				}
			}
		})
	}
}

// TestWuhanImport checks the comment file as the importer reads it: 14
// comments in the report's order and sections, with its dispositions.
func TestWuhanImport(t *testing.T) {
	recs := records(t, examples.Wuhan())
	if len(recs) != 14 {
		t.Fatalf("%d comments, want 14", len(recs))
	}
	want := map[string]comment.Status{
		"P1": comment.Adopted, "P2": comment.Adopted, "P3": comment.Partial, "P4": comment.Partial, "P5": comment.Partial,
		"D1": comment.Adopted, "D2": comment.Adopted, "D3": comment.Adopted, "D4": comment.Adopted, "D5": comment.Adopted,
		"D6": comment.Adopted, "D7": comment.Adopted, "D8": comment.Adopted, "D9": comment.Adopted,
	}
	for i, r := range recs {
		c := r.Comment
		if i < 5 != strings.HasPrefix(c.ID, "P") {
			t.Errorf("row %d: %s out of the report's order", r.Row, c.ID)
		}
		if c.Status != want[c.ID] {
			t.Errorf("%s: status %q, want %q", c.ID, c.Status, want[c.ID])
		}
		if c.By == "" || c.Text == "" || c.Group == "" {
			t.Errorf("%s: by %q, text %q, group %q: all required", c.ID, c.By, c.Text, c.Group)
		}
	}
	if got := recs[5].Comment.Response; got != "根据市政府专题会要求,与市卫健委协商一致,调整为在智慧领域打造80项应用场景" {
		t.Errorf("D1 response %q", got)
	}
}

// TestWuhanClauses pins the clauses of DOMAIN.md's worked examples in both
// drafts: their titles, their labels (the talent clause renumbered by the
// inserted 生态 item) and their responsibility trailers.
func TestWuhanClauses(t *testing.T) {
	draft := parse(t, "wuhan-ai-pilot/征求意见稿.md")
	settled := parse(t, "wuhan-ai-pilot/送审稿.md")
	tests := []struct {
		doc          *clause.Document
		label, title string
		units        []string // nil: not checked
	}{
		{draft, "三/（五）/2", "推进智慧医疗多场景协同", nil},
		{settled, "三/（五）/2", "推进智慧医疗多场景协同", nil},
		{draft, "三/（一）/1", "加强人工智能技术创新", []string{"市科技局"}},
		{settled, "三/（一）/1", "加强人工智能技术创新", []string{"市科技局", "市经信局", "市发改委"}},
		{draft, "三/（二）/4", "实施数据伙伴计划", []string{"市政务数据大数据局", "市科技局", "市经信局", "市发改委"}},
		{settled, "三/（二）/4", "实施数据伙伴计划", []string{"市政务数据大数据局", "市经信局", "市发改委"}},
		{draft, "三/（五）/4", "推进智能建造自主可控", []string{"市城建局", "市自然资源和规划局"}},
		{settled, "三/（五）/4", "推进智能建造自主可控", []string{"市城建局", "市自然资源和规划局", "市公安局", "市民政局", "市房管局", "市市场监督管理局"}},
		{draft, "三/（六）/1", "打造人工智能产业创新生态", nil},
		{settled, "三/（六）/1", "构建人工智能创新生态系统", nil},
		{settled, "三/（六）/2", "打造人工智能产业创新生态", nil},
		{draft, "三/（六）/3", "强化多层次人才服务支撑", []string{"市人才工作局", "市科技局", "市教育局", "市人社局", "各区人民政府"}},
		{settled, "三/（六）/4", "强化多层次人才服务支撑", []string{"市经信局", "市人才工作局", "市科技局", "市教育局", "市人社局", "各区人民政府"}},
		{settled, "三/（六）/6", "加强人工智能安全治理", nil},
		{draft, "二/（一）/4", "打造人工智能生态", nil},
		{draft, "三/(五)/2.", "推进智慧医疗多场景协同", nil}, // labels match regardless of width and separators
	}
	for _, tt := range tests {
		name := tt.doc.Name + ":" + tt.label
		t.Run(name, func(t *testing.T) {
			n := tt.doc.Find(tt.label)
			if n == nil {
				t.Fatalf("no clause %s", tt.label)
			}
			if clause.NormLabel(n.Path()) != clause.NormLabel(tt.label) {
				t.Errorf("found as %q; want the full numbering path %q", n.Path(), tt.label)
			}
			if n.Title != tt.title {
				t.Errorf("title %q, want %q", n.Title, tt.title)
			}
			if tt.units == nil {
				return
			}
			var got []string
			for _, u := range n.Units {
				got = append(got, u.Name)
			}
			if !slices.Equal(got, tt.units) {
				t.Errorf("units %q, want %q", got, tt.units)
			}
		})
	}
	if n := settled.Find("三/（六）/7"); n != nil {
		t.Errorf("the 送审稿's 三/（六） has six items, found a seventh: %q", n.Text())
	}
}

// TestEnglishClauses checks the English act's numbering: Articles, their
// decimal paragraphs and (a)/(i) lists, renumbered by the inserted Article 4.
func TestEnglishClauses(t *testing.T) {
	d1 := parse(t, "english-act/draft-01.md")
	d2 := parse(t, "english-act/draft-02.md")
	for _, tt := range []struct {
		doc          *clause.Document
		label, quote string
	}{
		{d1, "Article 3/3.2/(b)/(ii)", "a third party holds rights in them"},
		{d1, "Article 4/4.1", "high-performance computing"},
		{d2, "Article 4/4.1", "innovation ecosystem"},
		{d2, "Article 5/5.1", "high-performance computing"},
		{d1, "Article 5/5.1/(a)", "90 scenarios"},
		{d2, "Article 6/6.1/(a)", "80 scenarios"},
		{d2, "Article 7/7.1", "ten thousand algorithm engineers"},
		{d2, "Article 8/8.2", "expires at the end of 2026"},
	} {
		t.Run(tt.doc.Name+":"+tt.label, func(t *testing.T) {
			n := tt.doc.Find(tt.label)
			if n == nil {
				t.Fatalf("no clause %s", tt.label)
			}
			if n.Path() != tt.label {
				t.Errorf("found as %q; want the full numbering path", n.Path())
			}
			if !strings.Contains(n.Text(), tt.quote) {
				t.Errorf("%q not in %q", tt.quote, n.Text())
			}
		})
	}
}
