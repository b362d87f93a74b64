package comment

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

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
	By       string `json:"by"`               // 单位/个人
	Group    string `json:"group,omitempty"`  // a section of the report: 公开网站, 相关部门 …
	Seq      int    `json:"seq,omitempty"`    // order within the report (import order); 0: none
	Number   string `json:"number,omitempty"` // 序号 as written in the imported table (may restart per group)
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

// MaxIDLen bounds a comment id, which names the comment's file in the
// repository.
const MaxIDLen = 64

// ErrBadID is returned for a comment id that cannot name a file.
var ErrBadID = errors.New("invalid comment id")

// ValidID reports whether id can identify a comment: 1 to MaxIDLen bytes of
// letters (any script), digits, '-', '_' and '.', not starting with '.' or
// '-'. Such an id is safe as a file name on every system and as a
// command-line argument.
func ValidID(id string) error {
	if id == "" || len(id) > MaxIDLen || !utf8.ValidString(id) || id[0] == '.' || id[0] == '-' {
		return fmt.Errorf("%w %q: want 1-%d letters, digits, '-', '_' or '.'", ErrBadID, id, MaxIDLen)
	}
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.' {
			return fmt.Errorf("%w %q: want 1-%d letters, digits, '-', '_' or '.'", ErrBadID, id, MaxIDLen)
		}
	}
	return nil
}
