//go:build !unix

package repo

// processAlive cannot tell on this system: a lock is then stale only by age.
func processAlive(pid int) bool { return pid > 0 }
