package comment

// Status is a comment's disposition.
type Status string

const (
	Pending  Status = "pending"  // 待处理
	Adopted  Status = "adopted"  // 已采纳
	Partial  Status = "partial"  // 部分采纳
	Rejected Status = "rejected" // 未采纳
)

// Anchor ties a comment to a clause: by permanent clause id and by the text
// it quotes, so it can be found again after edits.
type Anchor struct {
	ClauseID string `json:"clause_id,omitempty"` // empty: the whole document
	Path     string `json:"path,omitempty"`      // the document (file path in the repository)
	Label    string `json:"label,omitempty"`     // the clause's label path when the comment was made
	Rev      string `json:"rev,omitempty"`       // the revision the comment was made on
	Prefix   string `json:"prefix,omitempty"`    // a little text before the quote
	Exact    string `json:"exact,omitempty"`     // the quoted text (原文)
	Suffix   string `json:"suffix,omitempty"`    // a little text after the quote
}

// Comment is one remark on a clause (修改意见) and what became of it.
type Comment struct {
	ID       string `json:"id"`
	By       string `json:"by"`              // 单位/个人
	Group    string `json:"group,omitempty"` // a section of the report: 公开网站, 相关部门 …
	Seq      int    `json:"seq,omitempty"`   // order within the report (序号 as given, or import order)
	Anchor   Anchor `json:"anchor"`
	Text     string `json:"text"`               // 修改意见
	Proposed string `json:"proposed,omitempty"` // 建议修改为
	Status   Status `json:"status"`             // 是否采纳
	Response string `json:"response,omitempty"` // 理由 / what was done

	// ResolvedIn lists the revisions that settled the comment (commit
	// trailers written by `redline commit --resolves`). Derived by the
	// repository, never stored in the comment's file.
	ResolvedIn []string `json:"-"`
}
