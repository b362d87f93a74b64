package render

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)

func atof(b []byte) float64 {
	f, _ := strconv.ParseFloat(string(b), 64)
	return f
}

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
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	// Navigate waits for the load event, so no WaitVisible is needed.
	// The deadline only stops a hung browser from hanging the test run; no
	// assertion depends on how fast anything is.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(ctx)
	t.Cleanup(cancelCtx)
	return ctx
}

// serve serves pages on 127.0.0.1, each at its own path.
func serve(t *testing.T, pages map[string][]byte) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			t.Errorf("the page fetched %s: an HTML output must be self-contained", r.URL.Path)
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func render(t *testing.T, f func(io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestHTMLInBrowser opens the HTML outputs in a real headless Chromium: they
// render, the comment margin is there and visible, a <script> in a comment
// neither runs nor disappears, and nothing is fetched from elsewhere. It saves
// a screenshot of each page.
func TestHTMLInBrowser(t *testing.T) {
	ctx := browser(t)
	pages := map[string][]byte{
		"/diff.html":   render(t, func(w io.Writer) error { return HTML(w, wuhanDiff(), Options{}) }),
		"/table.html":  render(t, func(w io.Writer) error { return TableHTML(w, wuhanDiff(), Options{}) }),
		"/report.html": render(t, func(w io.Writer) error { return ReportHTML(w, wuhanReport(), Options{}) }),
		"/en.html":     render(t, func(w io.Writer) error { return HTML(w, englishDiff(), Options{}) }),
	}
	base := serve(t, pages)
	dir := artifactDir(t)

	type check struct {
		name string
		js   string // must evaluate to true
	}
	common := []check{
		{"no script ran", `window.pwned === undefined && !document.title.includes('pwned')`},
		{"the script shows as text", `document.body.innerText.includes('<script>alert(1)</script>')`},
		{"deletions struck through", `[...document.querySelectorAll('del')].length > 0 && getComputedStyle(document.querySelector('del')).textDecorationLine.includes('line-through')`},
		{"insertions underlined", `[...document.querySelectorAll('ins')].length > 0 && getComputedStyle(document.querySelector('ins')).textDecorationLine.includes('underline')`},
		{"insertions and deletions say so to screen readers, out of sight and out of a copy", `[...document.querySelectorAll('ins, del')].every(e => {
			const s = e.querySelector(':scope > .sr'), r = s && s.getBoundingClientRect(), c = s && getComputedStyle(s);
			return s && s.textContent.trim() !== '' && r.width <= 1 && r.height <= 1 && c.display !== 'none' && c.visibility !== 'hidden' && c.userSelect === 'none';
		})`},
	}
	cases := []struct {
		path, title string
		checks      []check
	}{
		{"/diff.html", "修改对照：征求意见稿 → 送审稿", append(common,
			check{"the comment margin is visible beside the text", `(() => {
				const m = document.querySelector('article.change aside.margin .comment');
				const body = m && m.closest('article').querySelector('.redline');
				if (!m || !body) return false;
				const r = m.getBoundingClientRect(), b = body.getBoundingClientRect();
				const s = getComputedStyle(m);
				return r.width > 100 && r.height > 20 && s.visibility === 'visible' && s.display !== 'none' && r.left >= b.right;
			})()`},
			check{"the health commission's comment is in the margin", `[...document.querySelectorAll('aside.margin')].some(a => a.innerText.includes('市卫健委') && a.innerText.includes('已采纳'))`},
			check{"90项 → 80项 is called out", `[...document.querySelectorAll('.facts')].some(f => f.innerText.includes('90项') && f.innerText.includes('80项'))`},
			check{"the table of contents links to every change", `document.querySelectorAll('nav.toc a').length === document.querySelectorAll('article.change').length && document.querySelectorAll('nav.toc a').length > 0`},
			check{"the image in a comment was not made an element", `document.querySelectorAll('img').length === 0`},
		)},
		{"/table.html", "修改前后对照表", append(common,
			check{"the table has clause, before, after and basis", `[...document.querySelectorAll('table.compare thead th')].map(e => e.innerText.trim()).join('|') === '条款|修改前|修改后|修改依据'`},
		)[2:]},
		{"/report.html", "关于《武汉建设国家人工智能创新应用先导区实施方案(2023-2025年)(征求意见稿)》公开征求意见情况的报告", append(common,
			check{"the report has its columns", `[...document.querySelector('table.report thead').querySelectorAll('th')].map(e => e.innerText.trim()).join('|').startsWith('序号|单位/个人|修改意见|是否采纳')`},
		)},
		{"/en.html", "Redline: draft-01 → 89abcde", append(common[2:],
			check{"English labels", `document.body.innerText.includes('partly adopted') && document.documentElement.lang === 'en'`},
		)},
	}
	for _, c := range cases {
		t.Run(strings.TrimPrefix(c.path, "/"), func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+c.path)); err != nil {
				t.Fatal(err)
			}
			title, err := chromedp.Run(ctx, chromedp.Title())
			if err != nil {
				t.Fatal(err)
			}
			if title != c.title {
				t.Errorf("title = %q, want %q", title, c.title)
			}
			for _, ck := range c.checks {
				ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](ck.js))
				if err != nil {
					t.Errorf("%s: %v", ck.name, err)
				} else if !ok {
					t.Errorf("%s: not so", ck.name)
				}
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			shot := filepath.Join(dir, "render-"+strings.TrimSuffix(strings.TrimPrefix(c.path, "/"), ".html")+".png")
			if err := os.WriteFile(shot, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot: %s", shot)

			// Printed, the page is A4 as its @page rule says.
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
			if err != nil {
				t.Fatal(err)
			}
			if m := mediaBox.FindSubmatch(pdf); m == nil {
				t.Errorf("printed PDF has no MediaBox")
			} else if w, h := atof(m[1]), atof(m[2]); w < 594 || w > 597 || h < 841 || h > 843 {
				t.Errorf("printed page is %.1f × %.1f pt, want A4 (595 × 842)", w, h)
			}
			out := strings.TrimSuffix(shot, ".png") + ".pdf"
			if err := os.WriteFile(out, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("printed: %s", out)
		})
	}
}
