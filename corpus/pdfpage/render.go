package pdfpage

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"sync"
	"sync/atomic"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// Doc is an open PDF. Its methods are safe for concurrent use; renders of
// one document run on the renderer's instances in parallel.
type Doc struct {
	r      *Renderer
	id     uint64
	data   []byte
	sizes  []Size
	forms  bool // has interactive form fields, drawn with the page
	closed atomic.Bool

	geomMu sync.Mutex
	geom   map[int]Geometry
}

// Open reads a PDF held in memory (as corpus.Project.PDF returns it) and
// measures its pages. It keeps data, which must not be changed afterwards.
// A file that needs a password gives ErrEncrypted, one PDFium cannot read
// ErrDamaged.
func (r *Renderer) Open(ctx context.Context, data []byte) (*Doc, error) {
	d := &Doc{r: r, id: r.nextDoc.Add(1), data: data, geom: map[int]Geometry{}}
	err := r.do(ctx, d, func(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT) error {
		n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc})
		if err != nil {
			return fmt.Errorf("%w (%v)", ErrDamaged, err)
		}
		if n.PageCount <= 0 {
			return ErrNoPages
		}
		if ft, err := inst.FPDF_GetFormType(&requests.FPDF_GetFormType{Document: doc}); err == nil {
			d.forms = ft.FormType != enums.FPDF_FORMTYPE_NONE
		}
		d.sizes = make([]Size, n.PageCount)
		for i := range d.sizes {
			if err := ctx.Err(); err != nil {
				return err
			}
			s, err := inst.FPDF_GetPageSizeByIndexF(&requests.FPDF_GetPageSizeByIndexF{Document: doc, Index: i})
			if err != nil || !(s.Size.Width > 0 && s.Size.Height > 0) {
				// An unreadable page dictionary: give it the size of US
				// Letter so the view can lay it out; drawing it will report.
				d.sizes[i] = Size{612, 792}
				continue
			}
			d.sizes[i] = Size{math.Min(float64(s.Size.Width), maxPageSide), math.Min(float64(s.Size.Height), maxPageSide)}
		}
		return nil
	})
	if err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// PageCount returns the number of pages.
func (d *Doc) PageCount() int { return len(d.sizes) }

// PageSize returns page i's size in points as displayed (CropBox and
// /Rotate applied). It returns the zero Size for a page out of range.
func (d *Doc) PageSize(i int) Size {
	if i < 0 || i >= len(d.sizes) {
		return Size{}
	}
	return d.sizes[i]
}

// Close forgets the document: its cached images are dropped and PDFium
// instances close it when next used. Closing twice is harmless.
func (d *Doc) Close() {
	if d.closed.Swap(true) {
		return
	}
	d.r.cache.dropDoc(d.id)
}

func (d *Doc) checkPage(page int) error {
	if d.closed.Load() {
		return ErrClosed
	}
	if page < 0 || page >= len(d.sizes) {
		return &pageError{page, ErrNoSuchPage}
	}
	return nil
}

func checkDPI(dpi float64) error {
	if !(dpi >= MinDPI && dpi <= MaxDPI) {
		return fmt.Errorf("%w (resolution %.0f dpi is outside %d-%d)", ErrTooLarge, dpi, MinDPI, MaxDPI)
	}
	return nil
}

// Render returns page (0-based) drawn at dpi on white, as an opaque RGBA
// image of d.PageSize(page).Pixels(dpi). Rendered pages are cached (by
// document, page and resolution): the image may be shared with other
// callers and must be treated as read-only. Concurrent requests for the
// same image render it once.
func (d *Doc) Render(ctx context.Context, page int, dpi float64) (*image.RGBA, error) {
	if err := d.checkPage(page); err != nil {
		return nil, err
	}
	if err := checkDPI(dpi); err != nil {
		return nil, err
	}
	w, h := d.sizes[page].Pixels(dpi)
	if int64(w)*int64(h) > MaxPixels {
		return nil, &pageError{page, ErrTooLarge}
	}
	key := cacheKey{doc: d.id, page: page, milliDPI: int64(math.Round(dpi * 1000))}
	return d.r.cache.get(ctx, key, func() (*image.RGBA, error) {
		return d.render(ctx, page, dpi, nil)
	})
}

// RenderWidth renders page at the resolution that makes it width pixels
// wide (fit width).
func (d *Doc) RenderWidth(ctx context.Context, page, width int) (*image.RGBA, error) {
	return d.Render(ctx, page, d.PageSize(page).DPIForWidth(width))
}

// RenderRegion draws the part area of page (in displayed-page points) at
// dpi, for example a coded table or figure for a brief. Parts of area
// outside the page come out white. Regions are not cached.
func (d *Doc) RenderRegion(ctx context.Context, page int, area Rect, dpi float64) (*image.RGBA, error) {
	if err := d.checkPage(page); err != nil {
		return nil, err
	}
	if err := checkDPI(dpi); err != nil {
		return nil, err
	}
	area = area.Canon()
	px := area.Scale(dpi)
	if area.Empty() || math.Round(px.X1)-math.Round(px.X0) < 1 || math.Round(px.Y1)-math.Round(px.Y0) < 1 {
		return nil, &pageError{page, errors.New("the area to draw is empty")}
	}
	if (px.X1-px.X0)*(px.Y1-px.Y0) > MaxPixels || area.X0 < -maxPageSide || area.Y0 < -maxPageSide ||
		area.X1 > 2*maxPageSide || area.Y1 > 2*maxPageSide {
		return nil, &pageError{page, ErrTooLarge}
	}
	return d.render(ctx, page, dpi, &area)
}

// render draws the page (or area of it) through PDFium and copies the
// pixels out of the instance's memory, flattened on white.
func (d *Doc) render(ctx context.Context, page int, dpi float64, area *Rect) (*image.RGBA, error) {
	var out *image.RGBA
	err := d.r.do(ctx, d, func(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT) error {
		pg := requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: page}}
		var crop *requests.RenderPageCrop
		if area != nil {
			crop = &requests.RenderPageCrop{X: area.X0, Y: area.Y0, Width: area.X1 - area.X0, Height: area.Y1 - area.Y0}
		}
		// Annotations as viewers show them; form fields (d.forms) need
		// PDFium's form environment, set up for the render.
		flags := enums.FPDF_RENDER_FLAG_ANNOT
		var (
			img    *image.RGBA
			alpha  bool
			clean  func()
			rerr   error
			idpi   = int(dpi)
			intDPI = float64(idpi) == dpi
		)
		if intDPI {
			res, err := inst.RenderPageInDPI(&requests.RenderPageInDPI{Page: pg, DPI: idpi, RenderFlags: flags, Crop: crop, RenderForm: d.forms})
			if err == nil {
				img, alpha, clean = asRGBA(res.Result.RenderedImage), res.Result.HasTransparency, res.CleanupFunc
			}
			rerr = err
		} else {
			// A fractional resolution: ask for the exact pixel width.
			w, _ := d.sizes[page].Pixels(dpi)
			req := &requests.RenderPageInPixels{Page: pg, Width: w, RenderFlags: flags, RenderForm: d.forms}
			if crop != nil {
				// The crop is scaled by the region's own width.
				req.Crop = crop
				req.Width = int(math.Round(crop.Width * dpi / pointsPerInch))
			}
			res, err := inst.RenderPageInPixels(req)
			if err == nil {
				img, alpha, clean = asRGBA(res.Result.RenderedImage), res.Result.HasTransparency, res.CleanupFunc
			}
			rerr = err
		}
		if rerr != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return &pageError{page, fmt.Errorf("%w (%v)", ErrPageDamaged, rerr)}
		}
		if clean != nil {
			defer clean()
		}
		if img == nil {
			return &pageError{page, ErrPageDamaged}
		}
		out = flatten(img, alpha)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// asRGBA returns PDFium's RGBA render (nil for another kind of image).
func asRGBA(img image.Image) *image.RGBA {
	rgba, _ := img.(*image.RGBA)
	return rgba
}

// flatten copies a render out of WebAssembly memory into a new opaque
// image; when the page has transparency PDFium leaves straight (not
// premultiplied) alpha over a transparent background, which is composed on
// white.
func flatten(src *image.RGBA, alpha bool) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	row := b.Dx() * 4
	for y := 0; y < b.Dy(); y++ {
		s := src.Pix[y*src.Stride : y*src.Stride+row]
		t := dst.Pix[y*dst.Stride : y*dst.Stride+row]
		if !alpha {
			copy(t, s)
			for i := 3; i < row; i += 4 {
				t[i] = 0xff
			}
			continue
		}
		for i := 0; i < row; i += 4 {
			a := uint32(s[i+3])
			w := (255 - a) * 255
			t[i] = uint8((uint32(s[i])*a + w + 127) / 255)
			t[i+1] = uint8((uint32(s[i+1])*a + w + 127) / 255)
			t[i+2] = uint8((uint32(s[i+2])*a + w + 127) / 255)
			t[i+3] = 0xff
		}
	}
	return dst
}

// Geometry returns how page sits in PDF user space: its rotation and
// visible box, to place text positions or REFI-QDA selections on the
// displayed page. It loads the page the first time.
func (d *Doc) Geometry(ctx context.Context, page int) (Geometry, error) {
	if err := d.checkPage(page); err != nil {
		return Geometry{}, err
	}
	d.geomMu.Lock()
	g, ok := d.geom[page]
	d.geomMu.Unlock()
	if ok {
		return g, nil
	}
	g.Size = d.sizes[page]
	err := d.r.do(ctx, d, func(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT) error {
		pg := requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: page}}
		rot, err := inst.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: pg})
		if err != nil {
			return &pageError{page, fmt.Errorf("%w (%v)", ErrPageDamaged, err)}
		}
		g.Rotate = int(rot.PageRotation) * 90
		bb, err := inst.FPDF_GetPageBoundingBox(&requests.FPDF_GetPageBoundingBox{Page: pg})
		if err != nil {
			return &pageError{page, fmt.Errorf("%w (%v)", ErrPageDamaged, err)}
		}
		rc := bb.Rect
		g.Box = [4]float64{float64(min(rc.Left, rc.Right)), float64(min(rc.Bottom, rc.Top)),
			float64(max(rc.Left, rc.Right)), float64(max(rc.Bottom, rc.Top))}
		g.Media = g.Box
		if mb, err := inst.FPDFPage_GetMediaBox(&requests.FPDFPage_GetMediaBox{Page: pg}); err == nil {
			g.Media = [4]float64{float64(min(mb.Left, mb.Right)), float64(min(mb.Bottom, mb.Top)),
				float64(max(mb.Left, mb.Right)), float64(max(mb.Bottom, mb.Top))}
		} else if _, err := inst.FPDFPage_GetCropBox(&requests.FPDFPage_GetCropBox{Page: pg}); err == nil {
			// An inherited MediaBox under the page's own CropBox: assume
			// the usual origin.
			g.Media = [4]float64{0, 0, max(g.Box[2], 0), max(g.Box[3], 0)}
		}
		return nil
	})
	if err != nil {
		return Geometry{}, err
	}
	d.geomMu.Lock()
	d.geom[page] = g
	d.geomMu.Unlock()
	return g, nil
}
