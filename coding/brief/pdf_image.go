package brief

import (
	"bytes"
	"image/png"

	"github.com/evidence-workbench/workbench/coding/brief/typeset"
)

// imageSize is the size in points at which a coded area's picture is
// drawn: its size on the page (pixels at AreaImageDPI), scaled down to the
// text width and half the page's height; zero when the PNG cannot be read.
func (d *pdfWriter) imageSize(bl block) (w, h float64) {
	cfg, err := png.DecodeConfig(bytes.NewReader(bl.png))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return 0, 0
	}
	w, h = float64(cfg.Width)*72/AreaImageDPI, float64(cfg.Height)*72/AreaImageDPI
	scale := min(1, d.width/w, (pdfPageH-2*pdfMargin)/2/h)
	return w * scale, h * scale
}

// image draws a coded area's picture, centred, with its description as
// caption below (the caption alone when the PNG cannot be read).
func (d *pdfWriter) image(bl block) {
	caption := func() {
		d.paragraph([]typeset.Span{{Text: plainText(bl.runs), Style: typeset.Style{Italic: true}}}, 8.5, 11, "595959")
		d.y += pdfLine / 2
	}
	w, h := d.imageSize(bl)
	img, err := png.Decode(bytes.NewReader(bl.png))
	if w == 0 || err != nil {
		caption()
		return
	}
	d.room(h + 30)
	d.page.Image(img, pdfMargin+(d.width-w)/2, d.y+4, w, h)
	grey := pdfColor("bfbfbf")
	d.page.Rect(pdfMargin+(d.width-w)/2, d.y+4, w, h, nil, &grey, 0.4)
	d.y += h + 10
	caption()
}
