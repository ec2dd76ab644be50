//go:build !(linux || darwin || freebsd || windows)

package corpus

// room cannot tell free space here: the checkpoint's own writes tell.
func room(string, int64, int64) error { return nil }
