package review

import (
	"sort"
	"strings"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

// The audit rules: which comment is about which change, which adopted
// comment the text never took up, and which change is editorial. Each is a
// pure function of clause trees, ids and comments, so that it can be tested
// without a repository.

// articleLevel reports whether n is an article: 第X条, Article N, or a German
// or English § (which the parser files as a section, since statutes number
// their §§ where Chinese laws number 条). A part, chapter or 节 (Part,
// Chapter, Section) is above that level; 款, 项, 目 (Absatz, Nummer,
// paragraph, point, item) are its parts.
func articleLevel(n *clause.Node) bool {
	switch n.Kind {
	case clause.KindArticle:
		return true
	case clause.KindSection:
		return strings.Contains(n.Marker, "§")
	}
	return false
}

// inArticle reports whether n is an article or one of its parts.
func inArticle(n *clause.Node) bool {
	for p := n; p != nil && p.Kind != clause.KindDocument; p = p.Parent {
		if articleLevel(p) {
			return true
		}
	}
	return false
}

// articleOf is the article n belongs to (n itself when it is one), or nil.
func articleOf(n *clause.Node) *clause.Node {
	for p := n; p != nil && p.Kind != clause.KindDocument; p = p.Parent {
		if articleLevel(p) {
			return p
		}
	}
	return nil
}

// AboutClauses lists the clauses a comment may be anchored to and still be
// about a change to n: n itself; every enclosing clause that is an article
// or a part of one (a comment on 第三条 is about its 款, 项 and 目; one on a
// 款 about its 项); and an enclosing clause whose text n merely continues
// (unnumbered paragraphs under a numbered item). A part, chapter or section
// is not among them: a comment on a whole chapter is about the chapter's own
// text, not about every edit inside it (unless it quotes the edited text;
// see QuoteIn). Nearest first; nil for nil or the document root.
func AboutClauses(n *clause.Node) []*clause.Node {
	if n == nil || n.Kind == clause.KindDocument {
		return nil
	}
	out := []*clause.Node{n}
	continued := n.Kind == clause.KindParagraph
	for p := n.Parent; p != nil && p.Kind != clause.KindDocument; p = p.Parent {
		if inArticle(p) || continued {
			out = append(out, p)
		}
		continued = continued && p.Kind == clause.KindParagraph
	}
	return out
}

// QuoteIn reports whether a comment's quote lies in text: found as quoted,
// up to punctuation width, digit width and white space. A comment without a
// quote lies nowhere.
func QuoteIn(text string, a comment.Anchor) bool {
	if strings.TrimSpace(a.Exact) == "" || text == "" {
		return false
	}
	if strings.Contains(text, a.Exact) {
		return true
	}
	q := diff.Fold(a.Exact)
	return q != "" && strings.Contains(diff.Fold(text), q)
}

// quoteScope reports whether a comment anchored to the clause anchor (nil:
// the whole document) may claim a change to n by its quote: n lies inside
// the anchored clause, or in the same article (a comment cited as 第三条第二款
// quoting 第三条第一款). The whole document's comments may claim any change.
func quoteScope(anchor, n *clause.Node) bool {
	if anchor == nil {
		return true
	}
	for p := n; p != nil; p = p.Parent {
		if p == anchor {
			return true
		}
	}
	a, b := articleOf(anchor), articleOf(n)
	return a != nil && a == b
}

// stageNames are the stage names Chinese drafts carry in their titles, for
// revisions that are not named after them. Longest first, so that
// 草案征求意见稿 is replaced whole.
var stageNames = []string{
	"草案征求意见稿", "修订草案", "征求意见稿", "送审稿", "印发稿", "报批稿", "审议稿", "讨论稿", "修改稿", "修订稿", "草案",
}

// Editorial reports whether a change is editorial rather than substance:
// formatting only (punctuation width, digit width, white space), the 顿号
// between two cited titles struck or added (《公务员法》、《处分条例》 →
// 《公务员法》《处分条例》), or a stage name swapped for another — （征求意见稿） → （送审稿） in a title or heading
// as a draft moves on — and nothing else. stages are the two revisions'
// stage names, which count besides the usual Chinese ones. Editorial changes
// are shown, but no comment needs to explain them.
func Editorial(c diff.Change, oldText, newText string, stages ...string) bool {
	if c.Kind != diff.Modified {
		return false
	}
	if c.FormattingOnly {
		return true
	}
	if oldText == newText {
		return false
	}
	if a, b := titleCommas.Replace(oldText), titleCommas.Replace(newText); a == b || diff.FormattingOnly(a, b) {
		return true // 《公务员法》、《处分条例》 → 《公务员法》《处分条例》
	}
	names := append([]string(nil), stageNames...)
	for _, s := range stages {
		if s = strings.TrimSpace(s); s != "" {
			names = append(names, s)
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	a, na := maskStages(oldText, names)
	if na == 0 {
		return false // most texts name no stage: the other need not be searched
	}
	b, nb := maskStages(newText, names)
	if nb == 0 {
		return false
	}
	return a == b || diff.FormattingOnly(a, b)
}

// titleCommas drops the 顿号 between two titles in 《》 or 〈〉, which the
// punctuation standard (GB/T 15834-2011) leaves out and redrafts strike:
// the titles cited are the same.
var titleCommas = strings.NewReplacer("》、《", "》《", "〉、〈", "〉〈")

// stageMask stands in for a stage name; it cannot occur in a document's
// text.
const stageMask = "\x00stage\x00"

// maskStages replaces every stage name in s with stageMask and counts them.
func maskStages(s string, names []string) (string, int) {
	n := 0
	for _, name := range names {
		if c := strings.Count(s, name); c > 0 {
			n += c
			s = strings.ReplaceAll(s, name, stageMask)
		}
	}
	return s, n
}

// RangeStart describes the start of a diffed range for Unapplied.
type RangeStart struct {
	// Revs holds the hashes of the start revision and of every revision
	// before it. Empty when the range starts before the first revision.
	Revs map[string]bool
}

// open reports whether comment c was open at the range's start: made on or
// before it (a comment that does not say, on it) and not settled at or
// before it.
func (s RangeStart) open(c comment.Comment) bool {
	if c.Anchor.Rev != "" && !s.Revs[c.Anchor.Rev] {
		return false
	}
	for _, h := range c.ResolvedIn {
		if s.Revs[h] {
			return false
		}
	}
	return true
}

// Unapplied returns the comments the text never took up in the range: the
// adopted or partly adopted comments made on or before the range's start
// and not settled at or before it, whose clause with its parts (in the
// comment's document, when it names one) has no substantive change — no
// change the comment is about by its anchor (AboutClauses) — and which
// explain no substantive change. Whether they are settled inside the
// range, later, or not yet does not matter: an adopted comment whose round
// did not change its clause was not applied in that round. A
// whole-document comment counts as applied when its document (any, when it
// names none) has a substantive change. Editorial changes are not
// substance. Rejected and pending comments are never unapplied. In report
// order, like Change.Comments.
func Unapplied(docs []Document, comments []comment.Comment, start RangeStart) []comment.Comment {
	changed, applied := substance(docs)
	var out []comment.Comment
	for _, c := range comments {
		if (c.Status != comment.Adopted && c.Status != comment.Partial) || applied[c.ID] || !start.open(c) {
			continue
		}
		if !changed(c) {
			out = append(out, c)
		}
	}
	return sortComments(out)
}

// ClauseChanged returns whether a comment's clause, with its parts, has a
// substantive change in docs (a whole-document comment: whether its
// document has one), or the comment explains one: what Unapplied asks of
// every comment, for the report to say of each.
func ClauseChanged(docs []Document) func(comment.Comment) bool {
	changed, applied := substance(docs)
	return func(c comment.Comment) bool { return applied[c.ID] || changed(c) }
}

// substance indexes the substantive changes of docs: changed reports
// whether a comment's clause with its parts (AboutClauses) changed, and
// applied holds the ids of the comments that explain one.
func substance(docs []Document) (changed func(comment.Comment) bool, applied map[string]bool) {
	type key struct{ path, clause string }
	applied = map[string]bool{}
	keys := map[key]bool{}
	mark := func(path, id string) {
		keys[key{path, id}] = true
		keys[key{"", id}] = true
	}
	for _, d := range docs {
		for _, ch := range d.Changes {
			if !ch.Substance() {
				continue
			}
			mark(d.Path, ch.ClauseID)
			mark(d.Path, "\x00doc")
			for _, id := range ch.about {
				mark(d.Path, id)
			}
			for _, c := range ch.Comments {
				applied[c.ID] = true
			}
		}
	}
	changed = func(c comment.Comment) bool {
		k := key{c.Anchor.Path, c.Anchor.ClauseID}
		if c.Anchor.ClauseID == "" {
			k.clause = "\x00doc"
		}
		return keys[k]
	}
	return changed, applied
}

// aboutIDs are the ids of AboutClauses(n).
func aboutIDs(n *clause.Node, id func(*clause.Node) string) []string {
	var out []string
	for _, a := range AboutClauses(n) {
		if s := id(a); s != "" {
			out = append(out, s)
		}
	}
	return out
}
