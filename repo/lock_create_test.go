package repo

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// createLock makes the lock appear whole: among writers racing in one
// process (one pid, as the concurrent-writers test has), exactly one wins,
// the lock is never empty or half-written, and no private file is left.
// An empty lock, as a writer killed between creating and writing it used to
// leave, cannot be judged stale for ten minutes.
func TestCreateLockAtomic(t *testing.T) {
	for round := 0; round < 20; round++ {
		dir := t.TempDir()
		path := filepath.Join(dir, lockName)
		var wg sync.WaitGroup
		var mu sync.Mutex
		won, busy := 0, 0
		for w := 0; w < 8; w++ {
			wg.Go(func() {
				err := createLock(path, "4242 1700000000\n")
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					won++
				case errors.Is(err, os.ErrExist):
					busy++
				default:
					t.Errorf("createLock: %v", err)
				}
			})
		}
		wg.Wait()
		if won != 1 || busy != 7 {
			t.Fatalf("round %d: %d won, %d busy; want 1 and 7", round, won, busy)
		}
		if pid, at, ok := readLock(path); !ok || pid != 4242 || !at.Equal(time.Unix(1700000000, 0)) {
			t.Fatalf("round %d: lock reads %d %v %v", round, pid, at, ok)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Fatalf("round %d: left behind %v", round, entries)
		}
	}
}
