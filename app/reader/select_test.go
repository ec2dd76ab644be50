package reader

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

const twoParas = "Alpha beta gamma delta\n\nSecond paragraph here."

func TestDragSelectsExactOffsets(t *testing.T) {
	r, win := setup(t, twoParas, nil, 600, 300)
	var got [][2]int
	r.OnSelectionChanged = func(s, e int) { got = append(got, [2]int{s, e}) }
	line1 := "Alpha beta gamma delta"
	y1 := lineY(t, r, 0)
	from := fyne.NewPos(xOf(line1, 6)+1, y1) // just after the caret before "beta"
	to := fyne.NewPos(xOf(line1, 17)-1, y1)  // just before the caret before "delta"
	test.Drag(win.Canvas(), to, to.X-from.X, 0)
	if s, e := r.Selection(); s != 6 || e != 17 {
		t.Fatalf("drag within a line selected [%d,%d), want [6,17)", s, e)
	}
	if len(got) == 0 || got[len(got)-1] != [2]int{6, 17} {
		t.Fatalf("OnSelectionChanged calls %v, want last [6 17]", got)
	}
	if txt := r.SelectedText(); txt != "beta gamma " {
		t.Fatalf("selected text %q", txt)
	}

	// across paragraphs, dragging backwards from "paragraph" to "gamma"
	line2 := "Second paragraph here."
	p2 := runeIndex(t, twoParas, "Second")
	a := fyne.NewPos(xOf(line2, 7)+1, lineY(t, r, p2))
	b := fyne.NewPos(xOf(line1, 11)+1, y1)
	test.Drag(win.Canvas(), b, b.X-a.X, b.Y-a.Y)
	if s, e := r.Selection(); s != 11 || e != p2+7 {
		t.Fatalf("backward drag selected [%d,%d), want [11,%d)", s, e, p2+7)
	}
}

func TestDoubleTapSelectsWord(t *testing.T) {
	r, _ := setup(t, twoParas, nil, 600, 300)
	line1 := "Alpha beta gamma delta"
	r.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(xOf(line1, 13), lineY(t, r, 0))})
	if s, e := r.Selection(); s != 11 || e != 16 {
		t.Fatalf("double tap on gamma selected [%d,%d), want [11,16)", s, e)
	}
	// past the end of the line: the last word
	r.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(590, lineY(t, r, 0))})
	if s, e := r.Selection(); s != 17 || e != 22 {
		t.Fatalf("double tap after the line end selected [%d,%d), want [17,22)", s, e)
	}
}

func TestTripleTapSelectsParagraph(t *testing.T) {
	text := "First line of one\nsecond line of one\n\nOther paragraph\fNext page text"
	r, _ := setup(t, text, nil, 600, 400)
	second := runeIndex(t, text, "second")
	pos := fyne.NewPos(xOf("second line of one", 3), lineY(t, r, second))
	want := [2]int{0, runeIndex(t, text, "\n\n")}

	// driver style: a double tap, then the third press within the interval
	r.DoubleTapped(&fyne.PointEvent{Position: pos})
	if s, e := r.Selection(); s != second || e != second+6 {
		t.Fatalf("double tap selected [%d,%d)", s, e)
	}
	test.TapAt(r, pos)
	if s, e := r.Selection(); [2]int{s, e} != want {
		t.Fatalf("triple tap selected [%d,%d), want %v", s, e, want)
	}

	// three plain taps within the interval
	other := runeIndex(t, text, "Other")
	r.SetSelection(0, 0)
	opos := fyne.NewPos(xOf("Other paragraph", 2), lineY(t, r, other))
	for i := 0; i < 3; i++ {
		test.TapAt(r, opos)
	}
	if s, e := r.Selection(); s != other || e != other+len("Other paragraph") {
		t.Fatalf("three taps selected [%d,%d), want [%d,%d)", s, e, other, other+15)
	}

	// a press right after a double tap (the desktop driver's order)
	r.DoubleTapped(&fyne.PointEvent{Position: pos})
	r.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary})
	r.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary})
	test.TapAt(r, pos) // the delayed tap of the third click must not collapse it
	if s, e := r.Selection(); [2]int{s, e} != want {
		t.Fatalf("press after double tap selected [%d,%d), want %v", s, e, want)
	}
}

func TestShiftArrowAndShiftClickExtend(t *testing.T) {
	r, win := setup(t, twoParas, nil, 600, 300)
	line1, line2 := "Alpha beta gamma delta", "Second paragraph here."
	y1 := lineY(t, r, 0)
	test.TapAt(r, fyne.NewPos(xOf(line1, 6)+1, y1))
	if win.Canvas().Focused() != r {
		t.Fatal("tap did not focus the reader")
	}
	if s, e := r.Selection(); s != 6 || e != 6 {
		t.Fatalf("tap put the caret at [%d,%d), want 6", s, e)
	}
	right := &fyne.KeyEvent{Name: fyne.KeyRight}
	r.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for i := 0; i < 4; i++ {
		r.TypedKey(right)
	}
	if s, e := r.Selection(); s != 6 || e != 10 {
		t.Fatalf("shift+right x4 gave [%d,%d), want [6,10)", s, e)
	}
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if s, e := r.Selection(); s != 6 || e != 9 {
		t.Fatalf("shift+left gave [%d,%d), want [6,9)", s, e)
	}
	// shift+down twice: over the blank line into the second paragraph at the same x
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	goal := xOf(line1, 9)
	best, bestD := 0, float32(1e9)
	for k := 0; k <= len(line2); k++ {
		d := xOf(line2, k) - goal
		if d < 0 {
			d = -d
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	p2 := runeIndex(t, twoParas, "Second")
	if s, e := r.Selection(); s != 6 || e != p2+best {
		t.Fatalf("shift+down x2 gave [%d,%d), want [6,%d)", s, e, p2+best)
	}
	r.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	r.TypedKey(right)
	if s, e := r.Selection(); s != p2+best || e != s {
		t.Fatalf("right without shift gave [%d,%d), want the caret at %d", s, e, p2+best)
	}

	// shift+click extends from the anchor
	test.TapAt(r, fyne.NewPos(xOf(line1, 6)+1, y1))
	press := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(xOf(line1, 16)+1, y1)},
		Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierShift}
	r.MouseDown(press)
	r.MouseUp(press)
	test.TapAt(r, press.Position)
	if s, e := r.Selection(); s != 6 || e != 16 {
		t.Fatalf("shift+click gave [%d,%d), want [6,16)", s, e)
	}
}

func TestCopyAndSelectAll(t *testing.T) {
	text := "HEADER\nBody one.\fHEADER\nBody two."
	hidden := []Range{{0, 7}, {17, 24}}
	r, win := setup(t, text, hidden, 600, 300)
	r.SetSelection(3, len([]rune(text)))
	r.TypedShortcut(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != "Body one.\n\nBody two." {
		t.Fatalf("copied %q", got)
	}
	for _, s := range texts(r) {
		if s == "HEADER" {
			t.Fatal("hidden header is drawn")
		}
	}
	var changed bool
	r.OnSelectionChanged = func(int, int) { changed = true }
	win.Canvas().Focus(r)
	r.TypedShortcut(&fyne.ShortcutSelectAll{})
	if s, e := r.Selection(); s != 0 || e != len([]rune(text)) || !changed {
		t.Fatalf("select all gave [%d,%d) changed=%v", s, e, changed)
	}
	// a double tap on "two" in the second page maps through the hidden header
	two := runeIndex(t, text, "two")
	r.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(xOf("Body two.", 6), lineY(t, r, two))})
	if s, e := r.Selection(); s != two || e != two+3 {
		t.Fatalf("double tap on two gave [%d,%d), want [%d,%d)", s, e, two, two+3)
	}
}

func TestMultibyteOffsetsAreCodePoints(t *testing.T) {
	viet := "Vie\u0302\u0323t" // Việt with decomposed combining marks
	text := "Xin chào " + viet + " Nam ภาษาไทย 👍🏽 🇻🇳 end"
	r, win := setup(t, text, nil, 700, 300)
	y := lineY(t, r, 0)
	line := text
	check := func(name string, word string, runes int) {
		t.Helper()
		at := runeIndex(t, text, word)
		r.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos((xOf(line, at)+xOf(line, at+1))/2, y)})
		if s, e := r.Selection(); s != at || e != at+runes {
			t.Fatalf("%s: double tap selected [%d,%d), want [%d,%d)", name, s, e, at, at+runes)
		}
	}
	check("vietnamese", viet, 6)
	check("thai", "ภาษาไทย", 7)
	check("emoji with skin tone", "👍🏽", 2)
	check("flag", "🇻🇳", 2)

	// drag from before "Nam" to after the thumbs-up emoji
	nam, thumb := runeIndex(t, text, "Nam"), runeIndex(t, text, "👍🏽")
	from := fyne.NewPos(xOf(line, nam)+1, y)
	to := fyne.NewPos(xOf(line, thumb+2)+1, y)
	test.Drag(win.Canvas(), to, to.X-from.X, 0)
	if s, e := r.Selection(); s != nam || e != thumb+2 {
		t.Fatalf("drag selected [%d,%d), want [%d,%d)", s, e, nam, thumb+2)
	}
	// shift+left never splits the emoji cluster
	r.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftRight})
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if _, e := r.Selection(); e != thumb {
		t.Fatalf("shift+left moved to %d, want %d", e, thumb)
	}
	if s, e, ok := r.Find("NAM", 0, true); !ok || s != nam || e != nam+3 {
		t.Fatalf("Find NAM = %d,%d,%v", s, e, ok)
	}
}
