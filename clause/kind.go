package clause

import "strconv"

var kindNames = [...]string{
	KindDocument:    "document",
	KindBian:        "bian",
	KindPart:        "part",
	KindChapter:     "chapter",
	KindSection:     "section",
	KindArticle:     "article",
	KindParagraph:   "paragraph",
	KindHeading:     "heading",
	KindCNNum:       "cn-num",
	KindCNParen:     "cn-paren",
	KindArabic:      "arabic",
	KindArabicParen: "arabic-paren",
	KindCircled:     "circled",
	KindDecimal:     "decimal",
	KindLatinParen:  "latin-paren",
	KindRomanParen:  "roman-paren",
	KindListItem:    "list-item",
	KindAnnex:       "annex",
}

// String names the numbering scheme: "article", "cn-paren", "list-item" ….
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}
