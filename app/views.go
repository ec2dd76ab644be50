package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/pageview"
	"github.com/evidence-workbench/workbench/app/reader"
)

// viewMode is what the centre of the main window shows of the open study.
type viewMode int

const (
	showText  viewMode = iota // the extracted text only
	showBoth                  // the text and its pages side by side
	showPages                 // the pages only
)

// prefView remembers the view mode between runs.
const prefView = "viewMode"

// viewModes name the modes in the View menu.
var viewModes = []string{showText: "Text only", showBoth: "Text and pages side by side", showPages: "Pages only"}

// wirePages connects the page view to the reader: the study, its codings
// and the selection follow the reader, the reader follows the page view's
// selection and page, and both scroll in step.
func (wb *Workbench) wirePages() {
	r, pg := wb.reader, wb.pages
	r.onText = pg.setStudy
	r.onSpans = pg.setSpans
	r.onSelect = pg.setSelection
	r.view.OnViewChanged = func(start, end int) {
		r.onView(start, end) // the lost-text note of the pages in view
		if wb.mode == showBoth {
			pg.follow(wb.readerPlace())
		}
	}
}

// readerPlace is the text offset at a third of the reader's height, where
// it puts a passage it scrolls to.
func (wb *Workbench) readerPlace() int {
	return wb.reader.view.OffsetAt(fyne.NewPos(20, wb.reader.view.Size().Height/3))
}

// pageHooks are the page view's links to the reader and the codebook.
func (wb *Workbench) pageHooks() pageHooks {
	return pageHooks{
		selected: func(s, e int) { wb.reader.selectFromPage(s, e) },
		moved: func(off int) {
			if wb.mode != showText && wb.reader.text != nil && wb.reader.text.PageAt(off) != wb.reader.text.PageAt(wb.readerPlace()) {
				wb.reader.view.ScrollTo(off)
			}
		},
		place: func() int {
			if wb.reader.text == nil {
				return 0
			}
			return wb.readerPlace()
		},
		tapped: func(spans []reader.Span, areas []pageview.Area, pos fyne.Position) {
			items := append(wb.reader.spanItems(spans), wb.areaItems(areas)...)
			if len(items) > 0 {
				widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), wb.win.Canvas(), pos)
			}
		},
		drawn:    wb.onAreaDrawn,
		key:      func(ev *fyne.KeyEvent) bool { return wb.reader.onKey(ev) },
		shortcut: func(s fyne.Shortcut) bool { return wb.reader.onShortcut(s) },
	}
}

// setViewMode shows the text, its pages or both, and gives the keyboard to
// the view that was chosen.
func (wb *Workbench) setViewMode(m viewMode) {
	wb.mode = m
	wb.app.Preferences().SetInt(prefView, int(m))
	body := wb.reader.body
	switch m {
	case showText:
		body.Objects = []fyne.CanvasObject{wb.reader.view}
	case showPages:
		body.Objects = []fyne.CanvasObject{wb.pagesRoot}
	default:
		split := container.NewHSplit(wb.reader.view, wb.pagesRoot)
		body.Objects = []fyne.CanvasObject{split}
	}
	body.Refresh()
	wb.pages.setShown(m != showText)
	if m == showText {
		wb.win.Canvas().Focus(wb.reader.view)
	} else {
		wb.win.Canvas().Focus(wb.pages.view)
		if wb.reader.text != nil {
			wb.pages.follow(wb.readerPlace())
		}
	}
	for _, c := range wb.commands() {
		if c.item != nil && c.menu == "View" && c.label != viewCycleLabel {
			c.item.Checked = c.label == viewModes[m]
		}
	}
	if menu := wb.win.MainMenu(); menu != nil {
		menu.Refresh()
	}
}

// viewCycleLabel is the View menu's entry that switches with one key.
const viewCycleLabel = "Switch text, pages, both"

// cycleView switches text -> pages -> side by side -> text.
func (wb *Workbench) cycleView() {
	switch wb.mode {
	case showText:
		wb.setViewMode(showPages)
	case showPages:
		wb.setViewMode(showBoth)
	default:
		wb.setViewMode(showText)
	}
}

// viewCommands are the View menu.
func (wb *Workbench) viewCommands() []*command {
	return []*command{
		{menu: "View", label: viewCycleLabel, key: fyne.KeyP, mod: ctrl, run: wb.cycleView},
		{menu: "View", label: viewModes[showText], run: func() { wb.setViewMode(showText) }},
		{menu: "View", label: viewModes[showPages], run: func() { wb.setViewMode(showPages) }},
		{menu: "View", label: viewModes[showBoth], run: func() { wb.setViewMode(showBoth) }},
	}
}
