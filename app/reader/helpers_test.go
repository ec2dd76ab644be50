package reader

import (
	"fmt"
	"image/color"
	"math/rand"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// setup shows a Reader holding text in an unpadded test window of the given size.
func setup(t testing.TB, text string, hidden []Range, w, h float32) (*Reader, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	r := New()
	r.SetDocument(text, nil, hidden)
	win := test.NewWindow(r)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	t.Cleanup(win.Close)
	return r, win
}

// xOf computes, independently of the widget, the x of the caret before rune k of a line.
func xOf(line string, k int) float32 {
	ts := theme.Size(theme.SizeNameText)
	return theme.Size(theme.SizeNameInnerPadding) + fyne.MeasureText(string([]rune(line)[:k]), ts, fyne.TextStyle{}).Width
}

// lineY returns a y inside the glyph box of the line showing offset off.
func lineY(t testing.TB, r *Reader, off int) float32 {
	t.Helper()
	p, ok := r.PositionOf(off)
	if !ok {
		t.Fatalf("offset %d not on screen", off)
	}
	return p.Y + 3
}

// runeIndex returns the code-point offset of the first occurrence of sub in s.
func runeIndex(t testing.TB, s, sub string) int {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	return len([]rune(s[:i]))
}

// rects returns the rectangles among the renderer's objects filled with c.
func rects(r *Reader, c color.Color) []*canvas.Rectangle {
	var out []*canvas.Rectangle
	for _, o := range test.WidgetRenderer(r).Objects() {
		if rc, ok := o.(*canvas.Rectangle); ok && rc.Visible() && rc.FillColor == c {
			out = append(out, rc)
		}
	}
	return out
}

// texts returns the strings of the renderer's text objects.
func texts(r *Reader) []string {
	var out []string
	for _, o := range test.WidgetRenderer(r).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

// study generates a deterministic study of pages pages of about 3,300 code points each,
// lines of prose ending in newlines with a blank line between paragraphs. The vocabulary
// is a few thousand words with a skewed frequency, like real prose.
func study(pages int) string {
	rng := rand.New(rand.NewSource(7))
	words := strings.Fields("the participants reported that access to care was limited by cost distance " +
		"and trust in providers; several nurses described workload pressures while patients " +
		"emphasised dignity respect continuity and communication across rural clinics")
	syll := strings.Fields("ka lo mi ver stan tion pre con ab ment al ing ly ous ex re de in com pro ter ric ate")
	for len(words) < 4000 {
		var w strings.Builder
		for k := 1 + rng.Intn(4); k > 0; k-- {
			w.WriteString(syll[rng.Intn(len(syll))])
		}
		words = append(words, w.String())
	}
	var b strings.Builder
	for p := 0; p < pages; p++ {
		if p > 0 {
			b.WriteByte('\f')
		}
		fmt.Fprintf(&b, "Journal of Health Studies %d\n", p+1)
		n := 0
		for n < 3300 {
			var line strings.Builder
			for line.Len() < 70 {
				line.WriteString(words[rng.Intn(1+rng.Intn(len(words)))])
				line.WriteByte(' ')
			}
			b.WriteString(strings.TrimSpace(line.String()))
			b.WriteByte('\n')
			n += line.Len()
			if rng.Intn(7) == 0 {
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}
