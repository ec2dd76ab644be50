//go:build !unix

package refi

import "time"

// cpuTime is not measured on this platform; cpu-s/op then reads 0.
func cpuTime() time.Duration { return 0 }
