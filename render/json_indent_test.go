package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestAppendIndentedMatchesIndent checks the fast indenter against
// encoding/json's Indent on compact JSON of every shape.
func TestAppendIndentedMatchesIndent(t *testing.T) {
	tests := []string{
		`{}`, `[]`, `null`, `"s"`, `1`, `true`,
		`{"a":1,"b":[1,2,{"c":"d"}],"e":{},"f":[],"g":null}`,
		`[[],[[]],{"":{}},"a,b:c{d}[e]","\"{,}\"","\\","\\\"x\""]`,
		`{"old_text":"第一条　为了规范（一）、{二}：\u2028","ops":[{"op":"equal","text":"x"}]}`,
	}
	for _, src := range tests {
		for _, prefix := range []string{"", "      "} {
			assertIndentLike(t, []byte(src), prefix)
		}
	}
}

func assertIndentLike(t *testing.T, src []byte, prefix string) {
	t.Helper()
	var want bytes.Buffer
	if err := json.Indent(&want, src, prefix, "  "); err != nil {
		t.Fatalf("json.Indent(%q): %v", src, err)
	}
	if got := appendIndented(nil, src, prefix, "  "); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("appendIndented(%q, %q)\n got %q\nwant %q", src, prefix, got, want.Bytes())
	}
}

// FuzzAppendIndented compacts any valid JSON and checks the fast indenter
// against json.Indent on it.
func FuzzAppendIndented(f *testing.F) {
	f.Add(`{"a": [1, "x,y", {"b": {}}], "c": "\"}"}`)
	f.Add(`[[], {}, "\\", "第一条"]`)
	f.Fuzz(func(t *testing.T, s string) {
		var compact bytes.Buffer
		if json.Compact(&compact, []byte(s)) != nil {
			return
		}
		assertIndentLike(t, compact.Bytes(), "    ")
	})
}
