package repo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-docs/redline/review"
)

// A history written with plain git is adopted: its revisions get clause ids
// when first needed, a later redline commit records them, and a colleague's
// plain-git commit on top of redline's is a first-class revision too.
func TestAdoptPlainGit(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	for i, s := range historySteps[:3] {
		os.WriteFile(filepath.Join(dir, "plan.txt"), []byte(s.text), 0o644)
		git(t, dir, "add", "plan.txt")
		git(t, dir, "commit", "-q", "-m", fmt.Sprintf("step %d", i))
	}
	r, err := Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	h, err := r.History(ctx, "一/（四）", "plan.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Entries) != 2 || h.Entries[0].Event != review.Created || h.Entries[1].Event != review.Renumbered {
		t.Fatalf("history of an adopted clause: %+v", h.Entries)
	}
	id := h.ClauseID

	// Ids derived again from scratch (cache removed) are the same.
	os.RemoveAll(filepath.Join(dir, ".git", "redline"))
	r2, _ := Open(dir)
	if h2, err := r2.History(ctx, "一/（四）", "plan.txt", ""); err != nil || h2.ClauseID != id {
		t.Fatalf("ids after the cache is removed: %v %v, want %s", h2, err, id)
	}

	// The next redline commit records the ids of the newest text.
	os.WriteFile(filepath.Join(dir, "plan.txt"), []byte(historySteps[3].text), 0o644)
	commitAll(t, r, 3, "move")
	ids, err := os.ReadFile(filepath.Join(dir, ".redline", "ids", "plan.txt.json"))
	if err != nil || !strings.Contains(string(ids), id) {
		t.Fatalf("recorded ids %s, %v: want %s", ids, err, id)
	}
	// A colleague edits with plain git on top.
	os.WriteFile(filepath.Join(dir, "plan.txt"), []byte(historySteps[4].text), 0o644)
	git(t, dir, "commit", "-q", "-am", "edit with plain git")
	h, err = r.History(ctx, id, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var events []string
	for _, e := range h.Entries {
		events = append(events, string(e.Event))
	}
	if strings.Join(events, ",") != "created,renumbered,moved,modified" {
		t.Errorf("events %v", events)
	}
	if h.Entries[3].Rev.Author != "Colleague <colleague@example.org>" {
		t.Errorf("plain-git revision author %q", h.Entries[3].Rev.Author)
	}
	fsck(t, r)
}

// A writer that dies after writing its objects and before moving any ref
// leaves the repository as it was: HEAD unchanged, fsck clean; the next
// commit succeeds.
func TestCrashBeforeRefMoves(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.txt", planV1)
	h1 := commitAll(t, r, 0, "first")
	write(t, r, "plan.txt", strings.Replace(planV1, "90项", "80项", 1))
	crash := errors.New("killed")
	r.s.beforeRef = func() error { return crash }
	_, err := r.Commit(context.Background(), CommitOptions{Message: "second", Date: at(1), Stage: "送审稿"})
	if !errors.Is(err, crash) {
		t.Fatalf("commit with a crash: %v", err)
	}
	r.s.beforeRef = nil
	if head := strings.TrimSpace(git(t, r.Dir(), "rev-parse", "HEAD")); head != h1 {
		t.Errorf("HEAD %s after the crash, want %s", head, h1)
	}
	if tags := git(t, r.Dir(), "tag"); tags != "" {
		t.Errorf("a tag survived the crash: %s", tags)
	}
	if _, err := os.Stat(filepath.Join(r.s.gitDir, lockName)); !os.IsNotExist(err) {
		t.Errorf("lock left behind: %v", err)
	}
	fsck(t, r)
	// A fresh process (new Repo) commits normally.
	r2, err := Open(r.Dir())
	if err != nil {
		t.Fatal(err)
	}
	h2 := commitAll(t, r2, 1, "second", stage("送审稿"))
	if h2 == h1 {
		t.Fatal("no new revision")
	}
	fsck(t, r2)
}

// Eight writers at once, each with its own Repo value: every commit lands
// or fails with ErrBusy, and the history is a clean line.
func TestConcurrentWriters(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.txt", planV1)
	commitAll(t, r, 0, "base")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			w, err := Open(r.Dir())
			if err != nil {
				errs[i] = err
				return
			}
			doc := fmt.Sprintf("doc%d.md", i)
			write(t, w, doc, fmt.Sprintf("一、第%d号文件\n", i))
			for try := 0; try < 200; try++ {
				_, errs[i] = w.Commit(context.Background(), CommitOptions{Paths: []string{doc},
					Message: "writer " + strconv.Itoa(i), Author: author, Date: at(i + 1)})
				if !errors.Is(errs[i], ErrBusy) {
					return
				}
				time.Sleep(time.Millisecond)
			}
		}(i)
	}
	wg.Wait()
	landed := 0
	for i, err := range errs {
		switch {
		case err == nil:
			landed++
		case errors.Is(err, ErrBusy):
		default:
			t.Errorf("writer %d: %v", i, err)
		}
	}
	log, err := r.Log(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != landed+1 {
		t.Errorf("%d revisions, want %d (landed) + 1", len(log), landed)
	}
	if landed == 0 {
		t.Errorf("no writer landed")
	}
	fsck(t, r)
}

func TestLock(t *testing.T) {
	r := newRepo(t)
	write(t, r, "plan.txt", planV1)
	lockPath := filepath.Join(r.s.gitDir, lockName)
	tests := []struct {
		name    string
		content string
		busy    bool
	}{
		{"live writer", fmt.Sprintf("%d %d\n", os.Getpid(), t0.Unix()), true},
		{"dead writer", fmt.Sprintf("%d %d\n", 1<<22+7, t0.Unix()), false},
		{"too old", fmt.Sprintf("%d %d\n", os.Getpid(), t0.Add(-time.Hour).Unix()), false},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(lockPath, []byte(tc.content), 0o644)
			write(t, r, "plan.txt", planV1+strings.Repeat("\n", i+1))
			_, err := r.Commit(context.Background(), CommitOptions{Message: tc.name, Date: at(i)})
			if tc.busy != errors.Is(err, ErrBusy) || (!tc.busy && err != nil) {
				t.Errorf("commit: %v, want busy=%v", err, tc.busy)
			}
			if tc.busy && !strings.Contains(err.Error(), "repository is busy") {
				t.Errorf("busy error %q", err)
			}
			os.Remove(lockPath)
		})
	}
}
