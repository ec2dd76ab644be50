package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/corpus"
)

// banner is the strip above the panels that says the open project is
// read-only, why, and what to do (Recover… for a damaged file, Try again
// when another program held it).
type banner struct {
	box     *fyne.Container
	text    *widget.Label
	recover *widget.Button
	retry   *widget.Button
}

func (wb *Workbench) buildBanner() fyne.CanvasObject {
	b := &wb.banner
	b.text = widget.NewLabel("")
	b.text.Wrapping = fyne.TextWrapWord
	b.text.Importance = widget.WarningImportance
	b.recover = widget.NewButtonWithIcon("Recover…", theme.DocumentSaveIcon(), func() { wb.recoverProject(wb.Project().Path()) })
	b.retry = widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), func() {
		if p := wb.Project(); p != nil {
			wb.OpenProject(p.Path())
		}
	})
	b.box = container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), container.NewHBox(b.recover, b.retry), b.text)
	b.box.Hide()
	return b.box
}

// readOnlyText is the banner's sentence for a read-only project: why, and
// what to do.
func readOnlyText(p *corpus.Project) string {
	name := filepath.Base(p.Path())
	reason := p.ReadOnlyReason()
	var le *corpus.LockedError
	switch {
	case reason == nil:
		return fmt.Sprintf("%s is open read-only: you can read, search and export, but not change it.", name)
	case errors.Is(reason, corpus.ErrCorrupt):
		return fmt.Sprintf("%s is damaged, so it is open read-only and nothing more is written to it. "+
			"Restore it from a backup, or save what can be read into a new file with Recover…. (%s)", name, plainCause(reason))
	case errors.As(reason, &le) && le.Holder != (corpus.LockHolder{}):
		return fmt.Sprintf("%s is being edited by %s, so it is open read-only here: you can read, search and export. "+
			"To change it, close it there first and choose Try again.", name, le.Holder)
	case errors.Is(reason, corpus.ErrLocked):
		return fmt.Sprintf("%s is open in another window or program, so it is open read-only here. "+
			"To change it, close it there first and choose Try again.", name)
	case errors.Is(reason, corpus.ErrCannotWrite):
		return fmt.Sprintf("%s is in a place this program cannot write to (a read-only folder or share, or the file "+
			"is marked read-only), so it is open read-only. To change it, save a copy in a folder of yours "+
			"(File > Save a Copy As…) and open that.", name)
	}
	return fmt.Sprintf("%s is open read-only: %s", name, ui.Plain(reason))
}

// plainCause is the detail in parentheses of a reason's message.
func plainCause(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "("); i >= 0 {
		if j := strings.LastIndex(msg, ")"); j > i {
			return msg[i+1 : j]
		}
	}
	return msg
}

// updateReadOnly shows or hides the banner and enables or disables the
// commands that change the project (UI goroutine).
func (wb *Workbench) updateReadOnly() {
	p := wb.Project()
	b := &wb.banner
	if p == nil || !p.ReadOnly() {
		b.box.Hide()
	} else {
		b.text.SetText(readOnlyText(p))
		damaged := errors.Is(p.ReadOnlyReason(), corpus.ErrCorrupt)
		setVisible(b.recover, damaged)
		setVisible(b.retry, !damaged && p.ReadOnlyReason() != nil)
		b.box.Show()
	}
	wb.refreshMenu()
}

func setVisible(o fyne.CanvasObject, v bool) {
	if v {
		o.Show()
	} else {
		o.Hide()
	}
}

// refuseReadOnly says in the status bar that the project cannot be changed
// and reports true when it is read-only.
func refuseReadOnly(h ui.Host) bool {
	p := h.Project()
	if p == nil || !p.ReadOnly() {
		return false
	}
	h.Status(fmt.Sprintf("%s is read-only: the change was not made.", filepath.Base(p.Path())))
	return true
}

// noteError looks at an error from the project: damage turns it read-only
// and shows the banner.
func (wb *Workbench) noteError(err error) {
	if p := wb.Project(); p != nil && p.NoteDamage(err) {
		wb.updateReadOnly()
	}
}

// onRecover asks for a damaged project (the open one when it is damaged)
// and recovers it.
func (wb *Workbench) onRecover() {
	if p := wb.Project(); p != nil && errors.Is(p.ReadOnlyReason(), corpus.ErrCorrupt) {
		wb.recoverProject(p.Path())
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		wb.recoverProject(path)
	}, wb.win)
	d.SetFilter(projectFilter)
	d.Resize(fyne.NewSize(760, 520))
	ui.ShowFileDialog(wb.win, d)
}

// recoverProject asks where to save what can be read of the damaged file
// at path, then recovers it.
func (wb *Workbench) recoverProject(path string) {
	name := strings.TrimSuffix(filepath.Base(path), corpus.Extension) + " recovered" + corpus.Extension
	wb.askProjectFile(name, func(out string) { wb.recoverTo(path, out) })
}

// recoverTo saves what can be read of the file at path into out in the
// background and shows the report, offering to open the new file.
func (wb *Workbench) recoverTo(path, out string) {
	done := wb.Busy(fmt.Sprintf("Recovering %s…", filepath.Base(path)))
	ui.Go(func() (*corpus.RecoverReport, error) {
		if err := removeEmpty(out); err != nil {
			return nil, err
		}
		return corpus.Recover(context.Background(), path, out, nil)
	}, func(rep *corpus.RecoverReport, err error) {
		if err != nil {
			done("Recovery failed.")
			ui.ShowError(wb.win, "Recover", err)
			return
		}
		head := fmt.Sprintf("Everything in %s was saved into %s.", filepath.Base(path), filepath.Base(out))
		if !rep.Complete() {
			head = fmt.Sprintf("What could be read of %s was saved into %s; some of it was lost (below).", filepath.Base(path), filepath.Base(out))
		}
		done(head)
		report := widget.NewLabel(rep.String())
		report.Wrapping = fyne.TextWrapWord
		body := container.NewBorder(widget.NewLabel(head), nil, nil, nil, container.NewVScroll(report))
		d := dialog.NewCustomConfirm("Recovered", "Open the recovered project", "Close", body, func(open bool) {
			if open {
				wb.OpenProject(out)
			}
		}, wb.win)
		d.Resize(fyne.NewSize(640, 480))
		ui.ShowDialog(wb.win, d)
	})
}
