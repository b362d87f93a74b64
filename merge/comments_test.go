package merge

import (
	"fmt"
	"testing"

	"github.com/redline-docs/redline/comment"
)

func TestComments(t *testing.T) {
	c := func(id, by, text string, st comment.Status, resp string) comment.Comment {
		return comment.Comment{ID: id, By: by, Text: text, Status: st, Response: resp}
	}
	base := map[string]comment.Comment{
		"C1": c("C1", "市卫健委", "建议调整", comment.Pending, ""),
		"C2": c("C2", "市科技局", "建议细化", comment.Pending, ""),
		"C3": c("C3", "市数据局", "建议删除", comment.Pending, ""),
		"C4": c("C4", "市经信局", "建议合并", comment.Pending, ""),
		"C5": c("C5", "市财政局", "建议补充", comment.Pending, ""),
	}
	ours := map[string]comment.Comment{
		"C1":    c("C1", "市卫健委", "建议调整", comment.Adopted, "已修改"),   // disposition on ours
		"C2":    c("C2", "市科技局", "建议细化", comment.Adopted, "已采纳"),   // disposition on both, differently
		"C3":    c("C3", "市数据局", "建议删除", comment.Pending, ""),      // deleted by theirs, untouched here
		"C5":    c("C5", "市财政局", "建议补充", comment.Rejected, "另行规定"), // same on both
		"C7-ab": c("C7-ab", "甲", "新意见", comment.Pending, ""),       // added by ours
		"意见9":   c("意见9", "甲", "一条意见", comment.Pending, ""),        // imported on both, different
	}
	theirs := map[string]comment.Comment{
		"C1":    c("C1", "市卫健委", "建议调整", comment.Pending, ""),
		"C2":    c("C2", "市科技局", "建议细化", comment.Rejected, "不予采纳"),
		"C4":    c("C4", "市经信局", "建议合并", comment.Partial, "部分采纳"), // deleted by ours, changed here
		"C5":    c("C5", "市财政局", "建议补充", comment.Rejected, "另行规定"),
		"C7-cd": c("C7-cd", "乙", "新意见", comment.Pending, ""),
		"意见9":   c("意见9", "乙", "另一条意见", comment.Pending, ""),
	}
	got, conflicts := Comments(base, ours, theirs)
	var ids []string
	for id := range got {
		ids = append(ids, id)
	}
	if len(got) != 7 {
		t.Errorf("merged ids %v, want C1 C2 C4 C5 C7-ab C7-cd 意见9", ids)
	}
	if _, ok := got["C3"]; ok {
		t.Error("C3, deleted by theirs and untouched by ours, is back")
	}
	if got["C1"].Status != comment.Adopted || got["C1"].Response != "已修改" {
		t.Errorf("C1 = %+v, want ours' disposition", got["C1"])
	}
	if got["C5"].Status != comment.Rejected {
		t.Errorf("C5 = %+v", got["C5"])
	}
	want := []string{
		"C2 status adopted|rejected false",
		"C2 response 已采纳|不予采纳 false",
		"C4  |市经信局: 建议合并 false",
		"意见9  甲: 一条意见|乙: 另一条意见 true",
	}
	if len(conflicts) != len(want) {
		t.Fatalf("conflicts %+v", conflicts)
	}
	for i, c := range conflicts {
		if s := fmt.Sprintf("%s %s %s|%s %v", c.ID, c.Field, c.Ours, c.Theirs, c.Collision); s != want[i] {
			t.Errorf("conflict %d = %q, want %q", i, s, want[i])
		}
	}
}
