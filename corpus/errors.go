package corpus

import (
	"errors"
	"fmt"
)

// Sentinel conditions a user can act on. Open and Create wrap them in an
// *OpenError that names the file.
var (
	// ErrNotProject means the file is not an SQLite database or not an
	// Evidence Workbench project.
	ErrNotProject = errors.New("not an Evidence Workbench project")
	// ErrNewerVersion means the file was written by a newer version of the program.
	ErrNewerVersion = errors.New("made by a newer version of Evidence Workbench")
	// ErrCorrupt means the file is truncated or damaged.
	ErrCorrupt = errors.New("the file is damaged or truncated")
	// ErrLocked means another open instance holds the project.
	ErrLocked = errors.New("the project is open in another window or program")
	// ErrExists means Create was asked to overwrite an existing file.
	ErrExists = errors.New("a file with that name already exists")
	// ErrReadOnly means a change was attempted on a project opened read-only.
	ErrReadOnly = errors.New("the project is open read-only")
	// ErrNotFound means a study, code or other record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNothingToUndo means the undo history is empty.
	ErrNothingToUndo = errors.New("nothing to undo")
	// ErrNothingToRedo means there is no undone action to redo.
	ErrNothingToRedo = errors.New("nothing to redo")
	// ErrDuplicate means the same PDF (by SHA-256) is already in the project.
	ErrDuplicate = errors.New("already in the project")
	// ErrCannotWrite means the file or its folder cannot be written here
	// (permissions, a read-only disk or share); reading still works.
	ErrCannotWrite = errors.New("this program cannot write to the file or its folder")
	// ErrDiskFull means the disk (or the file size limit) has no room for
	// the change.
	ErrDiskFull = errors.New("the disk is full")
)

// OpenError reports why a project file could not be opened, created or
// written. Its message is a plain sentence naming the file, the problem and
// what to do.
type OpenError struct {
	Path string // the file
	Err  error  // one of the sentinel errors, possibly wrapping a cause
}

// Error returns a plain sentence for the user.
func (e *OpenError) Error() string {
	advice := ""
	switch {
	case errors.Is(e.Err, ErrNotProject):
		advice = "choose a .ewb project file"
	case errors.Is(e.Err, ErrNewerVersion):
		advice = "update Evidence Workbench to open it"
	case errors.Is(e.Err, ErrCorrupt):
		advice = "the file was left unchanged and nothing more will be written to it; restore it from a backup, " +
			fmt.Sprintf("or save what can be read into a new file with File > Recover… (wb recover %s NEW.ewb)", e.Path)
	case errors.Is(e.Err, ErrLocked):
		advice = "close it in the other window or program first; reading it still works (it opens read-only)"
	case errors.Is(e.Err, ErrCannotWrite):
		advice = "it opens read-only; to change it, copy it to a folder where you can write (or ask for write access)"
	case errors.Is(e.Err, ErrDiskFull):
		advice = "free some disk space and try again; until the project has been closed with room to spare, " +
			"keep the -wal file beside it (copy both files together)"
	case errors.Is(e.Err, ErrExists):
		advice = "choose another name"
	}
	if advice == "" {
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
	return fmt.Sprintf("%s: %v: %s", e.Path, e.Err, advice)
}

// Unwrap returns the underlying condition.
func (e *OpenError) Unwrap() error { return e.Err }

// ReadOnlyError is what a change to a project open read-only returns: it
// names the file and says why the project is read-only and what to do. It
// matches ErrReadOnly and the reason's own condition (ErrLocked,
// ErrCannotWrite, ErrCorrupt).
type ReadOnlyError struct {
	Path   string
	Reason error // nil when the project was opened read-only on request
}

// Error returns a plain sentence for the user.
func (e *ReadOnlyError) Error() string {
	if e.Reason == nil {
		return fmt.Sprintf("%s is open read-only: changes cannot be saved", e.Path)
	}
	var oe *OpenError
	if errors.As(e.Reason, &oe) {
		return fmt.Sprintf("changes cannot be saved: %v", e.Reason)
	}
	return fmt.Sprintf("%s is open read-only, changes cannot be saved: %v", e.Path, e.Reason)
}

// Unwrap returns ErrReadOnly and the reason.
func (e *ReadOnlyError) Unwrap() []error {
	if e.Reason == nil {
		return []error{ErrReadOnly}
	}
	return []error{ErrReadOnly, e.Reason}
}

// pathError names the project file in an error from reading or writing
// it (an error that names it already is returned as it is).
func pathError(path string, err error) error {
	if err == nil {
		return nil
	}
	var oe *OpenError
	var re *ReadOnlyError
	if errors.As(err, &oe) || errors.As(err, &re) {
		return err
	}
	return &OpenError{Path: path, Err: err}
}
