//go:build unix

package diff

import "syscall"

// cpuTime is the processor time this process has used, in nanoseconds:
// unlike wall time, it does not grow when other processes load the machine.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
