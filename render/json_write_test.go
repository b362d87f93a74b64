package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

// wantJSONString is encoding/json's quoting of s, without HTML escaping.
func wantJSONString(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", "在智慧医疗领域打造80项应用场景。", "\"quoted\" \\ back", "\b\f\n\r\t\x00\x1f\x7f",
		"<&>", "\u2028\u2029\u2027\u202a", "\xff\xfe", "\xe4\xb8", "\xe2\x80", "\xed\xa0\x80", "\xe0\x80\xaf", "😀𠀀", "\u00e9\u0101"} {
		if got, want := appendJSONString(nil, s), wantJSONString(t, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	f.Add("在智慧医疗领域打造80项应用场景。\u2028\xff")
	f.Add("\x00\"\\<>&\xe2\x80\xa8\xe2\x80")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendJSONString(nil, s), wantJSONString(t, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}
