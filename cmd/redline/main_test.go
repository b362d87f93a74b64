package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite golden files (the cmp targets inside testdata/script/*.txtar)")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"redline": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each builds
// real repositories on disk and runs the redline command over them.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("NO_COLOR", "")
			e.Setenv("COLUMNS", "100")
			e.Setenv("TZ", "UTC")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":     cmdExits,
			"gb18030":   cmdGB18030,
			"mkbinary":  cmdMkbinary,
			"jsonshape": cmdJSONShape,
			"holdlock":  cmdHoldLock,
			"audit":     cmdAudit,
		},
	})
}

// cmdExits runs a program and checks its exit code:
//
//	exits CODE PROGRAM [ARGS…]
//
// Its stdout and stderr can then be checked as after exec.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS…]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// cmdGB18030 re-encodes a UTF-8 file as GB18030: gb18030 IN OUT.
func cmdGB18030(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: gb18030 IN OUT")
	}
	enc, err := simplifiedchinese.GB18030.NewEncoder().String(ts.ReadFile(args[0]))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(enc), 0o644))
}

// cmdMkbinary writes a small binary file (NUL bytes, a PNG header): mkbinary FILE.
func cmdMkbinary(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkbinary FILE")
	}
	data := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 255}, 64)...)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
}

// cmdJSONShape writes the shape of a JSON document — every key path with the
// JSON types seen there — so that a golden file pins the field names of an
// output without pinning its values: jsonshape IN OUT (IN may be stdout).
func cmdJSONShape(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: jsonshape IN OUT")
	}
	var v any
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &v); err != nil {
		ts.Fatalf("jsonshape: %s is not JSON: %v", args[0], err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(jsonShape(v)), 0o644))
}

// jsonShape lists "path: type|type" lines, sorted, for every value in v.
func jsonShape(v any) string {
	types := map[string]map[string]bool{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		t := "null"
		switch x := v.(type) {
		case map[string]any:
			t = "object"
			for k, e := range x {
				walk(path+"."+k, e)
			}
		case []any:
			t = "array"
			for _, e := range x {
				walk(path+"[]", e)
			}
		case string:
			t = "string"
		case float64:
			t = "number"
		case bool:
			t = "bool"
		}
		if path == "" {
			path = "."
		}
		if types[path] == nil {
			types[path] = map[string]bool{}
		}
		types[path][t] = true
	}
	walk("", v)
	var lines []string
	for p, ts := range types {
		var names []string
		for t := range ts {
			names = append(names, t)
		}
		sort.Strings(names)
		lines = append(lines, p+": "+strings.Join(names, "|"))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// cmdHoldLock writes the repository's writer lock as a live process (pid 1)
// holding it now: holdlock REPO_DIR. See repo/lock.go.
func cmdHoldLock(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: holdlock REPO_DIR")
	}
	lock := filepath.Join(ts.MkAbs(args[0]), ".git", "redline.lock")
	ts.Check(os.WriteFile(lock, fmt.Appendf(nil, "1 %d\n", time.Now().Unix()), 0o644))
}

// panicWriter panics on every write, to prove Main turns a panic into one
// line and exit 70.
type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("boom") }

func TestMainRecoversPanics(t *testing.T) {
	var stderr bytes.Buffer
	code := Main([]string{"--help"}, strings.NewReader(""), panicWriter{}, &stderr)
	if code != exitInternalBug {
		t.Errorf("exit code %d, want %d", code, exitInternalBug)
	}
	if got := stderr.String(); !strings.HasPrefix(got, "redline: internal error: boom") || strings.Count(got, "\n") != 1 {
		t.Errorf("stderr = %q, want one line starting %q", got, "redline: internal error: boom")
	}
}
