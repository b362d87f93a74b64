package render

import (
	"github.com/redline-docs/redline/internal/corpustest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// corpusPairs returns every consecutive pair of versions of every law in
// the corpus kept beside the repository (one level above the module root),
// or skips when there is none (failing in CI, where it must be there).
// On real laws, a clause that keeps its number never shows that number
// struck and re-inserted (第四条　 against 第四条 , (四) against （四）): the
// redline that every format prints keeps it as it is.
func TestCorpusLabelNoise(t *testing.T) {
	for _, p := range corpustest.Pairs(t) {
		name := filepath.Base(filepath.Dir(p[1])) + "/" + filepath.Base(p[1])
		t.Run(name, func(t *testing.T) {
			var docs [2]*clause.Document
			for i, f := range p {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if docs[i], err = clause.Parse(filepath.Base(f), src, clause.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			res := diff.Compare(docs[0], docs[1], diff.Options{})
			doc := review.Attach(review.AttachInput{Path: name, Result: res})
			for i := range doc.Changes {
				c := &doc.Changes[i]
				if c.Kind != diff.Modified || c.Renumbered || c.Old == nil || c.New == nil {
					continue
				}
				_, nb := c.Bodies()
				num := strings.TrimSpace(strings.TrimLeft(strings.TrimSuffix(c.NewText, nb), "#"))
				if num == "" || !strings.HasSuffix(c.NewText, nb) {
					continue
				}
				ops := fullOps(c)
				if len(ops) == 0 || ops[0].Kind != diff.Equal || !strings.HasPrefix(ops[0].Text, num) {
					t.Errorf("%s: its number %q is edited: %q", c.NewLabel, num, ops[:min(len(ops), 3)])
				}
			}
		})
	}
}
