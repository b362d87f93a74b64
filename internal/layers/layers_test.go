// Package layers holds the test that keeps redline's dependencies pointing
// one way (STYLE.md): cmd, web → render, repo → annotate → comment, diff → clause.
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
	"comment":     {"clause"},
	"annotate":    {"clause", "comment", "diff"},
	"repo":        {"annotate", "clause", "comment", "diff"},
	"render":      {"annotate", "clause", "comment", "diff"},
	"examples":    {},
	"web":         {"annotate", "clause", "comment", "diff", "render", "repo"},
	"cmd/redline": {"annotate", "clause", "comment", "diff", "examples", "render", "repo", "web"},
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

func contains(s []string, x string) bool {
	i := sort.SearchStrings(s, x)
	return i < len(s) && s[i] == x
}
