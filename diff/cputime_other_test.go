//go:build !unix

package diff

func cpuTime() int64 { return 0 }
