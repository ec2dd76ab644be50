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
)

// OpenError reports why a project file could not be opened or created. Its
// message is a plain sentence naming the file, the problem and what to do.
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
		advice = "restore it from a backup; the file was left unchanged"
	case errors.Is(e.Err, ErrLocked):
		advice = "close the other window first"
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
