package diff

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestCompareGolden runs every testdata/compare/*.txtar: the archive holds
// old.* and new.* (a .md or .txt document) and want, the readable change
// list that renderChanges prints.
func TestCompareGolden(t *testing.T) {
	goldenArchives(t, "testdata/compare/*.txtar", func(t *testing.T, ar *txtar.Archive) string {
		old, new := archivePair(t, ar)
		r := Compare(old, new, Options{})
		checkPairs(t, r)
		return renderChanges(r)
	})
}

// archivePair parses the documents old.* and new.* of a golden archive.
func archivePair(t testing.TB, ar *txtar.Archive) (old, new *clause.Document) {
	t.Helper()
	for _, f := range ar.Files {
		switch {
		case strings.HasPrefix(f.Name, "old."):
			old = mustParse(t, f.Name, f.Data)
		case strings.HasPrefix(f.Name, "new."):
			new = mustParse(t, f.Name, f.Data)
		}
	}
	if old == nil || new == nil {
		t.Fatal("archive needs old.* and new.*")
	}
	return old, new
}

func mustParse(t testing.TB, name string, src []byte) *clause.Document {
	t.Helper()
	d, err := clause.Parse(name, src, clause.Options{})
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return d
}

// checkPairs fails unless r.Pairs holds every clause of both documents
// exactly once, new clauses in document order, and every change is a pair.
func checkPairs(t testing.TB, r *Result) {
	t.Helper()
	seenOld := map[*clause.Node]int{}
	var news []*clause.Node
	for _, p := range r.Pairs {
		if p.Old == nil && p.New == nil {
			t.Fatal("empty pair")
		}
		if p.Old != nil {
			seenOld[p.Old]++
		}
		if p.New != nil {
			news = append(news, p.New)
		}
	}
	olds := r.Old.Clauses()
	for _, n := range olds {
		if seenOld[n] != 1 {
			t.Fatalf("old clause %q appears %d times in Pairs", n.Path(), seenOld[n])
		}
	}
	if len(seenOld) != len(olds) {
		t.Fatalf("Pairs has %d old clauses, document %d", len(seenOld), len(olds))
	}
	want := r.New.Clauses()
	if len(news) != len(want) {
		t.Fatalf("Pairs has %d new clauses, document %d", len(news), len(want))
	}
	for i := range want {
		if news[i] != want[i] {
			t.Fatalf("new clause %d out of order: %q, want %q", i, news[i].Path(), want[i].Path())
		}
	}
	changes := r.Changes
	if len(changes) > 0 && changes[0].New == r.New.Root {
		// The root's own text, first: the one change outside Pairs.
		if changes[0].Old != r.Old.Root || r.Old.Root.Body() == r.New.Root.Body() {
			t.Fatalf("root change %+v does not compare the two roots' different texts", changes[0])
		}
		changes = changes[1:]
	} else if r.Old.Root.Body() != r.New.Root.Body() {
		t.Fatalf("the text outside every clause changed, and no change says so")
	}
	ci := 0
	for _, p := range r.Pairs {
		if ci < len(changes) && changes[ci].Old == p.Old && changes[ci].New == p.New {
			ci++
		}
	}
	if ci != len(changes) {
		t.Fatalf("changes not in pair order: %d of %d matched", ci, len(changes))
	}
}

// renderChanges prints r's changes the way a reviewer reads them:
//
//	modified 三/（五）/1 → 三/（五）/1 renumbered
//	  ops: 推进…[-90项-]{+80项+}…
//	  quantities: 90项 → 80项 (context)
//	  units: +市公安局 -市科技局
func renderChanges(r *Result) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "pairs: %d (old %d, new %d)\n", len(r.Pairs), len(r.Old.Clauses()), len(r.New.Clauses()))
	for _, c := range r.Changes {
		old, new := "-", "-"
		if c.Old != nil {
			old = c.Old.Path()
		}
		if c.New != nil {
			new = c.New.Path()
		}
		fmt.Fprintf(&b, "%s %s → %s", c.Kind, old, new)
		if c.Renumbered {
			b.WriteString(" renumbered")
		}
		if c.FormattingOnly {
			b.WriteString(" formatting-only")
		}
		b.WriteString("\n")
		if ops := renderOps(c.Ops); ops != "" {
			fmt.Fprintf(&b, "  ops: %s\n", ops)
		}
		if len(c.Quantities) > 0 {
			var qs []string
			for _, q := range c.Quantities {
				qs = append(qs, fmt.Sprintf("%s → %s (%s)", orNone(q.Old), orNone(q.New), q.Context))
			}
			fmt.Fprintf(&b, "  quantities: %s\n", strings.Join(qs, "; "))
		}
		if !c.Units.Empty() {
			var us []string
			for _, u := range c.Units.Added {
				us = append(us, "+"+u)
			}
			for _, u := range c.Units.Removed {
				us = append(us, "-"+u)
			}
			fmt.Fprintf(&b, "  units: %s\n", strings.Join(us, " "))
		}
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "∅"
	}
	return s
}

// renderOps prints ops with Render; an edit script with only Equal pieces
// prints as "(text unchanged)".
func renderOps(ops []Op) string {
	for _, op := range ops {
		if op.Kind != Equal {
			return Render(ops)
		}
	}
	if len(ops) > 0 {
		return "(text unchanged)"
	}
	return ""
}

// FuzzCompare: for any two documents, Compare does not panic, its pairs
// cover every clause of both once, and each change's ops rebuild the new
// body from the old.
func FuzzCompare(f *testing.F) {
	files, _ := filepath.Glob("testdata/compare/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		var old, new []byte
		for _, fl := range ar.Files {
			switch {
			case strings.HasPrefix(fl.Name, "old."):
				old = fl.Data
			case strings.HasPrefix(fl.Name, "new."):
				new = fl.Data
			}
		}
		f.Add(string(old), string(new))
	}
	f.Add("一、总则\n（一）甲\n（二）乙\n", "一、总则\n（一）甲\n（二）丙\n（三）乙\n")
	f.Add("", "第一条 内容。\n")
	f.Add("第一条 甲乙丙。\n\n丁戊己。\n\n第二条 庚辛。\n", "第一条 甲乙丙丁戊己。\n\n第二条 丁戊己。\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		old, err := clause.Parse("old.md", []byte(a), clause.Options{})
		if err != nil {
			return
		}
		new, err := clause.Parse("new.md", []byte(b), clause.Options{})
		if err != nil {
			return
		}
		r := Compare(old, new, Options{})
		checkPairs(t, r)
		for _, c := range r.Changes {
			ob, nb := c.Bodies()
			got, err := Apply(ob, c.Ops)
			if err != nil || got != nb {
				t.Fatalf("%s %q → %q: ops rebuild %q, %v", c.Kind, ob, nb, got, err)
			}
		}
	})
}

// TestCompareNil: a missing document compares as an empty one, every
// clause of the other inserted or deleted.
func TestCompareNil(t *testing.T) {
	d := mustParse(t, "plan.md", []byte("一、总则\n\n（一）目标。建设先导区。\n"))
	for _, tc := range []struct {
		name     string
		old, new *clause.Document
		kind     ChangeKind
	}{
		{"added", nil, d, Inserted},
		{"removed", d, nil, Deleted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compare(tc.old, tc.new, Options{})
			checkPairs(t, r)
			if len(r.Changes) != 2 {
				t.Fatalf("%d changes, want 2", len(r.Changes))
			}
			for _, c := range r.Changes {
				if c.Kind != tc.kind {
					t.Errorf("%v, want %v", c.Kind, tc.kind)
				}
			}
		})
	}
	if r := Compare(nil, nil, Options{}); len(r.Pairs) != 0 || r.Old == nil || r.New == nil {
		t.Errorf("Compare(nil, nil) = %+v", r)
	}
}

// TestCompareRepeatedBodies: clauses whose bodies repeat (本条删除) keep
// their order: an article inserted before them renumbers each, rather
// than one of them pairing with the last.
func TestCompareRepeatedBodies(t *testing.T) {
	var a, b strings.Builder
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&a, "第%d条 本条删除。\n\n", i)
		if i == 5 {
			b.WriteString("第5条 新增的条文。\n\n")
		}
		j := i
		if i >= 5 {
			j++
		}
		fmt.Fprintf(&b, "第%d条 本条删除。\n\n", j)
	}
	r := Compare(mustParse(t, "a.md", []byte(a.String())), mustParse(t, "b.md", []byte(b.String())), Options{})
	checkPairs(t, r)
	for _, c := range r.Changes {
		switch {
		case c.Kind == Inserted && c.New.Path() == "第5条":
		case c.Kind == Modified && c.Renumbered && c.Old.Num.Value+1 == c.New.Num.Value:
		default:
			t.Errorf("unexpected %s %+v → %+v", c.Kind, c.Old, c.New)
		}
	}
	if len(r.Changes) != 27 {
		t.Errorf("%d changes, want 1 inserted and 26 renumbered", len(r.Changes))
	}
}

// TestAlignThenDescribe checks that Compare is Align then Describe: Align
// leaves only the edited clauses undescribed, Describe fills them in, and a
// second Describe changes nothing.
func TestAlignThenDescribe(t *testing.T) {
	old := mustParse(t, "old.txt", []byte("一、总则\n（一）在智慧医疗领域打造90项应用场景。（责任单位：市卫健委）\n（二）乙项。\n（三）丙项。\n"))
	new := mustParse(t, "new.txt", []byte("一、总则\n（一）新增一项。\n（二）在智慧医疗领域打造80项应用场景。（责任单位：市卫健委、市科技局）\n（三）乙项。\n"))
	want := Compare(old, new, Options{})
	r := Align(old, new, Options{})
	undescribed := 0
	for _, c := range r.Changes {
		if c.Ops == nil {
			undescribed++
			if c.Old == nil || c.New == nil {
				t.Errorf("%v change left undescribed by Align", c.Kind)
			}
		}
	}
	if undescribed == 0 {
		t.Fatal("Align described every change; the test needs an edited clause")
	}
	r.Describe()
	if !reflect.DeepEqual(r, want) {
		t.Errorf("Align then Describe differs from Compare:\n%+v\nwant\n%+v", r.Changes, want.Changes)
	}
	r.Describe()
	if !reflect.DeepEqual(r, want) {
		t.Error("a second Describe changed the result")
	}
}
