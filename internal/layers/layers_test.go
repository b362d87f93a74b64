// Package layers holds the test that keeps redline's dependencies pointing
// one way (README, "Layout of the source"): cmd, web → render → review →
// comment, diff → clause; repo, the store, beside review, not under it —
// review reads repo through its Source interface, and cmd wires the two.
package layers

import (
	"os/exec"
	"sort"
	"strings"
	"testing"
)

const mod = "github.com/redline-docs/redline/"

// allowed lists, for each package, the project packages it may import
// directly. A package missing here may import nothing of the project.
var allowed = map[string][]string{
	"clause":      {},
	"diff":        {"clause"},
	"comment":     {"clause", "docx"},
	"docx":        {},
	"revision":    {"clause"},
	"merge":       {"clause", "comment", "diff"},
	"review":      {"clause", "comment", "diff", "revision"},
	"repo":        {"clause", "comment", "diff", "docx", "merge", "revision"},
	"render":      {"clause", "comment", "diff", "docx", "review"},
	"examples":    {},
	"web":         {"clause", "comment", "diff", "render", "repo", "review"},
	"cmd/redline": {"clause", "comment", "diff", "docx", "examples", "merge", "render", "repo", "review", "web"},
	// the web server, a binary of its own so that net/http stays out of
	// redline (TestBinaryOffline); redline serve runs it
	"cmd/redline-serve": {"repo", "web"},
}

// owners says which package alone may import a third-party module.
var owners = map[string]string{
	"github.com/go-git/go-git/v5":  "repo",
	"github.com/sergi/go-diff":     "diff",
	"github.com/spf13/cobra":       "cmd/redline",
	"github.com/chromedp/chromedp": "", // tests only
}

func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "../../...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], mod)
		if strings.HasPrefix(pkg, "internal/") || strings.HasPrefix(pkg, "bench") {
			continue
		}
		top := pkg
		if !strings.HasPrefix(pkg, "cmd/") {
			top = strings.SplitN(pkg, "/", 2)[0]
		}
		ok, known := allowed[top]
		if !known {
			t.Errorf("package %s has no place in the layering; add it to allowed", pkg)
			continue
		}
		for _, imp := range f[1:] {
			if strings.HasPrefix(imp, mod) {
				dep := strings.TrimPrefix(imp, mod)
				depTop := strings.SplitN(dep, "/", 2)[0]
				if strings.HasPrefix(dep, "cmd/") || (depTop != top && !contains(ok, depTop) && !strings.HasPrefix(dep, "internal/")) {
					t.Errorf("%s imports %s: against the layering (allowed: %s)", pkg, dep, strings.Join(ok, ", "))
				}
				continue
			}
			for m, owner := range owners {
				if (imp == m || strings.HasPrefix(imp, m+"/")) && top != owner {
					t.Errorf("%s imports %s: only %q may", pkg, imp, owner)
				}
			}
		}
	}
}

// TestStoreAndReview checks the whole dependency closure (go list -deps),
// not only direct imports: the store computes no review (repo never
// reaches review), and the review pipeline reads no git (review never
// reaches go-git).
func TestStoreAndReview(t *testing.T) {
	for _, c := range []struct{ pkg, banned string }{
		{"repo", mod + "review"},
		{"review", "github.com/go-git/go-git/v5"},
		{"review", mod + "repo"},
	} {
		out, err := exec.Command("go", "list", "-deps", "../../"+c.pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if matchPattern(c.banned+"/...", dep) {
				t.Errorf("%s depends on %s", c.pkg, dep)
			}
		}
	}
}

func contains(s []string, x string) bool {
	i := sort.SearchStrings(s, x)
	return i < len(s) && s[i] == x
}

// offline lists what the redline binary must not link, and why: the
// top-level go-git package imports the network transports, and they bring
// net/http, crypto/tls and ssh, whose init and page faults cost every
// process start-up time (diff --no-index must start as fast as git diff).
// redline never talks to a network: users push and pull with git. Nor
// does it link go-git's storage layer and object model, for the same
// start-up cost: repo reads and writes the repository with
// repo/internal/gitobj and go-git's format packages (plumbing/...).
var offline = []struct{ pkg, why string }{
	{"github.com/go-git/go-git/v5", "go-git's top-level package imports every network transport; use the plumbing packages as repo does"},
	{"github.com/go-git/go-git/v5/plumbing/transport/...", "go-git's network transports"},
	{"golang.org/x/crypto/ssh/...", "ssh is for talking to a network"},
	{"net/http/...", "http is for talking to a network"},
	// Not the network, but the same start-up cost: package init and page
	// faults that every redline command paid for (about 1 ms of 11).
	{"github.com/go-git/go-git/v5/plumbing/object", "go-git's object model brings OpenPGP, circl and merkletrie; repo/internal/gitobj has the codecs redline needs"},
	{"github.com/go-git/go-git/v5/storage/...", "go-git's storage layer brings its config (gcfg, encoding/gob) and internal/url; repo/internal/gitobj reads and writes objects"},
	{"github.com/go-git/go-git/v5/config", "go-git's config parses with gcfg (encoding/gob); repo/internal/gitconfig reads .git/config"},
	{"github.com/go-git/go-git/v5/plumbing/format/config", "go-git's config format parses with gcfg (encoding/gob)"},
	{"github.com/go-git/gcfg/...", "gcfg's init registers encoding/gob types"},
	{"encoding/gob", "gob's init is among the heaviest of the binary"},
	{"github.com/ProtonMail/go-crypto/...", "OpenPGP (commit signatures redline never verifies); its ecc init is costly"},
	{"github.com/cloudflare/circl/...", "circl comes with OpenPGP"},
	{"github.com/emirpasic/gods/...", "gods comes with go-git's object walkers"},
	{"github.com/go-git/go-git/v5/internal/url", "compiles regexps at init, for remote URLs redline never parses"},
	{"crypto/tls", "tls is for talking to a network"},
	// Not the network either: html/template's init (its escapers, the
	// reflection text/template sets up) and page faults.
	{"html/template", "its init and escaper cost every start-up; render writes its HTML pages in Go (htmlWriter)"},
}

// TestBinaryOffline keeps the network out of the redline binary: linking
// it slows the start-up of every command (diff --no-index above all).
// Only the server binary, cmd/redline-serve, links net/http (it is not
// checked here); redline serve runs it rather than importing web.
// It names each way in: an import of a listed package by one that is not.
func TestBinaryOffline(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "../../cmd/redline").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	banned := func(pkg string) (string, bool) {
		for _, o := range offline {
			if matchPattern(o.pkg, pkg) {
				return o.why, true
			}
		}
		return "", false
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if _, ok := banned(f[0]); ok {
			continue
		}
		for _, imp := range f[1:] {
			if why, ok := banned(imp); ok {
				t.Errorf("%s imports %s, so cmd/redline links it (%s): it slows every start-up, and diff --no-index must start no slower than git diff; redline never talks to a network (users push and pull with git)", f[0], imp, why)
			}
		}
	}
}

// matchPattern reports whether pkg matches a go list pattern: a path, or
// a path ending in /... for it and everything under it.
func matchPattern(pattern, pkg string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return pkg == base || strings.HasPrefix(pkg, base+"/")
	}
	return pkg == pattern
}
