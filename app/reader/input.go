package reader

import (
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

var (
	_ fyne.Widget            = (*Reader)(nil)
	_ fyne.Tappable          = (*Reader)(nil)
	_ fyne.DoubleTappable    = (*Reader)(nil)
	_ fyne.SecondaryTappable = (*Reader)(nil)
	_ fyne.Draggable         = (*Reader)(nil)
	_ fyne.Focusable         = (*Reader)(nil)
	_ fyne.Shortcutable      = (*Reader)(nil)
	_ fyne.Scrollable        = (*Reader)(nil)
	_ desktop.Mouseable      = (*Reader)(nil)
	_ desktop.Hoverable      = (*Reader)(nil)
	_ desktop.Keyable        = (*Reader)(nil)
	_ desktop.Cursorable     = (*Reader)(nil)
)

// doubleTapDelay is the driver's interval for multi-clicks.
func doubleTapDelay() time.Duration {
	if a := fyne.CurrentApp(); a != nil && a.Driver() != nil {
		return a.Driver().DoubleTapDelay()
	}
	return 300 * time.Millisecond
}

// hit maps a widget position to the caret offset nearest to it and the code point
// under it (-1 when the position is not over text).
func (r *Reader) hit(pos fyne.Position) (caret, char int) {
	r.layoutView()
	if len(r.view) == 0 {
		return 0, -1
	}
	i := sort.Search(len(r.view), func(i int) bool { return r.view[i].y > pos.Y }) - 1
	if i < 0 {
		i, pos.X = 0, -1e9
	}
	vl := r.view[i]
	b := &r.doc.blocks[vl.blk]
	if vl.li < 0 {
		return b.start, -1
	}
	if i == len(r.view)-1 && pos.Y >= vl.y+r.m.lineH {
		pos.X = 1e9
	}
	x := pos.X - r.m.pad
	n := vl.de - vl.ds
	k := vl.ds + sort.Search(n+1, func(j int) bool { return r.xAt(b, vl.li, vl.ds+j) >= x })
	if k > vl.de {
		k = vl.de
	} else if k > vl.ds && x-r.xAt(b, vl.li, k-1) < r.xAt(b, vl.li, k)-x {
		k--
	}
	caret = r.doc.clusterEnd(b.offAt(k))
	char = -1
	if x >= 0 && n > 0 && x < r.xAt(b, vl.li, vl.de) {
		c := vl.ds + sort.Search(n, func(j int) bool { return r.xAt(b, vl.li, vl.ds+j+1) > x })
		char = b.offAt(min(c, vl.de-1))
	}
	return caret, char
}

// OffsetAt returns the caret offset nearest to a position within the widget.
func (r *Reader) OffsetAt(pos fyne.Position) int {
	c, _ := r.hit(pos)
	return c
}

// requestFocus gives the reader keyboard focus.
func (r *Reader) requestFocus() {
	if a := fyne.CurrentApp(); a != nil {
		if c := a.Driver().CanvasForObject(r); c != nil && c.Focused() != r {
			c.Focus(r)
		}
	}
}

// userSelect sets the selection from user input and reports a change.
func (r *Reader) userSelect(anchor, caret int) {
	n := len(r.doc.text)
	r.anchor, r.caret = clamp(anchor, 0, n), clamp(caret, 0, n)
	r.notifySelection()
	r.Refresh()
}

func (r *Reader) notifySelection() {
	s, e := r.Selection()
	if s == r.lastSelStart && e == r.lastSelEnd {
		return
	}
	r.lastSelStart, r.lastSelEnd = s, e
	if r.OnSelectionChanged != nil {
		r.OnSelectionChanged(s, e)
	}
}

// inBar reports whether pos is on the scroll bar of a text taller than the view.
func (r *Reader) inBar(pos fyne.Position) bool {
	_, _, ok := r.thumb()
	return ok && pos.X >= r.Size().Width-r.m.scrollW
}

// thumb returns the scroll bar thumb's top and height, ok false when there is nothing to scroll.
func (r *Reader) thumb() (y, h float32, ok bool) {
	vh, total := r.Size().Height, r.contentHeight()
	if total <= vh || vh <= 0 {
		return 0, 0, false
	}
	h = max(vh*vh/total, min(24, vh/2))
	y = r.scrollY() / (total - vh) * (vh - h)
	return min(max(y, 0), vh-h), h, true
}

// MouseDown starts a click or drag: a press soon after a double click selects the
// paragraph, a shift press extends the selection.
func (r *Reader) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	r.requestFocus()
	r.pressPos, r.pressValid, r.suppressTap = ev.Position, true, false
	if r.inBar(ev.Position) {
		return
	}
	c, ch := r.hit(ev.Position)
	switch {
	case nearby(ev.Position, r.lastTapPos) && time.Since(r.lastDouble) <= doubleTapDelay():
		r.lastDouble = time.Time{}
		r.suppressTap = true
		s, e := r.doc.paragraphAt(pick(c, ch))
		r.userSelect(s, e)
	case ev.Modifier&fyne.KeyModifierShift != 0 || r.shiftDown:
		r.suppressTap = true
		r.userSelect(r.anchor, c)
	default:
		r.userSelect(c, c)
	}
	r.goalValid = false
}

// MouseUp ends a press.
func (r *Reader) MouseUp(*desktop.MouseEvent) {
	r.pressValid = false
}

// nearby reports whether two clicks are close enough to count as one multi-click.
func nearby(a, b fyne.Position) bool {
	const slop = 6
	return a.X-b.X < slop && b.X-a.X < slop && a.Y-b.Y < slop && b.Y-a.Y < slop
}

// resetClicks ends any multi-click sequence.
func (r *Reader) resetClicks() {
	r.lastTap, r.lastDouble, r.tapCount = time.Time{}, time.Time{}, 0
}

// pick prefers the code point under the pointer over the caret position.
func pick(caret, char int) int {
	if char >= 0 {
		return char
	}
	return caret
}

// Dragged extends the selection to the pointer (or moves the scroll bar thumb),
// scrolling when the pointer leaves the view.
func (r *Reader) Dragged(ev *fyne.DragEvent) {
	if !r.dragging {
		r.dragging = true
		start := ev.Position.Subtract(ev.Dragged)
		if r.pressValid {
			start = r.pressPos
		}
		if r.inBar(start) {
			r.barDrag, r.barStartY, r.barDragDY = true, r.scrollY(), 0
		} else if !r.suppressTap { // a shift press already placed the anchor
			r.requestFocus()
			c, _ := r.hit(start)
			r.anchor = c
		}
	}
	if r.barDrag {
		r.barDragDY += ev.Dragged.DY
		if _, th, ok := r.thumb(); ok {
			vh := r.Size().Height
			r.scrollToY(r.barStartY + r.barDragDY*(r.contentHeight()-vh)/max(vh-th, 1))
			r.Refresh()
		}
		return
	}
	if h := r.Size().Height; ev.Position.Y < 0 {
		r.scrollBy(ev.Position.Y)
	} else if ev.Position.Y > h {
		r.scrollBy(ev.Position.Y - h)
	}
	c, _ := r.hit(ev.Position)
	r.goalValid = false
	r.userSelect(r.anchor, c)
}

// DragEnd finishes a drag selection.
func (r *Reader) DragEnd() {
	r.dragging, r.barDrag, r.pressValid, r.suppressTap = false, false, false, false
	r.notifySelection()
}

// Tapped places the caret (or extends with shift); the second and third of quick taps
// select the word and the paragraph; a tap on coded text calls OnSpanTapped.
func (r *Reader) Tapped(ev *fyne.PointEvent) {
	r.requestFocus()
	if r.suppressTap {
		r.suppressTap = false
		return
	}
	if r.inBar(ev.Position) {
		if y, h, ok := r.thumb(); ok {
			page := r.Size().Height - r.m.lineH
			if ev.Position.Y < y {
				r.scrollBy(-page)
			} else if ev.Position.Y > y+h {
				r.scrollBy(page)
			}
			r.Refresh()
		}
		return
	}
	now := time.Now()
	c, ch := r.hit(ev.Position)
	near := nearby(ev.Position, r.lastTapPos)
	r.lastTapPos = ev.Position
	if near && now.Sub(r.lastDouble) <= doubleTapDelay() {
		r.lastDouble = time.Time{}
		s, e := r.doc.paragraphAt(pick(c, ch))
		r.userSelect(s, e)
		return
	}
	if near && now.Sub(r.lastTap) <= doubleTapDelay() {
		r.tapCount++
	} else {
		r.tapCount = 1
	}
	r.lastTap = now
	if r.tapCount == 2 {
		r.lastDouble = now
		s, e := r.doc.wordAt(pick(c, ch))
		r.userSelect(s, e)
		return
	}
	r.goalValid = false
	if r.shiftDown {
		r.userSelect(r.anchor, c)
	} else {
		r.userSelect(c, c)
	}
	if ch >= 0 && r.OnSpanTapped != nil {
		if spans := r.spans.at(ch); len(spans) > 0 {
			r.OnSpanTapped(spans, ev.AbsolutePosition)
		}
	}
}

// DoubleTapped selects the word under the pointer.
func (r *Reader) DoubleTapped(ev *fyne.PointEvent) {
	r.requestFocus()
	c, ch := r.hit(ev.Position)
	now := time.Now()
	r.lastDouble, r.lastTap, r.tapCount, r.lastTapPos = now, now, 2, ev.Position
	r.suppressTap = false
	if ch < 0 && c > 0 && (c >= len(r.doc.text) || r.doc.text[c] == '\n' || r.doc.text[c] == '\f') {
		ch = c - 1 // past the end of a line: the word before
	}
	s, e := r.doc.wordAt(pick(c, ch))
	r.userSelect(s, e)
}

// TappedSecondary reports a right click through OnSecondaryTapped.
func (r *Reader) TappedSecondary(ev *fyne.PointEvent) {
	r.requestFocus()
	_, ch := r.hit(ev.Position)
	if r.OnSecondaryTapped == nil {
		return
	}
	var spans []Span
	if ch >= 0 {
		spans = r.spans.at(ch)
	}
	r.OnSecondaryTapped(ch, spans, ev.AbsolutePosition)
}

// Scrolled scrolls the text by the wheel or touchpad delta.
func (r *Reader) Scrolled(ev *fyne.ScrollEvent) {
	r.scrollBy(-ev.Scrolled.DY)
	r.MouseOut() // the text moved under the pointer: drop the hover label
	r.Refresh()
}

// MouseIn starts hover tracking.
func (r *Reader) MouseIn(ev *desktop.MouseEvent) {
	r.MouseMoved(ev)
}

// MouseMoved updates the codes under the pointer and the hover label.
func (r *Reader) MouseMoved(ev *desktop.MouseEvent) {
	if r.dragging {
		return
	}
	var spans []Span
	if _, ch := r.hit(ev.Position); ch >= 0 {
		spans = r.spans.at(ch)
	}
	if sameSpans(spans, r.hover) {
		return
	}
	r.hover, r.hoverPos = spans, ev.Position
	if r.OnHover != nil {
		r.OnHover(spans)
	}
	r.Refresh()
}

// MouseOut clears the hover state.
func (r *Reader) MouseOut() {
	if len(r.hover) == 0 {
		return
	}
	r.hover = nil
	if r.OnHover != nil {
		r.OnHover(nil)
	}
	r.Refresh()
}

func sameSpans(a, b []Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Start != b[i].Start || a[i].End != b[i].End {
			return false
		}
	}
	return true
}

// Cursor shows the text cursor over the reader.
func (r *Reader) Cursor() desktop.Cursor {
	return desktop.TextCursor
}
