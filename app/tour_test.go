package app

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding"
)

// The tour walks the demo project through every scene and writes a picture
// of each that is neither empty nor one flat colour.
func TestTourWritesEveryScene(t *testing.T) {
	if testing.Short() {
		t.Skip("the tour imports, indexes, merges and drafts: not in -short")
	}
	t.Setenv("EWB_CACHE_DIR", t.TempDir())
	wb := newTestWorkbench(t)
	dir := filepath.Join(t.TempDir(), "shots")
	done := make(chan error, 1)
	wb.Tour(context.Background(), dir, func(err error) { done <- err })
	wb.Start(demoCopy(t))
	select { // the tour imports, indexes, merges and drafts: minutes under -race
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Minute):
		t.Fatal("timed out waiting for the tour")
	}
	for _, name := range TourScenes {
		f, err := os.Open(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Errorf("scene %s: %v", name, err)
			continue
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Errorf("scene %s: %v", name, err)
			continue
		}
		if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 300 {
			t.Errorf("scene %s is only %dx%d", name, b.Dx(), b.Dy())
		}
		if n := colours(img, 50); n < 20 {
			t.Errorf("scene %s has %d colours: blank?", name, n)
		}
	}
}

// colours counts the distinct colours of img, stopping at limit.
func colours(img image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y && len(seen) < limit; y += 2 {
		for x := b.Min.X; x < b.Max.X && len(seen) < limit; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

// blankImage tells a transparent picture (what the GL canvas gives under Xvfb) from a painted one.
func TestBlankImage(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	if !blankImage(img) {
		t.Error("a transparent image is not blank")
	}
	img.Pix[3*img.Stride+3*4+3] = 0xff // pixel (3,3) opaque
	if blankImage(img) {
		t.Error("an image with a painted pixel is blank")
	}
}

// densest finds the stretch of text with the most codings.
func TestDensest(t *testing.T) {
	cs := codingsAt(10, 5000, 5100, 5200, 9000)
	if got := densest(cs, 1500); got != 5000 {
		t.Errorf("densest = %d, want 5000", got)
	}
}

func codingsAt(starts ...int) []coding.Coding {
	cs := make([]coding.Coding, len(starts))
	for i, s := range starts {
		cs[i] = coding.Coding{Start: s, End: s + 20}
	}
	return cs
}
