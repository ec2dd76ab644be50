package app

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/corpus"
)

// importPanel is the import dialog: progress over files and pages, a
// per-file result list, and Cancel.
type importPanel struct {
	wb *Workbench

	bar     *widget.ProgressBar
	pages   *widget.Label
	list    *widget.List
	cancel  *widget.Button
	close   *widget.Button
	dlg     dialog.Dialog
	results []corpus.ImportResult
	stop    context.CancelFunc
	// finished is called on the UI goroutine when the run ends (tests wait on it).
	finished func([]corpus.ImportResult)
}

func newImportPanel(wb *Workbench) *importPanel { return &importPanel{wb: wb} }

func (p *importPanel) build() fyne.CanvasObject {
	p.bar = widget.NewProgressBar()
	p.pages = widget.NewLabel("Reading…")
	p.list = widget.NewList(func() int { return len(p.results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("status  file: message")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := p.results[i]
			msg := fmt.Sprintf("%-9s %s", r.Status, filepath.Base(r.Path))
			if r.Pages > 0 {
				msg += fmt.Sprintf(" (%d pages)", r.Pages)
			}
			if r.Message != "" {
				msg += ": " + r.Message
			}
			o.(*widget.Label).SetText(msg)
		})
	p.cancel = widget.NewButton("Cancel", p.onCancel)
	p.close = widget.NewButton("Close", func() { p.dlg.Hide() })
	p.close.Hide()
	return container.NewBorder(container.NewVBox(p.bar, p.pages), container.NewHBox(p.cancel, p.close), nil, nil, p.list)
}

// run imports the files in the background, updating the dialog.
func (p *importPanel) run(files []string) {
	proj := p.wb.Project()
	ctx, cancel := context.WithCancel(p.wb.ctx)
	p.stop = cancel
	p.dlg = dialog.NewCustomWithoutButtons(fmt.Sprintf("Importing %d PDFs", len(files)), p.build(), p.wb.win)
	p.dlg.Resize(fyne.NewSize(640, 420))
	p.dlg.Show()
	go func() {
		results, err := proj.Import(ctx, files, corpus.ImportOptions{}, func(pr corpus.ImportProgress) {
			var last corpus.ImportResult
			if pr.Last != nil {
				last = *pr.Last
			}
			runUI(func() {
				if pr.Files > 0 {
					p.bar.SetValue(float64(pr.FilesDone) / float64(pr.Files))
				}
				p.pages.SetText(fmt.Sprintf("%d of %d files, %d pages read", pr.FilesDone, pr.Files, pr.Pages))
				if last.Path != "" {
					p.results = append(p.results, last)
					p.list.Refresh()
				}
			})
		})
		cancel()
		runUI(func() {
			counts := map[string]int{}
			for _, r := range results {
				counts[r.Status]++
			}
			summary := fmt.Sprintf("%d imported, %d with warnings, %d duplicates, %d failed.",
				counts[corpus.ImportOK], counts[corpus.ImportWarning], counts[corpus.ImportDuplicate], counts[corpus.ImportFailed])
			if err != nil {
				summary = plain(err) + " — " + summary
			}
			p.pages.SetText(summary)
			p.results = results
			p.list.Refresh()
			p.cancel.Hide()
			p.close.Show()
			p.wb.status.SetText("Import: " + summary)
			p.wb.changed(nil)
			if p.finished != nil {
				p.finished(results)
			}
		})
	}()
}

func (p *importPanel) onCancel() {
	if p.stop != nil {
		p.stop()
	}
	p.cancel.Disable()
	p.pages.SetText("Cancelling… files already imported stay in the project.")
}

// onImport asks for PDFs or a folder, then imports them.
func (wb *Workbench) onImport() {
	var chooser dialog.Dialog
	files := widget.NewButton("Choose a PDF file…", func() {
		chooser.Hide()
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			newImportPanel(wb).run([]string{path})
		}, wb.win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".PDF"}))
		d.Show()
	})
	folder := widget.NewButton("Choose a folder (all PDFs in it and below)…", func() {
		chooser.Hide()
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil || u == nil {
				return
			}
			list, err := corpus.CollectPDFs([]string{u.Path()})
			if err != nil {
				showError(wb.win, "Import", err)
				return
			}
			if len(list) == 0 {
				dialog.ShowInformation("Import", "No PDF files in "+u.Path()+".", wb.win)
				return
			}
			newImportPanel(wb).run(list)
		}, wb.win)
	})
	chooser = dialog.NewCustom("Import PDFs", "Cancel", container.NewVBox(
		widget.NewLabel("Each PDF becomes a study; its text is extracted for coding and the PDF is kept in the project."),
		files, folder), wb.win)
	chooser.Show()
}
