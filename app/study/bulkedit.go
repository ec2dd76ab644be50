package study

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// leaveAlone is the choice that keeps a field as it is in a bulk edit.
const leaveAlone = "(leave as is)"

// bulkEditPanel changes attributes and the review status of several studies
// of the study list at once.
type bulkEditPanel struct {
	host    ui.Host
	studies []corpus.Study // the studies the study list showed
	detail  func(corpus.Study) string
	checked map[string]bool
	saving  bool    // an apply is under way
	reading ui.Lane // re-reads the studies after a change elsewhere

	list                     *widget.List
	selectAll                *widget.Check
	count                    *widget.Label
	addCountry, removeCountr *widget.Entry
	addSector, removeSector  *widget.Entry
	year                     *widget.Entry
	method, status, reason   *widget.Select
	applyButton              *widget.Button
	message                  *widget.Label
}

func newBulkEditPanel(h ui.Host, studies []corpus.Study, detail func(corpus.Study) string) *bulkEditPanel {
	return &bulkEditPanel{host: h, studies: append([]corpus.Study(nil), studies...), detail: detail, checked: map[string]bool{}}
}

// ShowBulkEdit opens the bulk edit of the studies the study list shows
// (shown), each listed with its title and detail(study).
func ShowBulkEdit(h ui.Host, shown []corpus.Study, detail func(corpus.Study) string) {
	if len(shown) == 0 {
		h.Status("The study list shows no studies; change its filter first.")
		return
	}
	p := newBulkEditPanel(h, shown, detail)
	content := p.build()
	stop := h.OnChange(p.onChanged)
	ui.ShowWindow(h, fmt.Sprintf("Bulk edit — %d studies shown", len(p.studies)), fyne.NewSize(960, 600), content, []*ui.Lane{&p.reading}, stop)
}

func (p *bulkEditPanel) build() fyne.CanvasObject {
	p.count = widget.NewLabel("")
	p.list = widget.NewList(func() int { return len(p.studies) },
		func() fyne.CanvasObject { return widget.NewCheck("study title", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.studies) {
				return
			}
			s := p.studies[i]
			c := o.(*widget.Check)
			c.OnChanged = nil
			c.SetText(ui.StudyTitle(s) + " · " + p.detail(s))
			c.SetChecked(p.checked[s.GUID])
			c.OnChanged = func(on bool) { p.check(s.GUID, on) }
		})
	p.selectAll = widget.NewCheck("Select all shown", func(on bool) {
		for _, s := range p.studies {
			p.checked[s.GUID] = on
		}
		p.list.Refresh()
		p.showCount()
	})
	entry := func(ph string) *widget.Entry { e := widget.NewEntry(); e.SetPlaceHolder(ph); return e }
	p.addCountry, p.removeCountr = entry("e.g. Nepal; India"), entry("")
	p.addSector, p.removeSector = entry("e.g. Agriculture"), entry("")
	p.year = entry("leave empty to keep")
	p.method = widget.NewSelect(append([]string{leaveAlone}, coding.Methods...), nil)
	p.method.SetSelected(leaveAlone)
	p.reason = widget.NewSelect(reasonNames(p.host.Project()), nil)
	p.reason.PlaceHolder = "(reason — see Study > Exclusion reasons)"
	p.reason.Disable()
	p.status = widget.NewSelect(append([]string{leaveAlone}, corpus.Statuses...), func(v string) {
		if v == corpus.StatusExcluded {
			p.reason.Enable()
		} else {
			p.reason.Disable()
		}
	})
	p.status.SetSelected(leaveAlone)
	p.applyButton = widget.NewButtonWithIcon("Apply to selected studies", theme.ConfirmIcon(), p.onApply)
	p.applyButton.Importance = widget.HighImportance
	p.message = widget.NewLabel("Values are separated by “; ”. Each change is one action: Edit > Undo reverts it.")
	p.message.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Add countries", p.addCountry), widget.NewFormItem("Remove countries", p.removeCountr),
		widget.NewFormItem("Add sectors", p.addSector), widget.NewFormItem("Remove sectors", p.removeSector),
		widget.NewFormItem("Set method", p.method), widget.NewFormItem("Set year", p.year),
		widget.NewFormItem("Set status", p.status), widget.NewFormItem("Exclusion reason", p.reason),
	)
	p.showCount()
	left := container.NewBorder(p.selectAll, p.count, nil, nil, p.list)
	right := container.NewBorder(nil, container.NewVBox(p.message, container.NewHBox(p.applyButton)), nil, nil, container.NewVScroll(form))
	split := container.NewHSplit(left, right)
	split.SetOffset(0.5)
	return split
}

func (p *bulkEditPanel) check(guid string, on bool) {
	p.checked[guid] = on
	p.showCount()
}

// selected returns the checked studies' GUIDs in list order.
func (p *bulkEditPanel) selected() []string {
	var out []string
	for _, s := range p.studies {
		if p.checked[s.GUID] {
			out = append(out, s.GUID)
		}
	}
	return out
}

func (p *bulkEditPanel) showCount() {
	p.count.SetText(fmt.Sprintf("%d of %d studies selected", len(p.selected()), len(p.studies)))
}

// patch reads the form into an attribute patch, or says which field is wrong.
func (p *bulkEditPanel) patch() (coding.AttributePatch, error) {
	pt := coding.AttributePatch{
		AddCountries: coding.SplitMulti(p.addCountry.Text), RemoveCountries: coding.SplitMulti(p.removeCountr.Text),
		AddSectors: coding.SplitMulti(p.addSector.Text), RemoveSectors: coding.SplitMulti(p.removeSector.Text),
	}
	if m := p.method.Selected; m != "" && m != leaveAlone {
		pt.Method = &m
	}
	if t := strings.TrimSpace(p.year.Text); t != "" {
		y, err := strconv.Atoi(t)
		if err != nil {
			return pt, fmt.Errorf("year %q is not a number", t)
		}
		pt.Year = &y
	}
	return pt, nil
}

func (p *bulkEditPanel) onApply() {
	studies := p.selected()
	pt, err := p.patch()
	status, reason := p.status.Selected, p.reason.Selected
	if status == leaveAlone {
		status = ""
	}
	switch {
	case err != nil:
	case len(studies) == 0:
		err = fmt.Errorf("select the studies to change first")
	case pt.Empty() && status == "":
		err = fmt.Errorf("nothing to change: fill in at least one field")
	case status == corpus.StatusExcluded && reason == "":
		err = fmt.Errorf("choose the reason for excluding the studies")
	}
	if err != nil {
		p.message.SetText(err.Error())
		return
	}
	proj := p.host.Project()
	if proj == nil {
		return
	}
	p.applyButton.Disable()
	p.saving = true
	p.reading.Stop() // the apply reads the studies afresh
	type applied struct {
		after map[string]corpus.Study
		n     int
	}
	ui.Go(func() (applied, error) {
		before := snapshotStudies(proj, studies)
		var err error
		if !pt.Empty() {
			_, err = coding.BulkEdit(proj, studies, pt)
		}
		if err == nil && status != "" {
			err = coding.SetStatus(proj, studies, status, reason)
		}
		after := snapshotStudies(proj, studies)
		return applied{after, countChanged(before, after)}, err
	}, func(a applied, err error) {
		p.saving = false
		p.applyButton.Enable()
		p.show(a.after)
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		msg := fmt.Sprintf("Changed %d studies.", a.n)
		p.message.SetText(msg + " Edit > Undo reverts each change.")
		p.host.Status(msg)
		p.host.Changed(studies)
	})
}

// show puts fresh copies of the listed studies in the list.
func (p *bulkEditPanel) show(fresh map[string]corpus.Study) {
	for i, s := range p.studies {
		if f, ok := fresh[s.GUID]; ok {
			p.studies[i] = f
		}
	}
	p.list.Refresh()
}

// onChanged re-reads the listed studies after a change saved anywhere (an
// undo in the main window, another form), unless an apply is under way.
func (p *bulkEditPanel) onChanged([]string) {
	proj := p.host.Project()
	if proj == nil || p.saving {
		return
	}
	guids := make([]string, len(p.studies))
	for i, s := range p.studies {
		guids[i] = s.GUID
	}
	ui.Run(&p.reading, func(context.Context) (map[string]corpus.Study, error) {
		return snapshotStudies(proj, guids), nil
	}, func(fresh map[string]corpus.Study, _ error) { p.show(fresh) })
}

// snapshotStudies reads studies by GUID (missing ones are left out).
func snapshotStudies(proj *corpus.Project, studies []string) map[string]corpus.Study {
	out := make(map[string]corpus.Study, len(studies))
	for _, g := range studies {
		if s, err := proj.Study(g); err == nil {
			out[g] = s
		}
	}
	return out
}

// countChanged counts the studies whose attributes, status or exclusion
// reason differ between two snapshots.
func countChanged(before, after map[string]corpus.Study) int {
	n := 0
	for g, a := range after {
		b := before[g]
		if !reflect.DeepEqual(b.Attributes, a.Attributes) || b.Status != a.Status || b.ExclusionReason != a.ExclusionReason {
			n++
		}
	}
	return n
}

// reasonsPanel is the lead's list of exclusion reasons with add and remove.
type reasonsPanel struct {
	host     ui.Host
	reasons  []coding.ExclusionReason
	selected int
	loading  ui.Lane

	list         *widget.List
	entry        *widget.Entry
	addButton    *widget.Button
	removeButton *widget.Button
	message      *widget.Label
}

func newReasonsPanel(h ui.Host) *reasonsPanel { return &reasonsPanel{host: h, selected: -1} }

// ShowExclusionReasons opens the lead's list of exclusion reasons (how
// many studies each excludes; add and remove) in a dialog on the main
// window. The list follows changes saved anywhere while it is open.
func ShowExclusionReasons(h ui.Host) {
	p := newReasonsPanel(h)
	content := p.build()
	stop := h.OnChange(func([]string) { p.reload() })
	d := dialog.NewCustom("Exclusion reasons", "Close", content, h.Window())
	d.SetOnClosed(func() {
		stop()
		p.loading.Stop()
	})
	d.Resize(fyne.NewSize(520, 440))
	d.Show()
}

func (p *reasonsPanel) build() fyne.CanvasObject {
	p.list = widget.NewList(func() int { return len(p.reasons) },
		func() fyne.CanvasObject { return widget.NewLabel("reason (00 studies)") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.reasons) {
				r := p.reasons[i]
				o.(*widget.Label).SetText(fmt.Sprintf("%s (%d studies)", r.Name, r.Studies))
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.selected = i; p.removeButton.Enable() }
	p.entry = widget.NewEntry()
	p.entry.SetPlaceHolder("New reason, e.g. Not about forced labour")
	p.entry.OnSubmitted = func(string) { p.onAdd() }
	p.addButton = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), p.onAdd)
	p.removeButton = widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), p.onRemove)
	p.removeButton.Disable()
	p.message = widget.NewLabel("Reviewers choose from this list when they exclude a study.")
	p.message.Wrapping = fyne.TextWrapWord
	p.reload()
	bottom := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(p.addButton, p.removeButton), p.entry), p.message)
	return container.NewBorder(nil, bottom, nil, nil, p.list)
}

// reload reads the list in the background (the newest read wins).
func (p *reasonsPanel) reload() {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	ui.Run(&p.loading, func(context.Context) ([]coding.ExclusionReason, error) {
		return coding.ExclusionReasons(proj)
	}, func(rs []coding.ExclusionReason, err error) {
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		p.reasons = rs
		p.selected = -1
		p.list.UnselectAll()
		p.removeButton.Disable()
		p.list.Refresh()
	})
}

// change saves fn's change in the background, then says msg and re-reads
// the list; a failure is said and nothing changes.
func (p *reasonsPanel) change(fn func(*corpus.Project) error, msg string) {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	ui.Go(func() (struct{}, error) { return struct{}{}, fn(proj) }, func(_ struct{}, err error) {
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		p.message.SetText(msg)
		p.host.Changed(nil)
		p.reload()
	})
}

func (p *reasonsPanel) onAdd() {
	name := strings.TrimSpace(p.entry.Text)
	if name == "" {
		p.message.SetText("Type the reason first.")
		return
	}
	p.entry.SetText("")
	p.change(func(proj *corpus.Project) error { _, err := coding.AddExclusionReason(proj, name); return err },
		fmt.Sprintf("Added %q.", name))
}

func (p *reasonsPanel) onRemove() {
	if p.selected < 0 || p.selected >= len(p.reasons) {
		return
	}
	r := p.reasons[p.selected]
	p.change(func(proj *corpus.Project) error { return coding.RemoveExclusionReason(proj, r.GUID) },
		fmt.Sprintf("Removed %q.", r.Name))
}
