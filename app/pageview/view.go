// Package pageview provides View, the widget that shows a study's original
// PDF pages, paints its codings over them and lets a reviewer select text or
// draw an area on a page.
//
// Pages are stacked one below the other in a scrolling view at a zoom (fit
// width, fit page, or 50-400 %); only the pages on screen get canvas
// objects. Rendering is done off the UI goroutine through a Source (the
// visible page first, the next one after it), on a ui.Lane so that a render
// the view no longer needs is cancelled and its result dropped.
//
// Text positions are Unicode code-point offsets into the study's text, as in
// package reader: a coded span or a selection covers the same offsets in
// both views. A page's text is mapped to the page by one box per code point
// (corpus.PageBoxes); a pointer position maps to the nearest character box.
// Areas are rectangles in PDF points on the displayed page (origin top
// left, y down), as package pdfpage measures them.
package pageview

import (
	"context"
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// Source gives the view a document's pages. Its methods are called off the
// UI goroutine, one at a time, with a context that ends when the view no
// longer needs the answer.
type Source interface {
	// Render draws page (0-based) width pixels wide. The image is only read.
	Render(ctx context.Context, page, width int) (image.Image, error)
	// Boxes returns one box per code point of the page's text and the
	// offset of its first code point in the study's text (nil boxes: the
	// page has no text to select).
	Boxes(ctx context.Context, page int) (start int, boxes []pdfpage.Rect, err error)
}

// Span is one coded stretch of the study's text, painted over the page in
// its code's colour.
type Span struct {
	ID         string      // coding identity, passed back to OnTapped
	Start, End int         // code-point offsets, End exclusive
	Color      color.Color // the code's colour
	Label      string      // the code's name
}

// Area is one coded rectangle of a page, painted as an outline in its
// code's colour.
type Area struct {
	ID    string       // area coding identity, passed back to OnTapped
	Page  int          // 0-based
	Rect  pdfpage.Rect // points on the displayed page, origin top left
	Color color.Color
	Label string // the code's name
}

// ZoomMode chooses how large pages are drawn.
type ZoomMode int

// Zoom modes.
const (
	FitWidth ZoomMode = iota // every page as wide as the view
	FitPage                  // every page whole in the view
	Percent                  // Zoom.Percent of the page's printed size
)

// Zoom is the view's zoom: a mode and, for Percent, the percentage.
type Zoom struct {
	Mode    ZoomMode
	Percent int // MinPercent..MaxPercent, for Percent
}

// Zoom limits.
const (
	MinPercent = 50
	MaxPercent = 400
)

// View shows a document's pages. Create it with New; call its methods on
// the UI goroutine.
type View struct {
	widget.BaseWidget

	// OnSelectionChanged is called when the user changes the selection by
	// dragging across words (not by SetSelection).
	OnSelectionChanged func(start, end int)
	// OnTapped is called when coded text or a coded area is clicked, with
	// the codings there and the absolute canvas position for a menu.
	OnTapped func(spans []Span, areas []Area, pos fyne.Position)
	// OnAreaDrawn is called when the user has drawn a rectangle with the
	// area tool (or by dragging with Alt held), in points on page.
	OnAreaDrawn func(page int, r pdfpage.Rect, pos fyne.Position)
	// OnPageChanged is called when the current page (the one at a third of
	// the view's height) changes by scrolling, keys or a jump.
	OnPageChanged func(page int)
	// OnKey sees every typed key first; returning true stops the view's own
	// handling (number keys applying pinned codes).
	OnKey func(ev *fyne.KeyEvent) bool
	// OnShortcut sees shortcuts first (Ctrl+K); when it returns false they
	// go on to the window.
	OnShortcut func(s fyne.Shortcut) bool

	src        Source
	sizes      []pdfpage.Size
	text       []rune
	pageStarts []int
	spans      []Span
	areas      []Area
	selS, selE int
	zoom       Zoom
	areaTool   bool
	gen        int // document generation: results of an older document are dropped

	pages   *pages
	scroll  *container.Scroll
	lay     geometry
	cache   map[int]*pageState // rendered pages near the view, boxes of pages seen
	lane    ui.Lane            // renders and boxes of the pages on screen
	job     []key              // what the lane's request is still to deliver
	cur     int                // current page reported to OnPageChanged
	want    int                // 1 + the page ShowPage was asked for before the view had a size, 0 for none
	focused bool
}

// New returns an empty view; give it pages with SetDocument.
func New() *View {
	v := &View{zoom: Zoom{Mode: FitWidth}, cache: map[int]*pageState{}, cur: -1}
	v.pages = newPages(v)
	v.scroll = container.NewScroll(v.pages)
	v.scroll.OnScrolled = func(fyne.Position) { v.viewMoved() }
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer implements fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	return &viewRenderer{v: v}
}

// SetDocument shows a new document: its pages' sizes (as displayed), the
// study's text and the offsets where its pages start. A nil src shows
// nothing. Selection, spans and areas are cleared; the view goes to the
// first page.
func (v *View) SetDocument(src Source, sizes []pdfpage.Size, text string, pageStarts []int) {
	v.lane.Stop()
	v.gen++
	v.src, v.sizes, v.text, v.pageStarts = src, sizes, []rune(text), pageStarts
	if src == nil {
		v.sizes = nil
	}
	v.spans, v.areas, v.selS, v.selE, v.job = nil, nil, 0, 0, nil
	v.cache = map[int]*pageState{}
	v.cur, v.want = -1, 0
	v.lay = geometry{}
	v.scroll.ScrollToOffset(fyne.Position{})
	v.relayout()
}

// PageCount returns the number of pages shown.
func (v *View) PageCount() int { return len(v.sizes) }

// SetSpans replaces the coded spans painted over the pages.
func (v *View) SetSpans(spans []Span) {
	v.spans = spans
	v.repaintAll()
}

// SetAreas replaces the coded areas painted on the pages.
func (v *View) SetAreas(areas []Area) {
	v.areas = areas
	v.repaintAll()
}

// Selection returns the selected offsets, start <= end.
func (v *View) Selection() (start, end int) { return v.selS, v.selE }

// SetSelection selects [start, end) without calling OnSelectionChanged.
func (v *View) SetSelection(start, end int) {
	if start > end {
		start, end = end, start
	}
	if start == v.selS && end == v.selE {
		return
	}
	v.selS, v.selE = start, end
	v.repaintAll()
}

// Zoom returns the current zoom.
func (v *View) Zoom() Zoom { return v.zoom }

// SetZoom changes the zoom, keeping the current page in view.
func (v *View) SetZoom(z Zoom) {
	if z.Mode == Percent {
		z.Percent = min(max(z.Percent, MinPercent), MaxPercent)
	}
	if z == v.zoom {
		return
	}
	page := v.CurrentPage()
	v.zoom = z
	v.relayout()
	if page >= 0 {
		v.ShowPage(page)
	}
}

// SetAreaTool turns the rectangle tool on or off: with it on, a drag on a
// page draws an area instead of selecting text.
func (v *View) SetAreaTool(on bool) {
	v.areaTool = on
	v.pages.endDrag()
	v.pages.Refresh()
}

// AreaTool reports whether the rectangle tool is on.
func (v *View) AreaTool() bool { return v.areaTool }

// CurrentPage returns the page at a third of the view's height (-1 when no
// document is shown).
func (v *View) CurrentPage() int {
	if len(v.sizes) == 0 {
		return -1
	}
	return v.lay.pageAtY(v.scroll.Offset.Y + v.scroll.Size().Height/3)
}

// ShowPage scrolls so that page's top is at the top of the view; asked
// before the view has its size, it does so when the view is laid out.
func (v *View) ShowPage(page int) {
	if len(v.sizes) == 0 {
		return
	}
	if !v.lay.valid() {
		v.want = page + 1
		return
	}
	v.want = 0
	page = min(max(page, 0), len(v.sizes)-1)
	v.scrollTo(v.lay.tops[page] - gap)
}

// ShowOffset scrolls to the page holding the text offset off, with the
// line of off at a third of the view's height when its boxes are known
// (before the view has its size: to that page, once it has).
func (v *View) ShowOffset(off int) {
	if len(v.sizes) == 0 {
		return
	}
	if !v.lay.valid() {
		v.ShowPage(v.PageOf(off)) // once the view has its size
		return
	}
	page := v.PageOf(off)
	if st := v.cache[page]; st != nil && st.boxesLoaded {
		if i := off - st.start; i >= 0 && i < len(st.boxes) && !st.boxes[i].Empty() {
			y := v.lay.tops[page] + float32(st.boxes[i].Y0)*v.lay.scales[page]
			v.scrollTo(y - v.scroll.Size().Height/3)
			return
		}
	}
	v.ShowPage(page)
}

// PageOf returns the 0-based page holding a text offset (by the page starts).
func (v *View) PageOf(off int) int {
	p := 0
	for i, s := range v.pageStarts {
		if s <= off {
			p = i
		}
	}
	return min(p, max(len(v.sizes)-1, 0))
}

// ReadingOffset returns the text offset nearest to the point at a third of
// the view's height (the start of the current page when its boxes are not
// known): where the text reader should be to show the same place.
func (v *View) ReadingOffset() int {
	page := v.CurrentPage()
	if page < 0 {
		return 0
	}
	start := 0
	if page < len(v.pageStarts) {
		start = v.pageStarts[page]
	}
	st := v.cache[page]
	if st == nil || len(st.boxes) == 0 {
		return start
	}
	y := (v.scroll.Offset.Y + v.scroll.Size().Height/3 - v.lay.tops[page]) / v.lay.scales[page]
	x := (v.scroll.Offset.X + v.scroll.Size().Width/2 - v.lay.left(page, v.pages.Size().Width)) / v.lay.scales[page]
	c, _ := nearest(st.boxes, float64(x), float64(y))
	return st.start + c
}

// scrollTo moves the view to a content y and reports the move.
func (v *View) scrollTo(y float32) {
	maxY := max(v.lay.height-v.scroll.Size().Height, 0)
	v.scroll.ScrollToOffset(fyne.NewPos(v.scroll.Offset.X, min(max(y, 0), maxY)))
	v.viewMoved()
}

// viewMoved repaints the pages now on screen, asks for their renders and
// reports a new current page.
func (v *View) viewMoved() {
	v.pages.Refresh()
	v.requestRenders()
	if p := v.CurrentPage(); p != v.cur {
		v.cur = p
		if v.OnPageChanged != nil && p >= 0 {
			v.OnPageChanged(p)
		}
	}
}

// relayout recomputes the pages' places for the view's size and zoom.
func (v *View) relayout() {
	v.lay = layout(v.sizes, v.zoom, v.scroll.Size())
	v.pages.setMin(fyne.NewSize(v.lay.width, v.lay.height))
	// Size the content now, as the scroll container's layout would on
	// its next pass: a scroll asked for before then (ShowPage after
	// SetDocument) is measured against the content's size and would
	// otherwise be undone by the old one.
	v.pages.Resize(v.pages.MinSize().Max(v.scroll.Size()))
	for _, st := range v.cache {
		st.version = -1
	}
	v.scroll.Refresh()
	v.viewMoved()
}

// repaintAll repaints the overlays of every page.
func (v *View) repaintAll() {
	for _, st := range v.cache {
		st.version = -1
	}
	v.pages.Refresh()
}

// viewRenderer lays the scroll container over the whole widget.
type viewRenderer struct {
	v    *View
	size fyne.Size
}

func (r *viewRenderer) Destroy() {}

func (r *viewRenderer) Layout(size fyne.Size) {
	r.v.scroll.Resize(size)
	if size != r.size {
		r.size = size
		page := r.v.CurrentPage()
		if r.v.want > 0 {
			page = r.v.want - 1
		}
		r.v.relayout()
		if page > 0 {
			r.v.ShowPage(page)
		}
	}
}

func (r *viewRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 120) }

func (r *viewRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.v.scroll} }

func (r *viewRenderer) Refresh() { r.v.scroll.Refresh() }

// PositionOf returns where the character at a text offset is drawn: the
// middle of the left edge of its box, relative to the view; ok is false
// when its page is not on screen or its box is not known.
func (v *View) PositionOf(off int) (pos fyne.Position, ok bool) {
	page := v.PageOf(off)
	st := v.cache[page]
	if st == nil || !st.boxesLoaded {
		return pos, false
	}
	i := off - st.start
	if i < 0 || i >= len(st.boxes) || st.boxes[i].Empty() {
		return pos, false
	}
	b := st.boxes[i]
	return v.PagePosition(page, b.X0, (b.Y0+b.Y1)/2)
}

// PagePosition returns where the point (x, y) of page (points from the
// displayed page's top left) is drawn, relative to the view; ok is false
// when it is not on screen.
func (v *View) PagePosition(page int, x, y float64) (pos fyne.Position, ok bool) {
	if !v.lay.valid() || page < 0 || page >= len(v.sizes) {
		return pos, false
	}
	at, _ := v.lay.toContent(page, pdfpage.Rect{X0: x, Y0: y, X1: x, Y1: y}, v.pages.Size().Width)
	pos = at.Subtract(v.scroll.Offset)
	size := v.scroll.Size()
	return pos, pos.X >= 0 && pos.Y >= 0 && pos.X <= size.Width && pos.Y <= size.Height
}
