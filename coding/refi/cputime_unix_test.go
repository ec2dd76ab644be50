//go:build unix

package refi

import (
	"syscall"
	"time"
)

// cpuTime is the process's user+system CPU time; per operation it is less
// sensitive than wall time to other processes on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
