//go:build linux || darwin || freebsd

package corpus

import (
	"fmt"
	"math"
	"path/filepath"
	"syscall"
)

// room reports whether the file at path may grow from size have to size
// need: the disk has the space and the process's file size limit allows it.
func room(path string, have, need int64) error {
	if need <= have {
		return nil
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err == nil {
		// RLIM_INFINITY is all ones (or the largest int64 where the field is signed).
		if cur := uint64(lim.Cur); cur != ^uint64(0) && cur != math.MaxInt64 && uint64(need) > cur {
			return fmt.Errorf("%w (the file may grow to %d bytes, it needs %d)", ErrDiskFull, cur, need)
		}
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		return nil // unknown: let the write tell
	}
	free := uint64(st.Bavail) * uint64(st.Bsize)
	if grow := uint64(need - have); free < grow+spaceMargin {
		return fmt.Errorf("%w (%d bytes free, %d needed)", ErrDiskFull, free, grow+spaceMargin)
	}
	return nil
}
