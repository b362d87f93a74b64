package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// shortHash is the first seven characters of a commit hash.
func shortHash(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}

// revName names a revision for people: "送审稿 (e4f5g6h, 2023-10-20)", or
// the working tree when it has no hash.
func revName(t tr, r review.Rev) string {
	if r.Hash == "" {
		return unrecorded(t, r)
	}
	var meta []string
	meta = append(meta, shortHash(r.Hash))
	if !r.Date.IsZero() {
		meta = append(meta, r.Date.Format("2006-01-02"))
	}
	inner := strings.Join(meta, ", ")
	if r.Stage == "" {
		return inner
	}
	if t.zh {
		return r.Stage + "（" + strings.Join(meta, "，") + "）"
	}
	return r.Stage + " (" + inner + ")"
}

// unrecorded names a revision that is no commit: by its message when the
// caller gave one (diff --no-index puts the file name there), else as the
// working tree.
func unrecorded(t tr, r review.Rev) string {
	if r.Message != "" {
		return r.Message
	}
	return t.s("workTree")
}

// revShort is a revision's short hash and stage: "e4f5g6h 送审稿".
func revShort(r review.Rev) string {
	if r.Stage == "" {
		return shortHash(r.Hash)
	}
	return shortHash(r.Hash) + " " + r.Stage
}

// authorName drops the e-mail address from "NAME <EMAIL>".
func authorName(a string) string {
	if i := strings.Index(a, " <"); i > 0 && strings.HasSuffix(a, ">") {
		return a[:i]
	}
	return a
}

// changeOps returns the change's edit script; when the diff left it empty,
// the whole old text deleted and the whole new text inserted.
func changeOps(c *review.Change) []diff.Op {
	if len(c.Ops) > 0 {
		return c.Ops
	}
	var ops []diff.Op
	switch {
	case c.OldText == c.NewText && c.NewText != "":
		ops = append(ops, diff.Op{Kind: diff.Equal, Text: c.NewText})
	default:
		if c.OldText != "" {
			ops = append(ops, diff.Op{Kind: diff.Delete, Text: c.OldText})
		}
		if c.NewText != "" {
			ops = append(ops, diff.Op{Kind: diff.Insert, Text: c.NewText})
		}
	}
	return ops
}

// fullOps is changeOps over the clause's whole text, its number included. The
// diff engine edits a clause's body; when OldText and NewText carry a marker
// ("1.", "Article 5 ") in front of it, the marker is put back, struck and
// re-inserted when the clause was renumbered, so that a reader sees the
// clause as written and its number changing.
func fullOps(c *review.Change) []diff.Op {
	ops := changeOps(c)
	var oldSide, newSide strings.Builder
	for _, op := range ops {
		if op.Kind != diff.Insert {
			oldSide.WriteString(op.Text)
		}
		if op.Kind != diff.Delete {
			newSide.WriteString(op.Text)
		}
	}
	if !strings.HasSuffix(c.OldText, oldSide.String()) || !strings.HasSuffix(c.NewText, newSide.String()) {
		return stripHeading(ops)
	}
	om := strings.TrimSuffix(c.OldText, oldSide.String())
	nm := strings.TrimSuffix(c.NewText, newSide.String())
	if om == "" && nm == "" {
		return stripHeading(ops)
	}
	if om != nm && diff.FormattingOnly(om, nm) {
		// "第四条　" and "第四条 ", "(四)" and "（四）": the same number,
		// written differently, is no edit.
		om = nm
	}
	// "Article 7 " → "Article 8 ": keep the common words, mark the number.
	common := 0
	for i := 0; i < len(om) && i < len(nm) && om[i] == nm[i]; i++ {
		if om[i] == ' ' {
			common = i + 1
		}
	}
	if om == nm {
		common = len(om)
	}
	tail := 0
	for tail < len(om)-common && tail < len(nm)-common && om[len(om)-1-tail] == ' ' && nm[len(nm)-1-tail] == ' ' {
		tail++
	}
	out := []diff.Op{
		{Kind: diff.Equal, Text: om[:common]},
		{Kind: diff.Delete, Text: om[common : len(om)-tail]},
		{Kind: diff.Insert, Text: nm[common : len(nm)-tail]},
		{Kind: diff.Equal, Text: om[len(om)-tail:]},
	}
	return stripHeading(merge(append(out, ops...)))
}

// stripHeading drops the "## " of a Markdown heading from the front of a
// clause text, kept or wholly inserted or deleted: the label already says where
// the clause is, and a reviewer reads the words, not the syntax.
func stripHeading(ops []diff.Op) []diff.Op {
	// A whole clause inserted or deleted is one op; otherwise only kept
	// syntax goes, so that a change of heading level (## → ###) still shows.
	if len(ops) == 0 || ops[0].Kind != diff.Equal && len(ops) > 1 || !strings.HasPrefix(ops[0].Text, "#") {
		return ops
	}
	t := strings.TrimLeft(ops[0].Text, "#")
	if len(ops[0].Text)-len(t) > 6 || (!strings.HasPrefix(t, " ") && !strings.HasPrefix(t, "\t")) {
		return ops
	}
	out := append([]diff.Op{{Kind: ops[0].Kind, Text: strings.TrimLeft(t, " \t")}}, ops[1:]...)
	return merge(out)
}

// merge joins neighbouring ops of the same kind and drops empty ones.
func merge(ops []diff.Op) []diff.Op {
	out := make([]diff.Op, 0, len(ops))
	for _, op := range ops {
		switch {
		case op.Text == "":
		case len(out) > 0 && out[len(out)-1].Kind == op.Kind:
			out[len(out)-1].Text += op.Text
		default:
			out = append(out, op)
		}
	}
	return out
}

// changeLabel is the clause's label: "old → new" when it was renumbered or
// moved, otherwise the one it has; the text outside every clause (the
// document root's own text) is named as such.
func changeLabel(t tr, c *review.Change) string {
	switch {
	case c.Unnumbered():
		return t.s("unnumbered")
	case c.OldLabel != "" && c.NewLabel != "" && c.OldLabel != c.NewLabel && (c.Renumbered || c.Kind == diff.Moved):
		// (四) and （四） are one label: only a renumbering or a move
		// shows the old one.
		return c.OldLabel + " → " + c.NewLabel
	case c.NewLabel != "":
		return c.NewLabel
	}
	return c.OldLabel
}

// shownTitle is the title to show beside a change's label: none when the
// label already says it. An unnumbered heading is labelled by its text
// ("Anlage Krankheiten und Leiden, …"), which the title would repeat.
func shownTitle(c *review.Change) string {
	for _, l := range []string{c.NewLabel, c.OldLabel} {
		if c.Title != "" && (l == c.Title || strings.HasSuffix(l, "/"+c.Title)) {
			return ""
		}
	}
	return c.Title
}

// currentLabel is the clause's label after the change (before it, when deleted).
func currentLabel(t tr, c *review.Change) string {
	if c.Unnumbered() {
		return t.s("unnumbered")
	}
	if c.NewLabel != "" {
		return c.NewLabel
	}
	return c.OldLabel
}

// split separates the changes to show from the formatting-only ones folded
// into a summary line (unless o.ShowFormatting).
func split(o Options, cs []review.Change) (shown, folded []*review.Change) {
	for i := range cs {
		c := &cs[i]
		if c.Folded(o.ShowFormatting) {
			folded = append(folded, c)
			continue
		}
		shown = append(shown, c)
	}
	return shown, folded
}

// labelsOf lists the current labels of changes.
func labelsOf(t tr, cs []*review.Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, currentLabel(t, c))
	}
	return out
}

// unexplainedChanges maps a document's unexplained clause ids to their
// changes. Without history (diff --no-index) a clause id is a label path,
// and a deleted clause's old path can be a new clause's path (（二） deleted,
// a new （二） inserted): the review lists the ids in the order of the
// changes, so each id is looked up among the substantive changes (the only
// ones it lists) after the change the one before it named, and two changes
// with one id are both listed, each once.
func unexplainedChanges(doc *review.Document) []*review.Change {
	var out []*review.Change
	next := 0
	for _, id := range doc.Unexplained {
		var found *review.Change
		for _, from := range [2]int{next, 0} {
			for i := from; i < len(doc.Changes); i++ {
				if c := &doc.Changes[i]; c.ClauseID == id && c.Substance() {
					found, next = c, i+1
					break
				}
			}
			if found != nil {
				break
			}
		}
		if found == nil {
			found = &review.Change{ClauseID: id, NewLabel: id}
		}
		out = append(out, found)
	}
	return out
}

// unexplainedSet is the set of a document's unexplained changes (see
// unexplainedChanges: an id alone can name two changes).
func unexplainedSet(doc *review.Document) map[*review.Change]bool {
	set := map[*review.Change]bool{}
	for _, c := range unexplainedChanges(doc) {
		set[c] = true
	}
	return set
}

// condense shortens the equal runs of an edit script to a little context
// around each edit, for tables where whole clauses would drown the change.
// Context is counted in characters, widened to whole words in Latin text.
func condense(ops []diff.Op, context int) []diff.Op {
	out := make([]diff.Op, 0, len(ops))
	for i, op := range ops {
		if op.Kind != diff.Equal || utf8.RuneCountInString(op.Text) <= 2*context+1 {
			out = append(out, op)
			continue
		}
		r := []rune(op.Text)
		first, last := i == 0, i == len(ops)-1
		head := func() string { return string(r[:wordEnd(r, context)]) + "…" }
		tail := func() string { return "…" + string(r[wordStart(r, len(r)-context):]) }
		switch {
		case first && last:
			out = append(out, op)
		case first:
			out = append(out, diff.Op{Kind: diff.Equal, Text: tail()})
		case last:
			out = append(out, diff.Op{Kind: diff.Equal, Text: head()})
		default:
			out = append(out, diff.Op{Kind: diff.Equal, Text: head() + tail()[len("…"):]})
		}
	}
	return out
}

// wordEnd moves a cut at i forward past the rest of a Latin word.
func wordEnd(r []rune, i int) int {
	for i < len(r) && i > 0 && isWordRune(r[i-1]) && isWordRune(r[i]) {
		i++
	}
	return i
}

// wordStart moves a cut at i back to the start of a Latin word.
func wordStart(r []rune, i int) int {
	for i > 0 && i < len(r) && isWordRune(r[i-1]) && isWordRune(r[i]) {
		i--
	}
	return i
}

func isWordRune(c rune) bool {
	return c < 0x2E80 && (unicode.IsLetter(c) || unicode.IsDigit(c))
}

// quantityText is "90项 → 80项 (应用场景)".
func quantityText(t tr, q diff.QuantityChange) string {
	old, nw := q.Old, q.New
	if old == "" {
		old = t.s("none")
	}
	if nw == "" {
		nw = t.s("none")
	}
	s := old + " → " + nw
	if q.Context != "" {
		if t.zh {
			s += "（" + q.Context + "）"
		} else {
			s += " (" + q.Context + ")"
		}
	}
	return s
}

// unitsText is "+市经信局 +市发改委 −市科技局".
func unitsText(u diff.UnitChange) string {
	var parts []string
	for _, a := range u.Added {
		parts = append(parts, "+"+a)
	}
	for _, r := range u.Removed {
		parts = append(parts, "−"+r)
	}
	return strings.Join(parts, " ")
}

// sep is the label separator: "：" in Chinese, ": " in English.
func (t tr) sep() string { return t.s("separator") }

// join joins labels with the language's list separator.
func (t tr) join(items []string) string {
	if t.zh {
		return strings.Join(items, "、")
	}
	return strings.Join(items, ", ")
}

// count is a heading with a number: "未说明的修改（2）", "Unapplied (2)".
func (t tr) count(key string, n int) string {
	if t.zh {
		return fmt.Sprintf("%s（%d）", t.s(key), n)
	}
	return fmt.Sprintf("%s (%d)", t.s(key), n)
}

// n formats a counted phrase, singular in English when n is 1.
func (t tr) n(key string, n int) string {
	if !t.zh && n == 1 {
		if _, ok := words[key+"1"]; ok {
			key += "1"
		}
	}
	return fmt.Sprintf(t.s(key), n)
}
