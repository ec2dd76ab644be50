package study

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noteEntry is a multi-line, word-wrapping entry for a note inside a form
// that scrolls (an appraisal's justifications). A plain multi-line Entry
// keeps its own scroller under the pointer, and Fyne hands the mouse wheel
// to the innermost scroller there, so the wheel stopped scrolling the form
// over every justification box. A noteEntry grows to show all of its text,
// so it never needs to scroll itself, and lays a transparent layer over
// itself that takes the wheel and passes it to the form's scroll container.
type noteEntry struct {
	widget.Entry
	pass *wheelPass

	measure     *widget.RichText // lays the text out as the entry does, to size it
	measured    string
	measuredW   float32
	measuredMin float32
}

// newNoteEntry makes a note entry showing at least rows lines.
func newNoteEntry(rows int) *noteEntry {
	n := &noteEntry{pass: &wheelPass{}}
	n.MultiLine = true
	n.Wrapping = fyne.TextWrapWord
	n.ExtendBaseWidget(n)
	n.SetMinRowsVisible(rows)
	n.pass.ExtendBaseWidget(n.pass)
	return n
}

// passWheelTo makes the mouse wheel over the entry scroll s.
func (n *noteEntry) passWheelTo(s fyne.Scrollable) { n.pass.to = s }

// MinSize is tall enough for every wrapped line of the text at the entry's
// width (and at least the rows asked for). The window re-reads it after
// each change of text or width and lays the form out again.
func (n *noteEntry) MinSize() fyne.Size {
	min := n.Entry.MinSize()
	if h := n.textHeight(); h > min.Height {
		min.Height = h
	}
	return min
}

// textHeight is the height the entry needs to show its text without
// scrolling at its current width: the text laid out by a rich text like
// the entry's own, plus the entry's borders.
func (n *noteEntry) textHeight() float32 {
	w := n.Size().Width
	if w <= 0 || n.Text == "" {
		return 0
	}
	if n.Text == n.measured && w == n.measuredW {
		return n.measuredMin
	}
	th := n.Theme()
	border := th.Size(theme.SizeNameInputBorder)
	if n.measure == nil {
		n.measure = widget.NewRichTextWithText("")
		n.measure.Wrapping = fyne.TextWrapWord
	}
	n.measure.Segments[0].(*widget.TextSegment).Text = n.Text
	n.measure.Resize(fyne.NewSize(w-2*border, 0))
	n.measure.Refresh()
	n.measured, n.measuredW = n.Text, w
	// The entry insets its text by a border above and below, inside its own border.
	n.measuredMin = n.measure.MinSize().Height + 4*border
	return n.measuredMin
}

// CreateRenderer is the entry's renderer with the wheel layer on top.
func (n *noteEntry) CreateRenderer() fyne.WidgetRenderer {
	return &noteRenderer{WidgetRenderer: n.Entry.CreateRenderer(), pass: n.pass}
}

// noteRenderer draws an entry and its wheel layer above it.
type noteRenderer struct {
	fyne.WidgetRenderer
	pass *wheelPass
}

// Layout lays out the entry and spreads the wheel layer over all of it.
func (r *noteRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.pass.Move(fyne.NewPos(0, 0))
	r.pass.Resize(size)
}

// Objects are the entry's, then the wheel layer (last, so on top).
func (r *noteRenderer) Objects() []fyne.CanvasObject {
	return append(slices.Clip(r.WidgetRenderer.Objects()), r.pass)
}

// wheelPass is a transparent layer that hands mouse-wheel events to a
// scroll container; it takes no taps, drags or keys, so those still reach
// the entry below it.
type wheelPass struct {
	widget.BaseWidget
	to fyne.Scrollable
}

// Scrolled passes the wheel on.
func (w *wheelPass) Scrolled(ev *fyne.ScrollEvent) {
	if w.to != nil {
		w.to.Scrolled(ev)
	}
}

// CreateRenderer draws nothing.
func (w *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
