package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/app/pageview"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// onAreaDrawn asks for a code for a rectangle drawn on a page, as Ctrl+K
// does for a passage, and codes the area with it.
func (wb *Workbench) onAreaDrawn(s corpus.Study, page int, r pdfpage.Rect, size pdfpage.Size, _ fyne.Position) {
	wb.codebook.PickCode("Code this area as…", func(c coding.Code) { wb.codeArea(s, page, r, size, c) })
}

// codeArea saves an area coding: page (from 0) and rectangle in points on
// the displayed page, with the page's size so that the domain checks the
// rectangle lies on it.
func (wb *Workbench) codeArea(s corpus.Study, page int, r pdfpage.Rect, size pdfpage.Size, c coding.Code) {
	p := wb.Project()
	if p == nil {
		return
	}
	at := coding.PageArea{Study: s.GUID, Page: page, Rect: coding.Rect(r), PageW: size.W, PageH: size.H}
	ui.Go(func() (coding.Area, error) { return coding.ApplyArea(p, at, c.GUID, "") }, func(_ coding.Area, err error) {
		if err != nil {
			ui.ShowError(wb.win, "Code area", err)
			return
		}
		wb.Status(fmt.Sprintf("Coded an area on p. %d as %q (Ctrl+Z undoes; click it to label it).", page+1, c.Name))
		wb.Changed([]string{s.GUID})
	})
}

// areaItems are the menu entries for coded areas: remove, change code,
// label, memo.
func (wb *Workbench) areaItems(areas []pageview.Area) []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, a := range areas {
		name := a.Label
		items = append(items,
			fyne.NewMenuItem("Remove area “"+name+"”", func() {
				wb.act("Remove area coding", func(p *corpus.Project) error { return coding.RemoveArea(p, a.ID) })
			}),
			fyne.NewMenuItem("Change code of area “"+name+"”…", func() {
				wb.codebook.PickCode("Change the area's code to…", func(c coding.Code) {
					wb.act("Change area code", func(p *corpus.Project) error { return coding.ChangeAreaCode(p, a.ID, c.GUID) })
				})
			}),
			fyne.NewMenuItem("Label area “"+name+"” (table, figure…)…", func() { wb.areaText(a.ID, true) }),
			fyne.NewMenuItem("Memo on area “"+name+"”…", func() { wb.areaText(a.ID, false) }),
		)
	}
	return items
}

// areaText edits an area coding's label (what it shows: "table", "figure")
// or its memo.
func (wb *Workbench) areaText(id string, label bool) {
	p := wb.Project()
	if p == nil {
		return
	}
	ui.Go(func() (coding.Area, error) { return coding.GetArea(p, id) }, func(a coding.Area, err error) {
		if err != nil {
			ui.ShowError(wb.win, "Area coding", err)
			return
		}
		title, field, current := "Memo on this area", "Memo", a.Memo
		entry := widget.NewMultiLineEntry()
		if label {
			title, field, current = "What the area shows", "Label", a.Label
			entry = widget.NewEntry()
			entry.SetPlaceHolder("table, figure, photo, chart…")
		}
		entry.SetText(current)
		d := dialog.NewForm(title, "Save", "Cancel", []*widget.FormItem{widget.NewFormItem(field, entry)}, func(ok bool) {
			if !ok {
				return
			}
			if label {
				wb.act("Edit area label", func(p *corpus.Project) error { return coding.SetAreaLabel(p, id, entry.Text) })
				return
			}
			wb.act("Edit area memo", func(p *corpus.Project) error { return coding.SetAreaMemo(p, id, entry.Text) })
		}, wb.win)
		d.Resize(fyne.NewSize(460, 220))
		d.Show()
	})
}

// loadAreas reads the study's area codings in the background and paints
// them on its pages in their codes' colours.
func (p *pagePanel) loadAreas() {
	proj := p.host.Project()
	if proj == nil || p.study.GUID == "" || p.view == nil {
		return
	}
	study := p.study.GUID
	ui.Run(&p.areasLane, func(context.Context) ([]coding.Area, error) {
		return coding.AreasOfStudy(proj, study)
	}, func(areas []coding.Area, err error) {
		if err != nil {
			p.host.Status(ui.Plain(err))
			return
		}
		if study != p.study.GUID {
			return
		}
		p.areas = areas
		p.paintAreas()
	})
}

// paintAreas gives the view the study's areas with their codes' colours and names.
func (p *pagePanel) paintAreas() {
	out := make([]pageview.Area, 0, len(p.areas))
	for _, a := range p.areas {
		code, _ := p.codes.Code(a.Code)
		name := code.Name
		if name == "" {
			name = "(unknown code)"
		}
		if a.Label != "" {
			name = a.Label + ": " + name
		}
		out = append(out, pageview.Area{ID: a.GUID, Page: a.Page, Rect: pdfpage.Rect(a.Rect), Color: ui.ParseColor(code.Color), Label: name})
	}
	p.view.SetAreas(out)
}
