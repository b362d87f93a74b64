//go:build unix

package clause

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used. Benchmarks report MB/s of
// CPU time beside wall-clock MB/s because the machines they run on are
// shared and wall-clock figures swing with the load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
