package render

import (
	"unicode"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
	"github.com/redline-docs/redline/review"
)

// words holds every user-facing string of the renderers, in Chinese and in
// English. Chinese is used for Chinese documents, English for all others.
var words = map[string][2]string{
	// change kinds
	"modified":    {"修改", "modified"},
	"inserted":    {"新增", "inserted"},
	"deleted":     {"删除", "deleted"},
	"moved":       {"移动", "moved"},
	"renumbered":  {"重新编号", "renumbered"},
	"formatting":  {"编辑性修改（仅格式）", "editorial (formatting only)"},
	"editorial":   {"编辑性修改", "editorial"},
	"unexplTag":   {"未说明的修改", "unexplained"},
	"created":     {"创建", "created"},
	"kind":        {"类型", "kind"},
	"clause":      {"条款", "Clause"},
	"before":      {"修改前", "Before"},
	"after":       {"修改后", "After"},
	"comment":     {"意见", "Comment"},
	"comments":    {"意见", "Comments"},
	"proposed":    {"建议修改为", "Proposed"},
	"response":    {"答复", "Response"},
	"quote":       {"原文", "Quote"},
	"quantities":  {"数量", "Quantities"},
	"units":       {"责任单位", "Responsible units"},
	"none":        {"无", "none"},
	"unexplained": {"未说明的修改", "Changes no comment explains"},
	"unapplied":   {"未体现的意见", "Adopted comments that changed nothing"},
	"unexplNote": {"以下修改没有对应的已处理意见：",
		"No comment settled in this range explains these changes:"},
	"unappNote": {"以下已采纳或部分采纳的意见，其条款在本次修订中未修改：",
		"These adopted or partly adopted comments were made before this range, but their clause did not change in it:"},
	"fmtFolded": {"另有 %d 处编辑性修改，仅格式（标点、数字全半角或空白）：",
		"%d editorial changes, formatting only (punctuation width, digit width or white space), not shown: "},
	"fmtFolded1": {"另有 %d 处编辑性修改，仅格式（标点、数字全半角或空白）：",
		"%d editorial change, formatting only (punctuation width, digit width or white space), not shown: "},
	"noChanges":   {"没有修改。", "No changes."},
	"title":       {"修改对照", "Redline"},
	"tableTitle":  {"修改前后对照表", "Comparison of revisions"},
	"tableNote":   {"注：未修改的条款从略。", "Note: unchanged clauses are omitted."},
	"basis":       {"修改依据", "Basis"},
	"tableEmpty":  {"（无）", "(none)"},
	"toc":         {"目录", "Contents"},
	"from":        {"修改前", "From"},
	"to":          {"修改后", "To"},
	"workTree":    {"工作区", "working tree"},
	"unnumbered":  {"（未编号文字）", "(unnumbered text)"},
	"revision":    {"修订", "Revision"},
	"stage":       {"阶段", "Stage"},
	"date":        {"日期", "Date"},
	"author":      {"作者", "Author"},
	"message":     {"说明", "Message"},
	"resolves":    {"处理意见", "Resolves"},
	"history":     {"条款修改历史", "History of clause"},
	"blame":       {"条款来源", "Blame"},
	"id":          {"编号", "ID"},
	"by":          {"单位/个人", "Commenter"},
	"status":      {"状态", "Status"},
	"text":        {"修改意见", "Comment"},
	"label":       {"条款", "Clause"},
	"textCol":     {"文本", "Text"},
	"changesN":    {"%d 处修改", "%d changes"},
	"changesN1":   {"%d 处修改", "%d change"},
	"unexplN":     {"%d 处未说明", "%d unexplained"},
	"wholeDoc":    {"全文", "whole document"},
	"document":    {"文件", "Document"},
	"noComments":  {"没有意见。", "No comments."},
	"noComment":   {"无对应意见", "No comment"},
	"noRevisions": {"没有修订。", "No revisions."},
	"resolvedIn":  {"处理于", "Settled in"},
	"textSame":    {"（文本未修改）", "(text unchanged)"},
	"otherChange": {"（条款有修改，与本意见无关）", "(the clause changed, but not because of this comment)"},
	"separator":   {"：", ": "},
	"listSep":     {"，", ", "},
	// the consultation report
	"reportTitle": {"征求意见情况报告", "Consultation report"},
	"seq":         {"序号", "No."},
	"disposition": {"是否采纳", "Disposition"},
	"whatChanged": {"修改情况", "What changed"},
	"otherGroup":  {"其他意见", "Other comments"},
	"range":       {"范围", "Range"},
	// what a screen reader says before an insertion or a deletion in HTML
	// (hidden from sight, never copied)
	"srIns": {"新增", "inserted: "},
	"srDel": {"删除", "deleted: "},
}

// tr translates UI strings into one language.
type tr struct {
	zh bool
	m  map[string]string // every string in this language, for templates
}

func newTr(l clause.Lang) tr {
	t := tr{zh: l == clause.LangZH, m: make(map[string]string, len(words))}
	for k, w := range words {
		if t.zh {
			t.m[k] = w[0]
		} else {
			t.m[k] = w[1]
		}
	}
	return t
}

// s returns the string for key; the key itself when it is unknown (a test
// catches that).
func (t tr) s(key string) string {
	if v, ok := t.m[key]; ok {
		return v
	}
	return key
}

// all is every UI string in t's language, for templates. Templates only
// read it.
func (t tr) all() map[string]string { return t.m }

// lang reports the language t speaks.
func (t tr) lang() clause.Lang {
	if t.zh {
		return clause.LangZH
	}
	return clause.LangEN
}

// status is a comment disposition in t's language (已采纳 / adopted …).
func (t tr) status(s comment.Status) string { return s.Label(t.lang()) }

// ChangeWord is the word for a change in language l (新增, 修改, 仅格式修改,
// formatting only …): every output that names a change says it this way.
func ChangeWord(c *review.Change, l clause.Lang) string { return newTr(l).kind(c) }

// kind is the word for a change: its kind, or renumbered / editorial
// (formatting only, a stage name swapped) when that is all it is.
func (t tr) kind(c *review.Change) string {
	switch {
	case c.Kind == diff.Modified && c.FormattingOnly:
		return t.s("formatting")
	case c.Editorial:
		return t.s("editorial")
	case c.Kind == diff.Modified && c.Renumbered && !hasEdits(c.Ops) && c.Units.Empty():
		return t.s("renumbered")
	}
	return t.s(c.Kind.String())
}

// docLang picks the language of a document's labels: the override, else the
// document's own.
func docLang(o Options, l clause.Lang) clause.Lang {
	if o.Lang != "" {
		return o.Lang
	}
	if l == "" {
		return clause.LangEN
	}
	return l
}

// diffLang picks the language of a whole diff's header: the override, else
// the first document's.
func diffLang(o Options, d *review.Diff) clause.Lang {
	if o.Lang != "" {
		return o.Lang
	}
	for _, doc := range d.Documents {
		if doc.Lang != "" {
			return doc.Lang
		}
	}
	var texts []string
	for _, c := range d.Unapplied {
		texts = append(texts, c.Text)
	}
	return guessLang(o, texts...)
}

// guessLang is the override, else Chinese when any text holds Han characters.
func guessLang(o Options, texts ...string) clause.Lang {
	if o.Lang != "" {
		return o.Lang
	}
	for _, s := range texts {
		for _, r := range s {
			if unicode.Is(unicode.Han, r) {
				return clause.LangZH
			}
		}
	}
	return clause.LangEN
}

func hasEdits(ops []diff.Op) bool {
	for _, op := range ops {
		if op.Kind != diff.Equal {
			return true
		}
	}
	return false
}

// notedLabel is changeLabel with "（编辑性修改）" / " (editorial)" after an
// editorial change, for the outputs that show no kind of change.
func notedLabel(t tr, c *review.Change) string {
	l := changeLabel(t, c)
	if !editorial(c) || c.FormattingOnly {
		return l // formatting-only changes are named as such where they are folded
	}
	if t.zh {
		return l + "（" + t.s("editorial") + "）"
	}
	return l + " (" + t.s("editorial") + ")"
}

// editorial reports whether a change is editorial: marked so by the review,
// or a formatting-only modification (which is always editorial).
func editorial(c *review.Change) bool {
	return c.Editorial || (c.FormattingOnly && c.Kind == diff.Modified)
}
