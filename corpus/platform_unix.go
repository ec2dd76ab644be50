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
