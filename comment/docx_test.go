package comment

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestImportMarkedUpCopy reads the marked-up copy LibreOffice wrote (two
// reviewers, Word comments and tracked changes; see the docx package's
// testdata/office/make.py) as a comment file.
func TestImportMarkedUpCopy(t *testing.T) {
	data, err := os.ReadFile("../docx/testdata/office/marked.docx")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := Import("市司法局意见.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	type rec struct{ by, clause, quote, text, proposed string }
	var got []rec
	for _, r := range recs {
		if r.Comment.Status != Pending {
			t.Errorf("%s: status %v, want pending", r.Comment.ID, r.Comment.Status)
		}
		got = append(got, rec{r.Comment.By, r.Clause, r.Comment.Anchor.Exact, r.Comment.Text, r.Comment.Proposed})
	}
	want := []rec{
		{"市司法局", "二/（二）/1", "打造90项应用场景", "建议调整为80项，与市卫健委协商一致。", ""},
		{"市财政局", "三/（一）", "加强组织领导", "请明确资金保障。", ""},
		{"市司法局", "二/（一）/1", "加强人工智能技术创新。每年组织实施人工智能创新专项项目不少于20项。（责任单位：市科技局）",
			"修订：将“组织实施人工智能创新专项项目”修改为“组织实施人工智能领域创新专项”", "加强人工智能技术创新。每年组织实施人工智能领域创新专项不少于20项。（责任单位：市科技局）"},
		{"市财政局", "二/（一）/2", "建设创新平台。建设国家级创新平台5个。（责任单位：市发改委）",
			"修订：增加“新增省级平台10个。”", "建设创新平台。建设国家级创新平台5个。新增省级平台10个。（责任单位：市发改委）"},
		{"市司法局", "二/（二）/2", "推进智慧城市数智治理。在水务、城管、交通等领域形成100项智慧城市应用场景。（责任单位：市政务数据局）",
			"修订：删除“、交通”", "推进智慧城市数智治理。在水务、城管等领域形成100项智慧城市应用场景。（责任单位：市政务数据局）"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d records:\n%+v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("record %d\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestImportDocxBad(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"old.doc", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 600)...), "binary Word .doc"},
		{"x.docx", []byte("PK\x03\x04garbage"), "not a Word .docx"},
	} {
		_, err := Import(c.name, c.data)
		var ie *ImportError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want a one-line import error saying %q", c.name, err, c.want)
		}
	}
}
