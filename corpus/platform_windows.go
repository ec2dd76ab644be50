//go:build windows

package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// errWouldBlock means another process (or another open file in this one)
// holds the lock.
var errWouldBlock = errors.New("lock held elsewhere")

// removeWhileLocked: Windows cannot remove an open file; the lock file
// stays after close (it is harmless: the lock is what counts).
const removeWhileLocked = false

// lockRegion is locked instead of the record itself, so readers can read
// the record while it is held.
const lockOffset = 1 << 30

func lockFile(f *os.File) error {
	ol := &windows.Overlapped{Offset: lockOffset}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errWouldBlock
	}
	return err
}

func unlockFile(f *os.File) {
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &windows.Overlapped{Offset: lockOffset})
}

func lockedByOther(f *os.File) bool {
	if err := lockFile(f); err != nil {
		return errors.Is(err, errWouldBlock)
	}
	unlockFile(f)
	return false
}

// canWrite reports a file marked read-only; a folder that cannot be
// written shows when the lock file is created.
func canWrite(path string) error {
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("%w (%s is marked read-only)", ErrCannotWrite, path)
	}
	return nil
}

func isReadOnlyFS(err error) bool {
	return errors.Is(err, windows.ERROR_WRITE_PROTECT) || errors.Is(err, windows.ERROR_ACCESS_DENIED)
}

func room(path string, have, need int64) error {
	if need <= have {
		return nil
	}
	dir, err := windows.UTF16PtrFromString(filepath.Dir(path))
	if err != nil {
		return nil
	}
	var free, total, totalFree uint64
	if err := windows.GetDiskFreeSpaceEx(dir, &free, &total, &totalFree); err != nil {
		return nil
	}
	if grow := uint64(need - have); free < grow+spaceMargin {
		return fmt.Errorf("%w (%d bytes free, %d needed)", ErrDiskFull, free, grow+spaceMargin)
	}
	return nil
}
