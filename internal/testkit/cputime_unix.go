//go:build unix

package testkit

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time (user + system) the process has used, to report
// benchmark cost apart from waiting on a busy machine.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
