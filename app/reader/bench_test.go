package reader

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// benchStudy returns a 300-page study, its running headers as hidden ranges and
// 3,000 coded spans spread over it.
func benchStudy() (string, []Range, []Span) {
	text := study(300)
	rs := []rune(text)
	var hidden []Range
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == '\f' {
			page := string(rs[start:min(start+40, i)])
			if strings.HasPrefix(page, "Journal of") {
				nl := strings.IndexRune(page, '\n')
				hidden = append(hidden, Range{start, start + len([]rune(page[:nl+1]))})
			}
			start = i + 1
		}
	}
	var spans []Span
	for i := 0; i < 3000; i++ {
		s := i * (len(rs) / 3000)
		spans = append(spans, Span{ID: "s", Start: s, End: s + 40 + i%300, Color: red, Label: "Cost"})
	}
	return text, hidden, spans
}

// BenchmarkOpenFirstPaint opens a 300-page study (about a million code points, running
// headers hidden, 3,000 codings) and produces the first paint: document model, layout
// of the visible window and the renderer's objects.
func BenchmarkOpenFirstPaint(b *testing.B) {
	test.NewTempApp(b)
	text, hidden, spans := benchStudy()
	win := test.NewWindow(nil)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(900, 700))
	defer win.Close()
	measures := 0
	b.ResetTimer()
	for b.Loop() {
		r := New()
		r.SetDocument(text, nil, hidden)
		r.SetSpans(spans)
		win.SetContent(r)
		if len(test.WidgetRenderer(r).Objects()) < 20 {
			b.Fatal("nothing painted")
		}
		measures += r.measures
	}
	b.ReportMetric(float64(measures)/float64(b.N), "measures/op")
}

// BenchmarkScrollPage scrolls a 300-page study by one screen per operation with the
// wheel, wrapping newly shown paragraphs and repainting.
func BenchmarkScrollPage(b *testing.B) {
	test.NewTempApp(b)
	text, hidden, spans := benchStudy()
	r := New()
	r.SetDocument(text, nil, hidden)
	r.SetSpans(spans)
	win := test.NewWindow(r)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(900, 700))
	defer win.Close()
	r.measures = 0
	b.ResetTimer()
	for b.Loop() {
		r.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -700)})
		if _, e := r.VisibleRange(); e >= r.Len() {
			r.ScrollTo(0)
		}
	}
	b.ReportMetric(float64(r.measures)/float64(b.N), "measures/op")
}

// BenchmarkJumpAndHitTest jumps to a far offset and maps a pointer position back to an
// offset, as a search result click followed by a selection drag does.
func BenchmarkJumpAndHitTest(b *testing.B) {
	test.NewTempApp(b)
	text, hidden, spans := benchStudy()
	r := New()
	r.SetDocument(text, nil, hidden)
	r.SetSpans(spans)
	win := test.NewWindow(r)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(900, 700))
	defer win.Close()
	n := r.Len()
	i := 0
	r.measures = 0
	b.ResetTimer()
	for b.Loop() {
		i = (i + 7919*31) % n
		r.ScrollTo(i)
		r.OffsetAt(fyne.NewPos(300, 350))
	}
	b.ReportMetric(float64(r.measures)/float64(b.N), "measures/op")
}
