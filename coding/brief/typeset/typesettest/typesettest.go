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

// inkOf binarises a rectangle of an image.
func inkOf(img image.Image, r image.Rectangle) *Ink {
	r = r.Intersect(img.Bounds())
	k := &Ink{W: r.Dx(), H: r.Dy(), Pix: make([]bool, r.Dx()*r.Dy())}
	for y := 0; y < k.H; y++ {
		for x := 0; x < k.W; x++ {
			g := color.GrayModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.Gray)
			k.Pix[y*k.W+x] = g.Y < 128
		}
	}
	return k
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
// of a's ink that has ink of b within r pixels (a and b aligned at their
// top-left corners), and 1 when a has no ink.
func Cover(a, b *Ink, r, tile int) float64 {
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
						if b.at(x+dx, y+dy) {
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
	args := []string{"--font-file=" + fp, "--text-file=" + tp, fmt.Sprintf("--font-size=%.0f", px), "--margin=8",
		"--output-format=png", "--output-file=" + op}
	if slant {
		args = append(args, "--font-slant=0.2")
	}
	if b, err := exec.Command("hb-view", args...).CombinedOutput(); err != nil {
		t.Fatalf("hb-view: %v %s", err, b)
	}
	img := readPNG(t, op)
	return inkOf(img, img.Bounds()).Trim()
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
	return fmt.Sprintf("page %d, %s, %q: reference ink found %.3f, PDF ink found %.3f, size %dx%d vs %dx%d",
		r.Page, r.Font, r.Text, r.CoverRef, r.CoverPDF, r.PDF.W, r.PDF.H, r.Ref.W, r.Ref.H)
}

// Compare compares the runs drawn on a page (those keep picks) with their
// HarfBuzz references, rendering the page at dpi.
func Compare(t testing.TB, pdf string, p *typeset.Page, dpi int, keep func(typeset.Run) bool) []Result {
	t.Helper()
	img := RenderPage(t, pdf, p.Number(), dpi)
	s := float64(dpi) / 72
	var out []Result
	for _, pl := range p.Placed() {
		for _, run := range pl.Line.Runs {
			if !keep(run) {
				continue
			}
			x0 := int((pl.X+run.X)*s) - 2
			x1 := int((pl.X+run.X+run.Width)*s) + 3
			y0 := int((pl.Y-pl.Line.Ascent)*s) - 2
			y1 := int((pl.Y+pl.Line.Descent)*s) + 3
			got := inkOf(img, image.Rect(x0, y0, x1, y1)).Trim()
			ref := Reference(t, run.FontFile(), run.Text, run.Size*s, run.SynthItalic())
			r := Result{Page: p.Number(), Text: run.Text, Font: run.FontName(), PDF: got, Ref: ref,
				CoverRef: Cover(ref, got, 2, int(run.Size*s)), CoverPDF: Cover(got, ref, 2, int(run.Size*s)),
				SizeDelta: max(abs(got.W-ref.W), abs(got.H-ref.H))}
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
