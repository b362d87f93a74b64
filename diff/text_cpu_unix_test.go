//go:build unix

package diff

import "syscall"

// cpuNanos returns the CPU time (user and system) the process has used. The
// benchmarks report it beside wall time because the machines they run on
// are shared: wall time measures the load, CPU time the work.
func cpuNanos() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
