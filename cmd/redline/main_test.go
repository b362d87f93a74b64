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
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/redline-docs/redline/render"
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
			"exits":         cmdExits,
			"gb18030":       cmdGB18030,
			"encode":        cmdEncode,
			"mksparse":      cmdMksparse,
			"unescape":      cmdUnescape,
			"nocontrol":     cmdNoControl,
			"mkbinary":      cmdMkbinary,
			"jsonshape":     cmdJSONShape,
			"holdlock":      cmdHoldLock,
			"audit":         cmdAudit,
			"docxtext":      cmdDocxText,
			"officefixture": cmdOfficeFixture,
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

// cmdEncode re-encodes a UTF-8 file: encode ENCODING IN OUT, ENCODING one
// of gbk, gb18030, shift-jis, euc-jp, euc-kr, big5, latin1, utf-16le,
// utf-16be (both with a byte-order mark), utf-8-bom, cr (lone CR line ends).
func cmdEncode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: encode ENCODING IN OUT")
	}
	text := ts.ReadFile(args[1])
	var enc encoding.Encoding
	switch args[0] {
	case "gbk":
		enc = simplifiedchinese.GBK
	case "gb18030":
		enc = simplifiedchinese.GB18030
	case "shift-jis":
		enc = japanese.ShiftJIS
	case "euc-jp":
		enc = japanese.EUCJP
	case "euc-kr":
		enc = korean.EUCKR
	case "big5":
		enc = traditionalchinese.Big5
	case "latin1":
		enc = charmap.Windows1252
	case "utf-16le":
		enc = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	case "utf-16be":
		enc = xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)
	case "utf-8-bom":
		text = "\ufeff" + text
	case "cr":
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r")
	default:
		ts.Fatalf("encode: unknown encoding %q", args[0])
	}
	out := []byte(text)
	if enc != nil {
		var err error
		out, err = enc.NewEncoder().Bytes(out)
		ts.Check(err)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o644))
}

// cmdMksparse makes a file of SIZE bytes (a sparse one, so it costs no disk)
// holding the text of IN at its start: mksparse IN SIZE OUT.
func cmdMksparse(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: mksparse IN SIZE OUT")
	}
	size, err := strconv.ParseInt(args[1], 10, 64)
	ts.Check(err)
	name := ts.MkAbs(args[2])
	ts.Check(os.WriteFile(name, []byte(ts.ReadFile(args[0])), 0o644))
	ts.Check(os.Truncate(name, size))
}

// cmdUnescape sets an environment variable, or writes a file, from a Go
// string literal's contents, so scripts can hold control characters
// visibly: unescape NAME 'a\x1b[2Jb' sets $NAME; unescape -file IN OUT
// unquotes each line of IN.
func cmdUnescape(ts *testscript.TestScript, neg bool, args []string) {
	unq := func(s string) string {
		u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
		ts.Check(err)
		return u
	}
	switch {
	case !neg && len(args) == 3 && args[0] == "-file":
		lines := strings.Split(ts.ReadFile(args[1]), "\n")
		for i := range lines {
			lines[i] = unq(lines[i])
		}
		ts.Check(os.WriteFile(ts.MkAbs(args[2]), []byte(strings.Join(lines, "\n")), 0o644))
	case !neg && len(args) == 2:
		ts.Setenv(args[0], unq(args[1]))
	default:
		ts.Fatalf("usage: unescape NAME LITERAL | unescape -file IN OUT")
	}
}

// cmdNoControl fails when stdout or stderr (or a file) holds a character a
// terminal would obey rather than show (render.Unsafe; a CR only before an
// LF): nocontrol [-color] stdout|stderr|FILE. With -color, redline's own
// colour sequences are allowed.
func cmdNoControl(ts *testscript.TestScript, neg bool, args []string) {
	color := len(args) == 2 && args[0] == "-color"
	if color {
		args = args[1:]
	}
	if neg || len(args) != 1 {
		ts.Fatalf("usage: nocontrol [-color] stdout|stderr|FILE")
	}
	text := strings.ReplaceAll(ts.ReadFile(args[0]), "\r\n", "\n")
	if color {
		for _, seq := range []string{"\x1b[9;31m", "\x1b[4;32m", "\x1b[1m", "\x1b[2m", "\x1b[0m"} {
			text = strings.ReplaceAll(text, seq, "")
		}
	}
	if i := strings.IndexFunc(text, render.Unsafe); i >= 0 {
		r, _ := utf8.DecodeRuneInString(text[i:])
		ts.Fatalf("%s holds %U at byte %d: %q", args[0], r, i, text[max(0, i-20):min(len(text), i+20)])
	}
	if !utf8.ValidString(text) {
		ts.Fatalf("%s is not UTF-8", args[0])
	}
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
