package team

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/coding/merge"
)

// reconcileRow is a line of the reconciliation list: a study heading or an item.
type reconcileRow struct {
	heading string // study title for a heading row
	item    int    // index into items otherwise
}

// reconcilePanel walks the lead through the coders' disagreements: the
// list on the left (grouped by study, with the decisions taken so far),
// the versions side by side on the right.
type reconcilePanel struct {
	h     ui.Host
	codes ui.Codebook
	win   fyne.Window

	items     []merge.Item
	rows      []reconcileRow
	current   string // item key shown on the right
	list      *widget.List
	undecided *widget.Check
	tally     *widget.Label
	detail    *fyne.Container
	message   *widget.Label
	view      *reconcileView // the passage or appraisal shown

	loading ui.Lane // the list of items
	showing ui.Lane // the item shown on the right
}

// ShowReconcile opens the Team > Reconcile disagreements window on h's
// project, showing the first undecided disagreement; codes gives the codes'
// colours and definitions. The list follows every saved change (an undo in
// the main window puts a decision back on it).
func ShowReconcile(h ui.Host, codes ui.Codebook) { showReconcile(h, codes).load("") }

// showReconcile opens the reconciliation window (load fills it).
func showReconcile(h ui.Host, codes ui.Codebook) *reconcilePanel {
	p := newReconcilePanel(h, codes)
	content := p.build()
	stop := h.OnChange(p.onChange)
	p.win = ui.ShowWindow(h, "Reconcile disagreements", fyne.NewSize(1280, 760), content, []*ui.Lane{&p.loading, &p.showing}, stop)
	return p
}

func newReconcilePanel(h ui.Host, codes ui.Codebook) *reconcilePanel {
	return &reconcilePanel{h: h, codes: codes}
}

// onChange reloads the list and the item shown after a saved change
// anywhere (a decision here, an undo or redo in the main window).
func (p *reconcilePanel) onChange([]string) {
	p.view = nil
	p.load(p.current)
}

func (p *reconcilePanel) build() fyne.CanvasObject {
	p.list = widget.NewList(func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("item")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if i >= len(p.rows) {
				return
			}
			r := p.rows[i]
			if r.heading != "" {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(r.heading)
				return
			}
			l.TextStyle = fyne.TextStyle{}
			l.SetText(itemLine(p.items[r.item]))
		})
	p.list.OnSelected = p.onSelected
	p.undecided = widget.NewCheck("Undecided only", func(bool) { p.regroup(); p.list.UnselectAll(); p.selectCurrent() })
	p.undecided.SetChecked(true)
	p.tally = widget.NewLabelWithStyle("Loading…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	p.detail = container.NewStack(widget.NewLabel("Choose a disagreement on the left."))
	reload := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), func() { p.view = nil; p.load(p.current) })
	left := container.NewBorder(container.NewVBox(p.tally, container.NewBorder(nil, nil, nil, reload, p.undecided)), nil, nil, nil, p.list)
	split := container.NewHSplit(left, container.NewBorder(nil, p.message, nil, nil, p.detail))
	split.SetOffset(0.28)
	return split
}

// itemLine describes an item in the list.
func itemLine(it merge.Item) string {
	mark := "○ "
	if it.Decision != "" {
		mark = "✓ "
	}
	if it.Kind == agreement.DisagreeAppraisal {
		return mark + "Appraisal: " + it.CodeName
	}
	q := ui.OneLine(it.Quote)
	if r := []rune(q); len(r) > 60 {
		q = string(r[:59]) + "…"
	}
	return fmt.Sprintf("%s%s: “%s”", mark, it.CodeName, q)
}

// load reads the disagreements and decisions in the background; then it
// shows the item after key (the next undecided one when the filter is on),
// or the first undecided item when key is "".
func (p *reconcilePanel) load(after string) {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	ui.Run(&p.loading, func(ctx context.Context) ([]merge.Item, error) {
		return merge.Items(ctx, proj, agreement.Options{})
	}, func(items []merge.Item, err error) {
		if err != nil {
			p.tally.SetText("")
			p.message.SetText(ui.Plain(err))
			return
		}
		p.setItems(items)
		p.showNext(after)
	})
}

// setItems sorts the items by study and code and updates the tally.
func (p *reconcilePanel) setItems(items []merge.Item) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if ta, tb := strings.ToLower(a.StudyTitle), strings.ToLower(b.StudyTitle); ta != tb {
			return ta < tb
		}
		if a.Study != b.Study {
			return a.Study < b.Study
		}
		if a.Kind != b.Kind {
			return a.Kind == agreement.DisagreePassage
		}
		return a.Start < b.Start
	})
	p.items = items
	done := 0
	for _, it := range items {
		if it.Decision != "" {
			done++
		}
	}
	switch {
	case len(items) == 0:
		p.tally.SetText("No disagreements: the coders agree (or fewer than two have coded).")
	default:
		p.tally.SetText(fmt.Sprintf("%d of %d decided", done, len(items)))
	}
	p.regroup()
}

// regroup builds the list rows from the items and the filter.
func (p *reconcilePanel) regroup() {
	p.rows = p.rows[:0]
	last := "\x00"
	for i, it := range p.items {
		if p.undecided.Checked && it.Decision != "" && it.Item != p.current {
			continue
		}
		if it.Study != last {
			last = it.Study
			title := it.StudyTitle
			if title == "" {
				title = "(untitled study)"
			}
			p.rows = append(p.rows, reconcileRow{heading: title})
		}
		p.rows = append(p.rows, reconcileRow{item: i})
	}
	p.list.Refresh()
}

// rowOf returns the list row of an item key, or -1.
func (p *reconcilePanel) rowOf(key string) int {
	for i, r := range p.rows {
		if r.heading == "" && p.items[r.item].Item == key {
			return i
		}
	}
	return -1
}

// showNext selects the item key when it is still undecided, else the first
// undecided item after it (wrapping round), or from the start when key is "".
func (p *reconcilePanel) showNext(key string) {
	start := 0
	for i, it := range p.items {
		if it.Item == key {
			start = i + 1
			if it.Decision == "" { // still open (a refresh, or an undo elsewhere): stay on it
				start = i
			}
			break
		}
	}
	for k := 0; k < len(p.items); k++ {
		i := (start + k) % len(p.items)
		if p.items[i].Decision == "" {
			p.current = p.items[i].Item
			p.regroup()
			p.selectCurrent()
			return
		}
	}
	if key != "" && len(p.items) > 0 {
		p.message.SetText("Every disagreement is decided.")
	}
	p.current = ""
	p.regroup()
	p.detail.Objects = []fyne.CanvasObject{widget.NewLabel("Nothing left to decide.")}
	p.detail.Refresh()
}

// selectCurrent selects the current item's row (which shows it).
func (p *reconcilePanel) selectCurrent() {
	if r := p.rowOf(p.current); r >= 0 {
		p.list.UnselectAll() // the row may hold another item now; selecting it again must show it
		p.list.Select(r)
		p.list.ScrollTo(r)
	}
}

func (p *reconcilePanel) onSelected(id widget.ListItemID) {
	if id >= len(p.rows) {
		return
	}
	r := p.rows[id]
	if r.heading != "" {
		p.list.Unselect(id)
		return
	}
	it := p.items[r.item]
	if p.view != nil && p.view.item.Item == it.Item && p.current == it.Item {
		return
	}
	p.current = it.Item
	p.showItem(it) // the message line keeps the last decision's outcome
}

// decide saves a decision in the background (never dropped), then reloads
// the list and moves on to the next undecided item.
func (p *reconcilePanel) decide(what string, fn func() error) {
	key := p.current
	var studies []string
	if p.view != nil {
		studies = []string{p.view.item.Study}
	}
	p.message.SetText(what + "…")
	ui.Go(func() (struct{}, error) { return struct{}{}, fn() }, func(_ struct{}, err error) {
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		p.message.SetText(what + ": saved. Edit > Undo in the main window takes decisions back one step at a time.")
		p.h.Changed(studies) // every view, this list included (onChange), reloads
		p.view = nil
		p.load(key) // from the decided item on, whatever onChange asked for
	})
}
