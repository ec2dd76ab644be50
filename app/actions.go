package app

import (
	"github.com/evidence-workbench/workbench/corpus"
)

// act runs one domain action in the background and refreshes the views when
// it is saved; a failure is shown and nothing changes.
func (wb *Workbench) act(title string, fn func(p *corpus.Project) error) {
	p := wb.Project()
	if p == nil {
		return
	}
	go func() {
		err := fn(p)
		runUI(func() {
			if err != nil {
				showError(wb.win, title, err)
				return
			}
			wb.status.SetText(title + ": saved (Ctrl+Z undoes).")
			wb.changed(nil)
		})
	}()
}

// coderNames maps coder GUIDs to names for display.
func (wb *Workbench) coderNames() map[string]string {
	names := map[string]string{}
	if p := wb.Project(); p != nil {
		cs, _ := p.Coders()
		for _, c := range cs {
			names[c.GUID] = c.Name
		}
	}
	return names
}
