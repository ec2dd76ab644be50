// Command genicon draws the Evidence Workbench application icon: a white
// document with grey text lines and coloured highlight bars, and a magnifying
// glass with a check mark, on a rounded teal tile. Shapes are described by
// signed distance functions, turned into anti-aliased alpha masks and
// composited with image/draw, so the output is smooth at 512x512 and
// byte-for-byte deterministic.
//
// Usage (from the assets directory, or via `go generate ./assets`):
//
//	go run ./internal/genicon -out icon.png [-size 512]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
)

func main() {
	out := flag.String("out", "icon.png", "output PNG file")
	size := flag.Int("size", 512, "width and height in pixels")
	flag.Parse()
	data, err := Render(*size)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genicon:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genicon:", err)
		os.Exit(1)
	}
}

// sdf is a signed distance function in icon units (a 512-unit square):
// negative inside the shape, positive outside.
type sdf func(x, y float64) float64

// Render draws the icon at size x size pixels and returns it PNG-encoded.
func Render(size int) ([]byte, error) {
	if size < 16 || size > 4096 {
		return nil, fmt.Errorf("icon size %d out of range 16..4096", size)
	}
	dst := image.NewRGBA(image.Rect(0, 0, size, size))
	scale := float64(size) / 512
	c := &canvas{dst: dst, scale: scale}

	// Tile with a vertical gradient from navy-blue to teal.
	tile := roundRect(256, 256, 240, 240, 100)
	grad := image.NewRGBA(dst.Bounds())
	top, bottom := rgb(0x1d, 0x4e, 0x89), rgb(0x2a, 0x9d, 0x8f)
	for y := 0; y < size; y++ {
		t := float64(y) / float64(size-1)
		col := lerp(top, bottom, t)
		for x := 0; x < size; x++ {
			grad.SetRGBA(x, y, col)
		}
	}
	draw.DrawMask(dst, dst.Bounds(), grad, image.Point{}, c.mask(tile, 1), image.Point{}, draw.Over)

	// Document with a folded top-right corner and a soft shadow.
	const x0, y0, x1, y1, fold = 118.0, 78.0, 354.0, 436.0, 58.0
	page := roundRect((x0+x1)/2, (y0+y1)/2, (x1-x0)/2, (y1-y0)/2, 18)
	cut := func(x, y float64) float64 { return ((x - x1) - (y - y0) + fold) / math.Sqrt2 }
	body := func(x, y float64) float64 { return math.Max(page(x, y), cut(x, y)) }
	shadow := func(x, y float64) float64 { return body(x-8, y-12) }
	c.fill(shadow, 18, color.NRGBA{0x0b, 0x1f, 0x3a, 0x60})
	c.fill(body, 1, rgb(0xff, 0xff, 0xff))
	foldTri := func(x, y float64) float64 {
		return math.Max(math.Max(x1-fold-x, y-(y0+fold)), cut(x, y))
	}
	c.fill(foldTri, 1, rgb(0xc9, 0xd6, 0xe3))

	// Highlight bars behind some lines, then the text lines themselves.
	type line struct {
		y, x2 float64
		hl    color.Color
	}
	lines := []line{
		{142, 270, nil},
		{184, 318, color.NRGBA{0xff, 0xb7, 0x03, 0xd0}},
		{226, 300, nil},
		{268, 322, color.NRGBA{0x06, 0xd6, 0xa0, 0xc8}},
		{310, 250, color.NRGBA{0xf7, 0x25, 0x85, 0xa8}},
		{352, 296, nil},
		{394, 232, nil},
	}
	for _, l := range lines {
		if l.hl != nil {
			c.fill(roundRect((150+l.x2)/2, l.y, (l.x2-150)/2+12, 17, 7), 1, l.hl)
		}
	}
	for _, l := range lines {
		c.fill(capsule(150, l.y, l.x2, l.y, 7), 1, rgb(0x5c, 0x67, 0x7d))
	}

	// Magnifying glass: tinted lens, ring, handle, check mark.
	const mx, my, mr = 338.0, 330.0, 82.0
	c.fill(circle(mx, my, mr), 1, color.NRGBA{0xe9, 0xf5, 0xff, 0xb0})
	handle := capsule(mx+mr*0.72, my+mr*0.72, 458, 458, 22)
	c.fill(func(x, y float64) float64 { return handle(x-4, y-6) }, 12, color.NRGBA{0x0b, 0x1f, 0x3a, 0x50})
	c.fill(handle, 1, rgb(0x14, 0x21, 0x3d))
	c.fill(func(x, y float64) float64 { return math.Abs(circle(mx, my, mr)(x, y)) - 12 }, 1, rgb(0x14, 0x21, 0x3d))
	check := func(x, y float64) float64 {
		return math.Min(capsule(mx-40, my+2, mx-10, my+32, 11)(x, y), capsule(mx-10, my+32, mx+44, my-30, 11)(x, y))
	}
	c.fill(check, 1, rgb(0x2a, 0x9d, 0x8f))

	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err != nil {
		return nil, fmt.Errorf("encode icon: %w", err)
	}
	return buf.Bytes(), nil
}

// canvas maps icon units to pixels and composites masks onto dst.
type canvas struct {
	dst   *image.RGBA
	scale float64
}

// mask samples f at pixel centres; soft is the edge width in icon units
// (1 gives a crisp anti-aliased edge, larger values blur, for shadows).
func (c *canvas) mask(f sdf, soft float64) *image.Alpha {
	b := c.dst.Bounds()
	m := image.NewAlpha(b)
	edge := math.Max(soft, 1/c.scale)
	for py := b.Min.Y; py < b.Max.Y; py++ {
		for px := b.Min.X; px < b.Max.X; px++ {
			x := (float64(px) + 0.5) / c.scale
			y := (float64(py) + 0.5) / c.scale
			a := 0.5 - f(x, y)/edge
			if a <= 0 {
				continue
			}
			if a > 1 {
				a = 1
			}
			m.SetAlpha(px, py, color.Alpha{A: uint8(math.Round(a * 255))})
		}
	}
	return m
}

// fill composites colour col through the mask of f over the canvas.
func (c *canvas) fill(f sdf, soft float64, col color.Color) {
	draw.DrawMask(c.dst, c.dst.Bounds(), image.NewUniform(col), image.Point{}, c.mask(f, soft), image.Point{}, draw.Over)
}

func roundRect(cx, cy, hw, hh, r float64) sdf {
	return func(x, y float64) float64 {
		qx := math.Abs(x-cx) - hw + r
		qy := math.Abs(y-cy) - hh + r
		outside := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
		inside := math.Min(math.Max(qx, qy), 0)
		return outside + inside - r
	}
}

func circle(cx, cy, r float64) sdf {
	return func(x, y float64) float64 { return math.Hypot(x-cx, y-cy) - r }
}

// capsule is a segment from (ax, ay) to (bx, by) with round ends of radius r.
func capsule(ax, ay, bx, by, r float64) sdf {
	return func(x, y float64) float64 {
		px, py := x-ax, y-ay
		dx, dy := bx-ax, by-ay
		h := (px*dx + py*dy) / (dx*dx + dy*dy)
		h = math.Max(0, math.Min(1, h))
		return math.Hypot(px-dx*h, py-dy*h) - r
	}
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 0xff} }

func lerp(a, b color.RGBA, t float64) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}
