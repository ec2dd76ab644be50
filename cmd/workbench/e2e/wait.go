package e2e

import (
	"fmt"
	"time"
)

// Until checks cond every 100 ms until it holds, returns an error, or
// timeout passes; the timeout's error names what was awaited and the last
// error cond returned along the way is not fatal (the state may be
// passing through). Waiting on a condition, never a fixed sleep, keeps the
// test fast on a quiet machine and patient on a busy one.
func Until(timeout time.Duration, what string, cond func() (bool, error)) error {
	deadline := time.Now().Add(timeout)
	var last error
	for {
		ok, err := cond()
		if ok && err == nil {
			return nil
		}
		last = err
		if time.Now().After(deadline) {
			if last != nil {
				return fmt.Errorf("timed out after %s waiting for %s (last: %v)", timeout, what, last)
			}
			return fmt.Errorf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
