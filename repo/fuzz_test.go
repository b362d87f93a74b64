package repo

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Trailers written by formatMessage read back as written; any message
// parses without panicking.
func FuzzTrailers(f *testing.F) {
	f.Add("送审稿：根据意见修改", "送审稿", "C1,C2")
	f.Add("subject\n\nbody line\nSigned-off-by: A <a@b>", "", "D1")
	f.Add("x\n\nRedline-Stage: 印发稿\n", "draft-01", "")
	f.Add("Redline-Resolves: 1, 2", "", "")
	f.Fuzz(func(t *testing.T, msg, stage, ids string) {
		text, _, _ := parseTrailers(msg) // never panics
		_ = text
		var list []string
		for _, id := range strings.Split(ids, ",") {
			if id != "" {
				list = append(list, id)
			}
		}
		opts := CommitOptions{Message: msg, Stage: stage, Resolves: list}
		if opts.Validate() != nil || strings.Contains(msg, "Redline-") {
			return
		}
		gotText, gotStage, gotIDs := parseTrailers(formatMessage(msg, stage, list))
		if gotStage != stage || strings.Join(gotIDs, ",") != strings.Join(list, ",") {
			t.Fatalf("trailers of %q: stage %q ids %q, want %q %q", msg, gotStage, gotIDs, stage, list)
		}
		if len(list) > 0 || stage != "" {
			if gotText != strings.TrimRight(msg, "\n ") {
				t.Fatalf("message %q read back as %q", msg, gotText)
			}
		}
	})
}

// Document bytes come out as UTF-8 or as an error: never half-converted.
func FuzzToUTF8(f *testing.F) {
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(planV1)
	f.Add([]byte(planV1))
	f.Add([]byte(gb))
	f.Add([]byte("caf\xe9"))
	f.Add([]byte("一、\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, converted, err := toUTF8("f.txt", data)
		if err != nil {
			return
		}
		if !utf8.Valid(out) || bytes.IndexByte(out, 0) >= 0 {
			t.Fatalf("%q → invalid %q", data, out)
		}
		if converted == "" && !bytes.Equal(out, data) {
			t.Fatalf("UTF-8 input changed: %q → %q", data, out)
		}
		if converted == "converted from GB18030 to UTF-8" {
			back, err := simplifiedchinese.GB18030.NewEncoder().Bytes(out)
			if err != nil || !bytes.Equal(back, data) {
				t.Fatalf("conversion of %q does not round-trip", data)
			}
		}
	})
}
