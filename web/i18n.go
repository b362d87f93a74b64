package web

import "github.com/redline-docs/redline/clause"

// words are the app's own labels, Chinese unless the document is not.
func words(l clause.Lang) map[string]string {
	if l != "" && l != clause.LangZH {
		return map[string]string{
			"timeline": "Documents and revisions", "comments": "Comments", "report": "Consultation report", "writable": "writable",
			"documents": "Documents", "revisions": "Revisions", "from": "From", "to": "To", "rev": "Revision", "stage": "Stage",
			"date": "Date", "author": "Author", "message": "Message", "settles": "Comments settled", "compare": "Compare the two selected",
			"blame": "Blame", "history": "Clause history", "clause": "Clause", "text": "Text", "status": "Status",
			"by": "Commenter", "round": "Round/group", "filter": "Filter", "response": "Response", "settledin": "Settled in",
			"save": "Save", "add": "Add a comment", "path": "Document", "show": "Show",
			"all": "all changes", "onlyunexpl": "only unexplained", "onlysubst": "only substantive",
			"counts": "%d comments, adopted %d, partial %d, rejected %d, pending %d",
		}
	}
	return map[string]string{
		"timeline": "文件与修订", "comments": "意见表", "report": "意见采纳情况报告", "writable": "可编辑",
		"documents": "文件", "revisions": "修订", "from": "从", "to": "到", "rev": "修订", "stage": "阶段",
		"date": "日期", "author": "作者", "message": "说明", "settles": "处理意见数", "compare": "比较所选两稿",
		"blame": "逐条来源", "history": "条文沿革", "clause": "条款", "text": "内容", "status": "是否采纳",
		"by": "意见人", "round": "轮次/分组", "filter": "筛选", "response": "理由", "settledin": "处理于",
		"save": "保存", "add": "新增意见", "path": "文件", "show": "显示",
		"all": "全部修改", "onlyunexpl": "仅无意见说明的修改", "onlysubst": "仅实质修改",
		"counts": "%d 条意见,采纳 %d,部分采纳 %d,未采纳 %d,待处理 %d",
	}
}
