package diff

import "errors"

// ErrMismatch is returned by Apply when ops do not fit the text.
var ErrMismatch = errors.New("edit script does not match text")

// Apply applies ops to a and returns the result: the Equal and Insert
// pieces, after checking that the Equal and Delete pieces spell a.
func Apply(a string, ops []Op) (string, error) {
	var out []byte
	i := 0
	for _, op := range ops {
		switch op.Kind {
		case Equal, Delete:
			if len(a)-i < len(op.Text) || a[i:i+len(op.Text)] != op.Text {
				return "", ErrMismatch
			}
			i += len(op.Text)
			if op.Kind == Equal {
				out = append(out, op.Text...)
			}
		case Insert:
			out = append(out, op.Text...)
		}
	}
	if i != len(a) {
		return "", ErrMismatch
	}
	return string(out), nil
}

// Render writes ops the way word-diff does: equal text as is, deletions as
// [-text-] and insertions as {+text+}. It is for tests and plain logs.
func Render(ops []Op) string {
	var n int
	for _, op := range ops {
		n += len(op.Text) + 4
	}
	buf := make([]byte, 0, n)
	for _, op := range ops {
		switch op.Kind {
		case Delete:
			buf = append(buf, "[-"...)
			buf = append(buf, op.Text...)
			buf = append(buf, "-]"...)
		case Insert:
			buf = append(buf, "{+"...)
			buf = append(buf, op.Text...)
			buf = append(buf, "+}"...)
		default:
			buf = append(buf, op.Text...)
		}
	}
	return string(buf)
}
