package render

import (
	"bytes"
	"io"
	"testing"
)

// BenchmarkTerminal: the stdout filter over Chinese text with a little
// ASCII, in 64 KiB writes as emit makes them.
func BenchmarkTerminal(b *testing.B) {
	text := bytes.Repeat([]byte("（一）推进智慧医疗多场景协同。在智慧医疗领域打造80项应用场景。\n{\"op\": \"equal\", \"text\": \"x\"}\n"), 1<<14)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		t := NewTerminal(io.Discard, false)
		for j := 0; j < len(text); j += 64 << 10 {
			t.Write(text[j:min(j+64<<10, len(text))])
		}
		t.Flush()
	}
}
