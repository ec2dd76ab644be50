//go:build unix

package merge

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) the test process has used, to
// report benchmark cost apart from waiting on a busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
