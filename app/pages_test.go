package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
)

// showPagesIn switches the workbench to mode with a study open and waits
// until the page view has drawn its pages on screen.
func showPagesIn(t *testing.T, wb *Workbench, a *uitest.App, m viewMode) {
	t.Helper()
	wb.setViewMode(m)
	a.WaitFor(t, "the page view", func() bool { return wb.pages.view.PageCount() > 0 && wb.pages.view.Ready() })
	a.Settle(t)
}

// menuText is every text drawn in the window's top overlay (a pop-up menu).
func menuText(t *testing.T, w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *canvas.Text:
			b.WriteString(v.Text + "\n")
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	return b.String()
}

// The page view follows the reader: the same study, codings and selection;
// a drag on a page selects the text the reader then shows selected, ready
// to code; a click on a painted passage offers the coding's actions; Page
// Down turns the page and the reader follows.
func TestPageViewBesideReader(t *testing.T) {
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, uitest.DemoCopy(t))
	study := openStudy(t, wb, a, 0)
	showPagesIn(t, wb, a, showBoth)
	pv := wb.pages.view
	if pv.PageCount() != len(wb.reader.text.PageStarts) {
		t.Fatalf("page view shows %d pages, the text has %d", pv.PageCount(), len(wb.reader.text.PageStarts))
	}
	if got, want := len(wb.pages.spans), len(wb.reader.codings); got != want {
		t.Fatalf("page view paints %d codings, the reader %d", got, want)
	}

	// Reader -> pages.
	wb.reader.view.SetSelection(40, 60)
	wb.reader.onSelection(40, 60)
	if s, e := pv.Selection(); s != 40 || e != 60 {
		t.Fatalf("page view selection %d-%d after the reader selected 40-60", s, e)
	}

	// Pages -> reader: drag across the words of the first coding on screen.
	var c coding.Coding
	for _, x := range wb.reader.codings {
		if _, ok := pv.PositionOf(x.Start); ok {
			if _, ok := pv.PositionOf(x.End - 1); ok {
				c = x
				break
			}
		}
	}
	if c.GUID == "" {
		pv.ShowOffset(wb.reader.codings[0].Start)
		a.WaitFor(t, "the coded page", pv.Ready)
		c = wb.reader.codings[0]
	}
	from, _ := pv.PositionOf(c.Start)
	to, ok := pv.PositionOf(c.End - 1)
	if !ok {
		t.Fatal("the coded passage is not on screen")
	}
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(pv)
	uitest.Drag(wb.win.Canvas(), origin.Add(from).Add(fyne.NewPos(1, 0)), origin.Add(to).Add(fyne.NewPos(4, 0)))
	s, e := pv.Selection()
	if rs, re := wb.reader.view.Selection(); rs != s || re != e || e <= s {
		t.Fatalf("page view selected %d-%d, the reader shows %d-%d", s, e, rs, re)
	}
	if s != c.Start || e != c.End {
		t.Errorf("a drag over the coded words selected %d-%d %q, want %d-%d %q", s, e,
			wb.reader.text.Slice(s, e), c.Start, c.End, c.Quote)
	}
	if !strings.Contains(wb.reader.selInfo.Text, "Selected") {
		t.Errorf("selection info %q", wb.reader.selInfo.Text)
	}
	// The selection is coded from the page view's keys: Ctrl+K opens the
	// code picker, a number key applies its pinned code.
	pv.TypedShortcut(shortcut(fyne.KeyK, ctrl))
	if wb.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+K in the page view opened no code picker")
	}
	wb.win.Canvas().Overlays().Remove(wb.win.Canvas().Overlays().Top())
	code := wb.codebook.codes[len(wb.codebook.codes)-1]
	code.Pinned = 7
	if err := coding.UpdateCode(p, code); err != nil {
		t.Fatal(err)
	}
	wb.Changed(nil)
	a.Settle(t)
	before, _ := coding.CodingsOfStudy(p, study)
	pv.TypedKey(&fyne.KeyEvent{Name: "7"})
	a.Settle(t)
	after, _ := coding.CodingsOfStudy(p, study)
	if len(after) != len(before)+1 {
		t.Fatalf("Ctrl+K in the page view: %d codings, want %d", len(after), len(before)+1)
	}
	if len(wb.pages.spans) != len(after) {
		t.Errorf("page view paints %d codings after coding, want %d", len(wb.pages.spans), len(after))
	}

	// A click on the painted passage offers its actions.
	mid, _ := pv.PositionOf((c.Start + c.End) / 2)
	uitest.Tap(wb.win.Canvas(), origin.Add(mid).Add(fyne.NewPos(1, 0)))
	if m := menuText(t, wb.win); !strings.Contains(m, "Remove") || !strings.Contains(m, "Change code") {
		t.Fatalf("click on a coded passage shows %q", m)
	}
	wb.win.Canvas().Overlays().Remove(wb.win.Canvas().Overlays().Top())

	// Page Down turns the page; the reader follows.
	pv.ShowPage(0)
	pv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if pv.CurrentPage() != 1 {
		t.Fatalf("Page Down: page %d", pv.CurrentPage()+1)
	}
	a.Settle(t)
	if got := wb.reader.text.PageAt(wb.readerPlace()); got != 2 {
		t.Errorf("the reader is on page %d after the page view turned to page 2", got)
	}
	pv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	if pv.CurrentPage() != pv.PageCount()-1 {
		t.Errorf("End: page %d of %d", pv.CurrentPage()+1, pv.PageCount())
	}
}

// One key switches text, pages and both; the choice is remembered.
func TestViewModeKey(t *testing.T) {
	wb, a := newTestWorkbench(t)
	openAndWait(t, wb, a, uitest.DemoCopy(t))
	openStudy(t, wb, a, 1)
	if wb.mode != showText {
		t.Fatalf("starts in mode %d", wb.mode)
	}
	wb.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(shortcut(fyne.KeyP, ctrl))
	if wb.mode != showPages || wb.reader.body.Objects[0] != wb.pagesRoot {
		t.Fatalf("Ctrl+P: mode %d", wb.mode)
	}
	a.WaitFor(t, "the pages", func() bool { return wb.pages.view.PageCount() > 0 })
	a.Settle(t)
	if f := wb.win.Canvas().Focused(); f != wb.pages.view {
		t.Errorf("focus on %T in the page view", f)
	}
	wb.cycleView()
	if wb.mode != showBoth {
		t.Fatalf("second switch: mode %d", wb.mode)
	}
	wb.cycleView()
	if wb.mode != showText || wb.reader.body.Objects[0] != wb.reader.view {
		t.Fatalf("third switch: mode %d", wb.mode)
	}
	if got := wb.app.Preferences().Int(prefView); got != int(showText) {
		t.Errorf("remembered mode %d", got)
	}
	a.Settle(t)
}

// With the area tool, a rectangle drawn on a page is coded with the code
// chosen in the picker and saved with its page and corners in points; it
// is painted, a click on it offers its actions, and undo takes it back.
func TestDrawAreaSavesAreaCoding(t *testing.T) {
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, uitest.DemoCopy(t))
	study := openStudy(t, wb, a, 0)
	showPagesIn(t, wb, a, showPages)
	pv := wb.pages.view
	wb.pages.toggleArea()
	if !pv.AreaTool() {
		t.Fatal("the area tool is off")
	}
	from, ok1 := pv.PagePosition(0, 100, 150)
	to, ok2 := pv.PagePosition(0, 300, 260)
	if !ok1 || !ok2 {
		t.Fatal("the rectangle is not on screen")
	}
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(pv)
	if !uitest.Drag(wb.win.Canvas(), origin.Add(from), origin.Add(to)) {
		t.Fatal("nothing to drag on")
	}
	entry := wb.win.Canvas().Focused()
	if entry == nil || wb.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no code picker after drawing an area")
	}
	for _, r := range "debt" {
		entry.TypedRune(r)
	}
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	a.Settle(t)
	areas, err := coding.AreasOfStudy(p, study)
	if err != nil || len(areas) != 1 {
		t.Fatalf("%d areas (%v)", len(areas), err)
	}
	got := areas[0]
	want := coding.Rect{X0: 100, Y0: 150, X1: 300, Y1: 260}
	if got.Page != 0 || !got.Rect.Same(want) || wb.codebook.byGUID[got.Code].Name != "Debt bondage" {
		t.Errorf("area coding %+v, want page 1 %v coded Debt bondage", got, want)
	}
	if pv.AreaTool() {
		t.Error("the area tool stays on after drawing")
	}
	if len(wb.pages.areas) != 1 {
		t.Fatalf("the page view paints %d areas", len(wb.pages.areas))
	}
	mid, _ := pv.PagePosition(0, 200, 200)
	uitest.Tap(wb.win.Canvas(), origin.Add(mid))
	if m := menuText(t, wb.win); !strings.Contains(m, "Remove area") || !strings.Contains(m, "Label area") {
		t.Fatalf("click on the area shows %q", m)
	}
	wb.win.Canvas().Overlays().Remove(wb.win.Canvas().Overlays().Top())
	wb.onUndo()
	a.Settle(t)
	if n, _ := coding.AreasOfStudy(p, study); len(n) != 0 || len(wb.pages.areas) != 0 {
		t.Errorf("after undo: %d areas, %d painted", len(n), len(wb.pages.areas))
	}
}

// ShowArea (from segments and memo search) opens another study at the page
// of a coded area: its pages are shown, at that page, and the reader behind
// them is at that page's text; asked again in the open study, the view
// moves to the page at once.
func TestShowAreaOpensItsPage(t *testing.T) {
	wb, a := newTestWorkbench(t)
	openAndWait(t, wb, a, uitest.DemoCopy(t))
	openStudy(t, wb, a, 0)
	wb.setViewMode(showText)
	studies, err := wb.Project().Studies()
	if err != nil || len(studies) < 2 {
		t.Fatalf("studies %v %v", studies, err)
	}
	var other string
	for _, s := range studies {
		if s.GUID != wb.reader.study && s.Pages >= 3 {
			other = s.GUID
			break
		}
	}
	if other == "" {
		t.Fatal("no other study of 3 pages or more in the demo")
	}
	wb.ShowArea(other, 3)
	pv := wb.pages.view
	// The top of page 3 is on screen (a short study's last page cannot
	// scroll to the top of the view).
	onScreen := func(page int) bool { _, ok := pv.PagePosition(page, 100, 100); return ok }
	a.WaitFor(t, "the area's page", func() bool {
		return wb.reader.study == other && pv.PageCount() > 0 && onScreen(2)
	})
	a.Settle(t)
	if wb.mode != showPages {
		t.Errorf("view mode %v, want the pages", wb.mode)
	}
	if vs, ve := wb.reader.view.VisibleRange(); wb.reader.text.PageStarts[2] < vs || wb.reader.text.PageStarts[2] >= ve {
		t.Errorf("the reader shows %d-%d, not the start of page 3 (%d)", vs, ve, wb.reader.text.PageStarts[2])
	}
	if s, e := wb.reader.view.Selection(); e > s {
		t.Errorf("the reader selected %d-%d for an area", s, e)
	}
	wb.ShowArea(other, 1)
	a.Settle(t)
	if !onScreen(0) || onScreen(2) {
		t.Errorf("in the open study the page view is not at page 1 (current %d)", pv.CurrentPage()+1)
	}
}
