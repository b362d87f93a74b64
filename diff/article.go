package diff

import (
	"strings"

	"github.com/redline-docs/redline/clause"
)

// Articles as units.
//
// A law's article (条, §, Article) is one clause to a lawyer: its
// paragraphs (款, Absätze) and items (项, 目) are its parts. The parser
// makes the 款 of an article separate clauses only once it has two of them,
// so the same article is a single clause in one version and a textless
// head with 款 under it in the next. Alignment therefore
//
//   - compares an article, and a 款, by its whole text with its parts
//     (partsBody), so that lineage follows the text and not the head;
//   - never pairs an article with a clause that is not one, nor a 款 with
//     anything but a 款 (compatible): the text of a one-paragraph article
//     is not "moved" into the first 款 of its next version;
//   - when a paired article has 款 on one side only (reshaped), takes its
//     first 款 as the article's own text: that 款 is no change of its own,
//     its parts stay where they were, and the second 款 is an inserted (or
//     deleted) 款 under the article.

// partsBody is what alignment compares for clause n, whose Body is own:
// for an article or a 款, its text with all its parts, marker left out;
// for any other clause its own body.
func partsBody(n *clause.Node, own string) string {
	if len(n.Children) == 0 || n.Kind != clause.KindArticle && n.Kind != clause.KindParagraph {
		return own
	}
	full, text := n.FullText(), n.Text()
	if !strings.HasPrefix(full, text) {
		return own
	}
	rest := full[len(text):]
	if strings.HasSuffix(text, own) {
		// Body, Text and FullText are views of one clean string: the
		// body and its parts are one substring, no copy.
		return full[len(text)-len(own):]
	}
	return own + rest
}

// unitKind says whether a clause is an article (1), a 款 (2), or neither (0).
func unitKind(n *clause.Node) int {
	switch n.Kind {
	case clause.KindArticle:
		return 1
	case clause.KindParagraph:
		return 2
	}
	return 0
}

// compatible reports whether old o and new n may be one clause: an article
// only with an article, a 款 only with a 款.
func (a *aligner) compatible(o, n int32) bool {
	return unitKind(a.o.nodes[o]) == unitKind(a.n.nodes[n])
}

// firstPara returns the first child of clause i of side s when it is a 款,
// or -1.
func firstPara(s *clauseSide, i int32) int32 {
	kids := s.children[i]
	if len(kids) == 0 || s.nodes[kids[0]].Kind != clause.KindParagraph {
		return -1
	}
	return kids[0]
}

// reshape finds the paired articles that have 款 on one side only, and lets
// the unpaired first 款 of that side stand for the article's own text: its
// body joins the article's own body, and its parts count as the article's
// (parentOf, sameLabelPath). It pairs an unpaired article with an unpaired
// one of the same label among paired neighbours before (inPlace does), so
// it runs last.
func (a *aligner) reshape() {
	for oi, ni := range a.o2n {
		if ni < 0 || a.o.nodes[oi].Kind != clause.KindArticle {
			continue
		}
		o, n := int32(oi), ni
		ok, nk := firstPara(a.o, o), firstPara(a.n, n)
		switch {
		case ok < 0 && nk >= 0 && a.n2o[nk] < 0:
			a.n.alias[nk] = o
			a.n.own[n] = joinOwn(a.n.own[n], a.n.own[nk])
		case nk < 0 && ok >= 0 && a.o2n[ok] < 0:
			a.o.alias[ok] = n
			a.o.own[o] = joinOwn(a.o.own[o], a.o.own[ok])
		}
	}
}

// joinOwn joins an article's own body (empty, or its title) and the text of
// its first 款.
func joinOwn(head, para string) string {
	if head == "" {
		return para
	}
	return head + "\n" + para
}

// parentOf returns the parent of clause i on side s as alignment sees it:
// the article, for a part of a first 款 that stands for its article.
func (s *clauseSide) parentOf(i int32) int32 {
	p := s.parent[i]
	if p >= 0 && s.alias[p] >= 0 {
		return s.parent[p]
	}
	return p
}
