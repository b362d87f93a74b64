package comment

import (
	"errors"
	"testing"

	"github.com/redline-docs/redline/clause"
)

func TestSplitStatus(t *testing.T) {
	tests := []struct {
		in     string
		want   Status
		reason string
	}{
		{"", Pending, ""},
		{"  ", Pending, ""},
		{"已采纳", Adopted, ""},
		{"采纳", Adopted, ""},
		{"是", Adopted, ""},
		{"同意", Adopted, ""},
		{"予以采纳", Adopted, ""},
		{"adopted", Adopted, ""},
		{"Accepted", Adopted, ""},
		{"ACCEPT", Adopted, ""},
		{"yes", Adopted, ""},
		{"true", Adopted, ""},
		{"部分采纳", Partial, ""},
		{"已部分采纳", Partial, ""},
		{"基本采纳", Partial, ""},
		{"partial", Partial, ""},
		{"Partially adopted", Partial, ""},
		{"partly-accepted", Partial, ""},
		{"未采纳", Rejected, ""},
		{"不予采纳", Rejected, ""},
		{"不采纳", Rejected, ""},
		{"暂不采纳", Rejected, ""},
		{"否", Rejected, ""},
		{"不同意", Rejected, ""},
		{"rejected", Rejected, ""},
		{"Declined", Rejected, ""},
		{"not adopted", Rejected, ""},
		{"no", Rejected, ""},
		{"待处理", Pending, ""},
		{"未处理", Pending, ""},
		{"pending", Pending, ""},
		// Full width and surrounding space fold away.
		{"　ａｄｏｐｔｅｄ ", Adopted, ""},
		// Reasons after the disposition, from the Wuhan report.
		{"已采纳,调整了先导方向和建设内容", Adopted, "调整了先导方向和建设内容"},
		{"部分采纳，已对相关内容进行调整。", Partial, "已对相关内容进行调整。"},
		{"采纳,修改责任单位,并根据市政府专题会要求", Adopted, "修改责任单位,并根据市政府专题会要求"},
		{"已采纳,根据市\n政府专题会要求", Adopted, "根据市\n政府专题会要求"},
		{"未采纳（与上位法规定一致）", Rejected, "与上位法规定一致"},
		{"未采纳理由：超出本方案范围", Rejected, "理由：超出本方案范围"},
		{"不予采纳。", Rejected, ""},
		{"Rejected: out of scope", Rejected, "out of scope"},
		{"partially adopted - see (a)", Partial, "see (a)"},
		{"是，已修改", Adopted, "已修改"},
		{"否:不涉及", Rejected, "不涉及"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			st, reason, err := SplitStatus(tt.in)
			if err != nil || st != tt.want || reason != tt.reason {
				t.Errorf("SplitStatus(%q) = %q, %q, %v; want %q, %q", tt.in, st, reason, err, tt.want, tt.reason)
			}
			if st2, err := ParseStatus(tt.in); st2 != tt.want || err != nil {
				t.Errorf("ParseStatus(%q) = %q, %v", tt.in, st2, err)
			}
		})
	}
}

func TestParseStatusErrors(t *testing.T) {
	// Words that begin like a disposition but are not one.
	for _, in := range []string{"也许", "是否采纳", "否则", "note", "nope", "yesterday", "n/a", "accepting", "partiality", "采", "adoptedly", "? 已采纳"} {
		t.Run(in, func(t *testing.T) {
			st, err := ParseStatus(in)
			if !errors.Is(err, ErrBadStatus) {
				t.Errorf("ParseStatus(%q) = %q, %v; want ErrBadStatus", in, st, err)
			}
		})
	}
	_, err := ParseStatus("maybe")
	if want := `unknown status "maybe" (want 已采纳, 部分采纳, 未采纳, 待处理 or adopted, partial, rejected, pending)`; err.Error() != want {
		t.Errorf("message %q", err)
	}
}

func TestStatusLabel(t *testing.T) {
	for _, tt := range []struct {
		s      Status
		zh, en string
	}{
		{Pending, "待处理", "pending"}, {Adopted, "已采纳", "adopted"},
		{Partial, "部分采纳", "partially adopted"}, {Rejected, "未采纳", "rejected"}, {"", "待处理", "pending"},
	} {
		if got := tt.s.Label(clause.LangZH); got != tt.zh {
			t.Errorf("%q zh: %q", tt.s, got)
		}
		if got := tt.s.Label(clause.LangEN); got != tt.en {
			t.Errorf("%q en: %q", tt.s, got)
		}
		if tt.s != "" && !tt.s.Valid() {
			t.Errorf("%q not valid", tt.s)
		}
	}
	if Status("maybe").Valid() {
		t.Error("maybe is valid")
	}
}

func TestValidID(t *testing.T) {
	for _, ok := range []string{"C1", "1", "a-1", "二-3", "comment_7", "v1.2"} {
		if err := ValidID(ok); err != nil {
			t.Errorf("ValidID(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", ".hidden", "-x", "a/b", "a b", "../x", "#1", "a\x00", string(make([]byte, 65))} {
		if err := ValidID(bad); !errors.Is(err, ErrBadID) {
			t.Errorf("ValidID(%q) = %v", bad, err)
		}
	}
}
