package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile is text a comment or a document may hold: a window retitle, a
// screen clear, a one-byte CSI (U+009B), a right-to-left override, an
// isolate, DEL, a backspace and a lone CR.
const hostile = "a\x1b]0;pwned\a b\x1b[2J c\u009b31m d\u202eevil\u202c e\u2066f\u2069 g\x7f h\bi\rj"

func TestSanitize(t *testing.T) {
	got := Sanitize(hostile)
	want := `a\u001b]0;pwned\u0007 b\u001b[2J c\u009b31m d\u202eevil\u202c e\u2066f\u2069 g\u007f h\u0008i\u000dj`
	if got != want {
		t.Errorf("Sanitize\n got %s\nwant %s", got, want)
	}
	for _, s := range []string{"第一条　甲。\n\t乙", "plain", "a\r\nb", ""} {
		if got := Sanitize(s); got != s {
			t.Errorf("Sanitize(%q) = %q, want it unchanged", s, got)
		}
	}
	if got := Sanitize("x\x9by"); got != `x\x9by` {
		t.Errorf("a raw 0x9b byte: %q", got)
	}
}

// TestTerminalJSON: JSON through a Terminal stays valid and means the same.
func TestTerminalJSON(t *testing.T) {
	in, _ := json.Marshal(map[string]string{"text": hostile})
	var buf bytes.Buffer
	term := NewTerminal(&buf, false)
	term.Write(in)
	term.Flush()
	if bytes.ContainsFunc(buf.Bytes(), Unsafe) {
		t.Fatalf("unsafe runes passed: %q", buf.String())
	}
	var back map[string]string
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || back["text"] != hostile {
		t.Fatalf("JSON through a Terminal: %v, %q", err, back["text"])
	}
}

// TestTerminalColor: this package's colour sequences pass only with colour,
// others never.
func TestTerminalColor(t *testing.T) {
	in := ansi[del] + "x" + ansiReset + "\x1b[8mhidden\x1b]0;t\a"
	for _, color := range []bool{false, true} {
		var buf bytes.Buffer
		term := NewTerminal(&buf, color)
		for i := 0; i < len(in); i++ { // one byte at a time: sequences split across writes
			term.Write([]byte{in[i]})
		}
		term.Flush()
		got := buf.String()
		if strings.Contains(got, "\x1b[8m") || strings.Contains(got, "\x1b]") || strings.Contains(got, "\a") {
			t.Errorf("color %v: a foreign sequence passed: %q", color, got)
		}
		if color != strings.Contains(got, ansi[del]+"x"+ansiReset) {
			t.Errorf("color %v: own sequences in %q", color, got)
		}
	}
}

// FuzzTerminal: whatever is written, in whatever pieces, nothing unsafe
// comes out, and the pieces make what one write makes.
func FuzzTerminal(f *testing.F) {
	f.Add([]byte(hostile), 3, true)
	f.Add([]byte("第一条\r\n\x1b[1m甲\x1b[0m"), 1, true)
	f.Add([]byte{0xe4, 0xb8, 0x80, 0xc2, 0x9b}, 2, false)
	f.Fuzz(func(t *testing.T, data []byte, step int, color bool) {
		if step <= 0 || step > len(data) {
			step = len(data) + 1
		}
		var whole, pieces bytes.Buffer
		w := NewTerminal(&whole, color)
		w.Write(data)
		w.Flush()
		p := NewTerminal(&pieces, color)
		for i := 0; i < len(data); i += step {
			p.Write(data[i:min(i+step, len(data))])
		}
		p.Flush()
		if whole.String() != pieces.String() {
			t.Fatalf("in pieces of %d: %q, whole: %q", step, pieces.String(), whole.String())
		}
		out := whole.String()
		if color {
			for _, seq := range colorSequences() {
				out = strings.ReplaceAll(out, seq, "")
			}
		}
		if !utf8.ValidString(out) || strings.IndexFunc(out, Unsafe) >= 0 && strings.IndexFunc(strings.ReplaceAll(out, "\r\n", "\n"), Unsafe) >= 0 {
			t.Fatalf("unsafe output %q", out)
		}
	})
}
