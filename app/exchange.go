package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
)

// exchangeCommands are the File menu's REFI-QDA project and codebook exchange items.
func (wb *Workbench) exchangeCommands() []extraCommand {
	return []extraCommand{
		{menu: "File", cmd: &command{label: "Export project as REFI-QDA (.qdpx)…", run: wb.onExportQDPX, needProj: true}},
		{menu: "File", cmd: &command{label: "Import REFI-QDA project (.qdpx)…", run: wb.onImportQDPX, needProj: true}},
		{menu: "File", cmd: &command{label: "Export codebook (.qdc/.csv)…", run: wb.onExportCodebook, needProj: true}},
		{menu: "File", cmd: &command{label: "Import codebook…", run: wb.onImportCodebook, needProj: true}},
	}
}

// exchangeDone, when set, hears the outcome of every export or import started here (tests wait on it).
var exchangeDone func(what string, err error)

// baseName is the project's file name without extension, for suggested file names.
func (wb *Workbench) baseName() string {
	if p := wb.Project(); p != nil {
		return strings.TrimSuffix(filepath.Base(p.Path()), corpus.Extension)
	}
	return "review"
}

func (wb *Workbench) onExportQDPX() {
	saveFile(wb.win, wb.baseName(), ".qdpx", wb.exportQDPX)
}

func (wb *Workbench) onImportQDPX() {
	openFile(wb.win, []string{".qdpx", ".QDPX"}, wb.importQDPX)
}

func (wb *Workbench) onExportCodebook() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		if ext := strings.ToLower(filepath.Ext(path)); ext != ".qdc" && ext != ".csv" {
			os.Remove(path)
			path += ".qdc"
		}
		wb.exportCodebook(path)
	}, wb.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".qdc", ".csv"}))
	d.SetFileName(wb.baseName() + " codebook.qdc")
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

func (wb *Workbench) onImportCodebook() {
	openFile(wb.win, []string{".qdc", ".csv", ".QDC", ".CSV"}, wb.importCodebook)
}

// openFile shows a file-open dialog for the given extensions and passes the chosen path on.
func openFile(w fyne.Window, exts []string, use func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		use(path)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// refiStatus turns REFI progress into status-bar text, at most every 100 ms.
func (wb *Workbench) refiStatus(verb string) func(refi.Progress) {
	var last atomic.Int64
	return func(pr refi.Progress) {
		now := time.Now().UnixMilli()
		if prev := last.Load(); now-prev < 100 && pr.Done < pr.Total {
			return
		}
		last.Store(now)
		msg := verb + "…"
		switch pr.Stage {
		case "sources":
			what := "source"
			if verb == "Exporting" {
				what = "file" // a study's PDF and its text are two files
			}
			msg = fmt.Sprintf("%s: %s %d of %d…", verb, what, min(pr.Done+1, pr.Total), pr.Total)
		case "texts":
			msg = fmt.Sprintf("%s: checking text %d of %d…", verb, min(pr.Done+1, pr.Total), pr.Total)
		case "project":
			msg = verb + ": writing project.qde…"
		}
		runUI(func() { wb.status.SetText(msg) })
	}
}

// background runs work off the UI goroutine with the busy indicator, then
// finish on the UI goroutine; errors are shown in a dialog.
func (wb *Workbench) background(what, busy string, work func(ctx context.Context, p *corpus.Project) (string, error), finish func()) {
	p := wb.Project()
	if p == nil {
		return
	}
	wb.setBusy(busy)
	go func() {
		msg, err := work(wb.ctx, p)
		runUI(func() {
			wb.setIdle("")
			if err != nil {
				wb.status.SetText(what + " failed.")
				showError(wb.win, what, err)
			} else {
				wb.status.SetText(msg)
				if finish != nil {
					finish()
				}
			}
			if exchangeDone != nil {
				exchangeDone(what, err)
			}
		})
	}()
}

// exportQDPX writes the project to path as a .qdpx in the background.
func (wb *Workbench) exportQDPX(path string) {
	wb.background("Export REFI-QDA project", "Exporting to "+filepath.Base(path)+"…",
		func(ctx context.Context, p *corpus.Project) (string, error) {
			if err := exchange.ExportQDPX(ctx, p, path, wb.refiStatus("Exporting")); err != nil {
				return "", err
			}
			st, _ := coding.Stats(p)
			return fmt.Sprintf("Exported %d studies, %d codes and %d codings to %s.", st.Studies, st.Codes, st.Codings, path), nil
		}, nil)
}

// importQDPX imports a .qdpx into the open project in the background and shows the report.
func (wb *Workbench) importQDPX(path string) {
	var rep *exchange.QDPXImportReport
	wb.background("Import REFI-QDA project", "Importing "+filepath.Base(path)+"…",
		func(ctx context.Context, p *corpus.Project) (string, error) {
			var err error
			rep, err = exchange.ImportQDPX(ctx, p, path, wb.refiStatus("Importing"))
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Imported %s: %d studies, %d codings (Ctrl+Z undoes).", filepath.Base(path), rep.StudiesAdded, rep.Codings), nil
		}, func() {
			wb.changed(nil)
			wb.showReport("Imported "+filepath.Base(path), qdpxReportText(rep))
		})
}

// exportCodebook writes the codebook as .qdc or .csv (by the extension) in the background.
func (wb *Workbench) exportCodebook(path string) {
	wb.background("Export codebook", "Exporting the codebook…",
		func(_ context.Context, p *corpus.Project) (string, error) {
			err := writeFileAtomic(path, func(f *os.File) error {
				if strings.EqualFold(filepath.Ext(path), ".csv") {
					return exchange.ExportCodebookCSV(p, f)
				}
				return exchange.ExportCodebookQDC(p, f)
			})
			if err != nil {
				return "", err
			}
			return "Exported the codebook to " + path + ".", nil
		}, nil)
}

// importCodebook merges a .qdc or .csv codebook in the background and shows what changed.
func (wb *Workbench) importCodebook(path string) {
	var rep exchange.CodebookImport
	wb.background("Import codebook", "Importing the codebook "+filepath.Base(path)+"…",
		func(_ context.Context, p *corpus.Project) (string, error) {
			f, err := os.Open(path)
			if err != nil {
				return "", err
			}
			defer f.Close()
			if strings.EqualFold(filepath.Ext(path), ".csv") {
				rep, err = exchange.ImportCodebookCSV(p, f)
			} else {
				rep, err = exchange.ImportCodebookQDC(p, f)
			}
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Codebook imported: %d added, %d updated (Ctrl+Z undoes).", len(rep.Added), len(rep.Updated)), nil
		}, func() {
			wb.changed(nil)
			wb.showReport("Imported codebook "+filepath.Base(path), codebookReportText(rep))
		})
}

// showReport shows a scrollable, read-only report.
func (wb *Workbench) showReport(title, text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	s := container.NewVScroll(l)
	s.SetMinSize(fyne.NewSize(560, 320))
	dialog.NewCustom(title, "Close", s, wb.win).Show()
}

// qdpxReportText renders an import report as plain lines.
func qdpxReportText(r *exchange.QDPXImportReport) string {
	if r == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From %s (%s)\n\n", filepath.Base(r.File), r.Origin)
	fmt.Fprintf(&b, "Coders: %d in the file, %d new\n", r.Users, r.CodersAdded)
	fmt.Fprintf(&b, "Codes: %d in the file, %d added, %d updated\n", r.Codes, r.CodesAdded, r.CodesUpdated)
	fmt.Fprintf(&b, "Studies: %d sources, %d added (%d with PDF, %d text only), %d already in the project\n",
		r.Sources, r.StudiesAdded, r.PDFs, r.TextOnly, r.StudiesExisting)
	fmt.Fprintf(&b, "Codings: %d imported, %d already in the project, %d not imported\n", r.Codings, r.CodingsExisting, r.CodingsSkipped)
	fmt.Fprintf(&b, "Memos: %d\nStudies with attributes: %d\n", r.Memos, r.Attributes)
	if r.Unsupported > 0 {
		fmt.Fprintf(&b, "Pictures, audio and video not imported: %d\n", r.Unsupported)
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(&b, "\nNot imported as-is:\n")
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "• %s\n", w)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// codebookReportText renders a codebook import report.
func codebookReportText(r exchange.CodebookImport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d codes added, %d updated, %d unchanged.\n", len(r.Added), len(r.Updated), r.Unchanged)
	for _, s := range r.Added {
		fmt.Fprintf(&b, "\nAdded: %s", s)
	}
	for _, s := range r.Updated {
		fmt.Fprintf(&b, "\nUpdated: %s", s)
	}
	for _, s := range r.Warnings {
		fmt.Fprintf(&b, "\nNot imported: %s", s)
	}
	return b.String()
}
