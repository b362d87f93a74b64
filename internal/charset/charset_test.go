package charset

import (
	"errors"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestToUTF8(t *testing.T) {
	tests := []struct {
		name      string
		in        []byte
		want      string
		converted bool
		err       error
		line      int
	}{
		{"utf-8 as is", []byte("第一条　为了规范。\n"), "第一条　为了规范。\n", false, nil, 0},
		{"gb18030 converted", gbk(t, "第一条　为了规范。\n第二条　本法。\n"), "第一条　为了规范。\n第二条　本法。\n", true, nil, 0},
		{"nul is binary", []byte("ab\ncd\x00ef"), "", false, ErrBinary, 2},
		{"lone continuation bytes", []byte("一\n二\n\x80\x80\x80"), "", false, ErrUnknown, 3},
		{"private-use pair", []byte{0xaa, 0xa1, '\n'}, "", false, ErrUnknown, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, converted, err := ToUTF8(tt.in)
			if tt.err != nil {
				var e *Error
				if !errors.Is(err, tt.err) || !errors.As(err, &e) || e.Line != tt.line {
					t.Fatalf("err = %v, want %v on line %d", err, tt.err, tt.line)
				}
				return
			}
			if err != nil || string(got) != tt.want || converted != tt.converted {
				t.Fatalf("= %q, %v, %v; want %q, %v", got, converted, err, tt.want, tt.converted)
			}
		})
	}
}

// FuzzToUTF8: whatever comes in, what comes out is UTF-8, and converted
// text encodes back to the input.
func FuzzToUTF8(f *testing.F) {
	f.Add([]byte("第一条"))
	f.Add(gbk(f, "（责任单位：市科技局）"))
	f.Add([]byte{0xff, 0xfe, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		out, converted, err := ToUTF8(data)
		if err != nil {
			return
		}
		if !clean(out) && converted {
			t.Fatalf("converted output %q is not clean UTF-8", out)
		}
		if converted {
			back, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(out)
			if string(back) != string(data) {
				t.Fatalf("round trip lost bytes")
			}
		}
	})
}
