package render

import (
	"bytes"
	"encoding/json"
	"io"
	"time"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/review"
)

// SchemaVersion is the "schema_version" of every JSON output (README, "JSON").
const SchemaVersion = 1

// JSONComment is README's COMMENT object.
type JSONComment struct {
	ID         string   `json:"id"`
	By         string   `json:"by"`
	ClauseID   string   `json:"clause_id"`
	Label      string   `json:"label"`
	Quote      string   `json:"quote"`
	Text       string   `json:"text"`
	Proposed   string   `json:"proposed"`
	Status     string   `json:"status"`
	Response   string   `json:"response"`
	ResolvedIn []string `json:"resolved_in"` // always an array
}

// NewJSONComment builds the COMMENT object every JSON output shares.
func NewJSONComment(c comment.Comment) JSONComment {
	return JSONComment{
		ID:         c.ID,
		By:         c.By,
		ClauseID:   c.Anchor.ClauseID,
		Label:      c.Anchor.Label,
		Quote:      c.Anchor.Exact,
		Text:       c.Text,
		Proposed:   c.Proposed,
		Status:     string(c.Status),
		Response:   c.Response,
		ResolvedIn: nonNil(c.ResolvedIn),
	}
}

// NewJSONComments builds a COMMENT array; never null.
func NewJSONComments(cs []comment.Comment) []JSONComment {
	out := make([]JSONComment, 0, len(cs))
	for _, c := range cs {
		out = append(out, NewJSONComment(c))
	}
	return out
}

// JSONRev is a revision in the diff JSON: rev, stage (null without one) and
// date. Rev and date are null for the working tree.
type JSONRev struct {
	Rev   *string `json:"rev"`
	Stage *string `json:"stage"`
	Date  *string `json:"date"`
}

// JSONDiff is README's diff JSON.
type JSONDiff struct {
	SchemaVersion     int            `json:"schema_version"`
	From              JSONRev        `json:"from"`
	To                JSONRev        `json:"to"`
	Documents         []JSONDocument `json:"documents"`
	UnappliedComments []JSONComment  `json:"unapplied_comments"`
}

// JSONDocument is one document of the diff JSON.
type JSONDocument struct {
	Path        string       `json:"path"`
	Changes     []JSONChange `json:"changes"`
	Unexplained []string     `json:"unexplained"`
	// RenumberRuns are the runs of changes that only renumber, which the
	// other formats say once; a change in one has Run, 1 + its index here.
	RenumberRuns []JSONRun `json:"renumber_runs,omitempty"`
}

// JSONRun is a run of renumber-only changes: which clauses of the kind
// counted, from and to which numbers.
type JSONRun struct {
	Count    int    `json:"count"`
	OldFirst string `json:"old_first"`
	OldLast  string `json:"old_last"`
	NewFirst string `json:"new_first"`
	NewLast  string `json:"new_last"`
}

// newJSONRuns converts a document's runs; nil when there are none.
func newJSONRuns(runs []review.RenumberRun) []JSONRun {
	var out []JSONRun
	for _, r := range runs {
		out = append(out, JSONRun{Count: r.Count, OldFirst: r.OldFirst, OldLast: r.OldLast, NewFirst: r.NewFirst, NewLast: r.NewLast})
	}
	return out
}

// JSONChange is one clause change of the diff JSON.
type JSONChange struct {
	ClauseID       string         `json:"clause_id"`
	Kind           string         `json:"kind"`
	Renumbered     bool           `json:"renumbered"`
	FormattingOnly bool           `json:"formatting_only"`
	Editorial      bool           `json:"editorial"` // formatting only, or a stage name swapped: shown, never unexplained
	OldLabel       *string        `json:"old_label"`
	NewLabel       *string        `json:"new_label"`
	Title          string         `json:"title"`
	OldText        *string        `json:"old_text"`
	NewText        *string        `json:"new_text"`
	Ops            []JSONOp       `json:"ops"`
	Quantities     []JSONQuantity `json:"quantities"`
	Units          JSONUnits      `json:"units"`
	Comments       []JSONComment  `json:"comments"`
	Run            int            `json:"run,omitempty"` // 1 + index in the document's renumber_runs
}

// JSONOp is one piece of an edit script.
type JSONOp struct {
	Op   string `json:"op"` // equal | insert | delete
	Text string `json:"text"`
}

// JSONQuantity is one quantity change.
type JSONQuantity struct {
	Old     string `json:"old"`
	New     string `json:"new"`
	Context string `json:"context"`
}

// JSONUnits is a responsible-unit change; both lists are always arrays.
type JSONUnits struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

// NewJSONDiff builds the diff JSON value.
func NewJSONDiff(d *review.Diff) JSONDiff {
	out := JSONDiff{
		SchemaVersion:     SchemaVersion,
		From:              newJSONRev(d.From),
		To:                newJSONRev(d.To),
		Documents:         make([]JSONDocument, 0, len(d.Documents)),
		UnappliedComments: NewJSONComments(d.Unapplied),
	}
	for _, doc := range d.Documents {
		jd := JSONDocument{Path: doc.Path, Changes: make([]JSONChange, 0, len(doc.Changes)), Unexplained: nonNil(doc.Unexplained), RenumberRuns: newJSONRuns(doc.Runs)}
		for i := range doc.Changes {
			jd.Changes = append(jd.Changes, newJSONChange(&doc.Changes[i]))
		}
		out.Documents = append(out.Documents, jd)
	}
	return out
}

func newJSONChange(c *review.Change) JSONChange {
	jc := JSONChange{
		ClauseID:       c.ClauseID,
		Kind:           c.Kind.String(),
		Renumbered:     c.Renumbered,
		FormattingOnly: c.FormattingOnly,
		Editorial:      editorial(c),
		OldLabel:       nullIf(c.OldLabel, c.Old == nil && c.OldLabel == ""),
		NewLabel:       nullIf(c.NewLabel, c.New == nil && c.NewLabel == ""),
		Title:          c.Title,
		OldText:        nullIf(c.OldText, c.Old == nil && c.OldText == ""),
		NewText:        nullIf(c.NewText, c.New == nil && c.NewText == ""),
		Ops:            make([]JSONOp, 0, len(c.Ops)),
		Quantities:     make([]JSONQuantity, 0, len(c.Quantities)),
		Units:          JSONUnits{Added: nonNil(c.Units.Added), Removed: nonNil(c.Units.Removed)},
		Comments:       NewJSONComments(c.Comments),
		Run:            c.Run,
	}
	for _, op := range c.Ops {
		jc.Ops = append(jc.Ops, JSONOp{Op: op.Kind.String(), Text: op.Text})
	}
	for _, q := range c.Quantities {
		jc.Quantities = append(jc.Quantities, JSONQuantity{Old: q.Old, New: q.New, Context: q.Context})
	}
	return jc
}

// DiffJSON writes the annotated diff as README's JSON. It streams: the
// bytes are those of NewJSONDiff(d) encoded indented, but only one change is
// converted and encoded at a time.
func DiffJSON(w io.Writer, d *review.Diff) error { return streamDiffJSON(w, d) }

// JSONLog is README's log JSON.
type JSONLog struct {
	SchemaVersion int           `json:"schema_version"`
	Revisions     []JSONLogItem `json:"revisions"`
}

// JSONLogItem is one revision of the log JSON.
type JSONLogItem struct {
	Rev      string   `json:"rev"`
	Date     *string  `json:"date"`
	Author   string   `json:"author"`
	Message  string   `json:"message"`
	Stage    *string  `json:"stage"`
	Resolves []string `json:"resolves"`
}

// LogJSON writes a revision list as README's log JSON.
func LogJSON(w io.Writer, revs []review.Rev) error {
	out := JSONLog{SchemaVersion: SchemaVersion, Revisions: make([]JSONLogItem, 0, len(revs))}
	for _, r := range revs {
		out.Revisions = append(out.Revisions, JSONLogItem{
			Rev: r.Hash, Date: dateOrNull(r.Date), Author: r.Author, Message: r.Message,
			Stage: nullIf(r.Stage, r.Stage == ""), Resolves: nonNil(r.Resolves),
		})
	}
	return writeJSON(w, out)
}

// JSONHistory is README's history JSON.
type JSONHistory struct {
	SchemaVersion int                `json:"schema_version"`
	ClauseID      string             `json:"clause_id"`
	Path          string             `json:"path"`
	Entries       []JSONHistoryEntry `json:"entries"`
}

// JSONHistoryEntry is one revision of a clause's history.
type JSONHistoryEntry struct {
	Rev      string        `json:"rev"`
	Date     *string       `json:"date"`
	Author   string        `json:"author"`
	Stage    *string       `json:"stage"`
	Event    string        `json:"event"`
	Label    string        `json:"label"`
	Text     string        `json:"text"`
	Comments []JSONComment `json:"comments"`
}

// HistoryJSON writes a clause's history as README's history JSON.
func HistoryJSON(w io.Writer, h *review.History) error {
	out := JSONHistory{SchemaVersion: SchemaVersion, ClauseID: h.ClauseID, Path: h.Path,
		Entries: make([]JSONHistoryEntry, 0, len(h.Entries))}
	for _, e := range h.Entries {
		out.Entries = append(out.Entries, JSONHistoryEntry{
			Rev: e.Rev.Hash, Date: dateOrNull(e.Rev.Date), Author: e.Rev.Author,
			Stage: nullIf(e.Rev.Stage, e.Rev.Stage == ""), Event: string(e.Event),
			Label: e.Label, Text: e.Text, Comments: NewJSONComments(e.Comments),
		})
	}
	return writeJSON(w, out)
}

// JSONBlame is README's blame JSON.
type JSONBlame struct {
	SchemaVersion int               `json:"schema_version"`
	Rev           string            `json:"rev"`
	Path          string            `json:"path"`
	Clauses       []JSONBlameClause `json:"clauses"`
}

// JSONBlameClause is one clause of the blame JSON. Stage and text are
// additions to README's fields.
type JSONBlameClause struct {
	ClauseID string        `json:"clause_id"`
	Label    string        `json:"label"`
	Rev      string        `json:"rev"`
	Stage    *string       `json:"stage"`
	Date     *string       `json:"date"`
	Author   string        `json:"author"`
	Text     string        `json:"text"`
	Comments []JSONComment `json:"comments"`
}

// BlameJSON writes blame as README's blame JSON.
func BlameJSON(w io.Writer, b *review.Blame) error {
	out := JSONBlame{SchemaVersion: SchemaVersion, Rev: b.Rev.Hash, Path: b.Path,
		Clauses: make([]JSONBlameClause, 0, len(b.Clauses))}
	for _, l := range b.Clauses {
		out.Clauses = append(out.Clauses, JSONBlameClause{
			ClauseID: l.ClauseID, Label: l.Label, Rev: l.Rev.Hash,
			Stage: nullIf(l.Rev.Stage, l.Rev.Stage == ""), Date: dateOrNull(l.Rev.Date),
			Author: l.Rev.Author, Text: l.Text, Comments: NewJSONComments(l.Comments),
		})
	}
	return writeJSON(w, out)
}

// JSONCommentList is README's comment list JSON.
type JSONCommentList struct {
	SchemaVersion int           `json:"schema_version"`
	Comments      []JSONComment `json:"comments"`
}

// CommentsJSON writes a comment list as README's comment list JSON.
func CommentsJSON(w io.Writer, cs []comment.Comment) error {
	return writeJSON(w, JSONCommentList{SchemaVersion: SchemaVersion, Comments: NewJSONComments(cs)})
}

// writeJSON writes v indented, UTF-8 unescaped (no \u003c for <), with one
// trailing newline.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	out := appendIndented(make([]byte, 0, buf.Len()*5/4), bytes.TrimSuffix(buf.Bytes(), []byte("\n")), "", "  ")
	_, err := w.Write(append(out, '\n'))
	return err
}

func newJSONRev(r review.Rev) JSONRev {
	return JSONRev{Rev: nullIf(r.Hash, r.Hash == ""), Stage: nullIf(r.Stage, r.Stage == ""), Date: dateOrNull(r.Date)}
}

func nullIf(s string, null bool) *string {
	if null {
		return nil
	}
	return &s
}

func dateOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// JSONMerge is README's JSON of merge and pull: what the merge did.
type JSONMerge struct {
	SchemaVersion int    `json:"schema_version"`
	Remote        string `json:"remote,omitempty"` // pull only
	Branch        string `json:"branch,omitempty"` // pull only
	// Rev is the revision the branch is at now: the merge revision, or
	// the merged one after a fast-forward; "" when the merge stopped.
	Rev         string              `json:"rev"`
	UpToDate    bool                `json:"up_to_date"`
	FastForward bool                `json:"fast_forward"`
	Message     string              `json:"message"`
	Conflicts   []JSONMergeConflict `json:"conflicts"`
}

// JSONMergeConflict is one conflict of a stopped merge: a clause of a
// document (path, label) or a field of a comment (comment, field).
type JSONMergeConflict struct {
	Path    string `json:"path"`
	Label   string `json:"label"`
	Comment string `json:"comment"`
	Field   string `json:"field"`
	Detail  string `json:"detail"`
}

// MergeJSON writes m as README's merge JSON.
func MergeJSON(w io.Writer, m JSONMerge) error {
	m.SchemaVersion = SchemaVersion
	if m.Conflicts == nil {
		m.Conflicts = []JSONMergeConflict{}
	}
	return writeJSON(w, m)
}

// JSONPush is README's JSON of push.
type JSONPush struct {
	SchemaVersion int    `json:"schema_version"`
	Remote        string `json:"remote"`
	Branch        string `json:"branch"`
	Rev           string `json:"rev"`
}

// PushJSON writes p as README's push JSON.
func PushJSON(w io.Writer, p JSONPush) error {
	p.SchemaVersion = SchemaVersion
	return writeJSON(w, p)
}
