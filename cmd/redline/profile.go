//go:build profile

// A build with -tags profile writes a processor profile of the whole run to
// the file named by REDLINE_CPUPROFILE, start-up excepted, for finding
// where a command's time goes as a user runs it (bench/profile.sh). Release
// builds leave this file, and runtime/pprof, out.

package main

import (
	"os"
	"runtime/pprof"
)

func init() {
	name := os.Getenv("REDLINE_CPUPROFILE")
	if name == "" {
		return
	}
	f, err := os.Create(name)
	if err != nil {
		return
	}
	if pprof.StartCPUProfile(f) != nil {
		f.Close()
		return
	}
	atExit = func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
