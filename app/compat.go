package app

// Transitional shims while the screens move into their own packages under
// app/ (each group deletes what it no longer uses; this file goes last).

import (
	"context"
	"image/color"
	"os"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/internal/ui"
)

func runUI(f func()) { ui.Do(f) }

func plain(err error) string { return ui.Plain(err) }

func showError(w fyne.Window, title string, err error) { ui.ShowError(w, title, err) }

func (wb *Workbench) changed(studies []string) { wb.Changed(studies) }

func (wb *Workbench) coderNames() map[string]string { return ui.CoderNames(wb.Project()) }

func (wb *Workbench) showScreen(title string, size fyne.Size, content fyne.CanvasObject, cancel *context.CancelFunc) fyne.Window {
	w := wb.app.NewWindow(title)
	w.SetContent(content)
	if cancel != nil {
		w.SetOnClosed(func() {
			if *cancel != nil {
				(*cancel)()
			}
		})
	}
	w.Resize(size)
	w.Show()
	return w
}

func parseColor(s string) color.Color { return ui.ParseColor(s) }

func nounCount(n int, noun string) string { return ui.Count(n, noun) }

func saveFile(w fyne.Window, name, ext string, write func(path string)) {
	ui.SaveFile(w, name, ext, write)
}

func writeFileAtomic(path string, write func(f *os.File) error) error {
	return ui.WriteFileAtomic(path, write)
}
