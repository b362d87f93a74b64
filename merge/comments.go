package merge

import (
	"fmt"
	"reflect"
	"sort"

	"github.com/redline-docs/redline/comment"
)

// CommentConflict is a comment the two sides changed differently: one field
// (the disposition above all) set to two values, a comment edited on one
// side and deleted on the other, or one id naming two different comments
// (Collision: each side added its own comment under the same id, which
// happens with ids written in imported tables).
type CommentConflict struct {
	ID           string
	Field        string // "status", "response", "text" …; "" for a whole comment
	Ours, Theirs string // the two values; "" where deleted
	Collision    bool
}

// field is one mergeable field of a comment.
type field struct {
	name string
	get  func(*comment.Comment) any
	set  func(dst, src *comment.Comment)
}

func commentFields() []field {
	return []field{
		{"status", func(c *comment.Comment) any { return c.Status }, func(d, s *comment.Comment) { d.Status = s.Status }},
		{"response", func(c *comment.Comment) any { return c.Response }, func(d, s *comment.Comment) { d.Response = s.Response }},
		{"text", func(c *comment.Comment) any { return c.Text }, func(d, s *comment.Comment) { d.Text = s.Text }},
		{"proposed", func(c *comment.Comment) any { return c.Proposed }, func(d, s *comment.Comment) { d.Proposed = s.Proposed }},
		{"by", func(c *comment.Comment) any { return c.By }, func(d, s *comment.Comment) { d.By = s.By }},
		{"group", func(c *comment.Comment) any { return c.Group }, func(d, s *comment.Comment) { d.Group = s.Group }},
		{"seq", func(c *comment.Comment) any { return c.Seq }, func(d, s *comment.Comment) { d.Seq = s.Seq }},
		{"number", func(c *comment.Comment) any { return c.Number }, func(d, s *comment.Comment) { d.Number = s.Number }},
		{"anchor", func(c *comment.Comment) any { return c.Anchor }, func(d, s *comment.Comment) { d.Anchor = s.Anchor }},
	}
}

func same(a, b comment.Comment) bool {
	a.ResolvedIn, b.ResolvedIn = nil, nil
	return reflect.DeepEqual(a, b)
}

// Comments merges the comment files of base, ours and theirs, by id, field
// by field: a field changed on one side takes that change, the same change
// on both sides is taken once, two different values are a conflict (the
// merged comment keeps ours until it is settled). A comment added on one
// side is kept; added on both sides alike, kept once; two different
// comments under one id are a collision, reported, never merged. The result
// lists the merged comments by id; conflicts come in id order.
func Comments(base, ours, theirs map[string]comment.Comment) (map[string]comment.Comment, []CommentConflict) {
	out := map[string]comment.Comment{}
	var conflicts []CommentConflict
	ids := map[string]bool{}
	for _, m := range []map[string]comment.Comment{base, ours, theirs} {
		for id := range m {
			ids[id] = true
		}
	}
	sorted := make([]string, 0, len(ids))
	for id := range ids {
		sorted = append(sorted, id)
	}
	sort.Strings(sorted)
	for _, id := range sorted {
		b, inB := base[id]
		o, inO := ours[id]
		t, inT := theirs[id]
		switch {
		case !inB && inO && inT:
			out[id] = o
			if !same(o, t) {
				conflicts = append(conflicts, CommentConflict{ID: id, Ours: o.By + ": " + o.Text, Theirs: t.By + ": " + t.Text, Collision: true})
			}
		case !inB && inO:
			out[id] = o
		case !inB && inT:
			out[id] = t
		case !inO && !inT: // deleted on both sides
		case !inO: // deleted by ours
			if !same(b, t) {
				out[id] = t
				conflicts = append(conflicts, CommentConflict{ID: id, Theirs: t.By + ": " + t.Text})
			}
		case !inT:
			if !same(b, o) {
				out[id] = o
				conflicts = append(conflicts, CommentConflict{ID: id, Ours: o.By + ": " + o.Text})
			}
		default:
			m := o
			for _, f := range commentFields() {
				bv, ov, tv := f.get(&b), f.get(&o), f.get(&t)
				switch {
				case reflect.DeepEqual(ov, tv) || reflect.DeepEqual(tv, bv):
				case reflect.DeepEqual(ov, bv):
					f.set(&m, &t)
				default:
					conflicts = append(conflicts, CommentConflict{ID: id, Field: f.name, Ours: show(ov), Theirs: show(tv)})
				}
			}
			out[id] = m
		}
	}
	return out, conflicts
}

func show(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case comment.Status:
		return string(x)
	case comment.Anchor:
		if x.Label != "" {
			return x.Label
		}
		return x.ClauseID
	}
	return fmt.Sprint(v)
}
