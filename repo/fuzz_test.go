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

// Whenever the incremental update of clause states applies, it agrees with
// a full parse.
func FuzzIncremental(f *testing.F) {
	f.Add(planV1, 120, 3, "发展")
	f.Add(planV1, 250, 0, "（三）新增。\n")
	f.Add(planV1, 84, 1, "")
	f.Add(historySteps[2].text, 40, 6, "原则")
	f.Fuzz(func(t *testing.T, text string, at, del int, ins string) {
		if len(text) > 4000 || !utf8.ValidString(text) || !utf8.ValidString(ins) || at < 0 || del < 0 || at > len(text) || at+del > len(text) {
			return
		}
		next := text[:at] + ins + text[at+del:]
		if !utf8.ValidString(next) {
			return
		}
		for _, name := range []string{"plan.txt", "plan.md"} {
			st := fullStates(t, name, text, nil)
			got, _, ok := incremental(name, []byte(text), []byte(next), st)
			if !ok {
				continue
			}
			want := fullStates(t, name, next, st)
			if len(got) != len(want) {
				t.Fatalf("%s: %d clauses incrementally, %d parsed; edit %s", name, len(got), len(want), editOf(text, next))
			}
			for j := range got {
				g, w := got[j], want[j]
				if g.Label != w.Label || g.Sum != w.Sum || g.Start != w.Start || g.End != w.End || g.Parent != w.Parent {
					t.Fatalf("%s clause %d: incremental %+v, parsed %+v; edit %s", name, j, g, w, editOf(text, next))
				}
			}
		}
	})
}
