package main

import "testing"

func TestGCSettings(t *testing.T) {
	tests := []struct {
		name        string
		env         map[string]string
		input       int64
		wantPercent int
		wantLimit   int64
		wantOK      bool
	}{
		{"small input gets the floor", nil, 1000, 400, 16 << 20, true},
		{"two 1 MB files", nil, 2_000_000, 400, 24_000_000, true},
		{"large input scales", nil, 10 << 20, 400, 120 << 20, true},
		{"unknown size is left alone", nil, 0, 0, 0, false},
		{"GOGC set is left alone", map[string]string{"GOGC": "100"}, 2_000_000, 0, 0, false},
		{"GOMEMLIMIT set is left alone", map[string]string{"GOMEMLIMIT": "1GiB"}, 2_000_000, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			p, l, ok := gcSettings(getenv, tt.input)
			if p != tt.wantPercent || l != tt.wantLimit || ok != tt.wantOK {
				t.Errorf("gcSettings(%d) = %d, %d, %v; want %d, %d, %v", tt.input, p, l, ok, tt.wantPercent, tt.wantLimit, tt.wantOK)
			}
		})
	}
}
