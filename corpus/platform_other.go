//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly || windows)

package corpus

import (
	"errors"
	"os"
)

// errWouldBlock is never returned here: this system has no file lock the
// program uses, so only SQLite's own locking keeps writers apart.
var errWouldBlock = errors.New("lock held elsewhere")

const removeWhileLocked = true

func lockFile(*os.File) error         { return nil }
func unlockFile(*os.File)             {}
func lockedByOther(*os.File) bool     { return false }
func canWrite(string) error           { return nil }
func isReadOnlyFS(error) bool         { return false }
func room(string, int64, int64) error { return nil }
