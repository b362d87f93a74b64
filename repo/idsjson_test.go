package repo

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestDecodeIDsFast(t *testing.T) {
	written, err := marshalIDs(idsFile{Blob: "2369b13d48294f39da0a47c4a4e8a9f09cba3814", Clauses: []idEntry{
		{ID: "c1741730ed9", Label: "一"}, {ID: "c39a5dddcb3", Label: "一/（一）"}, {ID: "c7a8d907e86", Label: "第三章/第十二条"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		in   string
		ok   bool
	}{
		{"as written", string(written), true},
		{"compact", `{"blob":"ab","clauses":[{"id":"c1","label":"一"},{"id":"c2","label":"二"}]}`, true},
		{"no clauses", `{"blob": "ab", "clauses": []}`, true},
		{"escape", `{"blob":"ab","clauses":[{"id":"c1","label":"a\"b"}]}`, false},
		{"other order", `{"clauses":[],"blob":"ab"}`, false},
		{"null clauses", `{"blob":"ab","clauses":null}`, false},
		{"extra field", `{"blob":"ab","clauses":[{"id":"c1","label":"一","x":1}]}`, false},
		{"trailing comma", `{"blob":"ab","clauses":[{"id":"c1","label":"一"},]}`, false},
		{"trailing data", `{"blob":"ab","clauses":[]}x`, false},
		{"bad utf-8", "{\"blob\":\"ab\",\"clauses\":[{\"id\":\"c1\",\"label\":\"\xff\"}]}", false},
		{"truncated", string(written[:len(written)/2]), false},
		{"spaced keys", "{ \"blob\" :\t\"ab\" ,\n\"clauses\" : [ { \"id\" : \"c1\" , \"label\" : \"一\" } ] }", true},
		{"key with a space", `{"blob ":"ab","clauses":[]}`, false},
		{"longer key", `{"blobs":"ab","clauses":[]}`, false},
		{"shorter key", `{"blo":"ab","clauses":[]}`, false},
		{"key cut short", `{"blob`, false},
		{"key without colon", `{"blob" "ab","clauses":[]}`, false},
		{"label key with escape", `{"blob":"ab","clauses":[{"id":"c1","lab\u0065l":"一"}]}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := decodeIDsFast([]byte(tc.in))
			if ok != tc.ok {
				t.Fatalf("decodeIDsFast ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			var want idsFile
			if err := json.Unmarshal([]byte(tc.in), &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("decodeIDsFast = %+v, encoding/json = %+v", got, want)
			}
		})
	}
}

// FuzzDecodeIDsFast: where the fast decoder says ok, encoding/json decodes
// the same bytes to the same value.
func FuzzDecodeIDsFast(f *testing.F) {
	f.Add([]byte(`{"blob": "ab", "clauses": [{"id": "c1", "label": "一/（一）"}]}`))
	f.Add([]byte(`{"blob":"","clauses":[]}`))
	f.Add([]byte(`{"blob":"ab","clauses":[{"id":"c1","label":"a\u0041"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := decodeIDsFast(b)
		if !ok {
			return
		}
		var want idsFile
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("decodeIDsFast(%q) ok, encoding/json: %v", b, err)
		}
		if len(want.Clauses) == 0 {
			want.Clauses = []idEntry{} // "[]": the same list, allocated apart
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decodeIDsFast(%q) = %+v, encoding/json = %+v", b, got, want)
		}
	})
}

// BenchmarkDecodeIDs: an ids file of 10,000 clauses, as marshalIDs writes
// it, decoded by decodeIDsFast and by encoding/json.
func BenchmarkDecodeIDs(b *testing.B) {
	f := idsFile{Blob: "2369b13d48294f39da0a47c4a4e8a9f09cba3814"}
	for i := range 10_000 {
		f.Clauses = append(f.Clauses, idEntry{ID: freshID("plan.md", [20]byte{}, i), Label: "三/（五）/" + string(rune('1'+i%9))})
	}
	data, err := marshalIDs(f)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, ok := decodeIDsFast(data); !ok {
				b.Fatal("not decoded")
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var g idsFile
			if err := json.Unmarshal(data, &g); err != nil {
				b.Fatal(err)
			}
		}
	})
}
