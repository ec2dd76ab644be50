package pageview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// minArea is the smallest side, in units, of a rectangle taken as drawn
// (smaller: a click).
const minArea = 4

// hit maps a content position to the page under it and the caret offset
// nearest to it; ok is false when that page has no text boxes (yet).
func (v *View) hit(pos fyne.Position) (page, caret, char int, ok bool) {
	if !v.lay.valid() {
		return 0, 0, -1, false
	}
	page = v.lay.pageAtY(pos.Y)
	st := v.cache[page]
	if st == nil || len(st.boxes) == 0 {
		return page, 0, -1, false
	}
	x, y := v.lay.pointOn(page, pos, v.pages.Size().Width)
	c, ch := nearest(st.boxes, x, y)
	caret = clusterEnd(v.text, st.start+c)
	if ch >= 0 {
		ch += st.start
	}
	return page, caret, ch, true
}

// codedAt returns the spans and areas under a content position.
func (v *View) codedAt(pos fyne.Position) ([]Span, []Area) {
	if !v.lay.valid() {
		return nil, nil
	}
	page := v.lay.pageAtY(pos.Y)
	x, y := v.lay.pointOn(page, pos, v.pages.Size().Width)
	var areas []Area
	for _, a := range v.areas {
		r := a.Rect.Canon()
		if a.Page == page && x >= r.X0 && x <= r.X1 && y >= r.Y0 && y <= r.Y1 {
			areas = append(areas, a)
		}
	}
	var spans []Span
	if _, _, ch, ok := v.hit(pos); ok && ch >= 0 {
		for _, s := range v.spans {
			if s.Start <= ch && ch < s.End {
				spans = append(spans, s)
			}
		}
	}
	return spans, areas
}

// focus gives the view the keyboard.
func (v *View) focus() {
	if a := fyne.CurrentApp(); a != nil {
		if c := a.Driver().CanvasForObject(v); c != nil && c.Focused() != v {
			c.Focus(v)
		}
	}
}

// select sets the selection from the user and reports it.
func (v *View) userSelect(a, b int) {
	s, e := min(a, b), max(a, b)
	if s == v.selS && e == v.selE {
		return
	}
	v.selS, v.selE = s, e
	v.repaintAll()
	if v.OnSelectionChanged != nil {
		v.OnSelectionChanged(s, e)
	}
}

// MouseDown starts a click or a drag; Alt held draws an area.
func (p *pages) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	p.v.focus()
	p.pressPos, p.pressValid = ev.Position, true
	p.pressAlt = ev.Modifier&fyne.KeyModifierAlt != 0
}

// MouseUp ends a press.
func (p *pages) MouseUp(*desktop.MouseEvent) { p.pressValid = false }

// Dragged selects text from the press to the pointer, or draws an area
// with the area tool; the view scrolls when the pointer leaves it.
func (p *pages) Dragged(ev *fyne.DragEvent) {
	v := p.v
	if !v.lay.valid() {
		return
	}
	if !p.dragging {
		p.dragging = true
		start := ev.Position.Subtract(ev.Dragged)
		if p.pressValid {
			start = p.pressPos
		}
		if v.areaTool || p.pressAlt {
			p.drawing, p.drawPage, p.drawFrom = true, v.lay.pageAtY(start.Y), start
		} else if _, c, _, ok := v.hit(start); ok {
			p.anchor = c
		} else {
			p.anchor = -1
		}
	}
	p.autoScroll(ev.Position)
	if p.drawing {
		p.drawTo = ev.Position
		p.Refresh()
		return
	}
	if p.anchor < 0 {
		return
	}
	if _, c, _, ok := v.hit(ev.Position); ok {
		v.userSelect(p.anchor, c)
	}
}

// autoScroll scrolls when a drag goes past the top or bottom of the view.
func (p *pages) autoScroll(pos fyne.Position) {
	v := p.v
	top, h := v.scroll.Offset.Y, v.scroll.Size().Height
	switch {
	case pos.Y < top:
		v.scrollTo(top - min(top-pos.Y, 60))
	case pos.Y > top+h:
		v.scrollTo(top + min(pos.Y-top-h, 60))
	}
}

// DragEnd finishes a selection, or hands a drawn area to OnAreaDrawn.
func (p *pages) DragEnd() {
	v := p.v
	if p.drawing {
		pos, size := p.drawBox()
		r := p.drawnRect()
		page := p.drawPage
		p.endDrag()
		p.Refresh()
		if size.Width >= minArea && size.Height >= minArea && v.OnAreaDrawn != nil {
			abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(p).Add(pos).Add(fyne.NewPos(size.Width, size.Height))
			v.OnAreaDrawn(page, r, abs)
		}
		return
	}
	p.endDrag()
}

func (p *pages) endDrag() {
	p.dragging, p.drawing, p.pressValid = false, false, false
}

// Tapped places the caret (clearing the selection) and offers the codings
// under the pointer through OnTapped.
func (p *pages) Tapped(ev *fyne.PointEvent) {
	v := p.v
	v.focus()
	if _, c, _, ok := v.hit(ev.Position); ok {
		v.userSelect(c, c)
	}
	spans, areas := v.codedAt(ev.Position)
	if (len(spans) > 0 || len(areas) > 0) && v.OnTapped != nil {
		v.OnTapped(spans, areas, ev.AbsolutePosition)
	}
}

// Cursor is a cross for drawing areas, the text cursor otherwise.
func (p *pages) Cursor() desktop.Cursor {
	if p.v.areaTool {
		return desktop.CrosshairCursor
	}
	return desktop.TextCursor
}

// FocusGained implements fyne.Focusable.
func (v *View) FocusGained() { v.focused = true }

// FocusLost implements fyne.Focusable.
func (v *View) FocusLost() { v.focused = false }

// TypedRune implements fyne.Focusable.
func (v *View) TypedRune(rune) {}

// TypedKey moves through the pages: Page Up and Page Down by a page, Home
// and End to the first and last, the arrows by a little; Escape clears the
// selection and puts the area tool away. OnKey sees every key first.
func (v *View) TypedKey(ev *fyne.KeyEvent) {
	if v.OnKey != nil && v.OnKey(ev) {
		return
	}
	cur := v.CurrentPage()
	switch ev.Name {
	case fyne.KeyPageDown:
		v.ShowPage(cur + 1)
	case fyne.KeyPageUp:
		if cur >= 0 && v.scroll.Offset.Y > v.lay.tops[cur]-gap+1 {
			v.ShowPage(cur) // first back to the top of the page
		} else {
			v.ShowPage(cur - 1)
		}
	case fyne.KeyHome:
		v.ShowPage(0)
	case fyne.KeyEnd:
		v.ShowPage(len(v.sizes) - 1)
	case fyne.KeyDown:
		v.scrollTo(v.scroll.Offset.Y + 40)
	case fyne.KeyUp:
		v.scrollTo(v.scroll.Offset.Y - 40)
	case fyne.KeyEscape:
		if v.areaTool {
			v.SetAreaTool(false)
		}
		v.userSelect(v.selE, v.selE)
	}
}

// TypedShortcut handles Ctrl+Home and Ctrl+End (first and last page) and
// hands the others to OnShortcut, then to the window.
func (v *View) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault {
		switch cs.KeyName {
		case fyne.KeyHome:
			v.ShowPage(0)
			return
		case fyne.KeyEnd:
			v.ShowPage(len(v.sizes) - 1)
			return
		}
	}
	if v.OnShortcut != nil && v.OnShortcut(s) {
		return
	}
	if a := fyne.CurrentApp(); a != nil {
		if c, ok := a.Driver().CanvasForObject(v).(interface{ TypedShortcut(fyne.Shortcut) }); ok {
			c.TypedShortcut(s)
		}
	}
}
