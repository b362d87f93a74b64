package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/redline-docs/redline/clause"
	"github.com/redline-docs/redline/comment"
	"github.com/redline-docs/redline/repo"
)

func TestCodeFor(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, exitOK},
		{"differences", &exitError{exitDifferent}, exitDifferent},
		{"usage", usagef("bad"), exitUsage},
		{"usage inside a domain error", domain(usagef("bad")), exitUsage},
		{"cobra's own error", errors.New(`unknown command "x" for "redline"`), exitUsage},
		{"no repository", domain(fmt.Errorf("open /x: %w", repo.ErrNotRepository)), exitNoRepo},
		{"unknown revision", domain(fmt.Errorf("resolve %q: %w", "v9", repo.ErrUnknownRevision)), exitRevision},
		{"no revisions", domain(repo.ErrNoRevisions), exitRevision},
		{"unknown document", domain(repo.ErrUnknownDocument), exitDocument},
		{"unknown clause", domain(repo.ErrUnknownClause), exitClause},
		{"unknown comment", domain(repo.ErrUnknownComment), exitComment},
		{"import error", domain(&comment.ImportError{File: "c.csv", Row: 3, Column: "是否采纳", Err: errors.New("bad")}), exitBadInput},
		{"binary", domain(fmt.Errorf("a.md: %w", clause.ErrBinary)), exitBadInput},
		{"not UTF-8", domain(fmt.Errorf("a.md: %w", clause.ErrNotUTF8)), exitBadInput},
		{"bad input", domain(repo.ErrBadInput), exitBadInput},
		{"nothing to commit", domain(repo.ErrNothingToCommit), exitNothing},
		{"busy", domain(repo.ErrBusy), exitBusy},
		{"broken ref", domain(fmt.Errorf("HEAD: %w", repo.ErrBrokenRef)), exitFailure},
		{"git missing", domain(errGitMissing), exitGitMissing},
		{"git failed", domain(fmt.Errorf("pull: %w", &gitFailedError{args: []string{"fetch"}, code: 128})), exitGitFailed},
		{"other", domain(errors.New("disk full")), exitFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := codeFor(tt.err); got != tt.want {
				t.Errorf("codeFor(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"a.csv:3: column \"是否采纳\":\nbad value\r\n":                                `redline: a.csv:3: column "是否采纳": bad value`,
		"unknown command \"dif\" for \"redline\"\n\nDid you mean this?\n\tdiff\n": `redline: unknown command "dif" for "redline" Did you mean this? diff`,
	} {
		if got := oneLine(errors.New(in)); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2023-09-01", "2023-09-01 10:00", "2023-09-01T10:00:00+08:00", "2023-09-01T10:00:00"} {
		if _, err := parseDate(s); err != nil {
			t.Errorf("parseDate(%q): %v", s, err)
		}
	}
	if _, err := parseDate("yesterday"); codeFor(err) != exitUsage {
		t.Errorf("parseDate(yesterday): %v, want a usage error", err)
	}
}

func TestChooseFormat(t *testing.T) {
	tests := []struct {
		format string
		json   bool
		out    string
		want   string
		usage  bool
	}{
		{"", false, "", "text", false},
		{"", true, "", "json", false},
		{"md", false, "", "markdown", false},
		{"", false, "r.html", "html", false},
		{"", false, "r.md", "markdown", false},
		{"", false, "r.csv", "text", false},
		{"table", false, "对照表.md", "table", false},
		{"yaml", false, "", "", true},
		{"html", true, "", "", true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.format, tt.json, tt.out), func(t *testing.T) {
			got, err := chooseFormat(tt.format, tt.json, tt.out, diffFormats, "text")
			if tt.usage {
				if codeFor(err) != exitUsage {
					t.Fatalf("err = %v, want a usage error", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("chooseFormat = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
