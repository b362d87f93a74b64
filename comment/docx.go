package comment

import (
	"errors"
	"fmt"
	"strings"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/docx"
)

// ErrNoComments: a Word file with neither Word comments, tracked changes
// nor a comment table.
var ErrNoComments = errors.New("no Word comments, tracked changes or comment table in it")

// readDocx reads a Word file as a comment file. A reviewer's marked-up copy
// gives one comment per Word comment (批注: by its author, quoting the
// commented text, on the clause that holds it) and one per tracked change
// (by its author, proposing the clause's text with that change applied,
// pending); a file without either whose body holds a comment table
// (序号/单位/条款/意见…) is read like a CSV. Clauses are found in the copy's
// own text, numbering included, and named by their label paths; the quote
// anchors the comment when a label does not resolve.
func readDocx(name string, data []byte) ([]item, error) {
	d, err := docx.Read(data)
	if err != nil {
		return nil, &ImportError{File: name, Err: fmt.Errorf("%w: %w", ErrFormat, err)}
	}
	if len(d.Comments) == 0 && len(d.Changes) == 0 {
		var firstErr error
		for _, t := range d.Tables {
			rows := make([]tableRow, len(t))
			for i, r := range t {
				rows[i] = tableRow{num: i + 1, cells: r}
			}
			items, err := fromTable(name, rows, false)
			if err == nil && len(items) > 0 {
				return items, nil
			}
			if firstErr == nil {
				firstErr = err
			}
		}
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, &ImportError{File: name, Err: ErrNoComments}
	}
	labels := paragraphLabels(d)
	label := func(p int) string {
		if p >= 0 && p < len(labels) {
			return labels[p]
		}
		return ""
	}
	header := []string{"单位/个人", "条款", "原文", "修改意见", "建议修改为", "是否采纳"}
	rows := []tableRow{{num: 1, cells: header}}
	add := func(cells ...string) {
		rows = append(rows, tableRow{num: len(rows) + 1, cells: cells})
	}
	for _, c := range d.Comments {
		text := c.Text
		if strings.TrimSpace(text) == "" {
			continue
		}
		add(c.Author, label(c.Para), c.Quote, text, "", "待处理")
	}
	for k := 0; k < len(d.Changes); k++ {
		c := d.Changes[k]
		if c.Para < 0 || c.Para >= len(d.Paragraphs) || strings.TrimSpace(c.Text) == "" {
			continue
		}
		ks := []int{k}
		what := "删除“" + c.Text + "”"
		if c.Insert {
			what = "增加“" + c.Text + "”"
		}
		// A deletion followed at once by an insertion of the same reviewer
		// is one replacement.
		if k+1 < len(d.Changes) {
			n := d.Changes[k+1]
			if !c.Insert && n.Insert && n.Author == c.Author && n.Date == c.Date && d.Adjacent(k, k+1) {
				ks = append(ks, k+1)
				what = "将“" + c.Text + "”修改为“" + n.Text + "”"
				k++
			}
		}
		add(c.Author, label(c.Para), strings.TrimSpace(d.Original(c.Para)), "修订："+what,
			strings.TrimSpace(d.WithChange(c.Para, ks...)), "待处理")
	}
	return fromTable(name, rows, false)
}

// paragraphLabels names the clause that holds each paragraph of d: the
// label path of the innermost clause whose text contains the paragraph's
// start, in the copy's own text ("" for text outside every clause).
func paragraphLabels(d *docx.Document) []string {
	text := d.Text()
	doc, err := clause.Parse("copy.md", []byte(text), clause.Options{})
	if err != nil {
		return nil
	}
	offs := d.Offsets()
	out := make([]string, len(offs))
	for i, off := range offs {
		n := doc.Root
		for {
			var next *clause.Node
			for _, c := range n.Children {
				if c.Start <= off && off < c.End {
					next = c
					break
				}
			}
			if next == nil {
				break
			}
			n = next
		}
		out[i] = n.Path()
	}
	return out
}
