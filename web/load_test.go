package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/redline-docs/redline/repo"
)

// TestLoadWhileCommitting has 8 clients read pages while a revision lands:
// every answer is a whole page (no error, no torn read) and the timeline
// shows the history either before or after the commit, never between. The
// number of pages is bounded; nothing is timed.
func TestLoadWhileCommitting(t *testing.T) {
	r := fixture(t)
	_, ts := newServer(t, r, false)
	paths := []string{"/", "/diff", "/comments", "/blame?path=%E5%8A%9E%E6%B3%95.md", "/report.csv",
		"/history?path=%E5%8A%9E%E6%B3%95.md&clause=%E7%AC%AC%E4%B8%89%E6%9D%A1"}
	const clients, rounds = 8, 15
	var wg sync.WaitGroup
	var mu sync.Mutex
	served := 0
	start := make(chan struct{})
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			<-start
			for i := 0; i < rounds; i++ {
				p := paths[(c+i)%len(paths)]
				code, _, body := get(t, ts, p)
				if code != 200 {
					t.Errorf("GET %s: %d %.200s", p, code, body)
					continue
				}
				if !strings.HasSuffix(p, ".csv") && !strings.Contains(body, "</html>") {
					t.Errorf("GET %s: torn page %.200s", p, body)
				}
				if p == "/" {
					if n := strings.Count(body, `name="to"`); n != 3 && n != 4 {
						t.Errorf("timeline with %d revisions", n)
					}
				}
				mu.Lock()
				served++
				mu.Unlock()
			}
		}(c)
	}
	if err := os.WriteFile(filepath.Join(r.Dir(), "办法.md"), []byte("# 示范办法\n\n第一条 为了规范和促进管理，制定本办法。\n\n第二条 本办法适用于全市各区。\n\n第三条 建设80项应用场景。\n\n第四条 本办法自2024年1月1日起施行。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The commit goes through a second Repo, as another redline process would.
	other, err := repo.Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	close(start)
	if _, err := other.Commit(context.Background(), repo.CommitOptions{Message: "修订施行日期", Author: author, Date: t0.Add(5 * 3600e9)}); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if served != clients*rounds {
		t.Errorf("served %d pages, want %d", served, clients*rounds)
	}
	t.Logf("%d clients served %d pages while a revision landed", clients, served)
	if code, _, body := get(t, ts, "/"); code != 200 || !strings.Contains(body, "修订施行日期") {
		t.Errorf("the new revision is not on the timeline")
	}
}
