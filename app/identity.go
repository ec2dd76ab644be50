package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/corpus"
)

// ensureCoder asks for the coder's name once (it is remembered for later
// sessions and shared with the wb tool), then calls next.
func (wb *Workbench) ensureCoder(next func()) {
	if c, err := corpus.LoadIdentity(); err == nil {
		wb.coder = c
		next()
		return
	}
	name := widget.NewEntry()
	name.SetPlaceHolder("e.g. Ana Reyes")
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("enter your name")
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem("Your name", name)}
	d := dialog.NewForm("Who is coding?", "Continue", "Cancel", items, func(ok bool) {
		c := corpus.NewCoder(name.Text)
		if !ok || c.Name == "" {
			c = corpus.NewCoder("Reviewer")
		}
		if err := corpus.SaveIdentity(c); err != nil {
			ui.ShowError(wb.win, "Save your name", err)
		}
		wb.coder = c
		next()
	}, wb.win)
	name.OnSubmitted = func(string) { d.Submit() } // Enter continues
	d.Resize(fyne.NewSize(420, 160))
	d.Show()
	wb.win.Canvas().Focus(name)
}
