// Package typesettest checks PDF pages written with typeset against an
// independent rendering: each run of text drawn on a page, rasterised by
// poppler (pdftoppm), is compared with the same text shaped and rendered by
// HarfBuzz itself (hb-view, from Debian's libharfbuzz-bin) in the same
// bundled font. A glyph missing (the font's .notdef box), a mark out of
// place or a syllable left unshaped shows as ink that one rendering has and
// the other has not. Tests only; tests skip when the tools are missing.
package typesettest

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding/brief/typeset"
)

// Tools skips the test unless pdftoppm and hb-view are installed.
func Tools(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"pdftoppm", "hb-view"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (poppler-utils, libharfbuzz-bin)", tool)
		}
	}
}

// Ink is a binarised image: true where a pixel is darker than mid-grey.
type Ink struct {
	W, H int
	Pix  []bool
}

func (k *Ink) at(x, y int) bool { return x >= 0 && y >= 0 && x < k.W && y < k.H && k.Pix[y*k.W+x] }

// inkOf binarises a rectangle of an image: ink is darker than halfway
// between the text's grey level and white.
func inkOf(img image.Image, r image.Rectangle, text uint8) *Ink {
	threshold := (int(text) + 255) / 2
	r = r.Intersect(img.Bounds())
	k := &Ink{W: r.Dx(), H: r.Dy(), Pix: make([]bool, r.Dx()*r.Dy())}
	for y := 0; y < k.H; y++ {
		for x := 0; x < k.W; x++ {
			g := color.GrayModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.Gray)
			k.Pix[y*k.W+x] = int(g.Y) < threshold
		}
	}
	return k
}

// origin returns the top-left corner of k's ink (0, 0 without ink).
func (k *Ink) origin() (int, int) {
	x0, y0 := k.W, k.H
	for y := 0; y < k.H; y++ {
		for x := 0; x < k.W; x++ {
			if k.Pix[y*k.W+x] {
				x0, y0 = min(x0, x), min(y0, y)
			}
		}
	}
	if x0 == k.W {
		return 0, 0
	}
	return x0, y0
}

// window cuts the w x h rectangle at x, y out of k (outside k: no ink).
func (k *Ink) window(x, y, w, h int) *Ink {
	out := &Ink{W: w, H: h, Pix: make([]bool, w*h)}
	for j := 0; j < h; j++ {
		for i := 0; i < w; i++ {
			out.Pix[j*w+i] = k.at(x+i, y+j)
		}
	}
	return out
}

// Trim cuts an Ink to the bounding box of its ink (empty when there is none).
func (k *Ink) Trim() *Ink {
	x0, y0, x1, y1 := k.W, k.H, -1, -1
	for y := 0; y < k.H; y++ {
		for x := 0; x < k.W; x++ {
			if k.Pix[y*k.W+x] {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	if x1 < 0 {
		return &Ink{}
	}
	out := &Ink{W: x1 - x0 + 1, H: y1 - y0 + 1}
	out.Pix = make([]bool, out.W*out.H)
	for y := 0; y < out.H; y++ {
		for x := 0; x < out.W; x++ {
			out.Pix[y*out.W+x] = k.at(x0+x, y0+y)
		}
	}
	return out
}

// Cover returns, over vertical strips tile pixels wide, the smallest share
// of a's ink that has ink of b within r pixels (a's pixel x, y against b's
// x+ox, y+oy), and 1 when a has no ink.
func Cover(a, b *Ink, r, tile, ox, oy int) float64 {
	worst := 1.0
	for x0 := 0; x0 < a.W; x0 += tile {
		ink, hit := 0, 0
		for y := 0; y < a.H; y++ {
			for x := x0; x < min(x0+tile, a.W); x++ {
				if !a.Pix[y*a.W+x] {
					continue
				}
				ink++
			near:
				for dy := -r; dy <= r; dy++ {
					for dx := -r; dx <= r; dx++ {
						if b.at(x+dx+ox, y+dy+oy) {
							hit++
							break near
						}
					}
				}
			}
		}
		if ink >= 8 {
			worst = min(worst, float64(hit)/float64(ink))
		}
	}
	return worst
}

// RenderPage rasterises one page of a PDF at dpi.
func RenderPage(t testing.TB, pdf string, page, dpi int) image.Image {
	t.Helper()
	out := filepath.Join(t.TempDir(), "page")
	cmd := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(page), "-l", strconv.Itoa(page),
		"-gray", "-png", "-singlefile", pdf, out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, b)
	}
	return readPNG(t, out+".png")
}

// Reference renders text with hb-view in a bundled font at px pixels per
// em, slanted as typeset slants synthetic italics.
func Reference(t testing.TB, fontFile, text string, px float64, slant bool) *Ink {
	t.Helper()
	dir := t.TempDir()
	data, err := assets.FontFile(fontFile)
	if err != nil {
		t.Fatal(err)
	}
	fp, tp, op := filepath.Join(dir, "font.ttf"), filepath.Join(dir, "text.txt"), filepath.Join(dir, "ref.png")
	os.WriteFile(fp, data, 0o644)
	os.WriteFile(tp, []byte(text), 0o644)
	args := []string{"--font-file=" + fp, "--text-file=" + tp, fmt.Sprintf("--font-size=%.3f", px), "--margin=8",
		"--output-format=png", "--output-file=" + op}
	if slant {
		args = append(args, "--font-slant=0.2")
	}
	if b, err := exec.Command("hb-view", args...).CombinedOutput(); err != nil {
		t.Fatalf("hb-view: %v %s", err, b)
	}
	img := readPNG(t, op)
	return inkOf(img, img.Bounds(), 0).Trim()
}

func readPNG(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// Result is the comparison of one run of text.
type Result struct {
	Page      int
	Text      string
	Font      string
	PDF, Ref  *Ink
	CoverRef  float64 // worst share of the reference's ink found in the PDF
	CoverPDF  float64 // worst share of the PDF's ink found in the reference
	SizeDelta int     // largest difference of the inks' widths and heights, in pixels
}

// OK reports whether the renderings agree: every strip of each one's ink
// is found in the other (96%), and their sizes match within 3 pixels.
func (r Result) OK() bool { return r.CoverRef >= 0.96 && r.CoverPDF >= 0.96 && r.SizeDelta <= 3 }

func (r Result) String() string {
	return fmt.Sprintf("page %d, %s, %q: reference ink found %.3f, PDF ink found %.3f, sizes differ by %d px",
		r.Page, r.Font, r.Text, r.CoverRef, r.CoverPDF, r.SizeDelta)
}

// Compare compares the runs drawn on a page (those keep picks) with their
// HarfBuzz references, rendering the page at dpi. Each run is cut from the
// page by its ink box, so the text must be dark on a light ground.
func Compare(t testing.TB, pdf string, p *typeset.Page, dpi int, keep func(typeset.Placed, typeset.Run) bool) []Result {
	t.Helper()
	img := RenderPage(t, pdf, p.Number(), dpi)
	s := float64(dpi) / 72
	var out []Result
	for _, pl := range p.Placed() {
		for _, run := range pl.Line.Runs {
			if !keep(pl, run) || run.InkRight <= run.InkLeft {
				continue
			}
			left, right := run.InkLeft, run.InkRight
			if run.SynthItalic() { // slanted about the baseline by 0.2
				left, right = left-0.2*pl.Line.Descent, right+0.2*pl.Line.Ascent
			}
			x0 := int(math.Floor((pl.X+left)*s)) - 1
			x1 := int(math.Ceil((pl.X+right)*s)) + 1
			y0 := int(math.Floor((pl.Y-pl.Line.Ascent)*s)) - 1
			y1 := int(math.Ceil((pl.Y+pl.Line.Descent)*s)) + 1
			grey := color.GrayModel.Convert(color.RGBA{pl.Color.R, pl.Color.G, pl.Color.B, 255}).(color.Gray).Y
			crop := inkOf(img, image.Rect(x0, y0, x1, y1), grey)
			ref := Reference(t, run.FontFile(), run.Text, run.Size*s, run.SynthItalic())
			// Align the reference with the crop's ink, at the offset near
			// the inks' top-left corners where most of the reference's ink
			// is found; then compare only the PDF's ink over the reference
			// (and a pixel around it): a neighbouring run's glyphs may reach
			// into the crop.
			gx, gy := crop.origin()
			ox, oy, best := gx, gy, -1.0
			for dy := -4; dy <= 4; dy++ {
				for dx := -16; dx <= 16; dx++ {
					c := Cover(ref, crop, 0, ref.W+1, gx+dx, gy+dy)
					if c > best+1e-9 || c > best-1e-9 && abs(dx)+abs(dy) < abs(ox-gx)+abs(oy-gy) {
						ox, oy, best = gx+dx, gy+dy, c
					}
				}
			}
			got := crop.window(ox-1, oy-1, ref.W+2, ref.H+2)
			tile := max(8, int(run.Size*s))
			r := Result{Page: p.Number(), Text: run.Text, Font: run.FontName(), PDF: got, Ref: ref,
				CoverRef: Cover(ref, got, 1, tile, 1, 1), CoverPDF: Cover(got, ref, 1, tile, -1, -1)}
			near := crop.window(ox-3, oy-3, ref.W+6, ref.H+6).Trim()
			r.SizeDelta = max(abs(near.W-ref.W), abs(near.H-ref.H))
			out = append(out, r)
		}
	}
	return out
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// PNG writes an Ink as a black-on-white PNG (for looking at a mismatch).
func (k *Ink) PNG(path string) error {
	img := image.NewGray(image.Rect(0, 0, max(k.W, 1), max(k.H, 1)))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for y := 0; y < k.H; y++ {
		for x := 0; x < k.W; x++ {
			if k.Pix[y*k.W+x] {
				img.SetGray(x, y, color.Gray{})
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return png.Encode(f, img)
}
