package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-docs/redline/internal/synth"
)

// The tests here run the real redline binary (built once per test run)
// beside the real git binary, and kill it at random moments.

// redlineBinary builds the redline command into the test's temporary
// folder (removed with it), or returns $REDLINE_BIN.
func redlineBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the redline binary")
	}
	if bin := os.Getenv("REDLINE_BIN"); bin != "" {
		return bin // a binary built elsewhere (an older one, to see these tests fail)
	}
	bin := filepath.Join(t.TempDir(), "redline")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// needGit skips without the git binary, except in CI, which has it.
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git not installed (CI must have it)")
		}
		t.Skip("git not installed")
	}
}

// gitEnv is a git that reads no user or system config.
func gitEnv(home string) []string {
	return append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME="+home,
		"GIT_AUTHOR_NAME=Colleague", "GIT_AUTHOR_EMAIL=colleague@example.org",
		"GIT_COMMITTER_NAME=Colleague", "GIT_COMMITTER_EMAIL=colleague@example.org")
}

// run runs a program in dir and returns its output and exit code.
func run(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out.String(), 0
}

// mustRun runs a program that must succeed.
func mustRun(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, code := run(t, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

// checkStore is what must hold after any kill: the branch names a commit,
// every revision seen before is reachable from it, git fsck --strict is
// clean.
func checkStore(t *testing.T, dir string, env []string, seen []string) string {
	t.Helper()
	head, code := run(t, dir, env, "git", "rev-parse", "--verify", "-q", "refs/heads/main^{commit}")
	if code != 0 {
		ref, _ := os.ReadFile(filepath.Join(dir, ".git", "refs", "heads", "main"))
		t.Fatalf("the branch names no commit (ref file %q)", ref)
	}
	head = strings.TrimSpace(head)
	for _, h := range seen {
		if _, code := run(t, dir, env, "git", "merge-base", "--is-ancestor", h, head); code != 0 {
			t.Fatalf("revision %s, committed before, is not reachable from %s", h, head)
		}
	}
	if out, code := run(t, dir, env, "git", "fsck", "--strict", "--no-dangling"); code != 0 || strings.TrimSpace(out) != "" {
		t.Fatalf("git fsck --strict: exit %d\n%s", code, out)
	}
	return head
}

// commentCount is the number of comments `redline comment list` shows.
func commentCount(t *testing.T, bin, dir string, env []string) int {
	t.Helper()
	out := mustRun(t, dir, env, bin, "comment", "list", "--json")
	var v struct {
		Comments []json.RawMessage `json:"comments"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("comment list --json: %v\n%s", err, out)
	}
	return len(v.Comments)
}

// TestCrashLoop kills `redline commit` and `redline comment import` with
// SIGKILL at random moments and checks after each kill that nothing is
// lost and the next command works. REDLINE_CRASH_ITERATIONS raises the
// number of kills (bench/crash-loop.sh runs it long); REDLINE_CRASH_SEED
// replays a run (the seed is logged).
func TestCrashLoop(t *testing.T) {
	bin := redlineBinary(t)
	needGit(t)
	iterations := 30
	if s := os.Getenv("REDLINE_CRASH_ITERATIONS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("REDLINE_CRASH_ITERATIONS=%q: want a positive number", s)
		}
		iterations = n
	}
	seed := time.Now().UnixNano()
	if s := os.Getenv("REDLINE_CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseInt(s, 10, 64); err != nil {
			t.Fatalf("REDLINE_CRASH_SEED=%q: %v", s, err)
		}
	}
	t.Logf("REDLINE_CRASH_SEED=%d REDLINE_CRASH_ITERATIONS=%d", seed, iterations)
	rng := rand.New(rand.NewSource(seed))

	dir := t.TempDir()
	env := gitEnv(dir)
	mustRun(t, dir, env, bin, "init", ".")
	plan := synth.NewPlan(60_000, 7)
	writeFile(t, filepath.Join(dir, "plan.txt"), plan.String())
	var seen []string
	for i := 1; i <= 3; i++ {
		plan.Step(i)
		writeFile(t, filepath.Join(dir, "plan.txt"), plan.String())
		mustRun(t, dir, env, bin, "commit", "-m", fmt.Sprint("rev ", i))
		seen = append(seen, checkStore(t, dir, env, seen))
	}
	// A comment table large enough that writing it takes a while.
	var csv strings.Builder
	csv.WriteString("单位/个人,修改意见\n") // no ids: numbered past the stored ones, so it imports again
	const rows = 300
	for i := 1; i <= rows; i++ {
		fmt.Fprintf(&csv, "单位%d,意见第%d条：建议完善表述。\n", i%17, i)
	}
	table := filepath.Join(t.TempDir(), "comments.csv")
	writeFile(t, table, csv.String())

	// How long each command takes uninterrupted bounds the kill delays.
	timed := func(args ...string) time.Duration {
		start := time.Now()
		mustRun(t, dir, env, bin, args...)
		return time.Since(start)
	}
	plan.Step(4)
	writeFile(t, filepath.Join(dir, "plan.txt"), plan.String())
	commitTime := timed("commit", "-m", "rev 4")
	seen = append(seen, checkStore(t, dir, env, seen))
	importTime := timed("comment", "import", table)
	mustRun(t, dir, env, bin, "commit", "-m", "comments")
	seen = append(seen, checkStore(t, dir, env, seen))
	t.Logf("uninterrupted: commit %v, import of %d rows %v", commitTime, rows, importTime)

	step := 5
	for it := 0; it < iterations; it++ {
		importing := it%3 == 2
		var args []string
		var limit time.Duration
		before := commentCount(t, bin, dir, env)
		if importing {
			args, limit = []string{"comment", "import", table}, importTime
		} else {
			plan.Step(step)
			step++
			writeFile(t, filepath.Join(dir, "plan.txt"), plan.String())
			args, limit = []string{"commit", "-m", fmt.Sprint("rev ", step)}, commitTime
		}
		// Most kills land late in the command, where it writes: a third
		// anywhere, the rest in its last half and a little after.
		delay := time.Duration(rng.Int63n(int64(limit) + 1))
		if rng.Intn(3) > 0 {
			delay = limit/2 + time.Duration(rng.Int63n(int64(limit)*3/4+1))
		}
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = dir, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		timer := time.AfterFunc(delay, func() { cmd.Process.Kill() })
		err := cmd.Wait()
		killed := !timer.Stop()
		t.Logf("iteration %d: %s after %v: killed=%v (%v)", it, args[0]+" "+args[1], delay, killed, err)
		if !killed && err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out.String())
		}

		head := checkStore(t, dir, env, seen)
		if !killed || head != seen[len(seen)-1] {
			seen = append(seen, head)
		}
		// The command works after the kill: comments all there or none,
		// and the next commit records the work tree.
		after := commentCount(t, bin, dir, env)
		if after != before && after != before+rows {
			t.Fatalf("after a killed import: %d comments, want %d or %d (all or nothing)", after, before, before+rows)
		}
		if importing && after == before {
			mustRun(t, dir, env, bin, "comment", "import", table)
			if n := commentCount(t, bin, dir, env); n != before+rows {
				t.Fatalf("import again after a kill: %d comments, want %d", n, before+rows)
			}
		}
		if importing {
			// Keep the comment folder small: drop the imported comments.
			os.RemoveAll(filepath.Join(dir, ".redline", "comments"))
		}
		if out, code := run(t, dir, env, bin, "commit", "-m", fmt.Sprint("after kill ", it)); code != 0 && code != exitNothing {
			t.Fatalf("commit after a kill: exit %d\n%s", code, out)
		}
		seen = append(seen, checkStore(t, dir, env, seen))
		mustRun(t, dir, env, bin, "log")
		// No lock of a dead redline is left for git to trip on.
		for _, lock := range []string{"index.lock", "refs/heads/main.lock", "redline.lock"} {
			if _, err := os.Stat(filepath.Join(dir, ".git", filepath.FromSlash(lock))); !os.IsNotExist(err) {
				t.Fatalf(".git/%s left after the command that followed a kill: %v", lock, err)
			}
		}
		mustRun(t, dir, env, "git", "status", "--short")
	}
}

// TestGitBesideRedline runs `git commit` in a loop beside `redline commit`
// in a loop; afterwards every commit either tool said it made is reachable
// from the branch and git fsck is clean.
func TestGitBesideRedline(t *testing.T) {
	bin := redlineBinary(t)
	needGit(t)
	dir := t.TempDir()
	env := gitEnv(dir)
	mustRun(t, dir, env, bin, "init", ".")
	plan := synth.NewPlan(20_000, 3)
	writeFile(t, filepath.Join(dir, "plan.txt"), plan.String())
	mustRun(t, dir, env, bin, "commit", "-m", "base")
	writeFile(t, filepath.Join(dir, "notes.log"), "")
	mustRun(t, dir, env, "git", "add", "notes.log")
	mustRun(t, dir, env, "git", "commit", "-q", "-m", "notes")

	// Both loop until they have tried rounds commits each and the time is
	// up (REDLINE_BESIDE_SECONDS, default 15), whichever is later, within
	// a hard bound of three minutes.
	const rounds = 25
	seconds := 15
	if v := os.Getenv("REDLINE_BESIDE_SECONDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("REDLINE_BESIDE_SECONDS=%q: want a positive number", v)
		}
		seconds = n
	}
	until := time.Now().Add(time.Duration(seconds) * time.Second)
	more := func(i int) bool { return i < rounds || time.Now().Before(until) }
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(seconds)*time.Second+3*time.Minute)
	defer cancel()
	var mu sync.Mutex
	var reported []string
	var busy [2]int
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // git
		defer wg.Done()
		for i := 0; more(i) && ctx.Err() == nil; i++ {
			f, _ := os.OpenFile(filepath.Join(dir, "notes.log"), os.O_APPEND|os.O_WRONLY, 0)
			fmt.Fprintf(f, "note %d\n", i)
			f.Close()
			cmd := exec.CommandContext(ctx, "git", "commit", "-m", fmt.Sprint("git ", i), "notes.log")
			cmd.Dir, cmd.Env = dir, env
			out, err := cmd.CombinedOutput()
			if err != nil {
				mu.Lock()
				busy[0]++
				mu.Unlock()
				t.Logf("git commit %d: %v: %s", i, err, strings.TrimSpace(string(out)))
				continue
			}
			// "[main abc1234] git 3": the commit git reports.
			line, _, _ := strings.Cut(string(out), "]")
			words := strings.Fields(line)
			c := exec.Command("git", "rev-parse", "--verify", words[len(words)-1]+"^{commit}")
			c.Dir, c.Env = dir, env
			h, err := c.Output()
			if err != nil {
				t.Errorf("git reported %q, which it cannot find: %v", out, err)
				continue
			}
			mu.Lock()
			reported = append(reported, strings.TrimSpace(string(h)))
			mu.Unlock()
		}
	}()
	go func() { // redline
		defer wg.Done()
		for i := 0; more(i) && ctx.Err() == nil; i++ {
			plan.Step(100 + i)
			if err := os.WriteFile(filepath.Join(dir, "plan.txt"), []byte(plan.String()), 0o644); err != nil {
				t.Error(err)
				return
			}
			cmd := exec.CommandContext(ctx, bin, "commit", "plan.txt", "-m", fmt.Sprint("redline ", i))
			cmd.Dir, cmd.Env = dir, env
			out, err := cmd.CombinedOutput()
			if err != nil {
				mu.Lock()
				busy[1]++
				mu.Unlock()
				if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitBusy {
					t.Errorf("redline commit %d: %v: %s", i, err, out)
				}
				continue
			}
			// "[abc1234] message": resolve the short hash it reported.
			f := strings.Fields(strings.Trim(strings.Fields(string(out))[0], "[]"))
			c := exec.Command("git", "rev-parse", "--verify", f[0]+"^{commit}")
			c.Dir, c.Env = dir, env
			h, err := c.Output()
			if err != nil {
				t.Errorf("redline reported %s, which git cannot find: %v", f[0], err)
				continue
			}
			mu.Lock()
			reported = append(reported, strings.TrimSpace(string(h)))
			mu.Unlock()
		}
	}()
	wg.Wait()
	t.Logf("%d commits reported; refused as busy: git %d, redline %d", len(reported), busy[0], busy[1])
	if len(reported) < rounds {
		t.Fatalf("only %d commits made of %d tried", len(reported), 2*rounds)
	}
	checkStore(t, dir, env, reported)
}
