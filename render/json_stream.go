package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/redline-docs/redline/review"
)

// streamDiffJSON writes the diff JSON of d to w one change at a time: the
// envelope is written by hand and each value is encoded and indented on its
// own, so only one change is held in memory at once. Its bytes are exactly
// those of writeJSON(w, NewJSONDiff(d)).
func streamDiffJSON(w io.Writer, d *review.Diff) error {
	s := newJSONStream(w)
	s.raw("{\n  \"schema_version\": ")
	s.value("  ", SchemaVersion)
	s.raw(",\n  \"from\": ")
	s.value("  ", newJSONRev(d.From))
	s.raw(",\n  \"to\": ")
	s.value("  ", newJSONRev(d.To))
	s.raw(",\n  \"documents\": [")
	for i := range d.Documents {
		doc := &d.Documents[i]
		if i > 0 {
			s.raw(",")
		}
		s.raw("\n    {\n      \"path\": ")
		s.value("      ", doc.Path)
		s.raw(",\n      \"changes\": [")
		for j := range doc.Changes {
			if j > 0 {
				s.raw(",")
			}
			s.raw("\n        ")
			s.change("        ", &doc.Changes[j])
		}
		if len(doc.Changes) > 0 {
			s.raw("\n      ")
		}
		s.raw("],\n      \"unexplained\": ")
		s.value("      ", nonNil(doc.Unexplained))
		if len(doc.Runs) > 0 {
			s.raw(",\n      \"renumber_runs\": ")
			s.value("      ", newJSONRuns(doc.Runs))
		}
		s.raw("\n    }")
	}
	if len(d.Documents) > 0 {
		s.raw("\n  ")
	}
	s.raw("],\n  \"unapplied_comments\": ")
	s.value("  ", NewJSONComments(d.Unapplied))
	s.raw("\n}\n")
	return s.flush()
}

// jsonStream writes hand-made JSON punctuation and encoded values to a
// buffered writer, keeping the first error. Values are encoded compact and
// indented by appendIndented, which is several times faster than the
// encoder's own indentation on text-heavy values.
type jsonStream struct {
	w      *bufio.Writer
	buf    bytes.Buffer
	indent []byte
	jw     jsonWriter
	enc    *json.Encoder
	err    error
}

func newJSONStream(w io.Writer) *jsonStream {
	s := &jsonStream{w: bufio.NewWriterSize(w, 64<<10)}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	return s
}

// raw writes s as it is.
func (s *jsonStream) raw(text string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(text)
	}
}

// value writes v indented by two spaces a level, its inner lines starting
// with prefix (the indentation of the line v starts on), without the
// newline the encoder ends it with.
func (s *jsonStream) value(prefix string, v any) {
	if s.err != nil {
		return
	}
	s.buf.Reset()
	if s.err = s.enc.Encode(v); s.err != nil {
		return
	}
	b := bytes.TrimSuffix(s.buf.Bytes(), []byte("\n"))
	s.indent = appendIndented(s.indent[:0], b, prefix, "  ")
	_, s.err = s.w.Write(s.indent)
}

// change writes c as value(prefix, newJSONChange(c)) would, by hand.
func (s *jsonStream) change(prefix string, c *review.Change) {
	if s.err != nil {
		return
	}
	s.jw.b, s.jw.prefix, s.jw.depth, s.jw.empty = s.jw.b[:0], prefix, 0, false
	s.jw.change(c)
	_, s.err = s.w.Write(s.jw.b)
}

func (s *jsonStream) flush() error {
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}
