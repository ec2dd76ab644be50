//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// errWouldBlock means another process (or another open file in this one)
// holds the lock.
var errWouldBlock = errors.New("lock held elsewhere")

// removeWhileLocked: an open lock file may be removed (POSIX).
const removeWhileLocked = true

// lockFile takes an exclusive lock on the whole file without waiting.
// flock locks belong to the open file, so a second Project in this process
// is refused like another process, and the lock is independent of SQLite's
// own (fcntl) locks on the project file.
func lockFile(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EAGAIN) {
		return errWouldBlock
	}
	return err
}

func unlockFile(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

// lockedByOther reports whether someone holds the lock on f's file.
func lockedByOther(f *os.File) bool {
	if err := lockFile(f); err != nil {
		return errors.Is(err, errWouldBlock)
	}
	unlockFile(f)
	return false
}

// canWrite reports why the file at path (and its folder, for the log and
// lock files beside it) cannot be written; nil when they can.
func canWrite(path string) error {
	for _, p := range []string{path, filepath.Dir(path)} {
		if err := syscall.Access(p, 2 /* W_OK */); err != nil {
			if errors.Is(err, syscall.ENOENT) {
				return nil
			}
			return fmt.Errorf("%w (%s: %v)", ErrCannotWrite, p, err)
		}
	}
	return nil
}

func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }

// room reports whether the file at path may grow from size have to size
// need: the disk has the space and the process's file size limit allows it.
func room(path string, have, need int64) error {
	if need <= have {
		return nil
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err == nil && lim.Cur != ^uint64(0) && uint64(need) > lim.Cur {
		return fmt.Errorf("%w (the file may grow to %d bytes, it needs %d)", ErrDiskFull, lim.Cur, need)
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
