package comment

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
)

// bigPlan is a plan of about 1 MB: the fixture's clauses repeated under
// numbered parts, each a little different.
func bigPlan() string {
	var b strings.Builder
	for i := 0; b.Len() < 1<<20; i++ {
		fmt.Fprintf(&b, "%d.推进第%d项工作。建设智慧医疗服务平台,深入开展远程会诊、远程影像、远程检验应用示范,在智慧医疗领域打造%d项应用场景。（责任单位：市卫健委）\n\n", i+1, i, i%97)
	}
	b.WriteString("9999.推进城市治理。在水务、城管、交通、税务、燃气等领域形成20项智慧城市应用场景。\n")
	return b.String()
}

func BenchmarkLocate(b *testing.B) {
	text := bigPlan()
	for _, bc := range []struct {
		name string
		a    Anchor
	}{
		{"exact", Anchor{Exact: "在水务、城管、交通、税务、燃气等领域"}},
		{"exact-common", Anchor{Prefix: "第7000项工作。", Exact: "建设智慧医疗服务平台"}},
		{"fuzzy", Anchor{Exact: "在水务、城管、交通、税务、燃气等领域形成100项智慧城市应用场景"}},
		{"orphaned", Anchor{Exact: "The Minister may by order amend Schedule 2."}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Locate(text, bc.a)
			}
		})
	}
}

func BenchmarkImportSeedCSV(b *testing.B) {
	data, err := os.ReadFile("testdata/seed.csv")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Import("seed.csv", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReanchor re-anchors 100 comments whose clauses are gone in a
// 1 MB document, through one Index.
func BenchmarkReanchor(b *testing.B) {
	text := bigPlan()
	doc, err := clause.Parse("big.md", []byte(text), clause.Options{})
	if err != nil {
		b.Fatal(err)
	}
	id := func(n *clause.Node) string { return n.Path() }
	var anchors []Anchor
	for i := range 100 {
		anchors = append(anchors, Anchor{ClauseID: "gone", Exact: fmt.Sprintf("推进第%d项工作。建设智慧医疗服务平台", i*41)})
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		x := NewIndex(doc, id)
		for _, a := range anchors {
			if n, m := x.Reanchor(a); n == nil || m != Exact {
				b.Fatalf("%q: %v", a.Exact, m)
			}
		}
	}
}
