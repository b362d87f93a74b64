package render

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"
)

// Text from documents and comments is anyone's: a consultation comment can
// hold "\x1b]0;…\a" (retitle the window), "\x1b[2J" (clear the screen),
// U+009B (a one-byte CSI) or U+202E (draw what follows backwards). None of
// that may reach a terminal. This file is the one rule for what is unsafe
// and how it is shown, used for everything redline writes to stdout and
// stderr; files written with -o keep the text as it is.

// Unsafe reports whether r must not reach a terminal as it is: C0 controls
// but tab and line feed, DEL, C1 controls, and the bidirectional
// formatting characters (embeddings, overrides, isolates and marks) that
// reorder what is shown.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r < 0x7f:
		return false
	case r <= 0x9f:
		return true // DEL and C1
	case r < 0x061c:
		return false
	}
	switch r {
	case 0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
		0x2066, 0x2067, 0x2068, 0x2069:
		return true
	}
	return false
}

// appendEscaped appends how an unsafe rune is shown: its JSON escape
// (\u001b, \u202e), which is visible in text and means the same character
// inside a JSON string, so JSON written to stdout stays exact.
func appendEscaped(b []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(b, '\\', 'u', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15])
}

// Sanitize returns s with every unsafe rune (see Unsafe) escaped as
// \u001b …, and bytes that are not UTF-8 as \x9b …; a CR is kept only
// before an LF.
func Sanitize(s string) string {
	if !needsSanitizing(s) {
		return s
	}
	var t Terminal
	return string(t.sanitize(nil, []byte(s), true))
}

func needsSanitizing(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f {
			return strings.IndexFunc(s, Unsafe) >= 0 || !utf8.ValidString(s) || strings.Contains(s, "\r")
		}
	}
	return false
}

// Terminal is a writer to stdout or stderr that escapes what Sanitize
// escapes, across writes (a character or an escape sequence may be split
// between two). With Color, the colour sequences this package writes pass
// (the text inside them was escaped when it was laid out, see atoms). Call
// Flush at the end.
type Terminal struct {
	w       io.Writer
	color   bool
	pending []byte
	buf     []byte
}

// NewTerminal returns a Terminal writing to w; color lets this package's
// own colour sequences through.
func NewTerminal(w io.Writer, color bool) *Terminal {
	return &Terminal{w: w, color: color}
}

func (t *Terminal) Write(p []byte) (int, error) {
	data := p
	if len(t.pending) > 0 {
		data = append(t.pending, p...)
		t.pending = nil
	}
	t.buf = t.sanitize(t.buf[:0], data, false)
	if _, err := t.w.Write(t.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what was held back waiting for the rest of a character.
func (t *Terminal) Flush() error {
	if len(t.pending) == 0 {
		return nil
	}
	data := t.pending
	t.pending = nil
	_, err := t.w.Write(t.sanitize(nil, data, true))
	return err
}

// sanitize appends data to out with unsafe runes escaped. Unless final, an
// incomplete character, CR or colour sequence at the end is kept in
// t.pending for the next write.
func (t *Terminal) sanitize(out, data []byte, final bool) []byte {
	start := 0
	for i := 0; i < len(data); {
		c := data[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		// A three-byte character from U+3000 on (CJK, and no control
		// among them): most of a Chinese document, passed without decoding.
		if c >= 0xe3 && c != 0xed && i+2 < len(data) && data[i+1]&0xc0 == 0x80 && data[i+2]&0xc0 == 0x80 && c <= 0xef {
			i += 3
			continue
		}
		if c == '\r' || c == 0x1b && t.color || c >= 0x80 {
			n, complete := t.safeRun(data[i:])
			if !complete && !final {
				out = append(out, data[start:i]...)
				t.pending = append(t.pending[:0:0], data[i:]...)
				return out
			}
			if n > 0 {
				i += n
				continue
			}
		}
		out = append(out, data[start:i]...)
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			out = append(out, '\\', 'x', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
			size = 1
		} else {
			out = appendEscaped(out, r)
		}
		i += size
		start = i
	}
	return append(out, data[start:]...)
}

// safeRun says how many bytes at the start of b (which starts with CR,
// ESC or a non-ASCII byte) may pass as they are — a CR before an LF, one
// of this package's colour sequences, a safe character — and whether b
// held enough to tell.
func (t *Terminal) safeRun(b []byte) (n int, complete bool) {
	switch b[0] {
	case '\r':
		if len(b) < 2 {
			return 0, false
		}
		if b[1] == '\n' {
			return 2, true
		}
		return 0, true
	case 0x1b:
		for _, seq := range colorSequences() {
			if bytes.HasPrefix(b, []byte(seq)) {
				return len(seq), true
			}
			if len(b) < len(seq) && strings.HasPrefix(seq, string(b)) {
				return 0, false
			}
		}
		return 0, true
	}
	if !utf8.FullRune(b) {
		return 0, false
	}
	r, size := utf8.DecodeRune(b)
	if r == utf8.RuneError && size <= 1 || Unsafe(r) {
		return 0, true
	}
	return size, true
}

// colorSequences are the escape sequences this package writes for colour.
func colorSequences() []string {
	return []string{ansi[del], ansi[ins], ansi[bold], ansi[dim], ansiReset}
}
