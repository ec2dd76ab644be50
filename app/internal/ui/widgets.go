package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/evidence-workbench/workbench/corpus"
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

// The largest size a screen's window opens at: with the window manager's
// title bar and a panel it fits a 1366×768 laptop screen.
const (
	MaxWindowWidth  = 1280
	MaxWindowHeight = 720
)

// ShowWindow opens a screen in its own window of the app, at size (at most
// MaxWindowWidth × MaxWindowHeight). Closing the window stops the lanes given (their work is
// cancelled, results dropped) and calls the stop functions (e.g. an
// OnChange subscription's).
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
	w.Resize(fyne.NewSize(min(size.Width, MaxWindowWidth), min(size.Height, MaxWindowHeight)))
	w.Show()
	return w
}

// Count is "1 study", "3 studies": n with the noun in singular or plural
// (the plural given, else the singular with "s", or "y" made "ies").
func Count(n int, singular string, plural ...string) string {
	if n == 1 {
		return "1 " + singular
	}
	p := singular + "s"
	switch {
	case len(plural) > 0:
		p = plural[0]
	case strings.HasSuffix(singular, "y") && !strings.HasSuffix(singular, "ey"):
		p = strings.TrimSuffix(singular, "y") + "ies"
	}
	return fmt.Sprintf("%d %s", n, p)
}

// StudyTitle is a study's title, or its file name when it has none.
func StudyTitle(s corpus.Study) string {
	if strings.TrimSpace(s.Title) != "" {
		return s.Title
	}
	return s.FileName
}

// ParseColor reads "#rrggbb"; a bad value falls back to the theme's primary colour.
func ParseColor(s string) color.Color {
	var r, g, b uint8
	if len(s) == 7 && s[0] == '#' {
		if _, err := fmt.Sscanf(s[1:], "%02x%02x%02x", &r, &g, &b); err == nil {
			return color.NRGBA{R: r, G: g, B: b, A: 0xff}
		}
	}
	return theme.Color(theme.ColorNamePrimary)
}

// OneLine folds a passage's whitespace (line ends, runs of spaces) to single spaces.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// FlowLines is a study's text as the readers show it with "Flow lines" on:
// each lone "\n" between two characters that are not breaks (the PDF's own
// line ends inside a paragraph) becomes a space, so a reader wraps
// paragraphs to its width. One code point replaces another, so every
// offset stays the same.
func FlowLines(text string) string {
	r := []rune(text)
	for i := 1; i+1 < len(r); i++ {
		if r[i] == '\n' && r[i-1] != '\n' && r[i-1] != '\f' && r[i+1] != '\n' && r[i+1] != '\f' {
			r[i] = ' '
		}
	}
	return string(r)
}
