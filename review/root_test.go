package review

import (
	"reflect"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/diff"
)

// The text outside every clause (here a preamble) is compared too; its
// change has clause id "" and is explained by settled whole-document
// comments, else listed as unexplained — never silently dropped.
func TestAttachUnnumberedText(t *testing.T) {
	parse := func(src string) *clause.Document {
		d, err := clause.Parse("plan.txt", []byte(src), clause.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	old := parse("为加快人工智能发展，制定本方案。\n一、总体要求\n（一）打造90项应用场景。\n")
	nw := parse("为加快建设国家人工智能创新应用先导区，制定本方案。\n一、总体要求\n（一）打造90项应用场景。\n")
	res := diff.Compare(old, nw, diff.Options{})
	id := func(n *clause.Node) string { return n.Path() }

	whole := comment.Comment{ID: "P1", Seq: 1, Status: comment.Adopted, Text: "突出先导区定位"}
	tests := []struct {
		name        string
		settled     map[string]bool
		comments    []string
		unexplained []string
	}{
		{"settled whole-document comment explains it", map[string]bool{"P1": true}, []string{"P1"}, nil},
		{"nothing settled: unexplained", nil, nil, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Attach(AttachInput{Path: "plan.txt", Result: res, ID: id, Comments: []comment.Comment{whole}, Settled: tt.settled})
			if len(d.Changes) != 1 {
				t.Fatalf("changes = %+v, want the preamble's alone", d.Changes)
			}
			ch := d.Changes[0]
			if ch.ClauseID != "" || ch.New.Kind != clause.KindDocument || ch.OldText == ch.NewText {
				t.Errorf("change = %+v, want the root's text with clause id \"\"", ch)
			}
			var got []string
			for _, c := range ch.Comments {
				got = append(got, c.ID)
			}
			if !reflect.DeepEqual(got, tt.comments) || !reflect.DeepEqual(d.Unexplained, tt.unexplained) {
				t.Errorf("comments %v, unexplained %q; want %v, %q", got, d.Unexplained, tt.comments, tt.unexplained)
			}
		})
	}
}
