package app

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// codebookPanel is the right panel: the code tree with counts of codings
// and studies; clicking a code applies it to the reader's selection.
type codebookPanel struct {
	host     ui.Host
	act      func(title string, fn func(*corpus.Project) error) // saves one action
	onChoose func(coding.Code)                                  // a code was clicked
	onLoaded func()                                             // codes and counts were (re)loaded

	tree      *widget.Tree
	addButton *widget.Button
	editMenu  *widget.Button
	info      *widget.Label

	loading ui.Lane

	codes    []coding.Code
	byGUID   map[string]coding.Code
	children map[string][]string
	counts   map[string]coding.CodeCount
	selected string
	opened   bool       // branches opened once after the first load
	rows     []*codeRow // every row widget the tree made, for drag and drop
}

// subtreeCodings sums the codings of a code and everything under it.
func (p *codebookPanel) subtreeCodings(id string) int {
	n := p.counts[id].Codings
	for _, c := range p.children[id] {
		n += p.subtreeCodings(c)
	}
	return n
}

func newCodebookPanel(host ui.Host, act func(string, func(*corpus.Project) error), onChoose func(coding.Code), onLoaded func()) *codebookPanel {
	return &codebookPanel{host: host, act: act, onChoose: onChoose, onLoaded: onLoaded,
		byGUID: map[string]coding.Code{}, children: map[string][]string{}}
}

func (p *codebookPanel) build() fyne.CanvasObject {
	p.tree = widget.NewTree(
		func(id widget.TreeNodeID) []widget.TreeNodeID { return p.children[id] },
		func(id widget.TreeNodeID) bool { return len(p.children[id]) > 0 || id == "" },
		func(branch bool) fyne.CanvasObject {
			sw := canvas.NewRectangle(color.Transparent)
			sw.SetMinSize(fyne.NewSize(12, 12))
			sw.CornerRadius = 3
			name := widget.NewLabel("code name")
			name.Truncation = fyne.TextTruncateEllipsis
			count := widget.NewLabel("00 / 00")
			return newCodeRow(p, container.NewBorder(nil, nil, container.NewCenter(sw), count, name))
		},
		func(id widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
			c := p.byGUID[id]
			row := o.(*codeRow)
			row.id = id
			box := row.content.(*fyne.Container)
			name := box.Objects[0].(*widget.Label)
			sw := box.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
			count := box.Objects[2].(*widget.Label)
			label := c.Name
			if c.Pinned > 0 {
				label = fmt.Sprintf("[%d] %s", c.Pinned, c.Name)
			}
			name.SetText(label)
			sw.FillColor = ui.ParseColor(c.Color)
			sw.Refresh()
			n := p.counts[id]
			if branch && n.Codings == 0 {
				count.SetText(fmt.Sprintf("Σ %d", p.subtreeCodings(id)))
			} else {
				count.SetText(fmt.Sprintf("%d / %d", n.Codings, n.Studies))
			}
		},
	)
	p.tree.OnSelected = p.onSelected
	p.addButton = widget.NewButtonWithIcon("", theme.ContentAddIcon(), p.onAdd)
	p.editMenu = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), p.onMenu)
	p.info = widget.NewLabel("codings / studies")
	p.info.Wrapping = fyne.TextWrapWord
	head := container.NewBorder(nil, nil, widget.NewLabelWithStyle("Codebook", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(p.addButton, p.editMenu))
	return container.NewBorder(head, p.info, nil, nil, p.tree)
}

// reload re-reads the codebook and counts in the background.
func (p *codebookPanel) reload() {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	type loaded struct {
		codes  []coding.Code
		counts map[string]coding.CodeCount
	}
	ui.Run(&p.loading, func(context.Context) (loaded, error) {
		codes, err := coding.Codebook(proj)
		if err != nil {
			return loaded{}, err
		}
		counts, err := coding.CodeCounts(proj)
		return loaded{codes, counts}, err
	}, func(l loaded, err error) {
		if err != nil {
			p.host.Status(ui.Plain(err))
			return
		}
		p.set(l.codes, l.counts)
	})
}

func (p *codebookPanel) set(codes []coding.Code, counts map[string]coding.CodeCount) {
	p.codes = codes
	p.counts = counts
	p.byGUID = make(map[string]coding.Code, len(codes))
	p.children = map[string][]string{}
	for _, c := range codes {
		p.byGUID[c.GUID] = c
		p.children[c.Parent] = append(p.children[c.Parent], c.GUID)
	}
	if !p.opened && len(codes) > 0 {
		p.opened = true
		p.tree.OpenAllBranches()
	}
	p.tree.Refresh()
	if p.onLoaded != nil {
		p.onLoaded()
	}
}

func (p *codebookPanel) selectedCode() *coding.Code {
	if c, ok := p.byGUID[p.selected]; ok {
		return &c
	}
	return nil
}

// onSelected applies the clicked code to the reader's selection, and
// shows the code's definition.
func (p *codebookPanel) onSelected(id widget.TreeNodeID) {
	p.selected = id
	c := p.byGUID[id]
	text := c.Definition
	if c.Inclusion != "" {
		text += "\nInclude: " + c.Inclusion
	}
	if c.Exclusion != "" {
		text += "\nExclude: " + c.Exclusion
	}
	p.info.SetText(strings.TrimSpace(text))
	if p.onChoose != nil {
		p.onChoose(c)
	}
}

// Codes lists the codes in tree order (ui.Codebook).
func (p *codebookPanel) Codes() []coding.Code { return p.codes }

// Code returns a code by GUID (ui.Codebook).
func (p *codebookPanel) Code(guid string) (coding.Code, bool) {
	c, ok := p.byGUID[guid]
	return c, ok
}

// CodePath is the code's "Parent / Child" path (ui.Codebook).
func (p *codebookPanel) CodePath(guid string) string { return p.path(p.byGUID[guid]) }

// PickCode asks for a code (ui.Codebook).
func (p *codebookPanel) PickCode(title string, choose func(coding.Code)) { p.pick(title, choose) }

// pick shows a quick-pick popup: type to filter codes, Enter or click to choose.
func (p *codebookPanel) pick(title string, choose func(coding.Code)) {
	var shown []coding.Code
	filter := func(q string) {
		q = strings.ToLower(strings.TrimSpace(q))
		shown = shown[:0]
		for _, c := range p.codes {
			if q == "" || strings.Contains(strings.ToLower(c.Name), q) {
				shown = append(shown, c)
			}
		}
	}
	filter("")
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject { return widget.NewLabel("code") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.path(shown[i])) })
	list.OnSelected = func(i widget.ListItemID) {
		if i < len(shown) {
			d.Hide()
			choose(shown[i])
		}
	}
	entry := ui.NewEscapeEntry(func() { d.Hide() })
	entry.SetPlaceHolder("Type to filter codes, Enter chooses the first, Escape cancels")
	entry.OnChanged = func(s string) { filter(s); list.Refresh() }
	entry.OnSubmitted = func(string) {
		if len(shown) > 0 {
			d.Hide()
			choose(shown[0])
		}
	}
	d = dialog.NewCustom(title, "Cancel", container.NewBorder(entry, nil, nil, nil, list), p.host.Window())
	d.Resize(fyne.NewSize(420, 460))
	d.Show()
	p.host.Window().Canvas().Focus(entry)
}

// path is "Parent / Child" for display.
func (p *codebookPanel) path(c coding.Code) string {
	parts := []string{c.Name}
	for seen := 0; c.Parent != "" && seen < 32; seen++ {
		c = p.byGUID[c.Parent]
		parts = append([]string{c.Name}, parts...)
	}
	return strings.Join(parts, " / ")
}

func (p *codebookPanel) onAdd() {
	name := widget.NewEntry()
	def := widget.NewMultiLineEntry()
	kind := widget.NewSelect([]string{coding.KindTheme, coding.KindRigor, coding.KindSector, coding.KindOther}, nil)
	kind.SetSelected(coding.KindTheme)
	parent := widget.NewSelect(p.pathsWithNone(), nil)
	parent.SetSelected("(top level)")
	if c := p.selectedCode(); c != nil {
		parent.SetSelected(p.path(*c))
		kind.SetSelected(c.Kind)
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Name", name), widget.NewFormItem("Under", parent),
		widget.NewFormItem("Kind", kind), widget.NewFormItem("Definition", def),
	}
	d := dialog.NewForm("New code", "Create", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		c := coding.Code{Name: strings.TrimSpace(name.Text), Definition: def.Text, Kind: kind.Selected,
			Parent: p.guidOfPath(parent.Selected), Color: nextColor(len(p.codes))}
		p.act("New code", func(proj *corpus.Project) error { _, err := coding.CreateCode(proj, c); return err })
	}, p.host.Window())
	d.Resize(fyne.NewSize(460, 360))
	d.Show()
}

func (p *codebookPanel) pathsWithNone() []string {
	out := []string{"(top level)"}
	for _, c := range p.codes {
		out = append(out, p.path(c))
	}
	return out
}

func (p *codebookPanel) guidOfPath(path string) string {
	for _, c := range p.codes {
		if p.path(c) == path {
			return c.GUID
		}
	}
	return ""
}

// palette of distinct colours for new codes (data colours, not theme colours).
var palette = []string{"#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6", "#bcf60c", "#fabebe", "#008080", "#9a6324"}

func nextColor(n int) string { return palette[n%len(palette)] }

// onMenu offers the edits of the selected code.
func (p *codebookPanel) onMenu() {
	c := p.selectedCode()
	if c == nil {
		p.host.Status("Select a code in the codebook first.")
		return
	}
	code := *c
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Edit…", func() { p.onEdit(code) }),
		fyne.NewMenuItem("Move under…", func() { p.onMove(code) }),
		fyne.NewMenuItem("Merge into…", func() { p.onMerge(code) }),
		fyne.NewMenuItem("Pin to key…", func() { p.onPin(code) }),
		fyne.NewMenuItem("Delete (with its codings)", func() { p.onDelete(code) }),
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.editMenu)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), p.host.Window().Canvas(), pos.AddXY(0, p.editMenu.Size().Height))
}

func (p *codebookPanel) onEdit(c coding.Code) {
	name, def, inc, exc, col := widget.NewEntry(), widget.NewMultiLineEntry(), widget.NewMultiLineEntry(), widget.NewMultiLineEntry(), widget.NewEntry()
	name.SetText(c.Name)
	def.SetText(c.Definition)
	inc.SetText(c.Inclusion)
	exc.SetText(c.Exclusion)
	col.SetText(c.Color)
	items := []*widget.FormItem{widget.NewFormItem("Name", name), widget.NewFormItem("Colour (#rrggbb)", col),
		widget.NewFormItem("Definition", def), widget.NewFormItem("Include when", inc), widget.NewFormItem("Exclude when", exc)}
	d := dialog.NewForm("Edit code", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		c.Name, c.Definition, c.Inclusion, c.Exclusion, c.Color = strings.TrimSpace(name.Text), def.Text, inc.Text, exc.Text, strings.TrimSpace(col.Text)
		p.act("Edit code", func(proj *corpus.Project) error { return coding.UpdateCode(proj, c) })
	}, p.host.Window())
	d.Resize(fyne.NewSize(480, 460))
	d.Show()
}

func (p *codebookPanel) onMove(c coding.Code) {
	sel := widget.NewSelect(p.pathsWithNone(), nil)
	sel.SetSelected("(top level)")
	dialog.ShowForm("Move “"+c.Name+"” under", "Move", "Cancel", []*widget.FormItem{widget.NewFormItem("Parent", sel)}, func(ok bool) {
		if ok {
			parent := p.guidOfPath(sel.Selected)
			p.act("Move code", func(proj *corpus.Project) error { return coding.MoveCode(proj, c.GUID, parent, -1) })
		}
	}, p.host.Window())
}

func (p *codebookPanel) onMerge(c coding.Code) {
	p.pick("Merge “"+c.Name+"” into…", func(into coding.Code) {
		if into.GUID == c.GUID {
			return
		}
		p.act("Merge codes", func(proj *corpus.Project) error { return coding.MergeCodes(proj, c.GUID, into.GUID) })
	})
}

func (p *codebookPanel) onPin(c coding.Code) {
	keys := []string{"none", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	sel := widget.NewSelect(keys, nil)
	sel.SetSelected(keys[c.Pinned])
	dialog.ShowForm("Pin “"+c.Name+"” to a number key", "Pin", "Cancel", []*widget.FormItem{widget.NewFormItem("Key", sel)}, func(ok bool) {
		if ok {
			c.Pinned = sort.SearchStrings(keys[1:], sel.Selected) + 1
			if sel.Selected == "none" {
				c.Pinned = 0
			}
			p.act("Pin code", func(proj *corpus.Project) error { return coding.UpdateCode(proj, c) })
		}
	}, p.host.Window())
}

func (p *codebookPanel) onDelete(c coding.Code) {
	n := p.counts[c.GUID]
	msg := fmt.Sprintf("Delete “%s” and its %d codings? Edit > Undo brings them back.", c.Name, n.Codings)
	dialog.ShowConfirm("Delete code", msg, func(ok bool) {
		if ok {
			p.act("Delete code", func(proj *corpus.Project) error { return coding.DeleteCode(proj, c.GUID) })
		}
	}, p.host.Window())
}
