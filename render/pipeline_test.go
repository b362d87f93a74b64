package render

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// pipelineDiff runs a txtar's old and new documents through the real parser,
// diff engine and attribution, as repo.Diff does, with clause label paths
// standing in for clause ids.
func pipelineDiff(t *testing.T, file, path string, from, to review.Rev, comments []comment.Comment) *review.Diff {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "pipeline", file))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*clause.Document{}
	for _, f := range ar.Files {
		name := strings.TrimSuffix(f.Name, filepath.Ext(f.Name))
		d, err := clause.Parse(path, f.Data, clause.Options{})
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		docs[name] = d
	}
	res := diff.Compare(docs["old"], docs["new"], diff.Options{})
	settled := map[string]bool{}
	for _, id := range to.Resolves {
		settled[id] = true
	}
	doc := review.Attach(review.AttachInput{Path: path, Result: res, Comments: comments, Settled: settled})
	return &review.Diff{From: from, To: to, Documents: []review.Document{doc},
		Unapplied: review.Unapplied([]review.Document{doc}, comments, review.RangeStart{Revs: map[string]bool{from.Hash: true}})}
}

// anchored re-anchors a fixture comment to a clause of a pipeline document.
func anchored(c comment.Comment, doc, label string) comment.Comment {
	c.Anchor.Path = doc
	c.Anchor.ClauseID = label
	c.Anchor.Label = label
	return c
}

func pipelineWuhan(t *testing.T) *review.Diff {
	return pipelineDiff(t, "wuhan.txtar", "plan.txt", revZH1, revZH2, []comment.Comment{
		anchored(cPub1, "plan.txt", ""),
		anchored(cDep1, "plan.txt", "三/（五）/1"),
		anchored(cDep2, "plan.txt", "三/（一）/1"),
		anchored(cDep5, "plan.txt", "三/（二）/3"),
		anchored(cDep6, "plan.txt", "三/（五）/2"),
		anchored(cDep7, "plan.txt", "三/（五）/3"),
		anchored(cDep9, "plan.txt", "三/（六）"),
		anchored(cXSS, "plan.txt", "三/（五）/2"),
	})
}

func pipelineEnglish(t *testing.T) *review.Diff {
	return pipelineDiff(t, "english.txtar", "policy.md", revEN1, revEN2, []comment.Comment{
		anchored(cEN1, "policy.md", "Part 2/Article 5"),
		anchored(cEN2, "policy.md", "Part 2"),
		anchored(cEN3, "policy.md", "Part 3/Article 9"),
	})
}

// TestPipeline renders diffs that the real parser, diff engine and
// attribution produced. It checks what a reviewer must see rather than
// pinning bytes, so that improvements to the diff engine do not break it;
// the hand-built fixtures pin the bytes.
func TestPipeline(t *testing.T) {
	for _, f := range []struct {
		name string
		diff func(*testing.T) *review.Diff
		want map[string][]string // format → substrings it must contain
	}{
		{"wuhan", pipelineWuhan, map[string][]string{
			"text": {"三/（五）/1  推进智慧医疗多场景协同  [修改]", "[-90项-]{+80项+}", "意见 dep-1 · 市卫健委 · 已采纳",
				"[-形成100\n  项-]{+打造20项+}", "责任单位：+市经信局 +市发改委", "责任单位：−市科技局",
				"三/（六）/1 → 三/（六）/2  营造创新创业生态  [重新编号]", "三/（六）/1  建设人工智能特色园区  [新增]",
				"另有 1 处编辑性修改，仅格式", "未说明的修改（", "四/（二）  加强资金保障  修改", "未体现的意见（1）", "意见 dep-7 · 市城建局 · 部分采纳"},
			"markdown": {"<del>90项</del><ins>80项</ins>", "&lt;script&gt;alert(1)&lt;/script&gt;", "## 未体现的意见（1）"},
			"html":     {`<del><span class="sr">删除</span>90项</del><ins><span class="sr">新增</span>80项</ins>`, "&lt;script&gt;alert(1)&lt;/script&gt;", `<aside class="margin">`, "市卫健委"},
			"json":     {`"kind": "inserted"`, `"renumbered": true`, `"formatting_only": true`, `"editorial": true`, `"op": "delete"`, `"added": [`, `"unapplied_comments": [`},
			"table":    {"| 条款 | 修改前 | 修改后 |", "<del>90项</del>", "<ins>80项</ins>", "三/（六）/1 → 三/（六）/2", "注：未修改的条款从略。"},
		}},
		{"english", pipelineEnglish, map[string][]string{
			"text":     {"Part 2/Article 5  Reporting  [modified]", "[-12-]{+at least 6+}", "Comment en-1 · J. Smith · partially adopted", "[deleted]", "[renumbered]", "Changes no comment explains", "Comment en-3 · Treasury · adopted"},
			"markdown": {"<del>12</del><ins>at least 6</ins>", "(inserted)"},
			"html":     {`<html lang="en">`, `<del><span class="sr">deleted: </span>12</del><ins><span class="sr">inserted: </span>at least 6</ins>`},
			"json":     {`"kind": "deleted"`, `"new_label": null`, `"old_label": null`},
			"table":    {"| Clause | Before | After |", "Note: unchanged clauses are omitted."},
		}},
	} {
		d := f.diff(t)
		for format, render := range map[string]func(*bytes.Buffer) error{
			"text":     func(b *bytes.Buffer) error { return Text(b, d, Options{Width: 72}) },
			"markdown": func(b *bytes.Buffer) error { return Markdown(b, d, Options{}) },
			"html":     func(b *bytes.Buffer) error { return HTML(b, d, Options{}) },
			"json":     func(b *bytes.Buffer) error { return DiffJSON(b, d) },
			"table":    func(b *bytes.Buffer) error { return TableMarkdown(b, d, Options{}) },
		} {
			t.Run(f.name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				if err := render(&buf); err != nil {
					t.Fatal(err)
				}
				for _, want := range f.want[format] {
					want = strings.ReplaceAll(want, `\n`, "\n")
					if !strings.Contains(buf.String(), want) {
						t.Errorf("output lacks %q\n%s", want, buf.String())
					}
				}
			})
		}
	}
}
