//go:build !unix

package repo

import (
	"os"

	"github.com/redline-docs/redline/internal/atomicfile"
)

// syncFiles flushes to disk the files just written in dir, and dir.
func syncFiles(dir string, paths []string) error {
	for _, p := range paths {
		if f, err := os.Open(p); err == nil {
			f.Sync()
			f.Close()
		}
	}
	return atomicfile.SyncDir(dir)
}
