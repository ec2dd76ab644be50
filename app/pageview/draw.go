package pageview

import (
	"fmt"
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// Opacities of what is painted over a page.
const (
	bandAlpha = 0x50 // a coded passage
	areaFill  = 0x1c // inside a coded area
)

// selColor paints the selection: a viewer's blue, readable on the white of
// a page whatever the program's theme.
var selColor = color.NRGBA{R: 0x1a, G: 0x73, B: 0xe8, A: 0x55}

// pageState is what the view holds of one page: its rendered image (pages
// near the view only), its character boxes, and its overlay objects.
type pageState struct {
	width int // pixel width of img, 0 before the first render
	img   image.Image
	cimg  *canvas.Image
	err   error

	boxesLoaded bool
	start       int // offset of the page's first code point
	boxes       []pdfpage.Rect

	version int                 // -1: overlays to build again
	builtW  float32             // content width the overlays were placed for
	objs    []fyne.CanvasObject // placeholder or image, then overlays
}

// pages is the scrolled content: the pages on screen with their overlays.
type pages struct {
	widget.BaseWidget
	v   *View
	min fyne.Size

	// a drag in progress
	pressPos   fyne.Position
	pressValid bool
	pressAlt   bool
	dragging   bool
	drawing    bool // drawing an area
	drawPage   int
	drawFrom   fyne.Position
	drawTo     fyne.Position
	anchor     int
	drawRect   *canvas.Rectangle
}

func newPages(v *View) *pages {
	p := &pages{v: v, drawRect: &canvas.Rectangle{StrokeWidth: 2}}
	p.ExtendBaseWidget(p)
	return p
}

func (p *pages) setMin(s fyne.Size) { p.min = s }

// MinSize is the whole stack of pages.
func (p *pages) MinSize() fyne.Size { return p.min }

// CreateRenderer implements fyne.Widget.
func (p *pages) CreateRenderer() fyne.WidgetRenderer { return &pagesRenderer{p: p} }

type pagesRenderer struct {
	p    *pages
	objs []fyne.CanvasObject
}

func (r *pagesRenderer) Destroy()                     {}
func (r *pagesRenderer) Layout(fyne.Size)             { r.Refresh() }
func (r *pagesRenderer) MinSize() fyne.Size           { return r.p.min }
func (r *pagesRenderer) Objects() []fyne.CanvasObject { return r.objs }

// Refresh gathers the objects of the pages on screen.
func (r *pagesRenderer) Refresh() {
	v := r.p.v
	r.objs = r.objs[:0]
	if v.lay.valid() {
		y0 := v.scroll.Offset.Y
		first, last := v.lay.visible(y0, y0+v.scroll.Size().Height)
		cw := r.p.Size().Width
		for i := first; i <= last; i++ {
			r.objs = append(r.objs, v.pageObjects(i, cw)...)
		}
	}
	if r.p.drawing {
		r.p.drawRect.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.p.drawRect.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), areaFill)
		pos, size := r.p.drawBox()
		r.p.drawRect.Move(pos)
		r.p.drawRect.Resize(size)
		r.objs = append(r.objs, r.p.drawRect)
	}
	canvas.Refresh(r.p)
}

// pageObjects returns page i's objects, built again when its overlays or
// its place changed.
func (v *View) pageObjects(i int, cw float32) []fyne.CanvasObject {
	st := v.cache[i]
	if st == nil {
		st = &pageState{version: -1}
		v.cache[i] = st
	}
	if st.version == 0 && st.builtW == cw {
		return st.objs
	}
	st.objs = st.objs[:0]
	pos, size := v.lay.toContent(i, pdfpage.Rect{X1: v.sizes[i].W, Y1: v.sizes[i].H}, cw)
	if st.cimg != nil {
		st.cimg.Move(pos)
		st.cimg.Resize(size)
		if b := st.img.Bounds(); st.width == v.pixelWidth(i) {
			// Drawn for this size: shown pixel for pixel. A size that
			// rounds to other pixels would make Fyne scale the image on
			// the CPU (a few hundred milliseconds for a page).
			s := v.canvasScale()
			st.cimg.Resize(fyne.NewSize((float32(b.Dx())-0.05)/s, (float32(b.Dy())-0.05)/s))
		}
		st.objs = append(st.objs, st.cimg)
	} else {
		bg := canvas.NewRectangle(color.White)
		bg.StrokeColor, bg.StrokeWidth = color.NRGBA{0xc8, 0xc8, 0xc8, 0xff}, 1
		bg.Move(pos)
		bg.Resize(size)
		msg := fmt.Sprintf("Page %d", i+1)
		if st.err != nil {
			msg = fmt.Sprintf("Page %d could not be drawn: %v", i+1, st.err)
		}
		t := canvas.NewText(msg, color.NRGBA{0x70, 0x70, 0x70, 0xff})
		t.Alignment = fyne.TextAlignCenter
		t.Move(fyne.NewPos(pos.X, pos.Y+size.Height/3))
		t.Resize(fyne.NewSize(size.Width, 30))
		st.objs = append(st.objs, bg, t)
	}
	st.objs = append(st.objs, v.overlays(i, st, cw)...)
	st.version, st.builtW = 0, cw
	return st.objs
}

// overlays paints page i's coded passages, selection and coded areas.
func (v *View) overlays(i int, st *pageState, cw float32) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	band := func(from, to int, c color.Color) {
		for _, r := range pdfpage.LineRuns(st.boxes, from-st.start, to-st.start) {
			rect := canvas.NewRectangle(c)
			pos, size := v.lay.toContent(i, r, cw)
			rect.Move(pos)
			rect.Resize(size)
			out = append(out, rect)
		}
	}
	if len(st.boxes) > 0 {
		end := st.start + len(st.boxes)
		for _, s := range v.spans {
			if s.End > st.start && s.Start < end {
				band(s.Start, s.End, withAlpha(s.Color, bandAlpha))
			}
		}
		if v.selE > v.selS && v.selE > st.start && v.selS < end {
			band(v.selS, v.selE, selColor)
		}
	}
	for _, a := range v.areas {
		if a.Page != i {
			continue
		}
		rect := canvas.NewRectangle(withAlpha(a.Color, areaFill))
		rect.StrokeColor, rect.StrokeWidth = opaque(a.Color), 2
		pos, size := v.lay.toContent(i, a.Rect.Canon(), cw)
		rect.Move(pos)
		rect.Resize(size)
		out = append(out, rect)
		out = append(out, tag(a.Label, opaque(a.Color), pos)...)
	}
	return out
}

// tag is an area's label on a strip of its colour just above its top-left
// corner, so that it hides nothing inside the area.
func tag(label string, c color.NRGBA, corner fyne.Position) []fyne.CanvasObject {
	if label == "" {
		return nil
	}
	text := canvas.NewText(label, color.White)
	text.TextSize = theme.CaptionTextSize()
	text.TextStyle.Bold = true
	size := text.MinSize()
	bg := canvas.NewRectangle(c)
	bg.Resize(fyne.NewSize(size.Width+6, size.Height))
	bg.Move(fyne.NewPos(corner.X-1, corner.Y-size.Height))
	text.Move(fyne.NewPos(corner.X+2, corner.Y-size.Height))
	return []fyne.CanvasObject{bg, text}
}

// withAlpha returns c with its opacity scaled by a/255.
func withAlpha(c color.Color, a uint8) color.NRGBA {
	if c == nil {
		return color.NRGBA{}
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint16(n.A) * uint16(a) / 255)
	return n
}

// opaque returns c without transparency.
func opaque(c color.Color) color.NRGBA {
	if c == nil {
		return color.NRGBA{A: 0xff}
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = 0xff
	return n
}

// drawBox is the rectangle being drawn, in content units, clipped to its page.
func (p *pages) drawBox() (fyne.Position, fyne.Size) {
	r := p.drawnRect()
	return p.v.lay.toContent(p.drawPage, r, p.Size().Width)
}

// drawnRect is the rectangle being drawn in points on its page, clipped to it.
func (p *pages) drawnRect() pdfpage.Rect {
	v := p.v
	cw := p.Size().Width
	x0, y0 := v.lay.pointOn(p.drawPage, p.drawFrom, cw)
	x1, y1 := v.lay.pointOn(p.drawPage, p.drawTo, cw)
	s := v.sizes[p.drawPage]
	clip := func(a, hi float64) float64 { return min(max(a, 0), hi) }
	return pdfpage.Rect{X0: clip(x0, s.W), Y0: clip(y0, s.H), X1: clip(x1, s.W), Y1: clip(y1, s.H)}.Canon()
}
