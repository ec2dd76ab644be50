package refi

import (
	"errors"
	"fmt"
)

// Sentinel errors for conditions a user can act on; they are wrapped with the file name.
var (
	// ErrNotREFI means the file is XML (or a zip) but not a REFI-QDA codebook or project.
	ErrNotREFI = errors.New("not a REFI-QDA file")
	// ErrNoProjectFile means a .qdpx archive lacks its project.qde.
	ErrNoProjectFile = errors.New("the archive has no project.qde")
	// ErrTooLarge means a file in the exchange exceeds the size this reader accepts.
	ErrTooLarge = errors.New("file too large")
	// ErrSourceMissing means a source's file is neither in the archive nor (when allowed) on disk.
	ErrSourceMissing = errors.New("source file not found")
)

// FormatError reports malformed content: which file, where, and what is wrong.
type FormatError struct {
	File string // file name (a path, or "project.qde" inside an archive)
	Line int    // 1-based line of the XML syntax error, 0 when unknown
	Msg  string
	Err  error // underlying error, may be nil
}

// Error describes the problem in one sentence.
func (e *FormatError) Error() string {
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s line %d", e.File, e.Line)
	}
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", where, e.Msg, e.Err)
	}
	return fmt.Sprintf("%s: %s", where, e.Msg)
}

// Unwrap returns the underlying error.
func (e *FormatError) Unwrap() error { return e.Err }

// Warning is something in a file that was not imported as-is: an unsupported
// source kind, a dangling reference, a repaired identifier.
type Warning struct {
	Element string // XML element concerned, e.g. "AudioSource", "Coding"
	GUID    string // its (normalised) GUID when known
	Message string
}

// String renders the warning as one line.
func (w Warning) String() string {
	if w.GUID != "" {
		return fmt.Sprintf("%s %s: %s", w.Element, w.GUID, w.Message)
	}
	return fmt.Sprintf("%s: %s", w.Element, w.Message)
}
