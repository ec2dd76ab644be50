package files

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// importPanel is the import dialog: progress over files and pages, a
// per-file result list (one line each), the selected file's result in
// full below it, and Cancel.
type importPanel struct {
	host ui.Host

	bar     *widget.ProgressBar
	pages   *widget.Label
	list    *widget.List
	detail  *widget.Label // the selected file's result, wrapped to be read in full
	cancel  *widget.Button
	close   *widget.Button
	dlg     dialog.Dialog
	results []corpus.ImportResult
	stop    context.CancelFunc
	asked   map[int]bool    // files whose password was asked for
	prompt  *passwordPrompt // the password question showing, if any
}

func newImportPanel(h ui.Host) *importPanel { return &importPanel{host: h} }

// ShowImport asks for a PDF file or a folder (every PDF in it and below)
// and imports them into the open project, each PDF as a study, in a dialog
// that shows the progress and each file's result.
func ShowImport(h ui.Host) {
	win := h.Window()
	var chooser dialog.Dialog
	files := widget.NewButton("Choose a PDF file…", func() {
		chooser.Hide()
		ui.OpenFile(win, []string{".pdf", ".PDF"}, func(path string) { newImportPanel(h).run([]string{path}, filepath.Base(path)) })
	})
	folder := widget.NewButton("Choose a folder (all PDFs in it and below)…", func() {
		chooser.Hide()
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil || u == nil {
				return
			}
			list, err := corpus.CollectPDFs([]string{u.Path()})
			if err != nil {
				ui.ShowError(win, "Import", err)
				return
			}
			if len(list) == 0 {
				dialog.ShowInformation("Import", "No PDF files in "+u.Path()+".", win)
				return
			}
			newImportPanel(h).run(list, filepath.Base(u.Path()))
		}, win)
		d.Resize(fyne.NewSize(760, 520))
		ui.ShowFileDialog(win, d)
	})
	chooser = dialog.NewCustom("Import PDFs", "Cancel", container.NewVBox(
		widget.NewLabel("Each PDF becomes a study; its text is extracted for coding and the PDF is kept in the project."),
		files, folder), win)
	ui.ShowDialog(win, chooser)
}

func (p *importPanel) build() fyne.CanvasObject {
	p.bar = widget.NewProgressBar()
	p.pages = widget.NewLabel("Reading…")
	p.pages.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(func() int { return len(p.results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("status  file: message")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.results) {
				o.(*widget.Label).SetText(rowText(p.results[i]))
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.results) {
			p.detail.SetText(detailText(p.results[i]))
		}
	}
	p.detail = widget.NewLabel("Click a file to read its result in full.")
	p.detail.Wrapping = fyne.TextWrapWord
	detail := container.NewVScroll(p.detail)
	detail.SetMinSize(fyne.NewSize(0, 96))
	p.cancel = widget.NewButton("Cancel", p.onCancel)
	p.close = widget.NewButton("Close", func() { p.dlg.Hide() })
	p.close.Hide()
	bottom := container.NewVBox(widget.NewSeparator(), detail, container.NewHBox(p.cancel, p.close))
	return container.NewBorder(container.NewVBox(p.bar, p.pages), bottom, nil, nil, p.list)
}

// rowText is a file's result on one line of the list (cut off when long).
func rowText(r corpus.ImportResult) string {
	msg := fmt.Sprintf("%-9s %s", r.Status, filepath.Base(r.Path))
	if r.Pages > 0 {
		msg += fmt.Sprintf(" (%d pages)", r.Pages)
	}
	if r.Message != "" {
		msg += ": " + r.Message
	}
	return msg
}

// detailText is a file's whole result: what happened, the file with its
// folder, its pages and the full message.
func detailText(r corpus.ImportResult) string {
	what := map[string]string{
		corpus.ImportOK: "Imported", corpus.ImportWarning: "Imported with a warning",
		corpus.ImportDuplicate: "Not imported again", corpus.ImportFailed: "Not imported",
	}[r.Status]
	if what == "" {
		what = r.Status
	}
	s := fmt.Sprintf("%s: %s\nin %s", what, filepath.Base(r.Path), filepath.Dir(r.Path))
	if r.Pages > 0 {
		s += "\n" + ui.Count(r.Pages, "page")
	}
	if r.Message != "" {
		s += "\n" + r.Message
	}
	return s
}

// run imports the files in the background, showing progress in the dialog,
// and records the run with its source (the folder or file chosen) for the
// briefs' screening flow. The final results are always shown, also after
// Cancel: the files imported by then stay in the project.
func (p *importPanel) run(files []string, source string) {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.stop = cancel
	p.dlg = dialog.NewCustomWithoutButtons(fmt.Sprintf("Importing %d PDFs", len(files)), p.build(), p.host.Window())
	p.dlg.Resize(fyne.NewSize(640, 480))
	p.dlg.Show()
	ui.Go(func() ([]corpus.ImportResult, error) {
		defer cancel()
		results, err := proj.Import(ctx, files, corpus.ImportOptions{}, func(pr corpus.ImportProgress) {
			var last corpus.ImportResult
			if pr.Last != nil {
				last = *pr.Last
			}
			ui.Do(func() { p.progress(pr, last) })
		})
		if _, rerr := coding.RecordImport(proj, source, results); rerr != nil && err == nil {
			err = rerr
		}
		return results, err
	}, p.finish)
}

// progress shows how far the import has come and the file just read.
func (p *importPanel) progress(pr corpus.ImportProgress, last corpus.ImportResult) {
	if pr.Files > 0 {
		p.bar.SetValue(float64(pr.FilesDone) / float64(pr.Files))
	}
	p.pages.SetText(fmt.Sprintf("%d of %d files, %d pages read", pr.FilesDone, pr.Files, pr.Pages))
	if last.Path != "" {
		p.results = append(p.results, last)
		p.list.Refresh()
	}
}

// finish shows every file's result and the counts, selects the first file
// with a problem so its message can be read in full, and asks for the
// password of each password-protected file.
func (p *importPanel) finish(results []corpus.ImportResult, err error) {
	problem := -1
	for i, r := range results {
		if problem < 0 && (r.Status == corpus.ImportWarning || r.Status == corpus.ImportFailed) {
			problem = i
		}
	}
	p.results = results
	p.summarise(err)
	p.list.UnselectAll()
	p.list.Refresh()
	if problem >= 0 {
		p.list.Select(problem)
	}
	p.cancel.Hide()
	p.close.Show()
	p.host.Changed(nil)
	if err == nil {
		p.askPasswords()
	}
}

// summarise shows the counts of the results, in the dialog and the status bar.
func (p *importPanel) summarise(err error) {
	counts := map[string]int{}
	for _, r := range p.results {
		counts[r.Status]++
	}
	summary := fmt.Sprintf("%d imported, %d with warnings, %d duplicates, %d failed.",
		counts[corpus.ImportOK], counts[corpus.ImportWarning], counts[corpus.ImportDuplicate], counts[corpus.ImportFailed])
	if err != nil {
		summary = ui.Plain(err) + " — " + summary
	}
	p.pages.SetText(summary)
	p.host.Status("Import: " + summary)
}

func (p *importPanel) onCancel() {
	if p.stop != nil {
		p.stop()
	}
	p.cancel.Disable()
	p.pages.SetText("Cancelling… files already imported stay in the project.")
}
