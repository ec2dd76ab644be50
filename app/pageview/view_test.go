package pageview

import (
	"bytes"
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
	"github.com/go-pdf/fpdf"
)

// manyPages is a PDF of n Letter pages, each saying its number.
func manyPages(t *testing.T, n int) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetFont("Helvetica", "", 24)
	for i := range n {
		f.AddPage()
		f.Text(72, 100, "Page number "+string(rune('A'+i%26)))
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Zoom: fit width fills the view's width, fit page shows a whole page,
// percentages scale the printed size; the current page stays in view.
// Jumping on before a render arrives drops it: only the pages the view
// shows get their images, and far pages let theirs go.
func TestZoomAndSupersededRenders(t *testing.T) {
	if err := pdfpage.Warm(context.Background()); err != nil {
		t.Skip("the page renderer does not start here:", err)
	}
	src, text, sizes := importPDF(t, "pages", manyPages(t, 12))
	a := uitest.New(t)
	w := a.NewWindow("pages")
	pv := New()
	w.SetContent(pv)
	w.Resize(fyne.NewSize(800, 600))
	pv.SetDocument(src, sizes, text.String, text.PageStarts)
	a.WaitFor(t, "the first page", pv.Ready)
	a.Settle(t)
	view := pv.scroll.Size()
	if got := pv.lay.ws[0]; got < view.Width-2*gap-1 || got > view.Width-2*gap+1 {
		t.Errorf("fit width: page %v wide in a view %v wide", got, view.Width)
	}
	pv.ShowPage(5)
	if pv.CurrentPage() != 5 {
		t.Fatalf("ShowPage(5): current page %d", pv.CurrentPage())
	}
	pv.SetZoom(Zoom{Mode: FitPage})
	if h := pv.lay.hs[0]; h > view.Height-2*gap+1 {
		t.Errorf("fit page: page %v high in a view %v high", h, view.Height)
	}
	if pv.CurrentPage() != 5 {
		t.Errorf("fit page moved to page %d", pv.CurrentPage())
	}
	pv.SetZoom(Zoom{Mode: Percent, Percent: 1000})
	if z := pv.Zoom(); z.Percent != MaxPercent || pv.lay.ws[0] != float32(612*MaxPercent/100*unitsPerPoint) {
		t.Errorf("1000%%: zoom %+v, page %v wide", z, pv.lay.ws[0])
	}
	pv.SetZoom(Zoom{Mode: FitWidth})
	a.Settle(t)
	// Three jumps before any answer is shown: the last one wins.
	pv.ShowPage(2)
	pv.ShowPage(7)
	pv.ShowPage(11)
	a.WaitFor(t, "page 12", pv.Ready)
	a.Settle(t)
	if st := pv.cache[2]; st != nil && st.cimg != nil {
		t.Error("page 3, asked for and left at once, was shown")
	}
	if st := pv.cache[11]; st == nil || st.cimg == nil {
		t.Fatal("page 12 is not drawn")
	}
	for i, st := range pv.cache {
		if st.cimg != nil && (i < 11-1-keep || i > 11+keep) {
			t.Errorf("page %d keeps its image, far from page 12", i+1)
		}
	}
}
