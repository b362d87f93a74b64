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
//   - when a paired article has 款 on one side only (reshaped), takes the
//     款 that carries the other side's text as the article's own text: that
//     款 is no change of its own, its parts stay where they were, and the
//     other 款 are inserted (or deleted) 款 under the article.

// partsBody is what alignment compares for an article or a 款 n, whose
// Body is own: its text with all its parts, marker left out.
func partsBody(n *clause.Node, own string) string {
	if len(n.Children) == 0 {
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
// A German § is an article, its Absätze (1), (2) are its 款, as an
// English Article's numbered paragraphs are.
func unitKind(n *clause.Node) int {
	switch {
	case isArticleNode(n):
		return 1
	case isParaNode(n):
		return 2
	}
	return 0
}

func isArticleNode(n *clause.Node) bool {
	switch n.Kind {
	case clause.KindArticle:
		return true
	case clause.KindSection, clause.KindHeading:
		return strings.HasPrefix(n.Label(), "§")
	}
	return false
}

func isParaNode(n *clause.Node) bool {
	return n.Kind == clause.KindParagraph || n.Kind == clause.KindArabicParen && n.Parent != nil && isArticleNode(n.Parent)
}

// compatible reports whether old o and new n may be one clause: an article
// only with an article, a 款 only with a 款; but in the promote pass a 款
// with an article of one paragraph, and an item with a 款 of its own
// article (never two items: their pairing is done by then).
func (a *aligner) compatible(o, n int32) bool {
	ko, kn := a.o.unit[o], a.n.unit[n]
	if ko == kn {
		return !a.crossUnits || ko != 0 // promote pairs no two items
	}
	if !a.crossUnits {
		return false
	}
	switch {
	case ko == 2 && kn == 1:
		return !hasParas(a.n, n) && a.o.alias[o] < 0 && a.o2n[a.o.parent[o]] >= 0
	case ko == 1 && kn == 2:
		return !hasParas(a.o, o) && a.n.alias[n] < 0 && a.n2o[a.n.parent[n]] >= 0
	case ko == 0 && kn == 2:
		// an item that became a 款 of its article (the catch-all last
		// 项 made a 款 of its own)
		art := articleIndex(a.o, o)
		return art >= 0 && a.n.alias[n] < 0 && a.o2n[art] == a.n.parent[n]
	case ko == 2 && kn == 0:
		art := articleIndex(a.n, n)
		return art >= 0 && a.o.alias[o] < 0 && a.n2o[art] == a.o.parent[o]
	}
	return false
}

// articleIndex is the index of the article that clause i of side s is an
// item of (directly or under one of its 款), or -1: only the numbered
// items of a law's article (（一）, 1.) count.
func articleIndex(s *clauseSide, i int32) int32 {
	if s.unit[i] != 0 || s.nodes[i].Kind == clause.KindHeading {
		return -1
	}
	for p := s.parent[i]; p >= 0; p = s.parent[p] {
		switch s.unit[p] {
		case 1:
			return p
		case 2:
			continue
		}
		return -1
	}
	return -1
}

// promote pairs, once articles are paired, a 款 that became an article of
// its own (or an article that became a 款 of another): the 款's article
// must be paired, so the text has a home on both sides, and no article is
// both inserted and the new place of an old one. So too an item (项) that
// became a 款 of the same article, or a 款 that became one of its items.
func (a *aligner) promote() {
	var olds, news []int32
	for i, n := range a.o2n {
		if n < 0 && a.o.alias[i] < 0 && (a.o.unit[i] != 0 || articleIndex(a.o, int32(i)) >= 0) {
			olds = append(olds, int32(i))
		}
	}
	for i, o := range a.n2o {
		if o < 0 && a.n.alias[i] < 0 && (a.n.unit[i] != 0 || articleIndex(a.n, int32(i)) >= 0) {
			news = append(news, int32(i))
		}
	}
	a.crossUnits = true
	a.match(olds, news, true)
	a.crossUnits = false
}

// standIn returns, among the 款 of clause i of side s, the unpaired one
// whose text is most like want (the other version's own text of the
// article): the first 款 when none shares any of its bigrams. It returns -1
// when clause i has no 款 or that one is paired.
func (a *aligner) standIn(s *clauseSide, i int32, want string, paired []int32) int32 {
	kids := s.children[i]
	if !hasParas(s, i) {
		return -1
	}
	best, score := kids[0], 0.0
	if len(kids) > 1 {
		w := bigramSet(want)
		for _, k := range kids {
			if !isParaNode(s.nodes[k]) || paired[k] >= 0 {
				continue
			}
			if d := diceSets(w, bigramSet(s.own[k])); d > score {
				best, score = k, d
			}
		}
	}
	if paired[best] >= 0 {
		return -1
	}
	return best
}

// reshape finds the paired articles that have 款 on one side only, and lets
// one unpaired 款 of that side (the one that carries the other side's text,
// see standIn) stand for the article's own text: its body joins the
// article's own body, and its parts count as the article's (parentOf,
// sameLabelPath).
func (a *aligner) reshape() {
	for oi, ni := range a.o2n {
		if ni < 0 || a.o.unit[oi] != 1 || a.n.unit[ni] != 1 {
			continue
		}
		o, n := int32(oi), ni
		oHas, nHas := hasParas(a.o, o), hasParas(a.n, n)
		if oHas != nHas && foldEqual(a.o.body[o], a.n.body[n]) {
			// The same words, only cut into 款 or joined: every 款 is
			// the article's own text, and the change is formatting.
			a.joinParas(o, n, oHas)
			continue
		}
		switch {
		case !oHas && nHas:
			if k := a.standIn(a.n, n, a.o.own[o], a.n2o); k >= 0 {
				a.n.alias[k] = o
				a.n.own[n] = joinOwn(a.n.own[n], a.n.own[k])
			}
		case oHas && !nHas:
			if k := a.standIn(a.o, o, a.n.own[n], a.o2n); k >= 0 {
				a.o.alias[k] = n
				a.o.own[o] = joinOwn(a.o.own[o], a.o.own[k])
			}
		}
	}
}

// joinParas lets every unpaired 款 of article o (old, when old is true) or
// n stand for the article's own text.
func (a *aligner) joinParas(o, n int32, old bool) {
	s, i, other, paired := a.n, n, o, a.n2o
	if old {
		s, i, other, paired = a.o, o, n, a.o2n
	}
	own := s.own[i]
	for _, k := range s.children[i] {
		if isParaNode(s.nodes[k]) && paired[k] < 0 {
			s.alias[k] = other
			own = joinOwn(own, s.own[k])
		}
	}
	s.own[i] = own
}

// hasParas reports whether clause i of side s has 款.
func hasParas(s *clauseSide, i int32) bool {
	kids := s.children[i]
	return len(kids) > 0 && isParaNode(s.nodes[kids[0]])
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
