package mapfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/redline-docs/redline/internal/limits"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("第一条　为了规范人工智能创新应用先导区建设，制定本办法。\n"), 4000)
	tests := []struct {
		name       string
		data       []byte
		wantMapped bool
	}{
		{"empty", nil, false},
		{"small", []byte("一、总则\n"), false},
		{"just below the threshold", bytes.Repeat([]byte("x"), minMapped-1), false},
		{"at the threshold", bytes.Repeat([]byte("y"), minMapped), runtime.GOOS != "windows" && runtime.GOOS != "plan9"},
		{"large", big, runtime.GOOS != "windows" && runtime.GOOS != "plan9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := filepath.Join(dir, tt.name)
			if err := os.WriteFile(name, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := Read(name, "a test file", 1<<30)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(f.Data, tt.data) {
				t.Errorf("Read returned %d bytes, want the file's %d", len(f.Data), len(tt.data))
			}
			if f.Mapped != tt.wantMapped {
				t.Errorf("mapped = %v, want %v", f.Mapped, tt.wantMapped)
			}
			if f.Info == nil || f.Info.Size() != int64(len(tt.data)) {
				t.Errorf("Info = %v, want the file's", f.Info)
			}
		})
	}
}

func TestReadMissing(t *testing.T) {
	if _, err := Read(filepath.Join(t.TempDir(), "missing.txt"), "a test file", 1<<30); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Read of a missing file: %v, want ErrNotExist", err)
	}
	if _, err := Read(t.TempDir(), "a test file", 1<<30); err == nil {
		t.Error("Read of a directory: no error")
	}
}

// TestGuardTruncated maps a file, truncates it, and reads past its new end:
// Guard reports ErrChanged instead of the process dying of SIGBUS.
func TestGuardTruncated(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("truncating a mapped file faults on Linux; other systems differ")
	}
	name := filepath.Join(t.TempDir(), "doc.txt")
	if err := os.WriteFile(name, bytes.Repeat([]byte("条"), 1<<17), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Read(name, "a test file", 1<<30)
	if err != nil || !f.Mapped {
		t.Fatalf("Read: %v", err)
	}
	data := f.Data
	if err := os.Truncate(name, 0); err != nil {
		t.Fatal(err)
	}
	var sum int
	err = Guard(name, func() error {
		for _, c := range data {
			sum += int(c)
		}
		return nil
	})
	if !errors.Is(err, ErrChanged) {
		t.Errorf("Guard after truncation: %v (sum %d), want ErrChanged", err, sum)
	}
}

func TestGuardPassesOtherPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want the original panic", r)
		}
	}()
	_ = Guard("x", func() error { panic("boom") })
}

func TestGuardReturnsError(t *testing.T) {
	want := errors.New("parse failed")
	if err := Guard("x", func() error { return want }); err != want {
		t.Errorf("Guard = %v, want %v", err, want)
	}
}

func TestReadLimit(t *testing.T) {
	name := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(name, bytes.Repeat([]byte("x"), minMapped+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(name, "a document", minMapped); !errors.Is(err, limits.ErrTooLarge) {
		t.Errorf("a file past the limit: err = %v", err)
	}
	if f, err := Read(name, "a document", minMapped+1); err != nil || len(f.Data) != minMapped+1 {
		t.Errorf("a file at the limit: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := Read("/dev/zero", "a document", 1<<20); !errors.Is(err, limits.ErrTooLarge) {
			t.Errorf("/dev/zero: err = %v, want too large", err)
		}
	}
}
