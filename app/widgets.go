package app

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// newTwoLineRow is a list row: a bold, truncated head line over a truncated text line.
func newTwoLineRow(head, text string) fyne.CanvasObject {
	h := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.Truncation = fyne.TextTruncateEllipsis
	t := widget.NewLabel(text)
	t.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(h, t)
}

// setTwoLineRow fills a row made by newTwoLineRow.
func setTwoLineRow(o fyne.CanvasObject, head, text string) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(head)
	box.Objects[1].(*widget.Label).SetText(text)
}

// exportTable writes path in the background as XLSX or CSV (chosen by its
// extension) and reports the outcome on the UI goroutine.
func exportTable(path string, xlsx, csv func(*os.File) error, done func(error)) {
	go func() {
		err := writeFileAtomic(path, func(f *os.File) error {
			if strings.EqualFold(filepath.Ext(path), ".xlsx") {
				return xlsx(f)
			}
			return csv(f)
		})
		runUI(func() { done(err) })
	}()
}
