package reader

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestBadInputDoesNotPanic(t *testing.T) {
	test.NewTempApp(t)
	r := New() // not in a window: zero size
	r.SetSelection(-5, 1<<30)
	r.ScrollTo(1 << 30)
	r.Highlight(10, -3)
	r.SetSpans([]Span{{Start: -10, End: 5}, {Start: 7, End: 2}})
	if _, _, ok := r.Find("x", 0, true); ok {
		t.Fatal("found text in an empty reader")
	}
	r.Tapped(&fyne.PointEvent{Position: fyne.NewPos(10, 10)})
	r.SetDocument(study(2), nil, nil) // still not laid out
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyPageDown, fyne.KeyEnd, fyne.KeyUp} {
		r.TypedKey(&fyne.KeyEvent{Name: k})
	}
	r.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -500)})
	if _, ok := r.PositionOf(10); ok {
		t.Fatal("a reader without a size reports visible positions")
	}
	r.SetDocument("", nil, nil)
	if s, e := r.Selection(); s != 0 || e != 0 {
		t.Fatalf("empty reader selection [%d,%d)", s, e)
	}

	text := "a\fb\f\fc"
	r.SetDocument(text, []int{0, 2, 4, 5, 99, -1}, []Range{{1, 3}, {-4, 0}, {5, 100}})
	r.SetSpans([]Span{{ID: "z", Start: 0, End: 100, Color: red}})
	if got := r.Spans(); len(got) != 1 || got[0].End != 6 {
		t.Fatalf("span not clipped: %v", got)
	}
	win := test.NewWindow(r)
	defer win.Close()
	win.Resize(fyne.NewSize(300, 200))
	// the pending far scroll from before the layout is applied without panicking
	r.ScrollTo(3)
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyUp, fyne.KeyPageDown, fyne.KeyPageUp, fyne.KeyEnd, fyne.KeyHome, fyne.KeyLeft, fyne.KeyRight} {
		r.TypedKey(&fyne.KeyEvent{Name: k})
	}
	test.Drag(win.Canvas(), fyne.NewPos(50, 500), 0, 600)
	test.Drag(win.Canvas(), fyne.NewPos(50, -100), 0, -600)
	r.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -1e6)})
	r.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, 1e6)})
	if r.PageAt(4) != 2 || r.PageAt(5) != 3 {
		t.Fatalf("pages %d %d", r.PageAt(4), r.PageAt(5))
	}
	if got := r.Text(0, 6); got != "a\n\n\n\n" {
		t.Fatalf("Text with hidden ranges = %q", got)
	}
}

func TestPageMarkersAndLabels(t *testing.T) {
	text := "first page\fsecond page\fthird page"
	r, _ := setup(t, text, nil, 500, 400)
	got := strings.Join(texts(r), "|")
	for _, want := range []string{"— Page 1 —", "first page", "— Page 2 —", "second page", "— Page 3 —"} {
		if !strings.Contains(got, want) {
			t.Fatalf("texts %q miss %q", got, want)
		}
	}
	r.PageLabel = func(p int) string { return "p. " + string(rune('i'+p)) }
	r.Refresh()
	if got := strings.Join(texts(r), "|"); !strings.Contains(got, "p. j") {
		t.Fatalf("custom page label missing: %q", got)
	}
	// clicking a page marker puts the caret at the page start
	p2 := runeIndex(t, text, "second")
	pos, _ := r.PositionOf(p2)
	test.TapAt(r, fyne.NewPos(200, pos.Y-r.m.lineH))
	if s, _ := r.Selection(); s != p2 {
		t.Fatalf("tap on marker put the caret at %d, want %d", s, p2)
	}
}

// bigText is the default theme with larger text.
type bigText struct{ fyne.Theme }

func (b bigText) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return 24
	}
	return b.Theme.Size(n)
}

func TestThemeTextSizeChangeRelaysOut(t *testing.T) {
	text := study(5)
	r, _ := setup(t, text, nil, 700, 400)
	r.ScrollTo(r.Len() / 2)
	top := r.anchorOffset()
	before := r.m.lineH
	fyne.CurrentApp().Settings().SetTheme(bigText{theme.DefaultTheme()})
	r.Refresh()
	if r.m.lineH <= before {
		t.Fatalf("line height %v after a larger text size, was %v", r.m.lineH, before)
	}
	if _, ok := r.PositionOf(top); !ok {
		t.Fatal("reading position lost after the text size changed")
	}
}

func TestLongUnspacedTextWrapsBetweenClusters(t *testing.T) {
	thai := strings.Repeat("ที่นี่ภาษาไทยน้ำ", 40) // no spaces, with combining vowels and tone marks
	r, _ := setup(t, thai, nil, 300, 600)
	width := r.textWidth(300)
	lines := 0
	total := 0
	for _, s := range texts(r) {
		if strings.HasPrefix(s, "—") {
			continue
		}
		lines++
		rs := []rune(s)
		total += len(rs)
		if w := fyne.MeasureText(s, theme.Size(theme.SizeNameText), fyne.TextStyle{}).Width; w > width {
			t.Fatalf("line %d is %v wide, more than %v", lines, w, width)
		}
		if isExtender(rs[0]) {
			t.Fatalf("line %d starts with a combining mark %U", lines, rs[0])
		}
	}
	if lines < 3 {
		t.Fatalf("%d lines for a long unspaced paragraph", lines)
	}
	if n := len([]rune(thai)); total != n && lines*int(r.m.lineH) < 560 {
		t.Fatalf("lines hold %d of %d code points", total, n)
	}
}
