package limits

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// endless is a reader that never ends, like /dev/zero or `yes`.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'y'
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestReadAllEndless(t *testing.T) {
	r := &endless{}
	_, err := ReadAll(r, "stdin", "a comment file", 1<<20)
	var te *TooLargeError
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *TooLargeError", err)
	}
	if got, want := err.Error(), "stdin: larger than 1 MiB, the limit for a comment file"; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if r.n > 2<<20 {
		t.Errorf("read %d bytes of an endless input, want little more than the limit", r.n)
	}
}

func TestReadAllExact(t *testing.T) {
	data, err := ReadAll(strings.NewReader("abcd"), "x", "a document", 4)
	if err != nil || string(data) != "abcd" {
		t.Fatalf("= %q, %v; want the whole input at the limit", data, err)
	}
	if _, err := ReadAll(strings.NewReader("abcde"), "x", "a document", 4); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("one byte past the limit: err = %v", err)
	}
}

func TestReadFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "big.md")
	if err := os.WriteFile(name, make([]byte, 5000), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(name, "a document", 4096); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "4 KiB") {
		t.Fatalf("err = %v, want too large, naming 4 KiB", err)
	}
	if data, err := ReadFile(name, "a document", 5000); err != nil || len(data) != 5000 {
		t.Fatalf("at the limit: %d bytes, %v", len(data), err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := ReadFile("/dev/zero", "a document", 1<<20); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("/dev/zero: err = %v, want too large", err)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{64 << 20: "64 MiB", 10 << 10: "10 KiB", 12: "12 bytes", 1500: "1500 bytes"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
