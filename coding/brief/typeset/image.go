package typeset

import (
	"fmt"
	"image"
)

// docImage is a picture drawn in a Doc: 8-bit RGB samples, written as an
// image XObject compressed with Flate.
type docImage struct {
	name string // resource name, "Im1"
	w, h int
	rgb  []byte
}

// Image draws img scaled into the w x h points rectangle whose top-left
// corner is at x, y (from the page's top-left corner). Transparent pixels
// are drawn over white.
func (p *Page) Image(img image.Image, x, y, w, h float64) {
	b := img.Bounds()
	if b.Empty() || w <= 0 || h <= 0 {
		return
	}
	di := &docImage{name: fmt.Sprintf("Im%d", len(p.d.images)+1), w: b.Dx(), h: b.Dy(), rgb: make([]byte, 0, 3*b.Dx()*b.Dy())}
	for py := b.Min.Y; py < b.Max.Y; py++ {
		for px := b.Min.X; px < b.Max.X; px++ {
			r, g, bl, a := img.At(px, py).RGBA()
			white := 0xffff - a // premultiplied colour over white
			di.rgb = append(di.rgb, byte((r+white)>>8), byte((g+white)>>8), byte((bl+white)>>8))
		}
	}
	p.d.images = append(p.d.images, di)
	fmt.Fprintf(&p.buf, "q %s 0 0 %s %s %s cm /%s Do Q\n", num(w), num(h), num(x), num(p.h-y-h), di.name)
}

// writeImage writes one picture as an image XObject.
func (w *writer) writeImage(id int, di *docImage) {
	w.stream(id, fmt.Sprintf(" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8", di.w, di.h), di.rgb, true)
}
