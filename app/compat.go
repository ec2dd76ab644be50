package app

// Transitional shims while the screens move into their own packages under
// app/ (each group deletes what it no longer uses; this file goes last).

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/corpus"
)

func runUI(f func()) { ui.Do(f) }

func plain(err error) string { return ui.Plain(err) }

func showError(w fyne.Window, title string, err error) { ui.ShowError(w, title, err) }

func (wb *Workbench) changed(studies []string) { wb.Changed(studies) }

func (wb *Workbench) coderNames() map[string]string { return ui.CoderNames(wb.Project()) }

// setBusy / setIdle: one pending busy indicator at a time.
func (wb *Workbench) setBusy(msg string) {
	if wb.compatDone != nil {
		wb.compatDone("")
	}
	wb.compatDone = wb.Busy(msg)
}

func (wb *Workbench) setIdle(msg string) {
	if wb.compatDone != nil {
		wb.compatDone(msg)
		wb.compatDone = nil
	} else if msg != "" {
		wb.Status(msg)
	}
}

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

// openStudy returns the study shown in the reader, or says to choose one.
func (wb *Workbench) openStudy() (corpus.Study, bool) {
	if wb.reader.study == "" {
		wb.Status("Select a study in the list first.")
		return corpus.Study{}, false
	}
	return wb.reader.studyInfo, true
}
