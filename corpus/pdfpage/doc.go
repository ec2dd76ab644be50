// Package pdfpage draws the pages of a study's PDF as images, for the page
// view, page thumbnails, OCR and coded areas in briefs.
//
// It runs PDFium compiled to WebAssembly (github.com/klippa-app/go-pdfium in
// its webassembly mode, on the wazero runtime), so it needs no cgo and no
// system library and builds for Linux and Windows alike. Compiling the
// WebAssembly module to machine code takes a long while (about a minute on
// a slow 2-core machine); the result is kept in the user's cache folder
// (os.UserCacheDir()/evidence-workbench/pdfium-wasm), so later starts load
// it in about a second. A program calls Warm in the background at start so
// that no window waits for it.
//
// Coordinates: pages are numbered from 0 (as corpus.Text.PageStarts). Sizes
// and rectangles are in PDF points (1/72 inch) on the page as displayed,
// that is after its CropBox and /Rotate are applied, with the origin at the
// top-left corner and y growing downwards, like the rendered image. Geometry
// converts between that space and PDF user space (origin bottom-left of the
// unrotated page), in which PDF text positions and REFI-QDA selections are
// given.
//
// A Renderer is safe for concurrent use. It holds a small fixed set of
// PDFium instances (two by default: the visible page can render while a
// thumbnail or the next page does, one per core of a small machine) and a
// cache of rendered page images bounded in bytes (200 MB by default)
// whatever the length of the documents. Every call takes a context: when
// it is cancelled the PDFium instance doing the work is stopped at once and
// replaced.
package pdfpage

import (
	"errors"
	"fmt"
	"math"
)

// Conditions a caller can act on. Errors returned by this package wrap one
// of them; their text is a plain sentence that the interface can show after
// the file's name.
var (
	// ErrEncrypted means the PDF needs a password to be opened.
	ErrEncrypted = errors.New("the PDF is protected by a password, so its pages cannot be shown")
	// ErrDamaged means the PDF is damaged beyond what PDFium can repair.
	ErrDamaged = errors.New("the PDF is damaged and its pages cannot be read")
	// ErrNoPages means the PDF opened but has no pages.
	ErrNoPages = errors.New("the PDF has no pages")
	// ErrPageDamaged means one page could not be drawn; others may work.
	ErrPageDamaged = errors.New("this page of the PDF is damaged and cannot be drawn")
	// ErrNoSuchPage means a page number outside the document was asked for.
	ErrNoSuchPage = errors.New("the PDF has no such page")
	// ErrTooLarge means the requested image is too large to draw.
	ErrTooLarge = errors.New("the page is too large to draw at that size; choose a smaller zoom")
	// ErrUnavailable means the page renderer could not start.
	ErrUnavailable = errors.New("the page renderer could not start")
	// ErrClosed means the document or renderer was closed.
	ErrClosed = errors.New("the document was closed")
)

// Limits on what one call may draw.
const (
	MinDPI        = 1        // smallest resolution accepted
	MaxDPI        = 1200     // largest resolution accepted
	MaxPixels     = 64 << 20 // largest image, in pixels (256 MB as RGBA)
	maxPageSide   = 14400    // PDF's own limit for a page side, in points
	pointsPerInch = 72.0
)

// Size is a page's width and height in PDF points, as displayed.
type Size struct {
	W, H float64
}

// Pixels returns the size of the page's image at dpi, rounded up as PDFium
// and pdftoppm do.
func (s Size) Pixels(dpi float64) (w, h int) {
	return int(math.Ceil(s.W * dpi / pointsPerInch)), int(math.Ceil(s.H * dpi / pointsPerInch))
}

// DPIForWidth returns the resolution at which the page is width pixels wide
// (fit width).
func (s Size) DPIForWidth(width int) float64 {
	if s.W <= 0 {
		return pointsPerInch
	}
	return float64(width) * pointsPerInch / s.W
}

// DPIToFit returns the resolution at which the whole page fits in a box of
// width x height pixels (fit page).
func (s Size) DPIToFit(width, height int) float64 {
	if s.W <= 0 || s.H <= 0 {
		return pointsPerInch
	}
	return math.Min(float64(width)*pointsPerInch/s.W, float64(height)*pointsPerInch/s.H)
}

// Rect is a rectangle on a displayed page, in points from its top-left
// corner: X0,Y0 top-left, X1,Y1 bottom-right.
type Rect struct {
	X0, Y0, X1, Y1 float64
}

// Canon returns the rectangle with X0 <= X1 and Y0 <= Y1.
func (r Rect) Canon() Rect {
	if r.X0 > r.X1 {
		r.X0, r.X1 = r.X1, r.X0
	}
	if r.Y0 > r.Y1 {
		r.Y0, r.Y1 = r.Y1, r.Y0
	}
	return r
}

// Empty reports whether the rectangle has no area.
func (r Rect) Empty() bool {
	r = r.Canon()
	return !(r.X1 > r.X0 && r.Y1 > r.Y0)
}

// Scale returns the rectangle in pixels of an image rendered at dpi.
func (r Rect) Scale(dpi float64) Rect {
	k := dpi / pointsPerInch
	return Rect{r.X0 * k, r.Y0 * k, r.X1 * k, r.Y1 * k}
}

// Geometry places a displayed page in PDF user space.
type Geometry struct {
	Size   Size       // as displayed, in points
	Rotate int        // clockwise rotation applied when displaying: 0, 90, 180 or 270
	Box    [4]float64 // the visible box (CropBox within MediaBox) in user space: left, bottom, right, top
	// Media is the page's MediaBox in user space (left, bottom, right,
	// top); its bottom-left corner is the origin of REFI-QDA PDF
	// selections. PDFium reads it from the page itself: for a page that
	// inherits it, Media is Box when the page has no CropBox of its own,
	// else a box from the user-space origin.
	Media [4]float64
}

// ToDisplay converts a point of PDF user space to displayed-page points
// (origin top-left, y down).
func (g Geometry) ToDisplay(x, y float64) (float64, float64) {
	l, b, r, t := g.Box[0], g.Box[1], g.Box[2], g.Box[3]
	switch g.Rotate {
	case 90:
		return y - b, x - l
	case 180:
		return r - x, y - b
	case 270:
		return t - y, r - x
	}
	return x - l, t - y
}

// ToUser converts displayed-page points to PDF user space; it inverts
// ToDisplay.
func (g Geometry) ToUser(dx, dy float64) (float64, float64) {
	l, b, r, t := g.Box[0], g.Box[1], g.Box[2], g.Box[3]
	switch g.Rotate {
	case 90:
		return l + dy, b + dx
	case 180:
		return r - dx, b + dy
	case 270:
		return r - dy, t - dx
	}
	return l + dx, t - dy
}

// pageError reports a failure on one page (numbered from 1 in the text).
type pageError struct {
	page int // 0-based
	err  error
}

func (e *pageError) Error() string {
	if errors.Is(e.err, ErrPageDamaged) {
		return fmt.Sprintf("page %d of the PDF is damaged and cannot be drawn", e.page+1)
	}
	return fmt.Sprintf("page %d: %v", e.page+1, e.err)
}

func (e *pageError) Unwrap() error { return e.err }
