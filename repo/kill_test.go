package repo

import (
	"bufio"
	"context"
	"fmt"
	"github.com/redline-docs/redline/internal/synth"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHelperWriter is the writer that TestKillWriter kills: it commits
// revision after revision of a 100 KB document until killed.
func TestHelperWriter(t *testing.T) {
	dir := os.Getenv("REDLINE_HELPER_DIR")
	if dir == "" {
		t.Skip("helper process only")
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := synth.NewPlan(100_000, 2)
	for i := 1; ; i++ {
		d.Step(i)
		write(t, r, "plan.txt", d.String())
		if _, err := r.Commit(context.Background(), CommitOptions{Message: fmt.Sprint("rev ", i), Author: author, Date: at(i)}); err != nil {
			t.Fatal(err)
		}
		fmt.Println("committed", i)
	}
}

// A writer killed (SIGKILL) in the middle of its work leaves a consistent
// repository: fsck clean, HEAD on a complete revision, and the next writer
// takes over its lock.
func TestKillWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	r := newRepo(t)
	write(t, r, "plan.txt", synth.NewPlan(100_000, 2).String())
	commitAll(t, r, 0, "base")
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$")
		cmd.Env = append(os.Environ(), "REDLINE_HELPER_DIR="+r.Dir())
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Let it land a few revisions, then kill it at some point of the next.
		sc := bufio.NewScanner(out)
		for n := 0; n < 2+round && sc.Scan(); {
			if strings.HasPrefix(sc.Text(), "committed") {
				n++
			}
		}
		time.Sleep(time.Duration(3+7*round) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()

		fsck(t, r)
		head := strings.TrimSpace(git(t, r.Dir(), "rev-parse", "HEAD"))
		if msg := git(t, r.Dir(), "log", "-1", "--format=%s", head); !strings.HasPrefix(msg, "rev ") && !strings.HasPrefix(msg, "base") {
			t.Fatalf("HEAD %s is not a revision: %q", head, msg)
		}
		// The next writer proceeds (taking over a lock the dead one left).
		r2, err := Open(r.Dir())
		if err != nil {
			t.Fatal(err)
		}
		write(t, r2, "plan.txt", synth.NewPlan(100_000, int64(10+round)).String())
		commitAll(t, r2, 1000+round, fmt.Sprint("after kill ", round))
		if _, err := os.Stat(filepath.Join(r.s.gitDir, lockName)); !os.IsNotExist(err) {
			t.Errorf("lock left after a clean commit: %v", err)
		}
		fsck(t, r2)
	}
}
