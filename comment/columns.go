package comment

import (
	"strings"
	"sync"
	"unicode"
)

// field is what a column (or a JSON/YAML key) holds.
type field uint8

const (
	fNone     field = iota
	fID             // 序号 / id
	fBy             // 单位/个人 / by
	fClause         // 条款 / clause: a label as written
	fClauseID       // clause_id: a permanent clause id
	fQuote          // 原文 / quote
	fText           // 修改意见 / text
	fProposed       // 建议修改为 / proposed
	fStatus         // 是否采纳 / status
	fResponse       // 理由 / response
	fGroup          // 分组 / group
	fPath           // 文件 / document
	fPrefix         // anchor prefix
	fSuffix         // anchor suffix
	fRev            // the revision the comment was made on
	numFields
)

// fieldNames are the names used in error messages: the contract's
// Chinese/English pair.
var fieldNames = map[field]string{
	fID: "序号/id", fBy: "单位/个人/by", fClause: "条款/clause", fClauseID: "clause_id",
	fQuote: "原文/quote", fText: "修改意见/text", fProposed: "建议修改为/proposed",
	fStatus: "是否采纳/status", fResponse: "理由/response", fGroup: "分组/group",
	fPath: "文件/document", fPrefix: "prefix", fSuffix: "suffix", fRev: "rev",
}

// headerNames lists, for each field, the header names README lists ("Comment files") and
// the variants real consultation reports use.
var headerNames = []struct {
	f     field
	names []string
}{
	{fID, []string{
		"序号", "编号", "序", "意见编号", "comment id", "comment no", "意见序号", "id", "no", "number", "num", "seq", "#", "ref", "reference",
	}},
	{fBy, []string{
		"单位/个人", "单位", "个人", "反馈人", "反馈单位", "反馈单位/个人", "提出单位", "提出人", "提出单位/个人", "意见人", "意见提出人",
		"意见提出单位", "提出者", "部门", "单位名称", "姓名", "姓名/单位", "单位/姓名", "来文单位", "意见单位", "提出意见单位", "反馈意见单位", "单位或个人", "by", "author",
		"from", "who", "commenter", "submitter", "submitted by", "reviewer", "name", "organization",
		"organisation",
	}},
	{fClause, []string{
		"条款", "条目", "章节", "涉及条款", "对应条款", "所在条款", "条款号", "条款编号", "修改条款", "相关条款", "clause/section", "section/clause", "page/clause", "位置", "修改位置",
		"页码/条款", "条文", "clause", "label", "article", "section", "location", "where", "provision",
	}},
	{fClauseID, []string{
		"clause_id", "条款id",
	}},
	{fQuote, []string{
		"原文", "原文内容", "原文表述", "原表述", "原内容", "原条文", "原稿内容", "原条款内容", "征求意见稿原文", "修改前", "修改前内容", "现行条文",
		"quote", "quoted text", "original", "original text", "exact", "current text",
	}},
	{fText, []string{
		"修改意见", "意见", "意见内容", "修改建议", "具体意见", "具体修改意见", "意见建议", "意见和建议", "意见或建议", "意见及建议", "建议内容", "comment text", "建议", "反馈意见",
		"主要意见", "意见摘要", "text", "comment", "comments", "feedback", "suggestion", "suggestions",
		"opinion", "body",
	}},
	{fProposed, []string{
		"建议修改为", "修改为", "修改后", "修改后内容", "修改后条文", "建议修改内容", "建议条文", "建议表述", "建议稿", "proposed change", "proposed amendment", "suggested change", "suggested wording", "proposed",
		"proposal", "proposed text", "suggested text", "suggested", "new text", "replacement",
	}},
	{fStatus, []string{
		"是否采纳", "采纳情况", "采纳结果", "是否采纳及理由", "采纳情况及理由", "办理结果", "处理方式", "采纳与否", "处理情况", "处理结果", "办理情况", "处理意见", "采用情况", "是否采用", "采纳意见", "状态", "结果",
		"status", "disposition", "decision", "outcome", "resolution",
	}},
	{fResponse, []string{
		"理由", "采纳理由", "未采纳理由", "不采纳理由", "理由说明", "说明", "备注", "答复", "答复意见", "回复", "处理说明", "情况说明", "采纳情况说明",
		"原因", "response", "reason", "reply", "rationale", "explanation", "answer", "note", "notes",
		"remarks",
	}},
	{fGroup, []string{
		"分组", "类别", "分类", "来源", "意见来源", "类型", "group", "category", "source",
	}},
	{fPath, []string{
		"文件", "文档", "文件名", "document", "file", "path",
	}},
	{fPrefix, []string{
		"prefix",
	}},
	{fSuffix, []string{
		"suffix",
	}},
	{fRev, []string{
		"rev", "revision", "版本",
	}},
}

// headers maps folded header names (foldHeader) to fields. Read only. It
// is made on first use: at package initialisation its 300 small
// allocations were most of this package's share of every redline
// process's start-up (redline --help included).
var headers = sync.OnceValue(indexHeaders)

func indexHeaders() map[string]field {
	m := map[string]field{}
	for _, h := range headerNames {
		for _, n := range h.names {
			m[foldHeader(n)] = h.f
		}
	}
	return m
}

// foldHeader folds a header for matching: half width, lower case, without
// spaces, '_', '-', '*' and trailing ':' or '.'.
func foldHeader(s string) string {
	var b strings.Builder
	for _, r := range s {
		r = foldRune(r)
		if unicode.IsSpace(r) || r == '_' || r == '-' || r == '*' || r == '"' || r == '“' || r == '”' || r == '\ufeff' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), ":.")
}

// columnField says what a header holds, fNone when it is not understood.
// A parenthesised note after the name is ignored: 修改意见（请注明条款）.
func columnField(header string) field {
	h := foldHeader(header)
	if f, ok := headers()[h]; ok {
		return f
	}
	if i := strings.IndexAny(h, "(["); i > 0 {
		return headers()[strings.TrimRight(h[:i], ":.")]
	}
	return fNone
}
