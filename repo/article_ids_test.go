package repo

import (
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// An article of one paragraph that gains a second keeps its id; its text
// does not hand the id to the article's new first 款 (the shortcut of
// a shortcut that paired the clauses by their text alone would).
func TestArticleGainsParagraphKeepsID(t *testing.T) {
	const name = "law.md"
	old := "# 刑法\n\n第一百六十四条　为谋取不正当利益，给予财物，数额较大的，处三年以下有期徒刑。\n\n" +
		"第一百六十五条　国有公司、企业的董事、经理利用职务便利，获取非法利益，数额巨大的，处三年以下有期徒刑或者拘役。\n\n" +
		"第一百六十六条　国有公司、企业、事业单位的工作人员，使国家利益遭受重大损失的，处三年以下有期徒刑或者拘役。\n"
	neu := "# 刑法\n\n第一百六十四条　为谋取不正当利益，给予财物，数额较大的，处三年以下有期徒刑。\n\n" +
		"第一百六十五条　国有公司、企业的董事、经理利用职务便利，获取非法利益，数额巨大的，处三年以下有期徒刑或者拘役。\n\n" +
		"其他公司、企业的董事、监事、高级管理人员实施前款行为的，依照前款的规定处罚。\n\n" +
		"第一百六十六条　国有公司、企业、事业单位的工作人员，使国家利益遭受重大损失的，处三年以下有期徒刑或者拘役。\n"
	odoc, err := parseDoc(name, []byte(old))
	if err != nil {
		t.Fatal(err)
	}
	ndoc, err := parseDoc(name, []byte(neu))
	if err != nil {
		t.Fatal(err)
	}
	prev := deriveIDs(name, plumbing.ZeroHash, odoc, nil)
	blob := plumbing.ComputeHash(plumbing.BlobObject, []byte(neu))
	oldID := map[string]string{}
	for i, n := range prev.node {
		oldID[n.Path()] = prev.ids[i]
	}
	{
		ids := alignIDs(name, blob, prev, ndoc)
		got := map[string]string{}
		for i, n := range ndoc.Clauses() {
			got[n.Path()] = ids[i]
		}
		if got["第一百六十五条"] != oldID["第一百六十五条"] {
			t.Errorf("第一百六十五条 has id %s, want the old article's %s (its first 款 has %s)", got["第一百六十五条"], oldID["第一百六十五条"], got["第一百六十五条/第一款"])
		}
		if got["第一百六十六条"] != oldID["第一百六十六条"] {
			t.Error("第一百六十六条 lost its id")
		}
	}
}
