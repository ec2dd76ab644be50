package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// NewTwoLineRow is a list row: a bold, truncated head line over a truncated text line.
func NewTwoLineRow(head, text string) fyne.CanvasObject {
	h := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.Truncation = fyne.TextTruncateEllipsis
	t := widget.NewLabel(text)
	t.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(h, t)
}

// SetTwoLineRow fills a row made by NewTwoLineRow.
func SetTwoLineRow(o fyne.CanvasObject, head, text string) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(head)
	box.Objects[1].(*widget.Label).SetText(text)
}

// ShowWindow opens a screen in its own window of the app. Closing the
// window stops the lanes given (their work is cancelled, results dropped)
// and calls the stop functions (e.g. an OnChange subscription's).
func ShowWindow(h Host, title string, size fyne.Size, content fyne.CanvasObject, lanes []*Lane, stops ...func()) fyne.Window {
	w := h.App().NewWindow(title)
	w.SetContent(content)
	w.SetOnClosed(func() {
		for _, l := range lanes {
			l.Stop()
		}
		for _, stop := range stops {
			stop()
		}
	})
	w.Resize(size)
	w.Show()
	return w
}

// Count is "1 study", "3 studies": n with the noun in singular or plural
// (plural given, or the singular plus "s").
func Count(n int, singular string, plural ...string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", singular)
	}
	p := singular + "s"
	if len(plural) > 0 {
		p = plural[0]
	}
	return fmt.Sprintf("%d %s", n, p)
}
