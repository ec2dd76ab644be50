// Package reader provides Reader, the read-only, selectable, coded text view in which
// reviewers read a study page by page, select passages and see the codes applied to them.
//
// All positions are Unicode code-point (rune) offsets into the study text, whose pages are
// joined by form feeds. The widget lays out lazily (only the paragraphs it shows are
// wrapped) and creates canvas objects for the visible lines only, so a 300-page study
// opens and scrolls as fast as a short one.
package reader

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Reader is the coded text view widget. Create it with New; all methods must be called
// on the Fyne main goroutine (inside callbacks or fyne.Do).
type Reader struct {
	widget.BaseWidget

	// OnSelectionChanged is called when the user changes the selection (drag, clicks,
	// keys, select all); it is not called by SetSelection.
	OnSelectionChanged func(start, end int)
	// OnHover is called when the pointer moves onto or off coded text with the codes
	// under it (nil or empty when it leaves them).
	OnHover func(spans []Span)
	// OnSpanTapped is called when coded text is clicked without dragging; pos is the
	// absolute canvas position, suitable for widget.ShowPopUpMenuAtPosition.
	OnSpanTapped func(spans []Span, pos fyne.Position)
	// OnSecondaryTapped is called on a right click with the code point under the
	// pointer (-1 when none), the codes there and the absolute canvas position.
	OnSecondaryTapped func(offset int, spans []Span, pos fyne.Position)
	// OnKey sees every typed key first; returning true stops the reader's own handling
	// (use it for number keys choosing pinned codes).
	OnKey func(ev *fyne.KeyEvent) bool
	// OnShortcut sees shortcuts other than copy and select all (for example Ctrl+K as
	// *desktop.CustomShortcut); when it is nil or returns false the shortcut is passed
	// on to the canvas's own shortcuts.
	OnShortcut func(s fyne.Shortcut) bool
	// OnViewChanged is called after a repaint that changed the visible range of offsets
	// (scrolling, resizing, new text), for example to show the current page.
	OnViewChanged func(start, end int)
	// PageLabel returns the page marker text for a zero-based page; nil shows "— Page n —".
	PageLabel func(page int) string
	// HideTooltip turns off the built-in hover label listing the codes under the pointer.
	HideTooltip bool

	doc   *document
	spans *spanSet

	anchor, caret int   // selection: fixed end and moving end
	hl            Range // transient find highlight

	// layout state
	m             metrics
	advance       map[rune]float32
	measures      int // fyne.MeasureText calls, for benchmarks
	wrapW         float32
	prefix        []int
	prefixDirty   bool
	topBlock      int
	topPix        float32
	pendingScroll int     // offset to show at the next layout, -1 for none
	pendingFrac   float32 // where in the view it goes (0 top, 1 bottom)
	view          []vline

	// input state
	focused      bool
	shiftDown    bool
	pressPos     fyne.Position
	pressValid   bool
	dragging     bool
	barDrag      bool
	barStartY    float32
	barDragDY    float32
	suppressTap  bool
	lastTap      time.Time
	tapCount     int
	lastDouble   time.Time
	lastTapPos   fyne.Position
	hover        []Span
	hoverPos     fyne.Position
	goalX        float32 // remembered x for up/down keys
	goalValid    bool
	lastSelStart int
	lastSelEnd   int
	lastView     Range // visible range reported to OnViewChanged
}

// New returns an empty Reader; give it text with SetDocument.
func New() *Reader {
	r := &Reader{pendingScroll: -1, advance: map[rune]float32{}}
	r.doc = newDocument("", nil, nil)
	r.spans = newSpanSet(nil, 0)
	r.ExtendBaseWidget(r)
	return r
}

// SetDocument replaces the text. pageStarts are the code-point offsets at which pages
// start (nil derives them from the form feeds); hidden ranges (running headers and
// footers) are not shown. Selection, highlight and spans are cleared; scrolls to the top.
func (r *Reader) SetDocument(text string, pageStarts []int, hidden []Range) {
	r.doc = newDocument(text, pageStarts, hidden)
	r.spans = newSpanSet(nil, 0)
	r.anchor, r.caret, r.hl = 0, 0, Range{}
	r.lastSelStart, r.lastSelEnd = 0, 0
	r.topBlock, r.topPix, r.pendingScroll = 0, 0, -1
	r.wrapW, r.prefixDirty, r.hover = -1, true, nil
	r.Refresh()
}

// SetHidden changes the hidden ranges, keeping text, spans, selection and position.
func (r *Reader) SetHidden(hidden []Range) {
	off := r.anchorOffset()
	spans := r.spans.spans
	sel0, sel1 := r.anchor, r.caret
	pages := r.doc.pages
	r.doc = newDocument(string(r.doc.text), pages, hidden)
	r.spans = newSpanSet(spans, len(r.doc.text))
	r.anchor, r.caret = sel0, sel1
	r.wrapW, r.prefixDirty = -1, true
	r.topBlock, r.topPix = 0, 0
	r.pendingScroll = -1
	if off > 0 {
		r.pendingScroll, r.pendingFrac = off, 0
	}
	r.Refresh()
}

// SetSpans replaces the coded spans painted over the text.
func (r *Reader) SetSpans(spans []Span) {
	r.spans = newSpanSet(spans, len(r.doc.text))
	r.hover = nil
	r.Refresh()
}

// Spans returns the coded spans, sorted by start (then longest first).
func (r *Reader) Spans() []Span {
	return append([]Span(nil), r.spans.spans...)
}

// SpansAt returns the coded spans covering the code point at offset.
func (r *Reader) SpansAt(offset int) []Span {
	return r.spans.at(offset)
}

// Len returns the length of the text in code points.
func (r *Reader) Len() int {
	return len(r.doc.text)
}

// PageAt returns the zero-based page holding offset.
func (r *Reader) PageAt(offset int) int {
	return r.doc.pageAt(offset)
}

// Text returns the text of [start, end) as shown: hidden ranges left out and page
// breaks turned into blank lines (this is what Ctrl+C copies).
func (r *Reader) Text(start, end int) string {
	return r.doc.plain(start, end)
}

// Selection returns the selected range as code-point offsets, start <= end; start ==
// end means nothing is selected (the caret is there).
func (r *Reader) Selection() (start, end int) {
	return min(r.anchor, r.caret), max(r.anchor, r.caret)
}

// SelectedText returns the selected text as Text would.
func (r *Reader) SelectedText() string {
	s, e := r.Selection()
	return r.doc.plain(s, e)
}

// SetSelection selects [start, end) (clamped to the text) and scrolls it into view.
// OnSelectionChanged is not called.
func (r *Reader) SetSelection(start, end int) {
	n := len(r.doc.text)
	r.anchor, r.caret = clamp(min(start, end), 0, n), clamp(max(start, end), 0, n)
	r.lastSelStart, r.lastSelEnd = r.Selection()
	r.goalValid = false
	r.ScrollTo(r.caret)
	r.Refresh()
}

// Highlight marks [start, end) as the current find result, distinct from the selection,
// and scrolls it into view; an empty range clears it.
func (r *Reader) Highlight(start, end int) {
	n := len(r.doc.text)
	r.hl = Range{clamp(min(start, end), 0, n), clamp(max(start, end), 0, n)}
	if r.hl.End > r.hl.Start {
		r.ScrollTo(r.hl.Start)
	}
	r.Refresh()
}

// Highlighted returns the current find highlight.
func (r *Reader) Highlighted() (start, end int) {
	return r.hl.Start, r.hl.End
}

// ScrollTo scrolls so that the line showing offset is visible; a line already fully
// visible does not move, any other lands a third of the way down the view.
func (r *Reader) ScrollTo(offset int) {
	offset = clamp(offset, 0, len(r.doc.text))
	if r.wrapW <= 0 || r.Size().Height <= 0 {
		r.pendingScroll, r.pendingFrac = offset, 1.0/3
		return
	}
	r.layoutView()
	if vl := r.lineForOffset(offset); vl != nil && vl.y >= 0 && vl.y+r.m.lineH <= r.Size().Height {
		return
	}
	r.placeLine(offset, r.Size().Height/3)
	r.Refresh()
}

// VisibleRange returns the offsets of the first and past the last code point on screen.
func (r *Reader) VisibleRange() (start, end int) {
	if len(r.view) == 0 {
		return 0, 0
	}
	first, last := r.view[0], r.view[len(r.view)-1]
	fb, lb := &r.doc.blocks[first.blk], &r.doc.blocks[last.blk]
	start, end = fb.start, lb.end
	if first.li >= 0 {
		start = fb.offAt(first.ds)
	}
	if last.li >= 0 {
		end = lb.offAt(last.de)
	}
	return start, end
}

// lineForOffset returns the visible line showing offset off, or nil.
func (r *Reader) lineForOffset(off int) *vline {
	bi := r.doc.paraFor(off)
	if bi < 0 {
		return nil
	}
	b := &r.doc.blocks[bi]
	if b.wrapW != r.wrapW {
		return nil
	}
	li := b.lineOf(b.idxAt(off))
	for i := range r.view {
		if r.view[i].blk == bi && r.view[i].li == li {
			return &r.view[i]
		}
	}
	return nil
}

// CreateRenderer implements fyne.Widget.
func (r *Reader) CreateRenderer() fyne.WidgetRenderer {
	r.ExtendBaseWidget(r)
	return newRenderer(r)
}

// PositionOf returns the widget position of the caret before offset (the top of its
// glyph box), ok false when that line is not on screen.
func (r *Reader) PositionOf(offset int) (pos fyne.Position, ok bool) {
	r.layoutView()
	vl := r.lineForOffset(offset)
	if vl == nil {
		return fyne.Position{}, false
	}
	b := &r.doc.blocks[vl.blk]
	return fyne.NewPos(r.m.pad+r.xAt(b, vl.li, b.idxAt(offset)), vl.y+r.m.spacing/2), true
}
