//go:build unix

package repo

import (
	"os"
	"syscall"

	"github.com/redline-docs/redline/internal/atomicfile"
)

// syncFiles flushes to disk the files just written in dir, and dir. Past
// a few dozen files one sync(2) is far cheaper than a flush per file.
func syncFiles(dir string, paths []string) error {
	if len(paths) > 32 {
		syscall.Sync()
		return nil
	}
	for _, p := range paths {
		if f, err := os.Open(p); err == nil {
			f.Sync()
			f.Close()
		}
	}
	return atomicfile.SyncDir(dir)
}
