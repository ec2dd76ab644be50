package app

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/evidence-workbench/workbench/corpus"
)

// plain turns an error into a sentence for the user. Typed errors from the
// domain already carry a sentence that names the file and what to do.
func plain(err error) string {
	var oe *corpus.OpenError
	switch {
	case err == nil:
		return ""
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

// showError shows an error dialog on the window (call on the UI goroutine).
func showError(w fyne.Window, title string, err error) {
	d := dialog.NewError(fmt.Errorf("%s: %s", title, plain(err)), w)
	d.Show()
}
