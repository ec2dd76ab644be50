package app

import (
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdftext"
)

// TestReaderShowsLostText: a page that lost text says so where it starts and
// above the text while it is in view; other pages say nothing.
func TestReaderShowsLostText(t *testing.T) {
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, uitest.DemoCopy(t))
	idx := 0 // the longest study
	for i, s := range wb.studies.shown {
		if s.Pages > wb.studies.shown[idx].Pages {
			idx = i
		}
	}
	if wb.studies.shown[idx].Pages < 3 {
		t.Fatal("no demo study with three pages")
	}
	st := wb.studies.shown[idx]
	txt, err := p.Text(st.GUID)
	if err != nil {
		t.Fatal(err)
	}
	stats := make([]pdftext.PageStats, len(txt.PageStarts))
	for i := range stats {
		stats[i] = pdftext.PageStats{Glyphs: 100, Chars: 100}
	}
	stats[1] = pdftext.PageStats{Glyphs: 100, Chars: 63, Unreadable: 37}
	err = p.Do("lose text", func(tx *corpus.Tx) error {
		return tx.ReplaceExtraction(st.GUID, corpus.Extraction{Text: txt.String, PageStarts: txt.PageStarts, Marks: txt.Marks,
			Status: corpus.ExtractWarning, Message: "Text on page 2 could not be read.", PageStats: stats})
	})
	if err != nil {
		t.Fatal(err)
	}
	openStudy(t, wb, a, idx)
	r := wb.reader
	if got := r.view.PageLabel(1); got != "— Page 2: about 37% of the text could not be read — check the original page —" {
		t.Errorf("page 2's marker %q", got)
	}
	if got := r.view.PageLabel(2); got != "— Page 3 —" {
		t.Errorf("page 3's marker %q", got)
	}
	// The banner shows exactly while page 2 is in view.
	check := func(where string) {
		t.Helper()
		start, end := r.view.VisibleRange()
		inView := txt.PageAt(start) <= 2 && txt.PageAt(max(start, end-1)) >= 2
		want := "Page 2: about 37% of the text could not be read — check the original page."
		if inView && (!r.lost.Visible() || !strings.Contains(r.lost.Text, want)) || !inView && r.lost.Visible() {
			t.Errorf("%s (pages %d-%d in view): banner %q shown %v", where, txt.PageAt(start), txt.PageAt(max(start, end-1)), r.lost.Text, r.lost.Visible())
		}
	}
	check("opened")
	r.view.ScrollTo(txt.PageStarts[1] + 1)
	a.Settle(t)
	check("page 2")
	r.view.ScrollTo(len([]rune(txt.String)) - 1)
	a.Settle(t)
	check("the end")
	if start, _ := r.view.VisibleRange(); txt.PageAt(start) <= 2 {
		t.Error("the study is too short to scroll page 2 out of view: the test needs a longer one")
	}
}
