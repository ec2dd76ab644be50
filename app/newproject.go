package app

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// templateChoice is one codebook a new project can start from.
type templateChoice struct {
	label    string
	template assets.Template
}

// templateChoices lists the bundled templates, then the user's own.
func templateChoices() []templateChoice {
	var out []templateChoice
	if ts, err := assets.Templates(); err == nil {
		for _, t := range ts {
			out = append(out, templateChoice{label: t.Name, template: t})
		}
	}
	if dir, err := coding.UserTemplatesDir(); err == nil {
		if ts, err := coding.UserTemplates(dir); err == nil {
			for _, t := range ts {
				out = append(out, templateChoice{label: t.Name + " (yours)", template: t})
			}
		}
	}
	out = append(out, templateChoice{label: "Empty codebook"})
	return out
}

// chooseTemplate asks which codebook a new project starts from.
func (wb *Workbench) chooseTemplate(next func(label string)) {
	choices := templateChoices()
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.label
	}
	sel := widget.NewSelect(labels, nil)
	sel.SetSelected(labels[0])
	d := dialog.NewForm("New project", "Create", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Start from codebook", sel)},
		func(ok bool) {
			if ok {
				next(sel.Selected)
			}
		}, wb.win)
	d.Resize(fyne.NewSize(520, 180))
	d.Show()
}

// newProjectFile creates the project file with the chosen template (off the UI goroutine).
func newProjectFile(path, label string, coder corpus.Coder) error {
	if err := removeEmpty(path); err != nil {
		return err
	}
	p, err := corpus.Create(path, "")
	if err != nil {
		return err
	}
	defer p.Close()
	if err := p.SetCoder(coder); err != nil {
		return err
	}
	for _, c := range templateChoices() {
		if c.label == label && len(c.template.Codes) > 0 {
			_, err = coding.ApplyTemplate(p, c.template)
		}
	}
	return err
}

// removeEmpty deletes the empty file a save dialog leaves behind.
func removeEmpty(path string) error {
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		return os.Remove(path)
	}
	return nil
}
