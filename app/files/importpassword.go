package files

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/corpus"
)

// passwordPrompt is the question for one password-protected file.
type passwordPrompt struct {
	file   int // index into the panel's results
	dlg    dialog.Dialog
	note   *widget.Label
	entry  *ui.EscapeEntry
	submit *widget.Button
	skip   *widget.Button
}

// askPasswords asks, one file after another, for the password of each file
// that failed for want of one, and imports it again with the password given
// (a wrong one asks again; Skip leaves the file failed).
func (p *importPanel) askPasswords() {
	if p.asked == nil {
		p.asked = map[int]bool{}
	}
	for i, r := range p.results {
		if r.NeedsPassword && !p.asked[i] {
			p.asked[i] = true
			p.askPassword(i, false)
			return
		}
	}
	p.prompt = nil
}

// askPassword shows the password prompt for file i; again says that the
// password given did not open it.
func (p *importPanel) askPassword(i int, again bool) {
	name := filepath.Base(p.results[i].Path)
	q := &passwordPrompt{file: i}
	msg := fmt.Sprintf("%s is password protected. Type its password to import it, or skip it.", name)
	if again {
		msg = fmt.Sprintf("The password given does not open %s. Type it again, or skip the file.", name)
	}
	q.note = widget.NewLabel(msg)
	q.note.Wrapping = fyne.TextWrapWord
	done := func() bool {
		if p.prompt != q {
			return false // answered already
		}
		q.dlg.Hide()
		return true
	}
	skip := func() {
		if done() {
			p.askPasswords()
		}
	}
	submit := func() {
		if done() {
			p.importWithPassword(i, q.entry.Text)
		}
	}
	q.entry = ui.NewEscapeEntry(skip)
	q.entry.Password = true
	q.entry.SetPlaceHolder("Password")
	q.entry.OnSubmitted = func(string) { submit() }
	q.submit = widget.NewButton("Import", submit)
	q.submit.Importance = widget.HighImportance
	q.skip = widget.NewButton("Skip", skip)
	content := container.NewVBox(q.note, q.entry, container.NewHBox(layout.NewSpacer(), q.skip, q.submit))
	q.dlg = dialog.NewCustomWithoutButtons("Password for "+name, content, p.host.Window())
	q.dlg.Resize(fyne.NewSize(480, 0))
	p.prompt = q
	q.dlg.Show()
	p.host.Window().Canvas().Focus(q.entry)
}

// importWithPassword imports file i again with a password in the background
// and shows its new result; a password that does not open it asks again.
func (p *importPanel) importWithPassword(i int, password string) {
	proj := p.host.Project()
	path := p.results[i].Path
	if proj == nil {
		return
	}
	p.pages.SetText(fmt.Sprintf("Importing %s with its password…", filepath.Base(path)))
	ui.Go(func() ([]corpus.ImportResult, error) {
		return proj.Import(context.Background(), []string{path}, corpus.ImportOptions{Password: password}, func(corpus.ImportProgress) {})
	}, func(rs []corpus.ImportResult, err error) {
		if err != nil || len(rs) != 1 {
			p.summarise(err)
			p.askPasswords()
			return
		}
		if rs[0].NeedsPassword {
			p.summarise(nil)
			p.askPassword(i, true)
			return
		}
		p.results[i] = rs[0]
		p.list.Refresh()
		p.list.Select(i)
		p.summarise(nil)
		p.host.Changed(nil)
		p.askPasswords()
	})
}
