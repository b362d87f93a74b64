package diff

import (
	"strings"

	"github.com/redline-docs/redline/clause"
)

// OpKind is what an Op does.
type OpKind uint8

const (
	Equal OpKind = iota
	Insert
	Delete
)

func (k OpKind) String() string {
	switch k {
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "equal"
}

// Op is one piece of an edit script: Apply(a, ops) == b when the Equal and
// Delete pieces concatenate to a and the Equal and Insert pieces to b.
type Op struct {
	Kind OpKind
	Text string
}

// ChangeKind classifies a clause change.
type ChangeKind uint8

const (
	Modified ChangeKind = iota // same clause, text or label changed
	Inserted                   // new in the new revision
	Deleted                    // gone from the new revision
	Moved                      // now under another parent (possibly also edited)
)

func (k ChangeKind) String() string {
	switch k {
	case Inserted:
		return "inserted"
	case Deleted:
		return "deleted"
	case Moved:
		return "moved"
	}
	return "modified"
}

// QuantityChange pairs an old numeric expression with its new value in a
// modified clause: {Old: "90项", New: "80项", Context: "智慧医疗领域打造…应用场景"}.
// Old is empty for a quantity that appeared, New for one that vanished.
type QuantityChange struct {
	Old, New string
	Context  string // a few words saying what is counted
}

// UnitChange is the difference of two responsibility trailers, compared as sets.
type UnitChange struct {
	Added, Removed []string
}

// Empty reports whether no unit was added or removed.
func (u UnitChange) Empty() bool { return len(u.Added) == 0 && len(u.Removed) == 0 }

// Change is one changed clause.
type Change struct {
	Kind ChangeKind
	Old  *clause.Node // nil when Inserted
	New  *clause.Node // nil when Deleted

	Renumbered     bool // the label path changed
	FormattingOnly bool // texts differ only in punctuation width, digit width, white space, zero-width characters

	Ops        []Op // word-level edit of the clause's own text without its marker (Node.Body, children excluded; for an article that has 款 in one version only, the text of its first 款): a clause only renumbered has Equal ops only
	Quantities []QuantityChange
	Units      UnitChange

	// The bodies compared, when not the nodes' own: an article whose
	// first 款 stands for its text (see article.go).
	oldBody, newBody string
	bodies           bool
}

// Substantive reports whether the change inserts, deletes, moves or rewords a
// clause; renumbering alone and formatting alone are not substantive.
func (c Change) Substantive() bool {
	switch c.Kind {
	case Inserted, Deleted, Moved:
		return true
	}
	if c.FormattingOnly {
		return false
	}
	for _, op := range c.Ops {
		if op.Kind != Equal {
			return true
		}
	}
	return !c.Units.Empty()
}

// Pair is one step of the alignment: an old clause and the new clause it
// became. Old is nil for an inserted clause, New for a deleted one.
type Pair struct {
	Old, New *clause.Node
}

// Result is the comparison of two documents.
type Result struct {
	Old, New *clause.Document
	// Pairs covers every clause of both documents exactly once: in new
	// document order, with deleted clauses placed where they stood.
	Pairs []Pair
	// Changes lists the pairs that changed, in the same order, after one
	// change of the roots (Old: Result.Old.Root, New: Result.New.Root) when
	// the text outside every clause — title, preamble, closing lines, or a
	// whole document without numbering — changed.
	Changes []Change
}

// Options tune Compare. The zero value is the default.
type Options struct{}

// Bodies returns the texts Ops edit: the old and new clauses' Body, or,
// for an article that has 款 in one version only, its own text joined with
// the 款 that carries it. A side without a clause is "".
func (c *Change) Bodies() (old, new string) {
	if c.bodies {
		return c.oldBody, c.newBody
	}
	if c.Old != nil {
		old = c.Old.Body()
	}
	if c.New != nil {
		new = c.New.Body()
	}
	return old, new
}

// Texts returns the old and new clauses' text as the change describes it:
// Node.Text, or for an article that has 款 in one version only, its number
// followed by Bodies. Each ends with its body, so a renderer can put the
// number back in front of the Ops.
func (c *Change) Texts() (old, new string) {
	ob, nb := c.Bodies()
	return describedText(c.Old, ob), describedText(c.New, nb)
}

func describedText(n *clause.Node, body string) string {
	if n == nil {
		return ""
	}
	text, own := n.Text(), n.Body()
	if body == own || !strings.HasSuffix(text, own) {
		return text
	}
	head := strings.TrimSuffix(text, own)
	if own == "" && head != "" {
		head += " "
	}
	return head + body
}
