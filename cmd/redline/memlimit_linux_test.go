package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// memLimitChild, in the environment, makes the test binary run one redline
// command under an address-space limit of that many bytes more than it has
// mapped when it starts (the Go runtime reserves about a gigabyte of address
// space up front, which RLIMIT_AS counts) (see TestMemoryLimitedImport).
const memLimitChild = "REDLINE_TEST_MEMLIMIT"

// TestMemoryLimitedImport runs `comment import -` on an endless stdin (as
// `yes 1,a,b,c | redline comment import -` does) in a child process whose
// address space is limited with setrlimit(RLIMIT_AS) to 512 MiB more than
// it starts with: it must end
// in the one-line size error and exit 8, not in the Go runtime's "fatal
// error: out of memory" (exit 2) long after.
func TestMemoryLimitedImport(t *testing.T) {
	if limit := os.Getenv(memLimitChild); limit != "" {
		runMemLimitedChild(t, limit)
		return
	}
	if raceEnabled {
		t.Skip("the race detector needs more address space than the limit")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "plan.md"), "Article 1 The Minister may make rules.\n")
	var errBuf bytes.Buffer
	for _, args := range [][]string{{"init", dir}, {"--repo", dir, "commit", "-m", "v1"}} {
		if code := Main(args, strings.NewReader(""), io.Discard, &errBuf); code != 0 {
			t.Fatalf("redline %v: exit %d: %s", args, code, errBuf.String())
		}
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryLimitedImport$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), memLimitChild+"=536870912", "GOGC=", "GOMEMLIMIT=", "MALLOC_ARENA_MAX=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Feed it forever, like yes(1): the write fails once the child exits.
	go func() {
		line := bytes.Repeat([]byte("1,a,b,c\n"), 8192)
		for {
			if _, err := stdin.Write(line); err != nil {
				return
			}
		}
	}()
	err = cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	const want = "redline: stdin: larger than 64 MiB, the limit for a comment file\n"
	if code != exitBadInput || stderr.String() != want {
		got := stderr.String()
		if len(got) > 2000 {
			got = got[:2000] + "…"
		}
		t.Fatalf("exit %d, stderr:\n%s\nwant exit %d and %q", code, got, exitBadInput, want)
	}
}

// runMemLimitedChild limits the process's address space and runs the
// import, exiting with redline's exit code.
func runMemLimitedChild(t *testing.T, limit string) {
	n, err := strconv.ParseUint(limit, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmSize:" && f[2] == "kB" {
			kb, err := strconv.ParseUint(f[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			n += kb << 10
		}
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		t.Fatalf("setrlimit: %v", err)
	}
	os.Exit(Main([]string{"comment", "import", "-"}, os.Stdin, os.Stdout, os.Stderr))
}
