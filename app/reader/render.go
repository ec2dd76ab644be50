package reader

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// bandAlpha is the opacity of the translucent background band of a coded span.
const bandAlpha = 0x50

// renderer draws the visible lines of a Reader from pools of reused canvas objects.
type renderer struct {
	r       *Reader
	bg      *canvas.Rectangle
	thumb   *canvas.Rectangle
	tipBg   *canvas.Rectangle
	under   pool[*canvas.Rectangle] // span bands, find highlight, selection
	texts   pool[*canvas.Text]      // lines and page markers
	over    pool[*canvas.Rectangle] // underline bars, caret, page rules
	tip     pool[*canvas.Text]
	tipSw   pool[*canvas.Rectangle]
	objects []fyne.CanvasObject
}

// pool hands out reused objects; used counts the ones in use in the current paint.
type pool[T fyne.CanvasObject] struct {
	items []T
	used  int
	make  func() T
}

func (p *pool[T]) next() T {
	if p.used == len(p.items) {
		p.items = append(p.items, p.make())
	}
	p.used++
	return p.items[p.used-1]
}

func (p *pool[T]) add(objs []fyne.CanvasObject) []fyne.CanvasObject {
	for _, o := range p.items[:p.used] {
		objs = append(objs, o)
	}
	return objs
}

func newRect() *canvas.Rectangle { return &canvas.Rectangle{} }
func newText() *canvas.Text      { return &canvas.Text{} }

func newRenderer(r *Reader) *renderer {
	p := &renderer{r: r, bg: newRect(), thumb: newRect(), tipBg: newRect()}
	p.under.make, p.over.make, p.tipSw.make = newRect, newRect, newRect
	p.texts.make, p.tip.make = newText, newText
	return p
}

// Destroy implements fyne.WidgetRenderer.
func (p *renderer) Destroy() {}

// Objects returns the objects of the visible lines only.
func (p *renderer) Objects() []fyne.CanvasObject { return p.objects }

// Layout lays out the view for a new size.
func (p *renderer) Layout(fyne.Size) { p.Refresh() }

// MinSize is a few short lines.
func (p *renderer) MinSize() fyne.Size {
	p.r.updateMetrics()
	m := p.r.m
	return fyne.NewSize(2*m.pad+m.scrollW+12*m.charW, 3*m.lineH)
}

// Refresh recomputes the visible lines and repaints them.
func (p *renderer) Refresh() {
	r := p.r
	r.layoutView()
	p.paint()
	canvas.Refresh(r)
	if s, e := r.VisibleRange(); (Range{s, e}) != r.lastView {
		r.lastView = Range{s, e}
		if r.OnViewChanged != nil {
			r.OnViewChanged(s, e)
		}
	}
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

func (p *renderer) paint() {
	r := p.r
	m := r.m
	col := func(n fyne.ThemeColorName) color.Color { return theme.ColorForWidget(n, r) }
	fg, selC := col(theme.ColorNameForeground), col(theme.ColorNameSelection)
	hlC := withAlpha(col(theme.ColorNameWarning), 0x70)
	size := r.Size()
	p.under.used, p.over.used, p.texts.used, p.tip.used, p.tipSw.used = 0, 0, 0, 0, 0
	p.bg.FillColor = col(theme.ColorNameBackground)
	p.bg.Resize(size)

	selS, selE := r.Selection()
	cbi, cli := -1, -1
	if r.focused {
		if cbi = r.doc.paraFor(r.caret); cbi >= 0 && r.doc.blocks[cbi].wrapW == r.wrapW {
			b := &r.doc.blocks[cbi]
			cli = b.lineOf(b.idxAt(r.caret))
		}
	}
	for i := range r.view {
		vl := &r.view[i]
		b := &r.doc.blocks[vl.blk]
		if vl.li < 0 {
			p.paintMarker(vl, b, size)
			continue
		}
		top := vl.y + m.spacing/2
		ls, le := b.offAt(vl.ds), b.offAt(vl.de)
		lastLine := vl.li == b.lines-1
		band := func(s, e int, c color.Color, pool *pool[*canvas.Rectangle], y, h float32, tail bool) {
			a, z := max(b.idxAt(s), vl.ds), min(b.idxAt(e), vl.de)
			if z < a || (z == a && !tail) {
				return
			}
			x0, x1 := m.pad+r.xAt(b, vl.li, a), m.pad+r.xAt(b, vl.li, z)
			if tail {
				x1 += m.spaceW / 2
			}
			rc := pool.next()
			rc.FillColor, rc.StrokeWidth, rc.CornerRadius = c, 0, 0
			rc.Move(fyne.NewPos(x0, y))
			rc.Resize(fyne.NewSize(x1-x0, h))
		}
		for _, si := range r.spans.overlapping(ls, max(le, ls+1)) {
			sp := r.spans.spans[si]
			sc := sp.Color
			if sc == nil {
				sc = col(theme.ColorNamePrimary)
			}
			band(sp.Start, sp.End, withAlpha(sc, bandAlpha), &p.under, top, m.textH, false)
			lane := float32(r.spans.lanes[si])
			band(sp.Start, sp.End, sc, &p.over, top+m.textH+barGap+lane*(barHeight+barGap), barHeight, false)
		}
		if r.hl.End > r.hl.Start && r.hl.Start <= le && r.hl.End > ls {
			band(r.hl.Start, r.hl.End, hlC, &p.under, top, m.textH, false)
		}
		if selE > selS && selS <= le && selE > ls {
			band(selS, selE, selC, &p.under, top, m.textH, lastLine && selE > le && selS <= le)
		}
		t := p.texts.next()
		t.Text, t.Color, t.TextSize, t.TextStyle, t.Alignment = vl.text, fg, m.textSize, fyne.TextStyle{}, fyne.TextAlignLeading
		t.Move(fyne.NewPos(m.pad, top))
		t.Resize(fyne.NewSize(r.textWidth(size.Width), m.textH))
		if vl.blk == cbi && vl.li == cli {
			x := m.pad + r.xAt(b, vl.li, b.idxAt(r.caret))
			c := p.over.next()
			c.FillColor, c.StrokeWidth, c.CornerRadius = col(theme.ColorNamePrimary), 0, 0
			c.Move(fyne.NewPos(x-1, top))
			c.Resize(fyne.NewSize(2, m.textH))
		}
	}
	p.paintScrollBar(size)
	p.paintTooltip(size)
	p.objects = append(p.objects[:0], p.bg)
	p.objects = p.under.add(p.objects)
	p.objects = p.texts.add(p.objects)
	p.objects = p.over.add(p.objects)
	if _, _, ok := r.thumb(); ok {
		p.objects = append(p.objects, p.thumb)
	}
	if p.tip.used > 0 {
		p.objects = append(p.objects, p.tipBg)
		p.objects = p.tipSw.add(p.objects)
		p.objects = p.tip.add(p.objects)
	}
}

// paintMarker draws a page marker ("— Page 3 —") with a rule either side.
func (p *renderer) paintMarker(vl *vline, b *block, size fyne.Size) {
	r := p.r
	m := r.m
	label := fmt.Sprintf("— Page %d —", b.page+1)
	if r.PageLabel != nil {
		label = r.PageLabel(b.page)
	}
	c := theme.ColorForWidget(theme.ColorNamePlaceHolder, r)
	w := r.textWidth(size.Width)
	tw := r.measure(label)
	top := vl.y + (2*m.lineH-m.textH)/2
	t := p.texts.next()
	t.Text, t.Color, t.TextSize, t.TextStyle, t.Alignment = label, c, m.textSize, fyne.TextStyle{}, fyne.TextAlignCenter
	t.Move(fyne.NewPos(m.pad, top))
	t.Resize(fyne.NewSize(w, m.textH))
	side := (w - tw) / 2
	if side < 2*m.pad {
		return
	}
	rule := theme.ColorForWidget(theme.ColorNameSeparator, r)
	th := theme.SizeForWidget(theme.SizeNameSeparatorThickness, r)
	for _, x := range []float32{m.pad, m.pad + side + tw + m.pad} {
		rc := p.over.next()
		rc.FillColor, rc.StrokeWidth, rc.CornerRadius = rule, 0, 0
		rc.Move(fyne.NewPos(x, top+m.textH/2))
		rc.Resize(fyne.NewSize(side-m.pad, th))
	}
}

// paintScrollBar places the scroll bar thumb.
func (p *renderer) paintScrollBar(size fyne.Size) {
	r := p.r
	y, h, ok := r.thumb()
	if !ok {
		return
	}
	p.thumb.FillColor = theme.ColorForWidget(theme.ColorNameScrollBar, r)
	p.thumb.CornerRadius = theme.SizeForWidget(theme.SizeNameScrollBarRadius, r)
	p.thumb.Move(fyne.NewPos(size.Width-r.m.scrollW+1, y))
	p.thumb.Resize(fyne.NewSize(r.m.scrollW-2, h))
}

// paintTooltip draws the built-in hover label: one line per code under the pointer.
func (p *renderer) paintTooltip(size fyne.Size) {
	r := p.r
	if r.HideTooltip || len(r.hover) == 0 {
		return
	}
	ts := theme.SizeForWidget(theme.SizeNameCaptionText, r)
	pad := theme.SizeForWidget(theme.SizeNamePadding, r)
	fg := theme.ColorForWidget(theme.ColorNameForeground, r)
	lh := fyne.MeasureText("Mg", ts, fyne.TextStyle{}).Height
	sw := lh * 0.6
	var w float32
	for _, sp := range r.hover {
		line := sp.Label
		if sp.Detail != "" {
			line += " — " + sp.Detail
		}
		t := p.tip.next()
		t.Text, t.Color, t.TextSize, t.TextStyle = line, fg, ts, fyne.TextStyle{}
		w = max(w, fyne.MeasureText(line, ts, fyne.TextStyle{}).Width)
	}
	bw, bh := w+sw+3*pad, float32(len(r.hover))*lh+2*pad
	x := min(r.hoverPos.X+pad, size.Width-bw)
	y := r.hoverPos.Y + r.m.lineH
	if y+bh > size.Height {
		y = r.hoverPos.Y - r.m.lineH - bh
	}
	x, y = max(x, 0), max(y, 0)
	p.tipBg.FillColor = theme.ColorForWidget(theme.ColorNameOverlayBackground, r)
	p.tipBg.StrokeColor = theme.ColorForWidget(theme.ColorNameInputBorder, r)
	p.tipBg.StrokeWidth = 1
	p.tipBg.CornerRadius = theme.SizeForWidget(theme.SizeNameInputRadius, r)
	p.tipBg.Move(fyne.NewPos(x, y))
	p.tipBg.Resize(fyne.NewSize(bw, bh))
	for i, sp := range r.hover {
		ly := y + pad + float32(i)*lh
		s := p.tipSw.next()
		s.FillColor, s.StrokeWidth, s.CornerRadius = sp.Color, 0, 0
		s.Move(fyne.NewPos(x+pad, ly+(lh-sw)/2))
		s.Resize(fyne.NewSize(sw, sw))
		t := p.tip.items[i]
		t.Move(fyne.NewPos(x+2*pad+sw, ly))
		t.Resize(fyne.NewSize(w, lh))
	}
}
