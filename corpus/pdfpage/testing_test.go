package pdfpage

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// testPage describes one page of a generated PDF.
type testPage struct {
	media   [4]float64 // MediaBox
	crop    *[4]float64
	rotate  int
	content string // content stream
}

// makePDF writes a small valid PDF with the given pages (Helvetica as F1).
func makePDF(pages ...testPage) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, p := range pages {
		box := func(v [4]float64) string { return fmt.Sprintf("[%g %g %g %g]", v[0], v[1], v[2], v[3]) }
		extra := ""
		if p.crop != nil {
			extra += " /CropBox " + box(*p.crop)
		}
		if p.rotate != 0 {
			extra += fmt.Sprintf(" /Rotate %d", p.rotate)
		}
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox %s%s /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>",
			box(p.media), extra, 5+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(p.content)+0, p.content))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// redBox is a content stream painting a red rectangle at user-space x, y
// (bottom-left corner) of size w x h, and a line of text.
func redBox(x, y, w, h float64) string {
	return fmt.Sprintf("1 0 0 rg %g %g %g %g re f\n0 g BT /F1 12 Tf 72 72 Td (Evidence Workbench) Tj ET", x, y, w, h)
}

// letter is a US Letter page with a red box at (100,600)-(200,650) in user space.
func letter() testPage {
	return testPage{media: [4]float64{0, 0, 612, 792}, content: redBox(100, 600, 100, 50)}
}

var (
	testROnce sync.Once
	testR     *Renderer
)

// mustRenderer returns a renderer shared by the package's tests (its
// compiled module is kept in the user's cache folder like the program's).
func mustRenderer(tb testing.TB) *Renderer {
	tb.Helper()
	testROnce.Do(func() { testR = New(Options{}) })
	if err := testR.Warm(context.Background()); err != nil {
		tb.Fatalf("warm: %v", err)
	}
	return testR
}

// mustOpen opens data with the shared renderer and closes it at the end.
func mustOpen(tb testing.TB, r *Renderer, data []byte) *Doc {
	tb.Helper()
	d, err := r.Open(context.Background(), data)
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(d.Close)
	return d
}

// sharedCorpus returns ../shared/corpus beside the repository root (the
// main checkout's, also from a worktree one level deeper), skipping when
// absent.
func sharedCorpus(tb testing.TB) string {
	tb.Helper()
	for _, up := range []string{"../../..", "../../../.."} {
		dir := filepath.Join(up, "shared", "corpus")
		if st, err := os.Stat(filepath.Join(dir, "SOURCES.tsv")); err == nil && !st.IsDir() {
			return dir
		}
	}
	tb.Skip("../shared/corpus not present")
	return ""
}

// rgbaAt returns the colour of img at x, y.
func rgbaAt(img *image.RGBA, x, y int) [4]uint8 {
	o := img.PixOffset(x, y)
	return [4]uint8{img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3]}
}

// isRed reports whether c is (nearly) pure red.
func isRed(c [4]uint8) bool { return c[0] > 230 && c[1] < 30 && c[2] < 30 && c[3] == 255 }

// isWhite reports whether c is (nearly) white.
func isWhite(c [4]uint8) bool { return c[0] > 245 && c[1] > 245 && c[2] > 245 && c[3] == 255 }

type imageRGBA = image.RGBA

// newImg returns an image whose pixel data is n bytes.
func newImg(n int) *image.RGBA {
	return &image.RGBA{Pix: make([]byte, n), Stride: n, Rect: image.Rect(0, 0, n/4, 1)}
}
