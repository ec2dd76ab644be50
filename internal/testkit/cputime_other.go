//go:build !unix

package testkit

import "time"

// CPUTime is unknown on this system: it is always 0.
func CPUTime() time.Duration { return 0 }
