//go:build unix

package mapfile

import (
	"os"
	"syscall"
)

// mapFile maps the first size bytes of f read-only, populating the page
// tables at once (MAP_POPULATE where the system has it) so that reading
// the file takes no further faults.
func mapFile(f *os.File, size int) ([]byte, bool) {
	data, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_PRIVATE|mapPopulate)
	if err != nil || len(data) != size {
		return nil, false
	}
	return data, true
}
