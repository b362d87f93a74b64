package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/repo"
)

var t0 = time.Date(2023, 9, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

const author = "起草组 <drafters@example.gov.cn>"

// fixture is a repository with three revisions of one Chinese draft and
// two comments, one of them carrying markup.
func fixture(t testing.TB) *repo.Repo {
	t.Helper()
	ctx := context.Background()
	r, err := repo.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"# 示范办法\n\n第一条 为了规范管理，制定本办法。\n\n第二条 本办法适用于全市。\n\n第三条 建设90项应用场景。\n",
		"# 示范办法\n\n第一条 为了规范管理，制定本办法。\n\n第二条 本办法适用于全市各区。\n\n第三条 建设80项应用场景。\n",
		"# 示范办法\n\n第一条 为了规范和促进管理，制定本办法。\n\n第二条 本办法适用于全市各区。\n\n第三条 建设80项应用场景。\n\n第四条 本办法自发布之日起施行。\n",
	}
	stages := []string{"征求意见稿", "送审稿", "公布稿"}
	for i, tx := range texts {
		if err := os.WriteFile(filepath.Join(r.Dir(), "办法.md"), []byte(tx), 0o644); err != nil {
			t.Fatal(err)
		}
		opts := repo.CommitOptions{Message: stages[i], Author: author, Date: t0.Add(time.Duration(i) * time.Hour), Stage: stages[i]}
		if i == 1 {
			opts.Resolves = []string{"C1"}
		}
		if _, err := r.Commit(ctx, opts); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			for _, c := range []comment.Comment{
				{ID: "C1", By: "市卫健委", Text: "建议改为80项", Status: comment.Adopted},
				{ID: "C2", By: "<script>alert(1)</script>", Text: "<script>document.title='x'</script>范围", Status: comment.Pending},
			} {
				cl := "第三条"
				if c.ID == "C2" {
					cl = "第二条"
				}
				if _, err := r.AddComment(ctx, c, repo.CommentOptions{Clause: cl}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return r
}

func newServer(t testing.TB, r *repo.Repo, write bool) (*Server, *httptest.Server) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	s, err := New(Options{Repo: r, Write: write, Addr: ts.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = s
	ts.Start()
	t.Cleanup(ts.Close)
	return s, ts
}

func get(t testing.TB, ts *httptest.Server, path string) (int, http.Header, string) {
	t.Helper()
	res, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

func TestPages(t *testing.T) {
	r := fixture(t)
	_, ts := newServer(t, r, false)
	for _, c := range []struct {
		path string
		want []string
	}{
		{"/", []string{"征求意见稿", "送审稿", "公布稿", "办法.md", `action="/diff"`}},
		{"/diff?from=HEAD~2&to=HEAD~1", []string{`<del><span class="sr">删除</span>90项</del>`, `<ins><span class="sr">新增</span>80项</ins>`, "市卫健委", `href="/history?path=`, "nav.app,nav.hist,form"}},
		{"/diff?from=HEAD~2&to=HEAD&only=unexplained", []string{"第四条"}},
		{"/history?path=%E5%8A%9E%E6%B3%95.md&clause=%E7%AC%AC%E4%B8%89%E6%9D%A1", []string{"<ins><span class=\"sr\">新增</span>80项</ins>", "C1"}},
		{"/blame?path=%E5%8A%9E%E6%B3%95.md", []string{"第四条", "公布稿"}},
		{"/comments", []string{"2 条意见,采纳 1,部分采纳 0,未采纳 0,待处理 1", "&lt;script&gt;"}},
		{"/comments?status=adopted", []string{"1 条意见,采纳 1"}},
		{"/assets/app.css", []string{"@media print"}},
		{"/report", []string{"/report.md?", "/report.csv?", "/table.html?"}},
		{"/report.md", []string{"市卫健委"}},
		{"/report.csv?download=1", []string{"市卫健委"}},
		{"/table.html?from=HEAD~2", []string{"<table"}},
		{"/report.docx?download=1", []string{"PK"}},
		{"/table.docx?from=HEAD~2", []string{"PK"}},
	} {
		code, h, body := get(t, ts, c.path)
		if code != 200 {
			t.Errorf("GET %s: %d %s", c.path, code, body)
			continue
		}
		if h.Get("Content-Security-Policy") != CSP {
			t.Errorf("GET %s: CSP %q", c.path, h.Get("Content-Security-Policy"))
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q in\n%s", c.path, w, body)
			}
		}
		if strings.HasPrefix(h.Get("Content-Type"), "text/html") && strings.Contains(body, "<script") {
			t.Errorf("GET %s: unescaped <script>", c.path)
		}
	}
	// filters change what is shown
	_, _, all := get(t, ts, "/diff?from=HEAD~2&to=HEAD")
	_, _, une := get(t, ts, "/diff?from=HEAD~2&to=HEAD&only=unexplained")
	if !strings.Contains(all, "市卫健委") || strings.Contains(une, "80项</ins>") {
		t.Errorf("only=unexplained kept the explained change")
	}
	_, _, one := get(t, ts, "/comments?by=%E5%B8%82%E5%8D%AB")
	if !strings.Contains(one, "1 条意见") || strings.Contains(one, "&lt;script&gt;") {
		t.Errorf("by filter: %s", one)
	}
	if code, _, _ := get(t, ts, "/history?path=%E5%8A%9E%E6%B3%95.md&clause=%E7%AC%AC%E4%B9%9D%E6%9D%A1"); code != 400 {
		t.Errorf("unknown clause: %d", code)
	}
}

func TestSafety(t *testing.T) {
	r := fixture(t)
	_, ts := newServer(t, r, false)
	// DNS rebinding: a foreign Host is refused.
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.Host = "evil.example:80"
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: %d", res.StatusCode)
	}
	// No URL path reaches the file system.
	for _, p := range []string{"/assets/../../../../etc/passwd", "/assets/page.html", "/%2e%2e/go.mod", "/办法.md", "/.git/config"} {
		if code, _, body := get(t, ts, p); code == 200 {
			t.Errorf("GET %s served: %.80s", p, body)
		}
	}
	// Read-only: a write is refused and nothing changes.
	res, err = ts.Client().PostForm(ts.URL+"/comments/set", url.Values{"id": {"C2"}, "status": {"rejected"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("write on a read-only server: %d", res.StatusCode)
	}
	assertStatus(t, r, "C2", comment.Pending)
}

func assertStatus(t *testing.T, r *repo.Repo, id string, want comment.Status) {
	t.Helper()
	cs, err := r.Comments(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID == id {
			if c.Status != want {
				t.Errorf("%s: status %q, want %q", id, c.Status, want)
			}
			return
		}
	}
	t.Errorf("%s: no such comment", id)
}

func TestWrite(t *testing.T) {
	r := fixture(t)
	s, ts := newServer(t, r, true)
	post := func(path string, v url.Values, hdr map[string]string) int {
		req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, x := range hdr {
			req.Header.Set(k, x)
		}
		c := ts.Client()
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	v := url.Values{"id": {"C2"}, "status": {"未采纳"}, "response": {"超出范围"}}
	if code := post("/comments/set", v, nil); code != http.StatusBadRequest {
		t.Errorf("no token: %d", code)
	}
	v.Set("token", s.Token())
	if code := post("/comments/set", v, map[string]string{"Sec-Fetch-Site": "cross-site"}); code != http.StatusForbidden {
		t.Errorf("cross-origin: %d", code)
	}
	if code := post("/comments/set", v, map[string]string{"Origin": "http://evil.example"}); code != http.StatusForbidden {
		t.Errorf("foreign Origin: %d", code)
	}
	assertStatus(t, r, "C2", comment.Pending)
	if code := post("/comments/set", v, map[string]string{"Sec-Fetch-Site": "same-origin"}); code != http.StatusSeeOther {
		t.Errorf("same-origin write: %d", code)
	}
	assertStatus(t, r, "C2", comment.Rejected)
	add := url.Values{"token": {s.Token()}, "clause": {"第一条"}, "by": {"市司法局"}, "text": {"建议删去“和促进”"}}
	if code := post("/comments/add", add, nil); code != http.StatusSeeOther {
		t.Errorf("add: %d", code)
	}
	if _, _, body := get(t, ts, "/comments?by=%E5%B8%82%E5%8F%B8%E6%B3%95%E5%B1%80"); !strings.Contains(body, "和促进") {
		t.Errorf("added comment not listed:\n%s", body)
	}
}

// TestWriteBusy: a write while another writer holds the repository's lock
// is answered 503 with the busy message, and changes nothing.
func TestWriteBusy(t *testing.T) {
	r := fixture(t)
	s, ts := newServer(t, r, true)
	lock := filepath.Join(r.Dir(), ".git", "redline.lock")
	if err := os.WriteFile(lock, []byte(fmt.Sprintf("%d %d\n", os.Getpid(), time.Now().Unix())), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ts.Client().PostForm(ts.URL+"/comments/set", url.Values{"token": {s.Token()}, "id": {"C2"}, "status": {"adopted"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), "busy") {
		t.Errorf("write while locked: %d %s", res.StatusCode, b)
	}
	assertStatus(t, r, "C2", comment.Pending)
	if err := os.Remove(lock); err != nil {
		t.Fatal(err)
	}
}

// englishFixture is a repository with two revisions of an English act and
// one comment.
func englishFixture(t testing.TB) *repo.Repo {
	t.Helper()
	ctx := context.Background()
	r, err := repo.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"# Example Act\n\nArticle 1 This Act regulates examples.\n\nArticle 2 It applies to 12 districts.\n",
		"# Example Act\n\nArticle 1 This Act regulates examples.\n\nArticle 2 It applies to 13 districts.\n",
	}
	for i, tx := range texts {
		if err := os.WriteFile(filepath.Join(r.Dir(), "act.md"), []byte(tx), 0o644); err != nil {
			t.Fatal(err)
		}
		opts := repo.CommitOptions{Message: []string{"first draft", "second draft"}[i], Author: "Drafters <d@example.org>", Date: t0.Add(time.Duration(i) * time.Hour)}
		if i == 1 {
			opts.Resolves = []string{"C1"}
		}
		if _, err := r.Commit(ctx, opts); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := r.AddComment(ctx, comment.Comment{ID: "C1", By: "Parks Board", Text: "Say 13.", Status: comment.Adopted}, repo.CommentOptions{Clause: "Article 2"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return r
}

// TestEnglishDocument: every page of an English document's repository
// speaks English without ?lang=, and a Chinese one Chinese (as the command
// line follows the document's language); ?lang= overrides.
func TestEnglishDocument(t *testing.T) {
	_, ts := newServer(t, englishFixture(t), false)
	for _, c := range []struct {
		path string
		want []string
		not  []string
	}{
		{"/", []string{`<html lang="en">`, "Documents and revisions", "Compare the two selected"}, []string{"文件与修订"}},
		{"/comments", []string{`<html lang="en">`, "1 comments, adopted 1, partial 0, rejected 0, pending 0", "Commenter", "Parks Board"}, []string{"意见表", "条意见", "已采纳"}},
		{"/report", []string{`<html lang="en">`, "Consultation report"}, []string{"意见采纳情况报告"}},
		{"/diff?from=HEAD~1", []string{`<html lang="en">`, `<del><span class="sr">deleted: </span>12</del>`, `<ins><span class="sr">inserted: </span>13</ins>`, "only unexplained"}, []string{"新增", "删除", "筛选"}},
		{"/history?path=act.md&clause=Article+2", []string{`<html lang="en">`, `<span class="sr">inserted: </span>13`}, []string{"条文沿革"}},
		{"/blame?path=act.md", []string{`<html lang="en">`, "Blame"}, []string{"逐条来源"}},
		{"/history?path=act.md&clause=Article+9", []string{`<html lang="en">`}, nil},
		{"/comments?lang=zh", []string{`<html lang="zh-CN">`, "1 条意见"}, nil},
	} {
		_, _, body := get(t, ts, c.path)
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: no %q in\n%s", c.path, w, body)
			}
		}
		for _, n := range c.not {
			if strings.Contains(body, n) {
				t.Errorf("GET %s: %q in an English page", c.path, n)
			}
		}
	}
	// and a Chinese document's comment table is Chinese unless asked otherwise
	_, zh := newServer(t, fixture(t), false)
	if _, _, body := get(t, zh, "/comments"); !strings.Contains(body, `<html lang="zh-CN">`) || !strings.Contains(body, "意见表") {
		t.Errorf("Chinese comment table:\n%s", body)
	}
	if _, _, body := get(t, zh, "/comments?lang=en"); !strings.Contains(body, "Comments") {
		t.Errorf("?lang=en:\n%s", body)
	}
}

// TestPagesFollowTheRepository: pages are kept for speed, but a comment
// recorded by another process, or a revision landing, shows at once.
func TestPagesFollowTheRepository(t *testing.T) {
	r := fixture(t)
	_, ts := newServer(t, r, false)
	other, err := repo.Open(r.Dir()) // another redline process
	if err != nil {
		t.Fatal(err)
	}
	const d = "/diff?from=HEAD~2&to=HEAD~1"
	_, _, before := get(t, ts, d)
	if _, _, again := get(t, ts, d); again != before {
		t.Errorf("the same page twice differs")
	}
	if _, err := other.SetComment(context.Background(), "C1", comment.Partial, "改为八十项以内"); err != nil {
		t.Fatal(err)
	}
	if _, _, after := get(t, ts, d); !strings.Contains(after, "改为八十项以内") {
		t.Errorf("a disposition recorded elsewhere is not shown:\n%s", after)
	}
	_, _, blame := get(t, ts, "/blame?path=%E5%8A%9E%E6%B3%95.md")
	if err := os.WriteFile(filepath.Join(r.Dir(), "办法.md"), []byte("# 示范办法\n\n第一条 为了规范和促进管理，制定本办法。\n\n第二条 本办法适用于全市各区。\n\n第三条 建设80项应用场景。\n\n第四条 本办法自2024年1月1日起施行。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Commit(context.Background(), repo.CommitOptions{Message: "修订施行日期", Author: author, Date: t0.Add(5 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, _, now := get(t, ts, "/blame?path=%E5%8A%9E%E6%B3%95.md"); now == blame || !strings.Contains(now, "2024年1月1日") {
		t.Errorf("blame does not follow the new revision:\n%s", now)
	}
}
