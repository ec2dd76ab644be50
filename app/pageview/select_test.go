package pageview

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/app/reader"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
	"github.com/evidence-workbench/workbench/internal/testkit/scriptpdf"
)

// ranges picks passages to select in a page's text: the second run of text
// between spaces, and one from the start of the first line's last run to the
// end of the next line's first run (across a line break).
func ranges(text []rune) [][2]int {
	var runs [][2]int // runs of non-space code points
	var lines []int
	line := 0
	for i := 0; i < len(text); {
		if unicode.IsSpace(text[i]) {
			if text[i] == '\n' {
				line++
			}
			i++
			continue
		}
		j := i
		for j < len(text) && !unicode.IsSpace(text[j]) {
			j++
		}
		runs = append(runs, [2]int{i, j})
		lines = append(lines, line)
		i = j
	}
	out := [][2]int{runs[1]}
	for k := 1; k < len(runs); k++ {
		if lines[k] > lines[k-1] {
			out = append(out, [2]int{runs[k-1][0], runs[k][1]})
			break
		}
	}
	return out
}

// A drag across the same characters selects the same offsets in the page
// view as in the text reader, on a page of each script; and the spans the
// reader paints are painted on the page.
func TestPageSelectionMatchesReader(t *testing.T) {
	if err := pdfpage.Warm(context.Background()); err != nil {
		t.Skip("the page renderer does not start here:", err)
	}
	for _, s := range scriptpdf.Samples {
		t.Run(s.Name, func(t *testing.T) {
			data, _, err := scriptpdf.PDF(s)
			if err != nil {
				t.Skip(err)
			}
			src, text, sizes := importPDF(t, s.Name, data)
			a := uitest.New(t)
			w := a.NewWindow("pages")
			pv, rd := New(), reader.New()
			split := container.NewHSplit(rd, pv)
			w.SetContent(split)
			w.Resize(fyne.NewSize(1400, 900))
			rd.SetDocument(text.String, text.PageStarts, nil)
			pv.SetDocument(src, sizes, text.String, text.PageStarts)
			a.WaitFor(t, "the page and its boxes", pv.Ready)
			a.Settle(t)
			runes := []rune(text.String)
			st := pv.cache[0]
			if len(st.boxes) != len(runes) && len(st.boxes) != len(runes)-1 {
				t.Fatalf("%d boxes for %d code points", len(st.boxes), len(runes))
			}
			for _, r := range ranges(runes) {
				want := strings.TrimSpace(string(runes[r[0]:r[1]]))
				// Page view: from the left part of the first character's box
				// to the right part of the last one's.
				b0, b1 := st.boxes[r[0]], st.boxes[r[1]-1]
				from, ok1 := pv.PagePosition(0, b0.X0+0.2*(b0.X1-b0.X0), (b0.Y0+b0.Y1)/2)
				to, ok2 := pv.PagePosition(0, b1.X1-0.2*(b1.X1-b1.X0), (b1.Y0+b1.Y1)/2)
				if !ok1 || !ok2 {
					t.Fatalf("passage %q is not on screen", want)
				}
				uitest.Drag(w.Canvas(), abs(pv, from), abs(pv, to))
				ps, pe := pv.Selection()
				// Reader: from just after the caret before the first
				// character to just before the caret after the last one.
				rf, ok1 := rd.PositionOf(r[0])
				rt, ok2 := rd.PositionOf(r[1])
				if !ok1 || !ok2 {
					t.Fatalf("passage %q is not on the reader's screen", want)
				}
				rf.X, rf.Y = rf.X+1, rf.Y+4
				rt.X, rt.Y = rt.X-1, rt.Y+4
				uitest.Drag(w.Canvas(), abs(rd, rf), abs(rd, rt))
				rs, re := rd.Selection()
				if ps != r[0] || pe != r[1] {
					t.Errorf("page view selected %d-%d %q, want %d-%d %q", ps, pe, string(runes[ps:pe]), r[0], r[1], want)
				}
				if ps != rs || pe != re {
					t.Errorf("page view selected %d-%d, reader %d-%d %q", ps, pe, rs, re, string(runes[rs:re]))
				}
			}
			// A coded span is painted as one band per line it covers.
			pv.SetSelection(0, 0)
			before := len(pv.pageObjects(0, pv.pages.Size().Width))
			for i, r := range ranges(runes) {
				pv.SetSpans([]Span{{ID: "c", Start: r[0], End: r[1], Label: "Code"}})
				if got := len(pv.pageObjects(0, pv.pages.Size().Width)) - before; got != i+1 {
					t.Errorf("a span over %d lines (%q) paints %d bands", i+1, string(runes[r[0]:r[1]]), got)
				}
			}
		})
	}
}
