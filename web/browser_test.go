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

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

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
	do(chromedp.SetValue(chromedp.CSS(`select[name=only]`), "unexplained"), chromedp.Click(chromedp.CSS(`#filter`)))
	// The page before has the same form: wait for the new one's URL (a
	// loaded machine may take a while; bounded by the browser's deadline).
	for {
		there, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`location.search.includes('only=unexplained') && document.readyState === 'complete'`))
		if err != nil {
			t.Fatal(err)
		}
		if there {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	do(chromedp.WaitVisible(chromedp.CSS(`form[aria-label=filters]`)))
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

// TestBrowserKeyboardAndPrint: the timeline is usable from the keyboard
// (Tab reaches the navigation, the links and the controls in reading order,
// each with a visible focus ring, and Enter follows a link or submits the
// form); insertions and deletions carry 新增/删除 for screen readers, out of
// sight and out of a copy; printed, the pages are black on white without
// navigation or forms, insertions and deletions still told apart.
func TestBrowserKeyboardAndPrint(t *testing.T) {
	ctx := browser(t)
	r := fixture(t)
	_, ts := newServer(t, r, true)
	dir := artifactDir(t)
	do := func(a ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, a...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	truth := func(what, js string) {
		t.Helper()
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil || !ok {
			t.Errorf("%s: not so (%v)", what, err)
		}
	}
	waitPath := func(p string) {
		t.Helper()
		for i := 0; ; i++ { // bounded by the browser's deadline
			if eval(`location.pathname + '|' + document.readyState`) == p+"|complete" {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	const focused = `(e => e.tagName + ' ' + (e.getAttribute('href') || e.name || e.id))(document.activeElement)`
	const ring = `(s => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)(getComputedStyle(document.activeElement))`

	do(chromedp.Navigate(ts.URL + "/"))
	want := []string{"A /", "A /comments", "A /report", "A /blame?path=%e5%8a%9e%e6%b3%95.md", "INPUT to", "INPUT from", "BUTTON compare"} // a radio group is one stop, at its checked button: the newest revision's "to" comes first
	for i, w := range want {
		do(chromedp.KeyEvent(kb.Tab))
		if got := eval(focused); !strings.EqualFold(got, w) {
			t.Fatalf("Tab %d reaches %q, want %q", i+1, got, w)
		}
		truth("focus ring on "+w, ring)
		if i == 1 {
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err == nil {
				_ = os.WriteFile(filepath.Join(dir, "web-keyboard-focus.png"), png, 0o644)
			}
		}
	}
	do(chromedp.KeyEvent(kb.Enter)) // on the compare button: submits
	waitPath("/diff")
	truth("Enter on the compare button shows the redline", `document.querySelectorAll('ins').length > 0`)

	// the redline page is reached from the keyboard the same way
	do(chromedp.KeyEvent(kb.Tab))
	if got := eval(focused); got != "A /" {
		t.Errorf("on the redline, Tab reaches %q first, want the navigation", got)
	}
	do(chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter)) // the comment table
	waitPath("/comments")

	// screen readers hear 新增/删除; the eye does not see it; a copy does not carry it
	do(chromedp.Navigate(ts.URL + "/diff?from=HEAD~2&to=HEAD~1"))
	truth("every ins and del opens with its word for screen readers", `[...document.querySelectorAll('.redline ins, .redline del')].every(e => {
		const s = e.firstElementChild;
		return s && s.className === 'sr' && s.textContent === (e.tagName === 'INS' ? '新增' : '删除') && s.getAttribute('aria-hidden') === null;
	})`)
	truth("the word is out of sight but not display:none", `[...document.querySelectorAll('.sr')].every(s => {
		const r = s.getBoundingClientRect(), c = getComputedStyle(s);
		return r.width <= 1 && r.height <= 1 && c.display !== 'none' && c.visibility !== 'hidden';
	})`)
	copied := eval(`[...document.querySelectorAll('.redline')].map(p => {
		const rg = document.createRange(); rg.selectNodeContents(p);
		const sel = getSelection(); sel.removeAllRanges(); sel.addRange(rg);
		return sel.toString();
	}).join('\n')`)
	if strings.Contains(copied, "新增") || strings.Contains(copied, "删除") || !strings.Contains(copied, "80项") {
		t.Errorf("a copy of the redline carries the screen reader's words: %q", copied)
	}

	// printed
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/diff?from=HEAD~2&to=HEAD~1", "/comments", "/history?path=%E5%8A%9E%E6%B3%95.md&clause=%E7%AC%AC%E4%B8%89%E6%9D%A1"} {
		do(chromedp.Navigate(ts.URL + p))
		truth(p+": printed without navigation or forms", `[...document.querySelectorAll('nav.app, nav.hist, form')].every(e => getComputedStyle(e).display === 'none')`)
		truth(p+": black on white", `(s => s.color === 'rgb(0, 0, 0)' && (s.backgroundColor === 'rgb(255, 255, 255)' || s.backgroundColor === 'rgba(0, 0, 0, 0)'))(getComputedStyle(document.body))`)
		truth(p+": insertions underlined in black, deletions struck through", `[...document.querySelectorAll('ins')].every(e => { const s = getComputedStyle(e); return s.textDecorationLine.includes('underline') && s.color === 'rgb(0, 0, 0)' && s.backgroundColor === 'rgba(0, 0, 0, 0)'; })
			&& [...document.querySelectorAll('del')].every(e => { const s = getComputedStyle(e); return s.textDecorationLine.includes('line-through') && s.backgroundColor === 'rgba(0, 0, 0, 0)'; })`)
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(p[:strings.IndexAny(p+"?", "?")], "/")
		if err := os.WriteFile(filepath.Join(dir, "web-print-"+name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
