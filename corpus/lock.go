package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"
)

// LockSuffix is appended to a project's path for its lock file: it exists
// while a program has the project open for writing and says who that is.
const LockSuffix = "-lock"

// LockHolder says who has a project open for writing: the record in the
// lock file beside the project, written when a program opens it for writing.
type LockHolder struct {
	Coder   string    `json:"coder,omitempty"`   // the coder's name (empty until the coder is known)
	Machine string    `json:"machine,omitempty"` // host name
	User    string    `json:"user,omitempty"`    // operating-system account
	Program string    `json:"program,omitempty"` // e.g. "workbench" or "wb"
	PID     int       `json:"pid,omitempty"`     // process id on Machine
	Since   time.Time `json:"since"`             // when the project was opened for writing
}

// String describes the holder for a sentence: "Ana Reyes on LAPTOP-7 (wb)
// since 2 Dec 2026 14:02".
func (h LockHolder) String() string {
	who := h.Coder
	if who == "" {
		who = h.User
	}
	if who == "" {
		who = "someone"
	}
	s := who
	if h.Machine != "" {
		s += " on " + h.Machine
	}
	if h.Program != "" {
		s += " (" + h.Program + ")"
	}
	if !h.Since.IsZero() {
		s += " since " + h.Since.Local().Format("2 Jan 2006 15:04")
	}
	return s
}

// LockedError means another program has the project open for writing. It
// wraps ErrLocked; Holder is empty when the other program left no record
// (an older version of the program).
type LockedError struct {
	Holder LockHolder
}

// Error says who holds the project, when known.
func (e *LockedError) Error() string {
	if e.Holder == (LockHolder{}) {
		return ErrLocked.Error()
	}
	return "the project is being edited by " + e.Holder.String()
}

// Unwrap returns ErrLocked.
func (e *LockedError) Unwrap() error { return ErrLocked }

// writerLock is the lock file held while the project is open for writing:
// an exclusive OS lock on PATH-lock (readers never take it) with the
// holder's record as its content.
type writerLock struct {
	path   string
	f      *os.File
	holder LockHolder
}

// acquireLock takes the write lock of the project at path or says who has it.
func acquireLock(path string) (*writerLock, error) {
	lp := path + LockSuffix
	for range 8 {
		f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o666)
		if err != nil && errors.Is(err, fs.ErrPermission) {
			// Another user's lock file, left by a program that ended: if
			// nobody holds it, it is replaced (below, retried).
			if err := replaceStale(lp); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			if cannotWrite(err) {
				return nil, fmt.Errorf("%w (%v)", ErrCannotWrite, err)
			}
			return nil, err
		}
		if err := lockFile(f); err != nil {
			var h LockHolder
			if errors.Is(err, errWouldBlock) {
				h, _ = readHolder(f)
				f.Close()
				return nil, &LockedError{Holder: h}
			}
			f.Close()
			return nil, err
		}
		// A holder that was closing may have removed the file between our
		// open and our lock: then we hold a lock on a file nobody else sees.
		if st, err := f.Stat(); err == nil {
			if cur, err := os.Stat(lp); err == nil && os.SameFile(st, cur) {
				l := &writerLock{path: lp, f: f, holder: newHolder()}
				if err := l.write(); err != nil {
					l.release()
					return nil, err
				}
				return l, nil
			}
		}
		unlockFile(f)
		f.Close()
	}
	return nil, fmt.Errorf("%s: could not take the lock: %w", lp, ErrLocked)
}

// replaceStale removes a lock file this user may not write when nobody
// holds it, or says who does. It holds the old file's lock while removing
// it, so a program waiting on the old file notices it is gone (see
// acquireLock) and two writers can never both believe they hold the lock.
func replaceStale(lp string) error {
	f, err := os.Open(lp)
	if err != nil {
		return fmt.Errorf("%w (%v)", ErrCannotWrite, err)
	}
	defer f.Close()
	if err := lockFile(f); err != nil {
		if errors.Is(err, errWouldBlock) {
			h, _ := readHolder(f)
			return &LockedError{Holder: h}
		}
		return fmt.Errorf("%w (%v)", ErrCannotWrite, err)
	}
	defer unlockFile(f)
	if err := os.Remove(lp); err != nil {
		return fmt.Errorf("%w (%v)", ErrCannotWrite, err)
	}
	return nil
}

func newHolder() LockHolder {
	h := LockHolder{PID: os.Getpid(), Since: time.Now().Truncate(time.Second)}
	h.Machine, _ = os.Hostname()
	if u, err := user.Current(); err == nil {
		h.User = u.Username
	}
	if len(os.Args) > 0 {
		h.Program = strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	}
	return h
}

// setCoder records the coder in the lock file.
func (l *writerLock) setCoder(name string) {
	if l == nil || l.holder.Coder == name {
		return
	}
	l.holder.Coder = name
	l.write()
}

func (l *writerLock) write() error {
	b, _ := json.Marshal(l.holder)
	b = append(b, '\n')
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	if _, err := l.f.WriteAt(b, 0); err != nil {
		return fmt.Errorf("%s: %w", l.path, err)
	}
	return nil
}

// release removes the lock file (while still holding it, so nobody can
// take a lock on the removed file unnoticed) and lets go of the lock.
func (l *writerLock) release() {
	if l == nil || l.f == nil {
		return
	}
	if removeWhileLocked {
		os.Remove(l.path)
	}
	unlockFile(l.f)
	l.f.Close()
	l.f = nil
}

// readHolder reads a lock file's record (empty when unreadable).
func readHolder(f *os.File) (LockHolder, error) {
	var h LockHolder
	b, err := io.ReadAll(io.NewSectionReader(f, 0, 4096))
	if err != nil {
		return h, err
	}
	err = json.Unmarshal(b, &h)
	return h, err
}

// Holder reads who has the project at path open for writing, from its lock
// file; ok is false when nobody does (or the holder left no record).
func Holder(path string) (h LockHolder, ok bool) {
	f, err := os.Open(path + LockSuffix)
	if err != nil {
		return h, false
	}
	defer f.Close()
	if !lockedByOther(f) {
		return h, false
	}
	h, err = readHolder(f)
	return h, err == nil
}

// cannotWrite reports whether err says the file or its folder cannot be
// written (permissions, a read-only disk or share).
func cannotWrite(err error) bool {
	return errors.Is(err, fs.ErrPermission) || isReadOnlyFS(err)
}
