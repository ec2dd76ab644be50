package pageview

import (
	"context"
	"image"
	"math"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// keep is how many pages either side of the view keep their images; farther
// ones drop them (the renderer's own cache still holds recent renders).
const keep = 2

// key is one page wanted at a pixel width.
type key struct{ page, width int }

// Ready reports whether the pages on screen are drawn at their current
// size (or failed to draw) and their boxes are known.
func (v *View) Ready() bool {
	ks, shown := v.wanted()
	return len(v.missingOf(ks[:shown])) == 0
}

// wanted lists the pages to draw: those on screen (shown of them), the one
// taking most of the view first, then the pages just below and above.
func (v *View) wanted() (ks []key, shown int) {
	if !v.lay.valid() || v.src == nil {
		return nil, 0
	}
	y0 := v.scroll.Offset.Y
	h := v.scroll.Size().Height
	first, last := v.lay.visible(y0, y0+h)
	part := map[int]float32{} // how much of each page is on screen
	for i := first; i <= last; i++ {
		top, bottom := max(v.lay.tops[i], y0), min(v.lay.tops[i]+v.lay.hs[i], y0+h)
		part[i] = bottom - top
		ks = append(ks, key{i, v.pixelWidth(i)})
	}
	sort.SliceStable(ks, func(a, b int) bool { return part[ks[a].page] > part[ks[b].page] })
	shown = len(ks)
	for _, i := range []int{last + 1, first - 1} {
		if i >= 0 && i < len(v.sizes) {
			ks = append(ks, key{i, v.pixelWidth(i)})
		}
	}
	return ks, shown
}

// missing lists the wanted pages not yet drawn at their width or whose
// boxes are not loaded.
func (v *View) missing() []key {
	ks, _ := v.wanted()
	return v.missingOf(ks)
}

// missingOf keeps the keys whose page is not drawn at its width or whose
// boxes are not loaded.
func (v *View) missingOf(ks []key) []key {
	var out []key
	for _, k := range ks {
		st := v.cache[k.page]
		if st == nil || !st.boxesLoaded || st.width != k.width {
			out = append(out, k)
		}
	}
	return out
}

// requestRenders starts drawing the pages the view needs, unless the
// request under way is about to deliver the first of them; a new request
// cancels the old one (its render is stopped, its result dropped).
func (v *View) requestRenders() {
	v.forgetFar()
	miss := v.missing()
	if len(miss) == 0 {
		return
	}
	if v.lane.Busy() && len(v.job) > 0 && v.job[0] == miss[0] {
		return
	}
	v.job = miss
	src, gen := v.src, v.gen
	needBoxes := map[int]bool{}
	for _, k := range miss {
		if st := v.cache[k.page]; st == nil || !st.boxesLoaded {
			needBoxes[k.page] = true
		}
	}
	lane := &v.lane
	ui.Run(lane, func(ctx context.Context) (struct{}, error) {
		for _, k := range miss {
			if ctx.Err() != nil {
				return struct{}{}, ctx.Err()
			}
			if needBoxes[k.page] {
				start, boxes, err := src.Boxes(ctx, k.page)
				if ctx.Err() != nil {
					return struct{}{}, ctx.Err()
				}
				if err != nil {
					boxes = nil // no text to select on this page; drawing it still helps
				}
				lane.Do(ctx, func() { v.gotBoxes(gen, k.page, start, boxes) })
			}
			img, err := src.Render(ctx, k.page, k.width)
			if ctx.Err() != nil {
				return struct{}{}, ctx.Err()
			}
			lane.Do(ctx, func() { v.gotImage(gen, k, img, err) })
		}
		return struct{}{}, nil
	}, func(struct{}, error) {
		v.job = nil
		if gen == v.gen {
			v.requestRenders() // the view may have moved meanwhile
		}
	})
}

// canvasScale is the window's pixels per Fyne unit.
func (v *View) canvasScale() float32 {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Scale() > 0 {
		return c.Scale()
	}
	return 1
}

// pixelWidth is the width in pixels page i is drawn at.
func (v *View) pixelWidth(i int) int {
	return int(math.Ceil(float64(v.lay.ws[i] * v.canvasScale())))
}

func (v *View) state(page int) *pageState {
	st := v.cache[page]
	if st == nil {
		st = &pageState{version: -1}
		v.cache[page] = st
	}
	return st
}

// gotBoxes keeps a page's character boxes.
func (v *View) gotBoxes(gen, page, start int, boxes []pdfpage.Rect) {
	if gen != v.gen {
		return
	}
	st := v.state(page)
	st.boxesLoaded, st.start, st.boxes, st.version = true, start, boxes, -1
	v.pages.Refresh()
}

// gotImage shows a page's new image (or its error).
func (v *View) gotImage(gen int, k key, img image.Image, err error) {
	if gen != v.gen {
		return
	}
	st := v.state(k.page)
	if len(v.job) > 0 && v.job[0] == k {
		v.job = v.job[1:]
	}
	st.width, st.err, st.version = k.width, err, -1
	if err != nil {
		st.img, st.cimg = nil, nil
	} else {
		st.img = img
		st.cimg = canvas.NewImageFromImage(img)
		st.cimg.FillMode = canvas.ImageFillStretch
		// Shown pixel for pixel (draw.go); while a new zoom's render is
		// on its way the old image is stretched by the graphics card.
		st.cimg.ScaleMode = canvas.ImageScaleFastest
	}
	v.pages.Refresh()
}

// forgetFar drops the images of pages far from the view, so the view holds
// a few pages' pixels whatever the document's length.
func (v *View) forgetFar() {
	if !v.lay.valid() {
		return
	}
	y0 := v.scroll.Offset.Y
	first, last := v.lay.visible(y0, y0+v.scroll.Size().Height)
	for i, st := range v.cache {
		if (i < first-keep || i > last+keep) && st.cimg != nil {
			st.img, st.cimg, st.width, st.version = nil, nil, 0, -1
		}
	}
}
