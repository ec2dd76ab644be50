package pageview

import (
	"math"
	"sort"
	"unicode"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// gap is the space around and between pages, in Fyne units.
const gap = 10

// unitsPerPoint is 100 %: a page at its printed size on a 96-dpi screen.
const unitsPerPoint = 96.0 / 72

// geometry places the pages in the scrolled content: page i is drawn at
// tops[i] from the top, scales[i] units per point, centred horizontally.
type geometry struct {
	tops   []float32
	scales []float32
	ws, hs []float32 // page sizes in units
	width  float32   // content's minimum width
	height float32   // content's height
}

func (g geometry) valid() bool { return len(g.tops) > 0 }

// layout places pages of sizes at zoom z in a view of size view.
func layout(sizes []pdfpage.Size, z Zoom, view fyne.Size) geometry {
	var g geometry
	availW, availH := view.Width-2*gap, view.Height-2*gap
	if len(sizes) == 0 || availW <= 1 || availH <= 1 {
		return g
	}
	n := len(sizes)
	g.tops, g.scales = make([]float32, n), make([]float32, n)
	g.ws, g.hs = make([]float32, n), make([]float32, n)
	y := float32(gap)
	for i, s := range sizes {
		w, h := float32(max(s.W, 1)), float32(max(s.H, 1))
		var k float32
		switch z.Mode {
		case FitPage:
			k = min(availW/w, availH/h)
		case Percent:
			k = float32(float64(z.Percent) / 100 * unitsPerPoint)
		default:
			k = availW / w
		}
		g.scales[i], g.tops[i] = k, y
		g.ws[i], g.hs[i] = w*k, h*k
		g.width = max(g.width, g.ws[i]+2*gap)
		y += g.hs[i] + gap
	}
	g.height = y
	return g
}

// left returns the x of page i's left edge in content of width cw.
func (g geometry) left(i int, cw float32) float32 {
	return max((max(cw, g.width)-g.ws[i])/2, gap)
}

// pageAtY returns the page at content y: the one whose box or the gap below
// it holds y.
func (g geometry) pageAtY(y float32) int {
	if !g.valid() {
		return -1
	}
	i := sort.Search(len(g.tops), func(i int) bool { return g.tops[i] > y }) - 1
	return max(i, 0)
}

// visible returns the pages that meet the content rows [y0, y1).
func (g geometry) visible(y0, y1 float32) (first, last int) {
	if !g.valid() {
		return 0, -1
	}
	first = g.pageAtY(y0)
	if g.tops[first]+g.hs[first] <= y0 && first+1 < len(g.tops) {
		first++
	}
	last = g.pageAtY(y1)
	return first, last
}

// pointOn maps a content position to page points on page i.
func (g geometry) pointOn(i int, pos fyne.Position, cw float32) (x, y float64) {
	k := g.scales[i]
	return float64((pos.X - g.left(i, cw)) / k), float64((pos.Y - g.tops[i]) / k)
}

// toContent maps a rectangle in points on page i to content units.
func (g geometry) toContent(i int, r pdfpage.Rect, cw float32) (fyne.Position, fyne.Size) {
	k := g.scales[i]
	x0, y0 := g.left(i, cw), g.tops[i]
	return fyne.NewPos(x0+float32(r.X0)*k, y0+float32(r.Y0)*k), fyne.NewSize(float32(r.X1-r.X0)*k, float32(r.Y1-r.Y0)*k)
}

// nearest maps a point in page points to the caret before the nearest
// character box (after it when the point is in its right half) and the
// character whose box holds the point (-1 when none does). Boxes are one
// per code point of the page's text; empty boxes (line breaks) are skipped.
// The line is chosen first (the boxes nearest vertically), then the box
// nearest horizontally on it.
func nearest(boxes []pdfpage.Rect, x, y float64) (caret, char int) {
	char = -1
	best, bestDY, bestDX := -1, math.Inf(1), math.Inf(1)
	for i, b := range boxes {
		if b.Empty() {
			continue
		}
		if x >= b.X0 && x <= b.X1 && y >= b.Y0 && y <= b.Y1 && char < 0 {
			char = i
		}
		dy := dist(y, b.Y0, b.Y1)
		dx := dist(x, b.X0, b.X1)
		switch {
		case dy < bestDY-0.5:
			best, bestDY, bestDX = i, dy, dx
		case dy <= bestDY+0.5 && dx < bestDX:
			best, bestDX = i, dx
			bestDY = min(bestDY, dy)
		}
	}
	if best < 0 {
		return 0, -1
	}
	if char >= 0 {
		best = char
	}
	b := boxes[best]
	if x > (b.X0+b.X1)/2 {
		return best + 1, char
	}
	return best, char
}

// dist is how far v lies outside [lo, hi].
func dist(v, lo, hi float64) float64 {
	switch {
	case v < lo:
		return lo - v
	case v > hi:
		return v - hi
	}
	return 0
}

// isExtender reports whether r continues the grapheme cluster before it
// (as the text reader decides, so that both views put a caret at the same
// offsets).
func isExtender(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r == 0x200d ||
		(r >= 0xfe00 && r <= 0xfe0f) || (r >= 0x1f3fb && r <= 0x1f3ff) || (r >= 0xe0020 && r <= 0xe007f)
}

// clusterEnd moves a caret forward past combining marks and joiners so it
// never splits a cluster.
func clusterEnd(text []rune, i int) int {
	for i > 0 && i < len(text) && (isExtender(text[i]) || text[i-1] == 0x200d) {
		i++
	}
	return i
}
