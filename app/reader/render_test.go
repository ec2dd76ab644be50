package reader

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

var (
	red  = color.NRGBA{R: 0xd0, G: 0x20, B: 0x20, A: 0xff}
	blue = color.NRGBA{R: 0x20, G: 0x40, B: 0xd0, A: 0xff}
)

func near(a, b float32) bool { return a-b < 0.01 && b-a < 0.01 }

func TestSpansPaintBandsAndStackedBars(t *testing.T) {
	line := "Alpha beta gamma delta"
	r, _ := setup(t, line, nil, 600, 200)
	r.SetSpans([]Span{
		{ID: "a", Start: 6, End: 16, Color: red, Label: "Cost", Detail: "ann"},
		{ID: "b", Start: 11, End: 22, Color: blue, Label: "Trust", Detail: "bob"},
	})
	redBars, blueBars := rects(r, red), rects(r, blue)
	if len(redBars) != 1 || len(blueBars) != 1 {
		t.Fatalf("got %d red and %d blue bars, want one each", len(redBars), len(blueBars))
	}
	rb, bb := redBars[0], blueBars[0]
	if !near(rb.Position().X, xOf(line, 6)) || !near(rb.Size().Width, xOf(line, 16)-xOf(line, 6)) {
		t.Fatalf("red bar at x=%v w=%v, want x=%v w=%v", rb.Position().X, rb.Size().Width, xOf(line, 6), xOf(line, 16)-xOf(line, 6))
	}
	if !near(bb.Position().X, xOf(line, 11)) || !near(bb.Size().Width, xOf(line, 22)-xOf(line, 11)) {
		t.Fatalf("blue bar at x=%v w=%v", bb.Position().X, bb.Size().Width)
	}
	if d := bb.Position().Y - rb.Position().Y; !near(d, barHeight+barGap) {
		t.Fatalf("overlapping bars are %v apart, want stacked %v apart", d, barHeight+barGap)
	}
	top, _ := r.PositionOf(0)
	textH := fyne.MeasureText("Mg", theme.Size(theme.SizeNameText), fyne.TextStyle{}).Height
	if rb.Position().Y < top.Y+textH {
		t.Fatalf("bar at y=%v overlaps the text ending at %v", rb.Position().Y, top.Y+textH)
	}
	// translucent background bands, one per span, behind the glyph box
	redBands, blueBands := rects(r, withAlpha(red, bandAlpha)), rects(r, withAlpha(blue, bandAlpha))
	if len(redBands) != 1 || len(blueBands) != 1 {
		t.Fatalf("got %d red and %d blue bands", len(redBands), len(blueBands))
	}
	if !near(redBands[0].Position().Y, top.Y) || !near(redBands[0].Size().Height, textH) {
		t.Fatalf("band at y=%v h=%v, want y=%v h=%v", redBands[0].Position().Y, redBands[0].Size().Height, top.Y, textH)
	}
	objs := test.WidgetRenderer(r).Objects()
	bandIdx, textIdx := -1, -1
	for i, o := range objs {
		if o == redBands[0] {
			bandIdx = i
		}
		if tx, ok := o.(*canvas.Text); ok && tx.Text == line {
			textIdx = i
		}
	}
	if bandIdx < 0 || textIdx < 0 || bandIdx > textIdx {
		t.Fatalf("band (%d) must be drawn before the text (%d)", bandIdx, textIdx)
	}

	// no spans: no bars
	r.SetSpans(nil)
	if n := len(rects(r, red)) + len(rects(r, blue)); n != 0 {
		t.Fatalf("%d span rectangles left after clearing spans", n)
	}
}

func TestSpanAcrossWrappedLinesGetsBarPerLine(t *testing.T) {
	text := strings.Repeat("word ", 40)
	r, _ := setup(t, text, nil, 260, 400)
	r.SetSpans([]Span{{ID: "x", Start: 2, End: 150, Color: red}})
	bars := rects(r, red)
	lines := 0
	for _, s := range texts(r) {
		if strings.HasPrefix(s, "word") {
			lines++
		}
	}
	if lines < 3 {
		t.Fatalf("expected the paragraph to wrap, got %d lines", lines)
	}
	// the span covers 150 of 200 code points: every line but the last few
	if len(bars) < 2 || len(bars) > lines {
		t.Fatalf("%d bars for a span over %d wrapped lines", len(bars), lines)
	}
	for i := 1; i < len(bars); i++ {
		if bars[i].Position().Y <= bars[i-1].Position().Y {
			t.Fatal("bars not on successive lines")
		}
		if !near(bars[i].Position().X, theme.Size(theme.SizeNameInnerPadding)) {
			t.Fatalf("continuation bar starts at x=%v", bars[i].Position().X)
		}
	}
}

func TestSelectionAndHighlightAreDistinct(t *testing.T) {
	line := "Alpha beta gamma delta"
	r, _ := setup(t, line, nil, 600, 200)
	r.SetSelection(0, 5)
	r.Highlight(11, 16)
	sel := rects(r, theme.Color(theme.ColorNameSelection))
	hl := rects(r, withAlpha(theme.Color(theme.ColorNameWarning), 0x70))
	if len(sel) != 1 || len(hl) != 1 {
		t.Fatalf("%d selection and %d highlight rectangles", len(sel), len(hl))
	}
	if !near(sel[0].Size().Width, xOf(line, 5)-xOf(line, 0)) || !near(hl[0].Position().X, xOf(line, 11)) {
		t.Fatalf("selection w=%v highlight x=%v", sel[0].Size().Width, hl[0].Position().X)
	}
	if s, e := r.Highlighted(); s != 11 || e != 16 {
		t.Fatalf("Highlighted = %d,%d", s, e)
	}
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(rects(r, withAlpha(theme.Color(theme.ColorNameWarning), 0x70))) != 0 {
		t.Fatal("escape did not clear the highlight")
	}
}

func TestOnlyVisibleLinesHaveObjects(t *testing.T) {
	text := study(300)
	r, _ := setup(t, text, nil, 800, 600)
	if n := r.Len(); n < 900000 {
		t.Fatalf("study has %d code points", n)
	}
	lineH := r.m.lineH
	maxLines := int(600/lineH) + 2
	count := func() (txt, all int) {
		objs := test.WidgetRenderer(r).Objects()
		for _, o := range objs {
			if _, ok := o.(*canvas.Text); ok {
				txt++
			}
		}
		return txt, len(objs)
	}
	txt, all := count()
	if txt < maxLines-4 || txt > maxLines {
		t.Fatalf("%d text objects for a view of about %d lines", txt, maxLines)
	}
	if all > 4*maxLines {
		t.Fatalf("%d objects in the view", all)
	}
	wrapped := 0
	for i := range r.doc.blocks {
		if !r.doc.blocks[i].marker && r.doc.blocks[i].wrapW > 0 {
			wrapped++
		}
	}
	if wrapped > maxLines+2 {
		t.Fatalf("%d paragraphs wrapped for one screen", wrapped)
	}
	r.ScrollTo(r.Len() / 2)
	if txt, _ := count(); txt > maxLines {
		t.Fatalf("%d text objects after scrolling", txt)
	}
}

func TestScrollToMakesFarOffsetVisible(t *testing.T) {
	text := study(300) + "\nThe ZEBRAFISH finding closes the study.\n" + study(2)
	r, _ := setup(t, text, nil, 800, 600)
	off := runeIndex(t, text, "ZEBRAFISH")
	if _, ok := r.PositionOf(off); ok {
		t.Fatal("far offset visible before scrolling")
	}
	r.ScrollTo(off)
	p, ok := r.PositionOf(off)
	if !ok || p.Y < 0 || p.Y > 600 {
		t.Fatalf("after ScrollTo the offset is at %v (visible %v)", p, ok)
	}
	found := false
	for _, s := range texts(r) {
		found = found || strings.Contains(s, "ZEBRAFISH")
	}
	if !found {
		t.Fatal("no text object shows the target line")
	}
	if s, e := r.VisibleRange(); off < s || off >= e {
		t.Fatalf("VisibleRange [%d,%d) misses %d", s, e, off)
	}
	// page of the target: 300 study pages and the target in the last of them
	if pg := r.PageAt(off); pg != 299 {
		t.Fatalf("PageAt = %d", pg)
	}
	// wheel scrolling moves the view down and back, reporting the new range
	var reported Range
	r.OnViewChanged = func(s, e int) { reported = Range{s, e} }
	s0, _ := r.VisibleRange()
	r.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -200)})
	s1, e1 := r.VisibleRange()
	if reported != (Range{s1, e1}) {
		t.Fatalf("OnViewChanged reported %v, visible [%d,%d)", reported, s1, e1)
	}
	r.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, 200)})
	s2, _ := r.VisibleRange()
	if s1 <= s0 || s2 != s0 {
		t.Fatalf("wheel scrolling: %d -> %d -> %d", s0, s1, s2)
	}
	// scrolling to the very start shows the first page marker
	r.ScrollTo(0)
	if got := texts(r); len(got) == 0 || got[0] != "— Page 1 —" {
		t.Fatalf("first text object %q", got[:min(1, len(got))])
	}
}

func TestResizeRewrapsAndKeepsPosition(t *testing.T) {
	text := study(20)
	r, win := setup(t, text, nil, 900, 500)
	off := r.Len() / 2
	r.ScrollTo(off)
	before := r.anchorOffset()
	win.Resize(fyne.NewSize(450, 500))
	if _, ok := r.PositionOf(before); !ok {
		t.Fatal("the top line's text left the view after a resize")
	}
	for _, s := range texts(r) {
		if w := fyne.MeasureText(s, theme.Size(theme.SizeNameText), fyne.TextStyle{}).Width; w > r.textWidth(450)+r.m.spaceW && !strings.HasPrefix(s, "—") {
			t.Fatalf("line %q is %v wide in a %v wide view", s, w, r.textWidth(450))
		}
	}
}

func TestHoverAndTapOnCodedText(t *testing.T) {
	line := "Alpha beta gamma delta"
	r, win := setup(t, line, nil, 600, 200)
	r.SetSpans([]Span{
		{ID: "a", Start: 6, End: 16, Color: red, Label: "Cost", Detail: "ann 2026-11-27"},
		{ID: "b", Start: 11, End: 22, Color: blue, Label: "Trust", Detail: "bob"},
	})
	y := lineY(t, r, 0)
	var hovered []Span
	r.OnHover = func(s []Span) { hovered = s }
	test.MoveMouse(win.Canvas(), fyne.NewPos(xOf(line, 12), y))
	if len(hovered) != 2 || hovered[0].ID != "a" || hovered[1].ID != "b" {
		t.Fatalf("hovered %v", hovered)
	}
	tip := strings.Join(texts(r), "|")
	if !strings.Contains(tip, "Cost — ann 2026-11-27") || !strings.Contains(tip, "Trust — bob") {
		t.Fatalf("tooltip texts %q", tip)
	}
	test.MoveMouse(win.Canvas(), fyne.NewPos(xOf(line, 2), y))
	if len(hovered) != 0 || strings.Contains(strings.Join(texts(r), "|"), "Cost") {
		t.Fatalf("hover over uncoded text left %v", hovered)
	}

	var tapped []Span
	var at fyne.Position
	r.OnSpanTapped = func(s []Span, p fyne.Position) { tapped, at = s, p }
	pos := fyne.NewPos(xOf(line, 18), y)
	test.TapAt(r, pos)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(r).Add(pos)
	if len(tapped) != 1 || tapped[0].ID != "b" || at != abs {
		t.Fatalf("tap gave %v at %v, want at %v", tapped, at, abs)
	}
	tapped = nil
	r.resetClicks()
	test.TapAt(r, fyne.NewPos(xOf(line, 2), y))
	if tapped != nil {
		t.Fatal("tap on uncoded text called OnSpanTapped")
	}
	var secOff int
	r.OnSecondaryTapped = func(off int, s []Span, _ fyne.Position) { secOff, tapped = off, s }
	test.TapSecondaryAt(r, fyne.NewPos(xOf(line, 7)+1, y))
	if secOff != 7 || len(tapped) != 1 || tapped[0].ID != "a" {
		t.Fatalf("secondary tap gave offset %d spans %v", secOff, tapped)
	}
}

func TestKeyAndShortcutHooks(t *testing.T) {
	r, win := setup(t, twoParas, nil, 600, 300)
	win.Canvas().Focus(r)
	var keys []fyne.KeyName
	r.OnKey = func(ev *fyne.KeyEvent) bool {
		keys = append(keys, ev.Name)
		return ev.Name == fyne.Key1
	}
	r.SetSelection(3, 3)
	r.TypedKey(&fyne.KeyEvent{Name: fyne.Key1})
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if len(keys) != 2 || keys[0] != fyne.Key1 {
		t.Fatalf("OnKey saw %v", keys)
	}
	if s, _ := r.Selection(); s != 4 {
		t.Fatalf("unhandled Right moved the caret to %d, want 4", s)
	}
	var got fyne.Shortcut
	r.OnShortcut = func(s fyne.Shortcut) bool { got = s; return true }
	ctrlK := &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierControl}
	r.TypedShortcut(ctrlK)
	if got != ctrlK {
		t.Fatal("OnShortcut did not receive Ctrl+K")
	}
	r.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierShortcutDefault})
	if s, e := r.Selection(); s != r.Len() || e != r.Len() {
		t.Fatalf("Ctrl+End put the caret at [%d,%d)", s, e)
	}
	r.SetSelection(6, 6)
	r.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	r.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	if s, e := r.Selection(); s != 6 || e != 16 {
		t.Fatalf("ctrl+shift+right x2 from 6 gave [%d,%d), want [6,16)", s, e)
	}
	r.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierControl})
	if s, e := r.Selection(); s != 11 || e != 11 {
		t.Fatalf("ctrl+left from 16 gave [%d,%d), want 11", s, e)
	}
	caret := rects(r, theme.Color(theme.ColorNamePrimary))
	if len(caret) != 1 {
		t.Fatalf("%d caret rectangles when focused", len(caret))
	}
}

func TestFindAndNextSpan(t *testing.T) {
	text := "One fish two Fish\fred fish BLUE FISH"
	r, _ := setup(t, text, nil, 600, 300)
	var starts []int
	from := 0
	for i := 0; i < 5; i++ {
		s, e, ok := r.Find("fish", from, true)
		if !ok || e-s != 4 {
			t.Fatalf("Find failed at %d", from)
		}
		starts = append(starts, s)
		from = s + 1
	}
	want := []int{4, 13, 22, 32, 4}
	for i := range want {
		if starts[i] != want[i] {
			t.Fatalf("forward matches %v, want %v", starts, want)
		}
	}
	if s, _, ok := r.Find("fish", 22, false); !ok || s != 13 {
		t.Fatalf("backward from 22 found %d", s)
	}
	if s, _, ok := r.Find("fish", 0, false); !ok || s != 32 {
		t.Fatalf("backward wrap found %d", s)
	}
	if _, _, ok := r.Find("shark", 0, true); ok {
		t.Fatal("found a missing word")
	}
	r.SetSpans([]Span{
		{ID: "1", Start: 0, End: 3, Label: "A", Color: red},
		{ID: "2", Start: 4, End: 8, Label: "B", Color: blue},
		{ID: "3", Start: 18, End: 21, Label: "A", Color: red},
	})
	if sp, ok := r.NextSpan(WithLabel("A"), 0, true); !ok || sp.ID != "3" {
		t.Fatalf("next A after 0: %v", sp)
	}
	if sp, ok := r.NextSpan(WithLabel("A"), 18, true); !ok || sp.ID != "1" {
		t.Fatalf("next A after 18 should wrap to 1: %v", sp)
	}
	if sp, ok := r.NextSpan(nil, 18, false); !ok || sp.ID != "2" {
		t.Fatalf("previous span before 18: %v", sp)
	}
	if _, ok := r.NextSpan(WithLabel("Z"), 0, true); ok {
		t.Fatal("found a span of a missing code")
	}
	if got := r.SpansAt(5); len(got) != 1 || got[0].ID != "2" {
		t.Fatalf("SpansAt(5) = %v", got)
	}
}

func TestScrollBarDragAndTrackTap(t *testing.T) {
	text := study(300)
	r, win := setup(t, text, nil, 800, 600)
	r.SetSelection(5, 9)
	y, h, ok := r.thumb()
	if !ok || y != 0 || h <= 0 || h >= 600 {
		t.Fatalf("thumb y=%v h=%v ok=%v", y, h, ok)
	}
	bars := 0
	for _, o := range test.WidgetRenderer(r).Objects() {
		if rc, ok := o.(*canvas.Rectangle); ok && rc.FillColor == theme.Color(theme.ColorNameScrollBar) {
			bars++
			if rc.Position().X < 800-r.m.scrollW {
				t.Fatalf("scroll bar thumb at x=%v", rc.Position().X)
			}
		}
	}
	if bars != 1 {
		t.Fatalf("%d scroll bar thumbs", bars)
	}
	// drag the thumb half way down the track: the view jumps to about the middle
	x := 800 - r.m.scrollW/2
	to := fyne.NewPos(x, h/2+(600-h)/2)
	test.Drag(win.Canvas(), to, 0, (600-h)/2)
	start, _ := r.VisibleRange()
	if frac := float64(start) / float64(r.Len()); frac < 0.35 || frac > 0.65 {
		t.Fatalf("thumb drag to the middle shows offset %d (%.2f of the text)", start, frac)
	}
	if s, e := r.Selection(); s != 5 || e != 9 {
		t.Fatalf("thumb drag changed the selection to [%d,%d)", s, e)
	}
	// a tap on the track below the thumb pages down by one screen less a line
	ty, th, _ := r.thumb()
	before := r.scrollY()
	test.TapAt(r, fyne.NewPos(x, min(ty+th+5, 599)))
	if d := r.scrollY() - before; d < 600-2*r.m.lineH || d > 600 {
		t.Fatalf("track tap scrolled by %v", d)
	}
	// ScrollTo an offset already on screen does not move the view
	s0, e0 := r.VisibleRange()
	r.ScrollTo((s0 + e0) / 2)
	if s1, _ := r.VisibleRange(); s1 != s0 {
		t.Fatalf("ScrollTo a visible offset moved the view from %d to %d", s0, s1)
	}
}
