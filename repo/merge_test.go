package repo

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/redline-docs/redline/comment"
)

// A document that still holds the markers of a merge conflict is refused
// at commit, naming the file and line; once the markers are gone it commits.
func TestCommitRefusesConflictMarkers(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "plan.txt", "第一条 甲。\n第二条 乙。\n")
	commitAll(t, r, 0, "first")
	write(t, r, "plan.txt", "第一条 甲。\n<<<<<<< ours\n第二条 乙乙。\n=======\n第二条 乙丙。\n>>>>>>> theirs\n")
	_, err := r.Commit(ctx, CommitOptions{Message: "merged"})
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "plan.txt:2") {
		t.Fatalf("commit with conflict markers: %v, want ErrConflict at plan.txt:2", err)
	}
	write(t, r, "plan.txt", "第一条 甲。\n第二条 乙丙。\n")
	if _, err := r.Commit(ctx, CommitOptions{Message: "merged"}); err != nil {
		t.Fatal(err)
	}
}

// branchFrom points branch at the revision made by committing text on top
// of base, then puts HEAD's branch back at head and the work tree with it.
func branchFrom(t *testing.T, r *Repo, base, head, branch string, i int, files map[string]string) {
	t.Helper()
	name := mustHeadRef(t, r)
	setRef(t, r, name, base)
	for p, s := range files {
		write(t, r, p, s)
	}
	h := commitAll(t, r, i, "theirs")
	setRef(t, r, plumbing.NewBranchReferenceName(branch), h)
	setRef(t, r, name, head)
	for p := range files {
		b, err := r.Show(context.Background(), head, p)
		if err != nil {
			os.Remove(filepath.Join(r.Dir(), p))
			continue
		}
		write(t, r, p, string(b))
	}
}

func mustHeadRef(t *testing.T, r *Repo) plumbing.ReferenceName {
	ref, err := goGitStore(r).Reference(plumbing.HEAD)
	if err != nil {
		t.Fatal(err)
	}
	return ref.Target()
}

func setRef(t *testing.T, r *Repo, name plumbing.ReferenceName, h string) {
	if err := goGitStore(r).SetReference(plumbing.NewHashReference(name, plumbing.NewHash(h))); err != nil {
		t.Fatal(err)
	}
}

const mergeBase = `第一条 为了规范数据管理，制定本办法。
第二条 本办法适用于本市行政区域内的数据处理活动。
第三条 市数据局负责全市数据工作的统筹协调。
第四条 本办法自发布之日起施行。
`

func TestMergeBranches(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "plan.txt", mergeBase)
	base := commitAll(t, r, 0, "base")
	cb, err := r.AddComment(ctx, comment.Comment{By: "市科技局", Text: "建议增加风险评估"}, CommentOptions{Clause: "第三条"})
	if err != nil {
		t.Fatal(err)
	}
	write(t, r, "plan.txt", strings.Replace(mergeBase, "统筹协调", "统筹协调和监督管理", 1))
	ours := commitAll(t, r, 1, "ours")
	theirsText := strings.Replace(mergeBase, "第四条 本办法", "第四条 数据处理者应当定期开展风险评估。\n第五条 本办法", 1)
	branchFrom(t, r, base, ours, "theirs", 2, map[string]string{"plan.txt": theirsText})
	// The theirs branch has its own comment, added as C1 there as here.
	_ = cb

	res, err := r.Merge(ctx, "theirs", MergeOptions{Author: author, Date: at(3)})
	if err != nil {
		t.Fatalf("merge: %v (%+v)", err, res.Conflicts)
	}
	got, err := r.Show(ctx, "HEAD", "plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := "第一条 为了规范数据管理，制定本办法。\n第二条 本办法适用于本市行政区域内的数据处理活动。\n第三条 市数据局负责全市数据工作的统筹协调和监督管理。\n第四条 数据处理者应当定期开展风险评估。\n第五条 本办法自发布之日起施行。\n"
	if string(got) != want {
		t.Errorf("merged:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(res.Message, "第四条") {
		t.Errorf("message does not say what came from theirs:\n%s", res.Message)
	}
	c, err := object.GetCommit(goGitStore(r), plumbing.NewHash(res.Rev.Hash))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.ParentHashes) != 2 || c.ParentHashes[0].String() != ours {
		t.Errorf("parents %v, want ours %s first", c.ParentHashes, ours)
	}
	// The inserted clause keeps the id it had on theirs.
	ti, _ := r.revInfoOf(c.ParentHashes[1])
	td, err := r.idsAt(ti, "plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	mi, _ := r.revInfoOf(c.Hash)
	md, err := r.idsAt(mi, "plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	if md.ids[3] != td.ids[3] {
		t.Errorf("inserted clause id %s on the merge, %s on theirs", md.ids[3], td.ids[3])
	}
	fsck(t, r)
	// Merging again: nothing to do.
	if res, err := r.Merge(ctx, "theirs", MergeOptions{}); err != nil || !res.UpToDate {
		t.Errorf("second merge: %+v, %v", res, err)
	}
}

func TestMergeConflictContinueAbort(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "plan.txt", mergeBase)
	base := commitAll(t, r, 0, "base")
	write(t, r, "plan.txt", strings.Replace(mergeBase, "统筹协调", "统筹规划", 1))
	ours := commitAll(t, r, 1, "ours")
	branchFrom(t, r, base, ours, "theirs", 2, map[string]string{"plan.txt": strings.Replace(mergeBase, "统筹协调", "监督管理", 1)})

	res, err := r.Merge(ctx, "theirs", MergeOptions{Author: author, Date: at(3)})
	if !errors.Is(err, ErrConflict) || len(res.Conflicts) != 1 || res.Conflicts[0].Label != "第三条" {
		t.Fatalf("merge: %v, %+v; want one conflict on 第三条", err, res.Conflicts)
	}
	if cs, ok := r.MergeInProgress(); !ok || len(cs) != 1 {
		t.Errorf("MergeInProgress = %v, %v", cs, ok)
	}
	b, _ := os.ReadFile(filepath.Join(r.Dir(), "plan.txt"))
	if !strings.Contains(string(b), "<<<<<<< ours\n第三条 市数据局负责全市数据工作的统筹规划。\n=======\n第三条 市数据局负责全市数据工作的监督管理。\n>>>>>>> theirs") {
		t.Errorf("work tree:\n%s", b)
	}
	// Abort: back to ours.
	if err := r.MergeAbort(ctx); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(filepath.Join(r.Dir(), "plan.txt"))
	if string(b) != strings.Replace(mergeBase, "统筹协调", "统筹规划", 1) {
		t.Errorf("after abort:\n%s", b)
	}
	if _, ok := r.MergeInProgress(); ok {
		t.Error("merge still in progress after abort")
	}
	// Again, then settle and continue.
	if _, err := r.Merge(ctx, "theirs", MergeOptions{}); !errors.Is(err, ErrConflict) {
		t.Fatal(err)
	}
	if _, err := r.MergeContinue(ctx, MergeOptions{}); !errors.Is(err, ErrConflict) {
		t.Errorf("continue with markers left: %v", err)
	}
	settled := strings.Replace(mergeBase, "统筹协调", "统筹规划和监督管理", 1)
	write(t, r, "plan.txt", settled)
	res, err = r.MergeContinue(ctx, MergeOptions{Author: author, Date: at(4)})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := object.GetCommit(goGitStore(r), plumbing.NewHash(res.Rev.Hash))
	if len(c.ParentHashes) != 2 {
		t.Errorf("parents %v", c.ParentHashes)
	}
	if got, _ := r.Show(ctx, "HEAD", "plan.txt"); string(got) != settled {
		t.Errorf("merged:\n%s", got)
	}
	fsck(t, r)
}

// A merge that cannot write a work-tree file part way puts back what it
// wrote and leaves no merge in progress: nothing half-written, nothing
// nobody knows about.
func TestMergeWriteFailureRestores(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "a.txt", mergeBase)
	write(t, r, "b.txt", mergeBase)
	base := commitAll(t, r, 0, "base")
	oursA := strings.Replace(mergeBase, "统筹协调", "统筹规划", 1)
	write(t, r, "a.txt", oursA)
	write(t, r, "b.txt", oursA)
	ours := commitAll(t, r, 1, "ours")
	theirs := strings.Replace(mergeBase, "第四条 本办法", "第四条 数据处理者应当定期开展风险评估。\n第五条 本办法", 1)
	branchFrom(t, r, base, ours, "theirs", 2, map[string]string{"a.txt": theirs, "b.txt": theirs})

	var wrote []string
	r.s.beforeMergeWrite = func(p string) error {
		if p == "b.txt" {
			return errors.New("disk full")
		}
		wrote = append(wrote, p)
		return nil
	}
	if _, err := r.Merge(ctx, "theirs", MergeOptions{Author: author, Date: at(3)}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("merge with a failing write: %v", err)
	}
	if len(wrote) != 1 || wrote[0] != "a.txt" {
		t.Fatalf("wrote %v before the failure, want a.txt", wrote)
	}
	for _, p := range []string{"a.txt", "b.txt"} {
		if b, _ := os.ReadFile(filepath.Join(r.Dir(), p)); string(b) != oursA {
			t.Errorf("%s after the failed merge:\n%s", p, b)
		}
	}
	if _, ok := r.MergeInProgress(); ok {
		t.Error("a merge is in progress after it was put back")
	}
	if h, _ := r.head(); h.String() != ours {
		t.Errorf("HEAD moved to %s", h)
	}
	r.s.beforeMergeWrite = nil
	if _, err := r.Merge(ctx, "theirs", MergeOptions{Author: author, Date: at(3)}); err != nil {
		t.Fatal(err)
	}
}

// A branch with nothing the merged revision lacks moves to it, work tree
// and all, with no merge revision (as git merge fast-forwards).
func TestMergeFastForward(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "plan.txt", mergeBase)
	base := commitAll(t, r, 0, "base")
	theirs := strings.Replace(mergeBase, "统筹协调", "统筹规划", 1)
	branchFrom(t, r, base, base, "theirs", 1, map[string]string{"plan.txt": theirs, "notes.txt": "甲\n"})
	res, err := r.Merge(ctx, "theirs", MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	th, _ := r.resolveHash("theirs")
	if !res.FastForward || res.Rev.Hash != th.String() {
		t.Fatalf("merge: %+v, want a fast-forward to %s", res, th)
	}
	if h, _ := r.head(); h != th {
		t.Errorf("HEAD at %s", h)
	}
	if b, _ := os.ReadFile(filepath.Join(r.Dir(), "plan.txt")); string(b) != theirs {
		t.Errorf("work tree:\n%s", b)
	}
	if _, err := os.Stat(filepath.Join(r.Dir(), ".redline", "ids", "notes.txt.json")); err != nil {
		t.Errorf("ids of the new document not in the work tree: %v", err)
	}
	if docs, cs, err := r.Uncommitted(ctx); err != nil || len(docs)+len(cs) > 0 {
		t.Errorf("uncommitted after a fast-forward: %v %v %v", docs, cs, err)
	}
	if out := git(t, r.Dir(), "status", "--porcelain"); strings.TrimSpace(out) != "" {
		t.Errorf("git status:\n%s", out)
	}
}

// Both sides record a different disposition of one comment: a conflict
// like a clause's, listed until it is settled (comment set, or an edit of
// the file), refused by --continue before that, never silently ours.
func TestMergeCommentFieldConflict(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "plan.txt", mergeBase)
	commitAll(t, r, 0, "first")
	c, err := r.AddComment(ctx, comment.Comment{By: "市科技局", Text: "建议增加风险评估"}, CommentOptions{Clause: "第三条"})
	if err != nil {
		t.Fatal(err)
	}
	base := commitAll(t, r, 0, "base")
	file := filepath.Join(r.Dir(), ".redline", "comments", c.ID+".json")
	read := func() string { b, _ := os.ReadFile(file); return string(b) }

	name := mustHeadRef(t, r)
	if _, err := r.SetComment(ctx, c.ID, comment.Rejected, "另有规定"); err != nil {
		t.Fatal(err)
	}
	theirs := commitAll(t, r, 1, "theirs")
	setRef(t, r, plumbing.NewBranchReferenceName("theirs"), theirs)
	setRef(t, r, name, base)
	if _, err := r.SetComment(ctx, c.ID, comment.Adopted, "已修改"); err != nil {
		t.Fatal(err)
	}
	ours := commitAll(t, r, 2, "ours")
	oursFile := read()

	res, err := r.Merge(ctx, "theirs", MergeOptions{Author: author, Date: at(3)})
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("merge: %v, want a conflict", err)
	}
	fields := map[string]bool{}
	for _, x := range res.Conflicts {
		if x.Comment == c.ID {
			fields[x.Field] = true
		}
	}
	if !fields["status"] || !fields["response"] {
		t.Fatalf("conflicts %+v, want status and response of %s", res.Conflicts, c.ID)
	}
	if open, ok := r.MergeInProgress(); !ok || len(open) != 2 {
		t.Errorf("MergeInProgress = %+v, %v", open, ok)
	}
	if _, err := r.MergeContinue(ctx, MergeOptions{}); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "comment set") {
		t.Fatalf("continue before settling: %v", err)
	}
	if read() != oursFile {
		t.Errorf("the comment file is not the current branch's while the conflict stands:\n%s", read())
	}
	// Keep theirs' disposition: comment set settles status and response.
	if _, err := r.SetComment(ctx, c.ID, comment.Rejected, "另有规定"); err != nil {
		t.Fatal(err)
	}
	if open, _ := r.MergeInProgress(); len(open) != 0 {
		t.Errorf("still open after comment set: %+v", open)
	}
	res, err = r.MergeContinue(ctx, MergeOptions{Author: author, Date: at(4)})
	if err != nil {
		t.Fatal(err)
	}
	mc, _ := object.GetCommit(goGitStore(r), plumbing.NewHash(res.Rev.Hash))
	if len(mc.ParentHashes) != 2 || mc.ParentHashes[0].String() != ours {
		t.Errorf("parents %v", mc.ParentHashes)
	}
	cs, err := r.Comments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range cs {
		if x.ID == c.ID && (x.Status != comment.Rejected || x.Response != "另有规定") {
			t.Errorf("merged comment %+v, want theirs' disposition", x)
		}
	}
}

// A merge recorded before redline stopped (its state file left behind)
// is not recorded twice by --continue.
func TestMergeContinueAfterRecorded(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "plan.txt", mergeBase)
	base := commitAll(t, r, 0, "base")
	write(t, r, "plan.txt", strings.Replace(mergeBase, "统筹协调", "统筹规划", 1))
	ours := commitAll(t, r, 1, "ours")
	branchFrom(t, r, base, ours, "theirs", 2, map[string]string{"plan.txt": strings.Replace(mergeBase, "第四条 本办法", "第四条 甲。\n第五条 本办法", 1)})
	th, _ := r.resolveHash("theirs")
	st := &mergeState{Ours: ours, Theirs: th.String(), Message: "Merge theirs"}
	res, err := r.Merge(ctx, "theirs", MergeOptions{Author: author, Date: at(3)})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.writeMergeState(st); err != nil { // as if redline died before removing it
		t.Fatal(err)
	}
	again, err := r.MergeContinue(ctx, MergeOptions{Author: author, Date: at(4)})
	if err != nil || again.Rev.Hash != res.Rev.Hash {
		t.Fatalf("continue after the merge was recorded: %+v, %v; want %s again", again, err, res.Rev.Hash)
	}
	if _, ok := r.MergeInProgress(); ok {
		t.Error("the state is still there")
	}
}

// A file that is not a document (an attachment) added on the merged side
// is in the merge revision and the work tree: a merge loses nothing.
func TestMergeCarriesOtherFiles(t *testing.T) {
	ctx := context.Background()
	r := newRepo(t)
	write(t, r, "plan.txt", mergeBase)
	base := commitAll(t, r, 0, "base")
	write(t, r, "plan.txt", strings.Replace(mergeBase, "统筹协调", "统筹规划", 1))
	ours := commitAll(t, r, 1, "ours")
	name := mustHeadRef(t, r)
	setRef(t, r, name, base)
	write(t, r, "plan.txt", strings.Replace(mergeBase, "第四条 本办法", "第四条 甲。\n第五条 本办法", 1))
	write(t, r, "附件/表1.csv", "序号,名称\n1,甲\n")
	git(t, r.Dir(), "add", "附件/表1.csv")
	if _, err := r.Commit(ctx, CommitOptions{Message: "theirs", Author: author, Date: at(2), files: []string{"附件/表1.csv"}}); err != nil {
		t.Fatal(err)
	}
	th, _ := r.head()
	setRef(t, r, plumbing.NewBranchReferenceName("theirs"), th.String())
	setRef(t, r, name, ours)
	git(t, r.Dir(), "checkout", "-q", "-f", "main")
	if _, err := os.Stat(filepath.Join(r.Dir(), "附件", "表1.csv")); err == nil {
		t.Fatal("the attachment is in the work tree before the merge")
	}
	res, err := r.Merge(ctx, "theirs", MergeOptions{Author: author, Date: at(3)})
	if err != nil {
		t.Fatal(err)
	}
	mi, _ := r.revInfoOf(plumbing.NewHash(res.Rev.Hash))
	if _, ok := r.blobAt(mi.Tree, "附件/表1.csv"); !ok {
		t.Error("the attachment is not in the merge revision")
	}
	if b, err := os.ReadFile(filepath.Join(r.Dir(), "附件", "表1.csv")); err != nil || string(b) != "序号,名称\n1,甲\n" {
		t.Errorf("the attachment in the work tree: %q, %v", b, err)
	}
	fsck(t, r)
}
