package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestColorFor(t *testing.T) {
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	tests := []struct {
		color, noColor string
		want           bool
	}{
		{"always", "", true},
		{"always", "1", true}, // an explicit flag wins over NO_COLOR
		{"never", "", false},
		{"auto", "", false}, // a file is not a terminal
		{"auto", "1", false},
	}
	for _, tt := range tests {
		t.Run(tt.color+"/NO_COLOR="+tt.noColor, func(t *testing.T) {
			g, _, _ := testGlobals(t.TempDir())
			g.color = tt.color
			g.getenv = func(k string) string {
				if k == "NO_COLOR" {
					return tt.noColor
				}
				return ""
			}
			if got := g.colorFor(file); got != tt.want {
				t.Errorf("colorFor = %v, want %v", got, tt.want)
			}
			if got := g.colorFor(nil); got != (tt.color == "always") {
				t.Errorf("colorFor(-o FILE) = %v, want %v", got, tt.color == "always")
			}
		})
	}
}

func TestWidth(t *testing.T) {
	for cols, want := range map[string]int{"": 0, "120": 120, "wide": 0, "-3": 0} {
		g, _, _ := testGlobals(t.TempDir())
		g.getenv = func(string) string { return cols }
		if got := g.width(); got != want {
			t.Errorf("COLUMNS=%q: width %d, want %d", cols, got, want)
		}
	}
}
