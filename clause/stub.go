package clause

import (
	"errors"
	"strings"
)

// Errors the parser returns (wrapped in *Error with a position).
var (
	ErrBinary   = errors.New("binary content")
	ErrNotUTF8  = errors.New("not valid UTF-8")
	ErrTooLarge = errors.New("document too large")
	ErrTooDeep  = errors.New("clauses nested too deeply")
)

// Options bound the parser.
type Options struct {
	MaxBytes int // default 64 MiB
	MaxDepth int // default 32
}

// Parse parses src into a clause tree. name is used in error positions only.
// STUB: replaced by the real parser (issue 2).
func Parse(name string, src []byte, opts Options) (*Document, error) {
	d := &Document{Name: name, Src: src, Lang: LangZH}
	d.Root = &Node{Kind: KindDocument, End: len(src), HeadEnd: len(src), doc: d}
	return d, nil
}

// NormLabel folds a label path for matching: parenthesis and digit width,
// trailing 、 . ． on each level, surrounding space. STUB.
func NormLabel(s string) string { return strings.TrimSpace(s) }

// Find returns the clause whose label path matches path (NormLabel on both
// sides), or nil. STUB.
func (d *Document) Find(path string) *Node {
	want := NormLabel(path)
	for _, n := range d.Clauses() {
		if NormLabel(n.Path()) == want {
			return n
		}
	}
	return nil
}

func labelOf(n *Node) string { return strings.TrimRight(n.Marker, "、.．") }
func bodyOf(n *Node) string  { return strings.TrimSpace(strings.TrimPrefix(n.Text(), n.Marker)) }
