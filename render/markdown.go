package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// mdWriter writes Markdown and remembers the first write error.
type mdWriter struct {
	w   io.Writer
	err error
}

func (m *mdWriter) printf(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

// mdEscaper escapes the characters Markdown (GitHub's included) would read
// as syntax, and the ones HTML would read as tags or entities.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `&lt;`, `>`, `&gt;`, `&`, `&amp;`, `#`, `\#`, `|`, `\|`, `~`, `\~`,
	"\r", "", "\n", "<br>",
)

// md escapes document or comment text for Markdown: one line, nothing in it
// read as syntax.
func md(s string) string {
	if i := leadEscape(s); i >= 0 {
		return mdEscaper.Replace(s[:i]) + `\` + mdEscaper.Replace(s[i:])
	}
	return mdEscaper.Replace(s)
}

// leadEscape returns where a backslash keeps a line from starting a list
// item or a setext underline ("1. " "- " "+ " "==="), or -1.
func leadEscape(s string) int {
	spaceAt := func(i int) bool { return i >= len(s) || s[i] == ' ' || s[i] == '\t' }
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') && spaceAt(1) {
		return 0
	}
	if s != "" && strings.Trim(s, "=") == "" {
		return 0
	}
	for i := 0; i < len(s) && i < 10; i++ {
		if s[i] >= '0' && s[i] <= '9' {
			continue
		}
		if i > 0 && (s[i] == '.' || s[i] == ')') && spaceAt(i+1) {
			return i
		}
		break
	}
	return -1
}

// mdRedline marks an edit script for Markdown. Deletions are <del> and
// insertions <ins>, both allowed by GitHub's sanitizer: the ~~strike~~ syntax
// follows CommonMark's flanking rules, which fail next to CJK punctuation
// (打造~~，~~ is not struck), and Chinese text has such punctuation at nearly
// every edit boundary. lead says the text starts a line, where "1. " would
// start a list; inside a table cell it cannot.
func mdRedline(ops []diff.Op, lead bool) string {
	esc := -1
	if lead {
		var all strings.Builder
		for _, op := range ops {
			all.WriteString(op.Text)
		}
		esc = leadEscape(all.String())
	}
	var b strings.Builder
	at := 0
	for _, op := range ops {
		text := mdEscaper.Replace(op.Text)
		if esc >= at && esc < at+len(op.Text) {
			text = mdEscaper.Replace(op.Text[:esc-at]) + `\` + mdEscaper.Replace(op.Text[esc-at:])
		}
		at += len(op.Text)
		switch op.Kind {
		case diff.Equal:
			b.WriteString(text)
		case diff.Delete:
			b.WriteString("<del>" + text + "</del>")
		case diff.Insert:
			b.WriteString("<ins>" + text + "</ins>")
		}
	}
	return b.String()
}

// Markdown writes the annotated diff as Markdown: the same content as Text.
func Markdown(w io.Writer, d *review.Diff, o Options) error {
	m := &mdWriter{w: w}
	t := newTr(diffLang(o, d))
	m.printf("# %s\n\n", md(diffTitle(t, d)))
	m.printf("- **%s**%s%s\n", t.s("from"), t.sep(), md(revName(t, d.From)))
	m.printf("- **%s**%s%s\n", t.s("to"), t.sep(), md(revName(t, d.To)))
	for i := range d.Documents {
		mdDocument(m, &d.Documents[i], o)
	}
	if len(d.Unapplied) > 0 {
		m.printf("\n## %s\n\n%s\n", md(t.count("unapplied", len(d.Unapplied))), md(t.s("unappNote")))
		for _, c := range d.Unapplied {
			m.printf("\n")
			mdComment(m, t, c, true)
		}
	}
	return m.err
}

// diffTitle is "修改对照：征求意见稿 → 送审稿".
func diffTitle(t tr, d *review.Diff) string {
	name := func(r review.Rev) string {
		switch {
		case r.Stage != "":
			return r.Stage
		case r.Hash != "":
			return shortHash(r.Hash)
		}
		return unrecorded(t, r)
	}
	return t.s("title") + t.sep() + name(d.From) + " → " + name(d.To)
}

func mdDocument(m *mdWriter, doc *review.Document, o Options) {
	t := newTr(docLang(o, doc.Lang))
	shown, folded := split(o, doc.Changes)
	m.printf("\n## %s\n\n", md(doc.Path))
	summary := t.n("changesN", len(doc.Changes))
	if len(doc.Unexplained) > 0 {
		summary += t.s("listSep") + t.n("unexplN", len(doc.Unexplained))
	}
	m.printf("%s\n", md(summary))
	for _, c := range shown {
		if r, first := runOf(doc, c); r != nil {
			if first {
				m.printf("\n### %s\n", md(runText(t, r)))
			}
			continue
		}
		m.printf("\n### %s\n", md(changeHeading(t, c)))
		if hasEdits(changeOps(c)) || c.Kind != diff.Modified {
			m.printf("\n%s\n", mdRedline(fullOps(c), true))
		}
		var facts []string
		for _, q := range c.Quantities {
			facts = append(facts, fmt.Sprintf("- **%s**%s%s", t.s("quantities"), t.sep(), md(quantityText(t, q))))
		}
		if !c.Units.Empty() {
			facts = append(facts, fmt.Sprintf("- **%s**%s%s", t.s("units"), t.sep(), mdUnits(c.Units)))
		}
		if len(facts) > 0 {
			m.printf("\n%s\n", strings.Join(facts, "\n"))
		}
		for _, cm := range c.Comments {
			m.printf("\n")
			mdComment(m, t, cm, false)
		}
	}
	if len(folded) > 0 {
		m.printf("\n%s%s\n", md(t.n("fmtFolded", len(folded))), md(t.join(labelsOf(t, folded))))
	}
	if len(doc.Unexplained) > 0 {
		m.printf("\n### %s\n\n", md(t.count("unexplained", len(doc.Unexplained))))
		for _, c := range unexplainedChanges(doc) {
			m.printf("- %s\n", md(changeHeading(t, c)))
		}
	}
}

// changeHeading is "三/（六）/3 → 三/（六）/4 强化多层次人才服务支撑（重新编号）".
func changeHeading(t tr, c *review.Change) string {
	s := changeLabel(t, c)
	if title := shownTitle(c); title != "" {
		s += " " + title
	}
	if t.zh {
		return s + "（" + t.kind(c) + "）"
	}
	return s + " (" + t.kind(c) + ")"
}

func mdUnits(u diff.UnitChange) string {
	var parts []string
	for _, a := range u.Added {
		parts = append(parts, "<ins>+"+md(a)+"</ins>")
	}
	for _, r := range u.Removed {
		parts = append(parts, "<del>−"+md(r)+"</del>")
	}
	return strings.Join(parts, " ")
}

// mdComment writes a comment as a block quote.
func mdComment(m *mdWriter, t tr, c comment.Comment, withClause bool) {
	head := fmt.Sprintf("> **%s %s** · %s · **%s**", t.s("comment"), md(c.ID), md(c.By), t.status(c.Status))
	if withClause {
		label := c.Anchor.Label
		if label == "" {
			label = t.s("wholeDoc")
		}
		head += " · " + t.s("clause") + " " + md(label)
	}
	lines := []string{head}
	if c.Anchor.Exact != "" {
		lines = append(lines, "> "+t.s("quote")+t.sep()+md(c.Anchor.Exact))
	}
	if c.Text != "" {
		lines = append(lines, "> "+md(c.Text))
	}
	if c.Proposed != "" {
		lines = append(lines, "> "+t.s("proposed")+t.sep()+md(c.Proposed))
	}
	if c.Response != "" {
		lines = append(lines, "> "+t.s("response")+t.sep()+md(c.Response))
	}
	m.printf("%s\n", strings.Join(lines, "\n>\n"))
}
