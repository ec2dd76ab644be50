package reader_test

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/reader"
)

// Example shows a two-page study with one coding, then finds, highlights and selects
// text the way the coding screen does. In the desktop program the reader sits in the
// window's content instead of a test window.
func Example() {
	a := test.NewApp()
	defer a.Quit()

	text := "Access to care was limited by cost.\fNurses described workload pressures."
	r := reader.New()
	r.SetDocument(text, nil, nil)
	r.SetSpans([]reader.Span{{
		ID: "c1", Start: 30, End: 34, Color: color.NRGBA{R: 0xc0, G: 0x30, B: 0x30, A: 0xff},
		Label: "Cost", Detail: "ann, 2026-11-27 09:12",
	}})
	r.OnSelectionChanged = func(s, e int) { fmt.Printf("selected [%d,%d) %q\n", s, e, r.SelectedText()) }
	r.OnSpanTapped = func(spans []reader.Span, _ fyne.Position) {
		fmt.Printf("tapped %s (%s)\n", spans[0].Label, spans[0].Detail)
	}
	w := test.NewWindow(r)
	defer w.Close()
	w.Resize(fyne.NewSize(500, 300))

	// Ctrl+F: find and highlight
	s, e, _ := r.Find("workload", 0, true)
	r.Highlight(s, e)
	fmt.Println("found on page", r.PageAt(s)+1, "at", s, e)

	// a double click on "workload" selects it; a click on the coded word opens its menu
	pos, _ := r.PositionOf(s + 2)
	r.DoubleTapped(&fyne.PointEvent{Position: pos.AddXY(0, 4)})
	cost, _ := r.PositionOf(31)
	test.TapAt(r, cost.AddXY(0, 4))

	// the next coding of "Cost" from the start of the text
	sp, _ := r.NextSpan(reader.WithLabel("Cost"), 0, true)
	fmt.Println("next Cost coding:", r.Text(sp.Start, sp.End))

	// Output:
	// found on page 2 at 53 61
	// selected [53,61) "workload"
	// selected [31,31) ""
	// tapped Cost (ann, 2026-11-27 09:12)
	// next Cost coding: cost
}
