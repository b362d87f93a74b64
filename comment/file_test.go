package comment

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func sampleComment() Comment {
	return Comment{
		ID: "C6", By: "市卫健委", Group: "二、相关部门意见采纳情况", Seq: 6, Number: "1",
		Anchor: Anchor{ClauseID: "k7f3", Path: "plan.md", Label: "三/（五）/1", Rev: "0123abcd",
			Prefix: "深入开展远程会诊、", Exact: "在智慧医疗领域打造90项应用场景", Suffix: "。（责任单位：市卫健委）"},
		Text:     "建议不对应用场景数量作出要求 <b>&</b>",
		Proposed: "在智慧医疗领域打造一批应用场景",
		Status:   Adopted,
		Response: "根据市政府专题会要求,调整为80项",
	}
}

func TestMarshal(t *testing.T) {
	c := sampleComment()
	c.ResolvedIn = []string{"deadbeef"}
	data, err := Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "comment.golden.json", data)
	if !bytes.HasSuffix(data, []byte("}\n")) || bytes.Contains(data, []byte(`\u`)) || bytes.Contains(data, []byte("deadbeef")) {
		t.Errorf("want unescaped UTF-8, a trailing newline and no resolved_in:\n%s", data)
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"schema_version\": 1,\n  \"id\": \"C6\",")) {
		t.Errorf("field order:\n%s", data)
	}
	got, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	c.ResolvedIn = nil
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, c)
	}
	again, _ := Marshal(got)
	if !bytes.Equal(again, data) {
		t.Error("Marshal is not stable")
	}
}

func TestMarshalDefaults(t *testing.T) {
	data, err := Marshal(Comment{ID: "x", Text: "t"})
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"schema_version\": 1,\n  \"id\": \"x\",\n  \"by\": \"\",\n  \"anchor\": {},\n  \"text\": \"t\",\n  \"status\": \"pending\"\n}\n"
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
	for _, c := range []Comment{{ID: "", Text: "t"}, {ID: "a/b"}, {ID: "x", Status: "maybe"}} {
		if _, err := Marshal(c); err == nil {
			t.Errorf("Marshal(%+v) succeeded", c)
		}
	}
}

func TestUnmarshal(t *testing.T) {
	tests := []struct {
		name, in string
		want     Comment
		err      string
	}{
		{name: "hand-edited Chinese status, no schema_version, unknown field",
			in:   `{"id": "C1", "text": "意见", "status": "已采纳", "reviewed_by": "x"}`,
			want: Comment{ID: "C1", Text: "意见", Status: Adopted}},
		{name: "missing status is pending", in: `{"schema_version": 1, "id": "C1"}`, want: Comment{ID: "C1", Status: Pending}},
		{name: "newer schema", in: `{"schema_version": 2, "id": "C1"}`, err: "unsupported comment file schema_version 2 (this redline reads 1)"},
		{name: "bad status", in: `{"id": "C1", "status": "maybe"}`, err: `comment C1: unknown status "maybe"`},
		{name: "no id", in: `{"text": "x"}`, err: `invalid comment id ""`},
		{name: "not JSON", in: `id: C1`, err: "invalid character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Unmarshal([]byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := Unmarshal([]byte(`{"schema_version": 9, "id": "a"}`)); !errors.Is(err, ErrSchema) {
		t.Errorf("ErrSchema: %v", err)
	}
}
