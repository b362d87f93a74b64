//go:build !unix

package mapfile

import "os"

// mapFile cannot map on this system: the file is read instead.
func mapFile(*os.File, int) ([]byte, bool) { return nil, false }
