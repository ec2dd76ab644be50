// Package files is the program's exchange of files with the world: the
// File menu's Import PDFs dialog, REFI-QDA project (.qdpx) export and
// import, codebook (.qdc/.csv) export and import, and the Study menu's
// attributes CSV export and import. Each is given the main window as a
// ui.Host: it asks for the file there, works in the background with the
// busy indicator, says the outcome in the status bar (a report or a failure
// in a dialog) and signals the change so every view reloads.
package files

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

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
)

// ExportQDPX asks for a file and exports the open project to it as a
// REFI-QDA project (.qdpx).
func ExportQDPX(h ui.Host) {
	ui.SaveFile(h.Window(), ui.BaseName(h.Project()), ".qdpx", func(path string) { exportQDPX(h, path) })
}

// ImportQDPX asks for a REFI-QDA project (.qdpx) and imports it into the
// open project, then shows what was imported. When the file's selections
// and codings name different users (as NVivo's exports do) it first asks
// whose work the coded passages are.
func ImportQDPX(h ui.Host) {
	ui.OpenFile(h.Window(), []string{".qdpx", ".QDPX"}, func(path string) { chooseQDPXCoders(h, path) })
}

// chooseQDPXCoders reads whom the file's selections and codings name and,
// when they differ, asks whose work the passages are before importing.
func chooseQDPXCoders(h ui.Host, path string) {
	done := h.Busy("Reading " + filepath.Base(path) + "…")
	ui.Go(func() (exchange.QDPXCoders, error) { return exchange.PeekQDPXCoders(context.Background(), path) },
		func(c exchange.QDPXCoders, err error) {
			done("")
			if err != nil || c.Differ == 0 { // the import says what is wrong with the file
				importQDPX(h, path, exchange.CoderFromCoding)
				return
			}
			askCoderFrom(h, path, c)
		})
}

// Choices of whose work a coded passage is, in the import dialog.
var coderFromChoices = []struct{ label, from string }{
	{"The user named on the coding", exchange.CoderFromCoding},
	{"The user who made the selection (NVivo: the coder)", exchange.CoderFromSelection},
}

// askCoderFrom asks whose work the coded passages of a file are, then imports it.
func askCoderFrom(h ui.Host, path string, c exchange.QDPXCoders) {
	msg := widget.NewLabel(fmt.Sprintf("In %s, %d of %d coded passages were marked by one user while their coding names another (%s).\n\n"+
		"NVivo writes the user who exported the project on every coding and the coder on the passage. "+
		"Whose work are the coded passages?", filepath.Base(path), c.Differ, c.Selections, c.Pairs()))
	msg.Wrapping = fyne.TextWrapWord
	var labels []string
	for _, ch := range coderFromChoices {
		labels = append(labels, ch.label)
	}
	choice := widget.NewRadioGroup(labels, nil)
	choice.Required = true
	choice.SetSelected(labels[0])
	content := container.NewVBox(msg, choice)
	d := dialog.NewCustomConfirm("Import "+filepath.Base(path), "Import", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		from := exchange.CoderFromCoding
		for _, ch := range coderFromChoices {
			if ch.label == choice.Selected {
				from = ch.from
			}
		}
		importQDPX(h, path, from)
	}, h.Window())
	d.Resize(fyne.NewSize(600, 340))
	d.Show()
}

// ExportCodebook asks for a file and exports the codebook to it, as a
// REFI-QDA codebook (.qdc) or CSV by the extension chosen.
func ExportCodebook(h ui.Host) {
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
		exportCodebook(h, path)
	}, h.Window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".qdc", ".csv"}))
	d.SetFileName(ui.BaseName(h.Project()) + " codebook.qdc")
	d.Resize(fyne.NewSize(760, 520))
	ui.ShowFileDialog(h.Window(), d)
}

// ImportCodebook asks for a codebook (.qdc or .csv), merges it into the
// open project's codebook and shows what changed.
func ImportCodebook(h ui.Host) {
	ui.OpenFile(h.Window(), []string{".qdc", ".csv", ".QDC", ".CSV"}, func(path string) { importCodebook(h, path) })
}

// refiStatus turns REFI progress into status-bar text, at most every 100 ms
// (the last step always shows).
func refiStatus(h ui.Host, verb string) func(refi.Progress) {
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
		ui.Do(func() { h.Status(msg) })
	}
}

// background runs work off the UI goroutine with the busy indicator, then
// says its outcome in the status bar; a failure is shown in a dialog, and
// finish runs (on the UI goroutine) only when work succeeded.
func background(h ui.Host, what, busy string, work func(p *corpus.Project) (string, error), finish func()) {
	p := h.Project()
	if p == nil {
		return
	}
	done := h.Busy(busy)
	ui.Go(func() (string, error) { return work(p) }, func(msg string, err error) {
		if err != nil {
			done(what + " failed.")
			ui.ShowError(h.Window(), what, err)
			return
		}
		done(msg)
		if finish != nil {
			finish()
		}
	})
}

// exportQDPX writes the project to path as a .qdpx in the background.
func exportQDPX(h ui.Host, path string) {
	background(h, "Export REFI-QDA project", "Exporting to "+filepath.Base(path)+"…",
		func(p *corpus.Project) (string, error) {
			if err := exchange.ExportQDPX(context.Background(), p, path, refiStatus(h, "Exporting")); err != nil {
				return "", err
			}
			st, _ := coding.Stats(p)
			return fmt.Sprintf("Exported %d studies, %d codes and %d codings to %s.", st.Studies, st.Codes, st.Codings, path), nil
		}, nil)
}

// importQDPX imports a .qdpx into the open project in the background,
// crediting each coded passage as coderFrom says, and shows the report.
func importQDPX(h ui.Host, path, coderFrom string) {
	var rep *exchange.QDPXImportReport
	background(h, "Import REFI-QDA project", "Importing "+filepath.Base(path)+"…",
		func(p *corpus.Project) (string, error) {
			var err error
			rep, err = exchange.ImportQDPXWith(context.Background(), p, path,
				exchange.QDPXImportOptions{CoderFrom: coderFrom, Progress: refiStatus(h, "Importing")})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Imported %s: %d studies, %d codings (Ctrl+Z undoes).", filepath.Base(path), rep.StudiesAdded, rep.Codings), nil
		}, func() {
			h.Changed(nil)
			showReport(h, "Imported "+filepath.Base(path), qdpxReportText(rep))
		})
}

// exportCodebook writes the codebook as .qdc or .csv (by the extension) in the background.
func exportCodebook(h ui.Host, path string) {
	background(h, "Export codebook", "Exporting the codebook…",
		func(p *corpus.Project) (string, error) {
			err := ui.WriteFileAtomic(path, func(f *os.File) error {
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
func importCodebook(h ui.Host, path string) {
	var rep exchange.CodebookImport
	background(h, "Import codebook", "Importing the codebook "+filepath.Base(path)+"…",
		func(p *corpus.Project) (string, error) {
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
			h.Changed(nil)
			showReport(h, "Imported codebook "+filepath.Base(path), codebookReportText(rep))
		})
}

// showReport shows a scrollable, read-only report in a dialog on the main window.
func showReport(h ui.Host, title, text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	s := container.NewVScroll(l)
	s.SetMinSize(fyne.NewSize(560, 320))
	dialog.NewCustom(title, "Close", s, h.Window()).Show()
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
	if r.Areas+r.AreasExisting+r.AreasSkipped > 0 {
		fmt.Fprintf(&b, "Areas of pages: %d imported, %d already in the project, %d not imported\n", r.Areas, r.AreasExisting, r.AreasSkipped)
	}
	fmt.Fprintf(&b, "Memos: %d\nStudies with attributes: %d\n", r.Memos, r.Attributes)
	if r.Unsupported > 0 {
		fmt.Fprintf(&b, "Pictures, audio and video not imported: %d\n", r.Unsupported)
	}
	if note := r.CoderNote(); note != "" {
		fmt.Fprintf(&b, "\nWhose work: %s\n", note)
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
