package render

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/review"
)

// jsonWriter appends indented JSON by hand, byte for byte what
// encoding/json writes for the same value with SetEscapeHTML(false) and
// SetIndent(prefix, "  "): the diff JSON of a large redline is mostly
// clause text, which the reflection encoder escapes one decoded character
// at a time.
type jsonWriter struct {
	b      []byte
	prefix string
	depth  int
	empty  bool // a container was just opened and holds nothing yet
}

// elem starts an element of the open container: a key of an object or a
// value of an array.
func (w *jsonWriter) elem() {
	if w.empty {
		w.empty = false
	} else {
		w.b = append(w.b, ',')
	}
	w.newline()
}

func (w *jsonWriter) newline() {
	w.b = append(w.b, '\n')
	w.b = append(w.b, w.prefix...)
	for i := 0; i < w.depth; i++ {
		w.b = append(w.b, ' ', ' ')
	}
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

// close ends the open container; an empty one stays on one line: [] {}.
func (w *jsonWriter) close(c byte) {
	w.depth--
	if w.empty {
		w.empty = false
	} else {
		w.newline()
	}
	w.b = append(w.b, c)
}

// key starts the member k (plain ASCII, no escapes) of the open object.
func (w *jsonWriter) key(k string) {
	w.elem()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':', ' ')
}

func (w *jsonWriter) str(s string) { w.b = appendJSONString(w.b, s) }

func (w *jsonWriter) strOrNull(s string, null bool) {
	if null {
		w.b = append(w.b, "null"...)
		return
	}
	w.str(s)
}

func (w *jsonWriter) boolean(v bool) {
	if v {
		w.b = append(w.b, "true"...)
	} else {
		w.b = append(w.b, "false"...)
	}
}

// strings writes an array of strings; nil is [].
func (w *jsonWriter) strings(ss []string) {
	w.open('[')
	for _, s := range ss {
		w.elem()
		w.str(s)
	}
	w.close(']')
}

// change writes c as newJSONChange(c) encodes.
func (w *jsonWriter) change(c *review.Change) {
	w.open('{')
	w.key("clause_id")
	w.str(c.ClauseID)
	w.key("kind")
	w.str(c.Kind.String())
	w.key("renumbered")
	w.boolean(c.Renumbered)
	w.key("formatting_only")
	w.boolean(c.FormattingOnly)
	w.key("editorial")
	w.boolean(editorial(c))
	w.key("old_label")
	w.strOrNull(c.OldLabel, c.Old == nil && c.OldLabel == "")
	w.key("new_label")
	w.strOrNull(c.NewLabel, c.New == nil && c.NewLabel == "")
	w.key("title")
	w.str(c.Title)
	w.key("old_text")
	w.strOrNull(c.OldText, c.Old == nil && c.OldText == "")
	w.key("new_text")
	w.strOrNull(c.NewText, c.New == nil && c.NewText == "")
	w.key("ops")
	w.open('[')
	for _, op := range c.Ops {
		w.elem()
		w.open('{')
		w.key("op")
		w.str(op.Kind.String())
		w.key("text")
		w.str(op.Text)
		w.close('}')
	}
	w.close(']')
	w.key("quantities")
	w.open('[')
	for _, q := range c.Quantities {
		w.elem()
		w.open('{')
		w.key("old")
		w.str(q.Old)
		w.key("new")
		w.str(q.New)
		w.key("context")
		w.str(q.Context)
		w.close('}')
	}
	w.close(']')
	w.key("units")
	w.open('{')
	w.key("added")
	w.strings(c.Units.Added)
	w.key("removed")
	w.strings(c.Units.Removed)
	w.close('}')
	w.key("comments")
	w.open('[')
	for i := range c.Comments {
		w.elem()
		w.comment(&c.Comments[i])
	}
	w.close(']')
	if c.Run > 0 {
		w.key("run")
		w.b = strconv.AppendInt(w.b, int64(c.Run), 10)
	}
	w.close('}')
}

// comment writes c as NewJSONComment(c) encodes, through the encoder:
// comments are few, and JSONComment stays their one definition.
func (w *jsonWriter) comment(c *comment.Comment) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(NewJSONComment(*c)) // strings and a string slice: cannot fail
	w.b = appendIndented(w.b, bytes.TrimSuffix(buf.Bytes(), []byte("\n")), w.prefix+strings.Repeat("  ", w.depth), "  ")
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes a string
// without HTML escaping: \" \\ \b \f \n \r \t, other control characters as
// \u00XX, invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 \u2029,
// everything else as it is. Three-byte characters other than those two
// (all of CJK) are copied without decoding.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		// A well-formed 3-byte sequence led by E1–EC or EE–EF, or by E2 but
		// not U+2028/U+2029 (E2 80 A8/A9): no escape.
		if i+2 < len(s) && b >= 0xE1 && b <= 0xEF && b != 0xED && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 &&
			!(b == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9)) {
			i += 3
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
