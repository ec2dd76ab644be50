package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/evidence-workbench/workbench/corpus"
)

// Plain turns an error into a sentence for the user. Typed errors from the
// domain already carry a sentence that names the file and what to do.
func Plain(err error) string {
	var oe *corpus.OpenError
	var re *corpus.ReadOnlyError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &re):
		return re.Error()
	case errors.As(err, &oe):
		return oe.Error()
	case errors.Is(err, corpus.ErrReadOnly):
		return "This project is open read-only; changes cannot be saved."
	case errors.Is(err, corpus.ErrNothingToUndo):
		return "Nothing to undo."
	case errors.Is(err, corpus.ErrNothingToRedo):
		return "Nothing to redo."
	}
	return fmt.Sprint(err)
}

// ShowError shows an error dialog on w (call on the UI goroutine).
func ShowError(w fyne.Window, title string, err error) {
	dialog.NewError(fmt.Errorf("%s: %s", title, Plain(err)), w).Show()
}
