package reader

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// FocusGained shows the caret.
func (r *Reader) FocusGained() {
	r.focused = true
	r.Refresh()
}

// FocusLost hides the caret.
func (r *Reader) FocusLost() {
	r.focused, r.shiftDown = false, false
	r.Refresh()
}

// TypedRune ignores typed characters: the text is read-only (number keys arrive
// through OnKey as key events).
func (r *Reader) TypedRune(rune) {}

// KeyDown tracks the shift keys for shift-click and shift-arrow selection.
func (r *Reader) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		r.shiftDown = true
	}
}

// KeyUp tracks the shift keys.
func (r *Reader) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		r.shiftDown = false
	}
}

// TypedKey moves the caret: arrows, Home, End, Page Up and Page Down; with shift held
// they extend the selection. Escape clears the find highlight. OnKey sees keys first.
func (r *Reader) TypedKey(ev *fyne.KeyEvent) {
	r.resetClicks()
	if r.OnKey != nil && r.OnKey(ev) {
		return
	}
	s, e := r.Selection()
	c := r.caret
	switch ev.Name {
	case fyne.KeyLeft:
		if !r.shiftDown && s != e {
			r.moveCaret(s, false)
			return
		}
		r.moveCaret(r.prevPos(c), false)
	case fyne.KeyRight:
		if !r.shiftDown && s != e {
			r.moveCaret(e, false)
			return
		}
		r.moveCaret(r.nextPos(c), false)
	case fyne.KeyUp:
		r.moveCaret(r.verticalPos(c, -1), true)
	case fyne.KeyDown:
		r.moveCaret(r.verticalPos(c, 1), true)
	case fyne.KeyHome, fyne.KeyEnd:
		r.moveCaret(r.lineEdge(c, ev.Name == fyne.KeyEnd), false)
	case fyne.KeyPageUp, fyne.KeyPageDown:
		dir := 1
		if ev.Name == fyne.KeyPageUp {
			dir = -1
		}
		lines := max(int(r.Size().Height/max(r.m.lineH, 1))-1, 1)
		for i := 0; i < lines; i++ {
			c = r.verticalPos(c, dir)
		}
		r.scrollBy(float32(dir*lines) * r.m.lineH)
		r.moveCaret(c, true)
	case fyne.KeyEscape:
		if r.hl.End > r.hl.Start {
			r.Highlight(0, 0)
		}
	}
}

// moveCaret puts the caret at off, extending the selection while shift is held.
func (r *Reader) moveCaret(off int, vertical bool) {
	if !vertical {
		r.goalValid = false
	}
	a := off
	if r.shiftDown {
		a = r.anchor
	}
	r.anchor, r.caret = a, clamp(off, 0, len(r.doc.text))
	r.ScrollTo(r.caret)
	r.notifySelection()
	r.Refresh()
}

// prevPos is the caret position one visible cluster before c.
func (r *Reader) prevPos(c int) int {
	for c > 0 && r.doc.isHidden(c-1) {
		c--
	}
	if c == 0 {
		return 0
	}
	return r.doc.clusterStart(c - 1)
}

// nextPos is the caret position one visible cluster after c.
func (r *Reader) nextPos(c int) int {
	n := len(r.doc.text)
	for c < n && r.doc.isHidden(c) {
		c++
	}
	if c >= n {
		return n
	}
	return r.doc.clusterEnd(c + 1)
}

// caretLine returns the block and line showing caret offset c and its x within the line.
func (r *Reader) caretLine(c int) (bi, li int, x float32) {
	bi = r.doc.paraFor(c)
	if bi < 0 || r.wrapW <= 0 {
		return -1, 0, 0
	}
	b := &r.doc.blocks[bi]
	r.ensureWrapped(b)
	idx := b.idxAt(c)
	li = b.lineOf(idx)
	return bi, li, r.xAt(b, li, idx)
}

// verticalPos is the caret position dir lines below (or above) c, keeping its x.
func (r *Reader) verticalPos(c, dir int) int {
	bi, li, x := r.caretLine(c)
	if bi < 0 {
		return c
	}
	if r.goalValid {
		x = r.goalX
	}
	r.goalX, r.goalValid = x, true
	li += dir
	for li < 0 || li >= r.doc.blocks[bi].lines {
		next := bi + dir
		for next >= 0 && next < len(r.doc.blocks) && r.doc.blocks[next].marker {
			next += dir
		}
		if next < 0 {
			return 0
		}
		if next >= len(r.doc.blocks) {
			return len(r.doc.text)
		}
		bi = next
		r.ensureWrapped(&r.doc.blocks[bi])
		li = 0
		if dir < 0 {
			li = r.doc.blocks[bi].lines - 1
		}
	}
	return r.posInLine(bi, li, x)
}

// posInLine returns the caret offset nearest to x on line li of paragraph bi.
func (r *Reader) posInLine(bi, li int, x float32) int {
	b := &r.doc.blocks[bi]
	ds, de := b.lineRange(li)
	if li+1 < b.lines && de > ds {
		de-- // the soft break position belongs to the next line
	}
	best, bestD := ds, float32(-1)
	lo, hi := ds, de
	for lo < hi { // first index whose x reaches the goal
		mid := (lo + hi) / 2
		if r.xAt(b, li, mid) < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for _, k := range []int{lo - 1, lo} {
		if k < ds || k > de {
			continue
		}
		d := r.xAt(b, li, k) - x
		if d < 0 {
			d = -d
		}
		if bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	return r.doc.clusterEnd(b.offAt(best))
}

// lineEdge returns the start or end of the visual line showing c.
func (r *Reader) lineEdge(c int, end bool) int {
	bi, li, _ := r.caretLine(c)
	if bi < 0 {
		return c
	}
	b := &r.doc.blocks[bi]
	ds, de := b.lineRange(li)
	if !end {
		return b.offAt(ds)
	}
	if li+1 < b.lines {
		for de > ds && r.doc.displayRunes(b)[de-1] == ' ' {
			de--
		}
	}
	return b.offAt(de)
}

// TypedShortcut copies the selection (Ctrl+C), selects all (Ctrl+A), moves to the text's
// start or end (Ctrl+Home, Ctrl+End) or by words (Ctrl+Left, Ctrl+Right; Alt on macOS),
// extending with Shift, and hands other shortcuts to OnShortcut and then to the canvas.
func (r *Reader) TypedShortcut(sc fyne.Shortcut) {
	switch s := sc.(type) {
	case *fyne.ShortcutCopy:
		r.copySelection()
		return
	case *fyne.ShortcutSelectAll:
		r.userSelect(0, len(r.doc.text))
		return
	case *desktop.CustomShortcut:
		if r.navigate(s) {
			return
		}
	}
	if r.OnShortcut != nil && r.OnShortcut(sc) {
		return
	}
	if a := fyne.CurrentApp(); a != nil {
		if c, ok := a.Driver().CanvasForObject(r).(interface{ TypedShortcut(fyne.Shortcut) }); ok {
			c.TypedShortcut(sc)
		}
	}
}

// copySelection puts the selected text on the clipboard.
func (r *Reader) copySelection() {
	s, e := r.Selection()
	if s == e {
		return
	}
	if a := fyne.CurrentApp(); a != nil && a.Clipboard() != nil {
		a.Clipboard().SetContent(r.doc.plain(s, e))
	}
}

// navigate handles the caret movements that arrive as shortcuts; false when s is not one.
func (r *Reader) navigate(s *desktop.CustomShortcut) bool {
	mod := s.Modifier &^ fyne.KeyModifierShift
	word := mod == fyne.KeyModifierControl || mod == fyne.KeyModifierAlt
	var off int
	switch {
	case mod == fyne.KeyModifierShortcutDefault && s.KeyName == fyne.KeyHome:
		off = 0
	case mod == fyne.KeyModifierShortcutDefault && s.KeyName == fyne.KeyEnd:
		off = len(r.doc.text)
	case word && s.KeyName == fyne.KeyLeft:
		off = r.wordLeft(r.caret)
	case word && s.KeyName == fyne.KeyRight:
		off = r.wordRight(r.caret)
	default:
		return false
	}
	shift := r.shiftDown
	r.shiftDown = s.Modifier&fyne.KeyModifierShift != 0
	r.moveCaret(off, false)
	r.shiftDown = shift
	return true
}

// wordRight is the end of the word at or after c.
func (r *Reader) wordRight(c int) int {
	t := r.doc.text
	for c < len(t) && !isWordRune(t[c]) {
		c++
	}
	for c < len(t) && isWordRune(t[c]) {
		c++
	}
	return c
}

// wordLeft is the start of the word at or before c.
func (r *Reader) wordLeft(c int) int {
	t := r.doc.text
	for c > 0 && !isWordRune(t[c-1]) {
		c--
	}
	for c > 0 && isWordRune(t[c-1]) {
		c--
	}
	return c
}
