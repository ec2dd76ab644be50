package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
)

// studiesPanel is the study list on the left: a virtualised list with a
// text filter and a review-status filter.
type studiesPanel struct {
	host  ui.Host
	open  func(corpus.Study) // shows a study in the reader
	focus func()             // gives the reader the keyboard focus

	filter   *widget.Entry
	statusSe *widget.Select
	list     *widget.List
	count    *widget.Label

	all      []corpus.Study
	shown    []corpus.Study
	selected string // GUID of the selected study
	// appraisal holds the per-study appraisal status text shown in the list.
	appraisal map[string]string
	loading   ui.Lane
}

const allStatuses = "All statuses"

// newStudiesPanel makes the study list; choosing a study opens it with
// open and moves the keyboard focus to the reader with focus.
func newStudiesPanel(host ui.Host, open func(corpus.Study), focus func()) *studiesPanel {
	return &studiesPanel{host: host, open: open, focus: focus, appraisal: map[string]string{}}
}

func (p *studiesPanel) build() fyne.CanvasObject {
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter studies…")
	p.filter.OnChanged = func(string) { p.onFilter() }
	p.filter.OnSubmitted = func(string) { p.openFirst() }
	p.statusSe = widget.NewSelect(append([]string{allStatuses}, corpus.Statuses...), func(string) { p.onFilter() })
	p.statusSe.SetSelected(allStatuses)
	p.count = widget.NewLabel("")
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("Study title")
			title.TextStyle.Bold = true
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("year · country · sector")
			detail.Truncation = fyne.TextTruncateEllipsis
			detail.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(title, detail)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(p.shown) {
				return
			}
			s := p.shown[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(ui.StudyTitle(s))
			box.Objects[1].(*widget.Label).SetText(p.detail(s))
		},
	)
	p.list.OnSelected = p.onSelected
	top := container.NewVBox(widget.NewLabelWithStyle("Studies", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.filter, p.statusSe)
	return container.NewBorder(top, p.count, nil, nil, p.list)
}

// detail is the second line of a study's row: year, countries, sectors, status.
func (p *studiesPanel) detail(s corpus.Study) string {
	parts := []string{}
	if s.Year > 0 {
		parts = append(parts, fmt.Sprint(s.Year))
	}
	if len(s.Countries) > 0 {
		parts = append(parts, strings.Join(s.Countries, ", "))
	}
	if len(s.Sectors) > 0 {
		parts = append(parts, strings.Join(s.Sectors, ", "))
	}
	parts = append(parts, s.Status)
	if a := p.appraisal[s.GUID]; a != "" {
		parts = append(parts, a)
	}
	if s.Extraction == corpus.ExtractNoText {
		parts = append(parts, "scanned")
	}
	return strings.Join(parts, " · ")
}

// setStudies replaces the list and the appraisal states shown (UI goroutine).
func (p *studiesPanel) setStudies(studies []corpus.Study, appraisal map[string]string) {
	p.all = studies
	if appraisal != nil {
		p.appraisal = appraisal
	}
	p.onFilter()
}

// listed is what the study list reads in the background.
type listed struct {
	studies   []corpus.Study
	appraisal map[string]string
}

// reload re-reads the studies in the background.
func (p *studiesPanel) reload() {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	ui.Run(&p.loading, func(context.Context) (listed, error) {
		studies, err := proj.Studies()
		return listed{studies, appraisalStatuses(proj)}, err
	}, func(l listed, err error) {
		if err != nil {
			p.host.Status(ui.Plain(err))
			return
		}
		p.setStudies(l.studies, l.appraisal)
	})
}

func (p *studiesPanel) onFilter() {
	if p.list == nil {
		return
	}
	q := strings.ToLower(strings.TrimSpace(p.filter.Text))
	status := p.statusSe.Selected
	p.shown = p.shown[:0]
	for _, s := range p.all {
		if status != "" && status != allStatuses && s.Status != status {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(ui.StudyTitle(s)+" "+strings.Join(names.Fulls(s.Authors), " ")+" "+
			strings.Join(s.Countries, " ")+" "+strings.Join(s.Sectors, " ")+" "+fmt.Sprint(s.Year)), q) {
			continue
		}
		p.shown = append(p.shown, s)
	}
	p.count.SetText(fmt.Sprintf("%d of %d studies", len(p.shown), len(p.all)))
	p.list.UnselectAll()
	p.list.Refresh()
	for i, s := range p.shown {
		if s.GUID == p.selected {
			p.list.Select(i)
		}
	}
}

// onSelected opens the study chosen in the list (by a click, or Space on
// the focused list) and hands the keyboard to the reader, so the arrows,
// Page Down, Shift+arrows and the number keys work on its text at once.
func (p *studiesPanel) onSelected(id widget.ListItemID) {
	if id >= len(p.shown) {
		return
	}
	s := p.shown[id]
	if s.GUID == p.selected {
		return
	}
	p.selected = s.GUID
	p.open(s)
	if p.focus != nil {
		p.focus()
	}
}

// openFirst opens the first study the filter shows (Enter in the filter
// field) and hands the keyboard to the reader.
func (p *studiesPanel) openFirst() {
	if len(p.shown) == 0 {
		return
	}
	if p.shown[0].GUID != p.selected {
		p.list.Select(0)
		p.list.ScrollTo(0)
	} else if p.focus != nil {
		p.focus()
	}
}

// selectStudy selects a study by GUID (e.g. from a search hit), clearing filters that hide it.
func (p *studiesPanel) selectStudy(guid string) {
	for i, s := range p.shown {
		if s.GUID == guid {
			p.list.Select(i)
			p.list.ScrollTo(i)
			return
		}
	}
	p.filter.SetText("")
	p.statusSe.SetSelected(allStatuses)
	for i, s := range p.shown {
		if s.GUID == guid {
			p.list.Select(i)
			p.list.ScrollTo(i)
		}
	}
}
