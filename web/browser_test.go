package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-docs/redline/comment"
)

// chromiumPath finds the system Chromium.
func chromiumPath() string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifactDir is where screenshots go: $REDLINE_ARTIFACTS when set.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("REDLINE_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// browser starts a headless Chromium for one test, offline and with a fresh
// profile. Without Chromium the test is skipped, except in CI where it fails.
func browser(t *testing.T) context.Context {
	t.Helper()
	bin := chromiumPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not found: CI must install it (apt-get install chromium)")
		}
		t.Skip("chromium not found; install it to run the browser test")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	// The deadline only stops a hung browser from hanging the test run.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(ctx)
	t.Cleanup(cancelCtx)
	return ctx
}

// TestBrowserWalk walks timeline → redline → a clause's history → a comment
// and back in Chromium, filters, records a disposition from the page, and
// checks that a <script> in a comment shows as text and runs nothing and
// that only the app's own paths are fetched. A screenshot of each page is
// saved.
func TestBrowserWalk(t *testing.T) {
	ctx := browser(t)
	r := fixture(t)
	var mu sync.Mutex
	var fetched []string
	ts := httptest.NewUnstartedServer(nil)
	s, err := New(Options{Repo: r, Write: true, Addr: ts.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		fetched = append(fetched, req.URL.Path)
		mu.Unlock()
		s.ServeHTTP(w, req)
	})
	ts.Start()
	defer ts.Close()
	dir := artifactDir(t)
	do := func(a ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, a...); err != nil {
			t.Fatal(err)
		}
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "web-"+name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	truth := func(what, js string) {
		t.Helper()
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if !ok {
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			t.Errorf("%s: not so at %s", what, loc)
		}
	}
	do(chromedp.Navigate(ts.URL + "/"))
	truth("timeline lists the stages", `document.body.innerText.includes('送审稿') && document.body.innerText.includes('公布稿')`)
	shot("timeline")
	do(chromedp.Click(chromedp.CSS(`#compare`)), chromedp.WaitVisible(chromedp.CSS(`form[aria-label=filters]`)))
	truth("redline shown", `location.pathname === '/diff' && document.querySelectorAll('ins').length > 0`)
	truth("the newest change is there", `document.body.innerText.includes('第四条')`)
	shot("redline")
	do(chromedp.SetValue(chromedp.CSS(`select[name=only]`), "unexplained"), chromedp.Click(chromedp.CSS(`#filter`)),
		chromedp.WaitVisible(chromedp.CSS(`form[aria-label=filters]`)))
	truth("the filter is in the URL", `location.search.includes('only=unexplained')`)
	shot("redline-unexplained")
	do(chromedp.Navigate(ts.URL + "/diff?from=HEAD~2&to=HEAD~1"))
	truth("explained change shown", `document.body.innerText.includes('市卫健委')`)
	do(chromedp.Click(chromedp.CSS(`a[href*="/history"]`)), chromedp.WaitVisible(chromedp.CSS(`main`)))
	truth("clause history", `location.pathname === '/history' && document.querySelectorAll('section').length >= 2`)
	shot("history")
	do(chromedp.Navigate(ts.URL+"/history?path=%E5%8A%9E%E6%B3%95.md&clause=%E7%AC%AC%E4%B8%89%E6%9D%A1"),
		chromedp.Click(chromedp.CSS(`a[href^="/comments?id="]`)), chromedp.WaitVisible(chromedp.CSS(`#comment-table`)))
	truth("the comment", `document.querySelector('#c-C1') !== null && document.querySelector('#c-C2') === null`)
	shot("comment")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`history.back(), true`)); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ { // wait for the back navigation (bounded by the test's deadline)
		back, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`location.pathname === '/history' && document.readyState === 'complete'`))
		if err != nil {
			t.Fatal(err)
		}
		if back {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	do(chromedp.Navigate(ts.URL + "/comments"))
	truth("the script shows as text", `document.body.innerText.includes("<script>document.title='x'</script>")`)
	truth("no script ran", `document.title !== 'x'`)
	truth("counts", `document.querySelector('#counts').innerText.includes('2 条意见')`)
	shot("comments")
	do(chromedp.SetValue(chromedp.CSS(`#c-C2 + tr select[name=status]`), "rejected"),
		chromedp.SetValue(chromedp.CSS(`#c-C2 + tr input[name=response]`), "超出本办法范围"),
		chromedp.Submit(chromedp.CSS(`#c-C2 + tr input[name=response]`)),
		chromedp.WaitVisible(chromedp.CSS(`.msg`)))
	truth("saved", `document.querySelector('#c-C2').innerText.includes('超出本办法范围')`)
	shot("disposition")
	assertStatus(t, r, "C2", comment.Rejected)
	known := []string{"/", "/diff", "/history", "/comments", "/comments/set", "/assets/app.css"}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range fetched {
		ok := false
		for _, k := range known {
			ok = ok || p == k
		}
		if !ok && !strings.HasPrefix(p, "/favicon") {
			t.Errorf("the page fetched %s", p)
		}
	}
}
