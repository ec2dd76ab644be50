package pdfpage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

func TestRenderSize(t *testing.T) {
	r := mustRenderer(t)
	a4 := testPage{media: [4]float64{0, 0, 595.28, 841.89}, content: redBox(100, 600, 100, 50)}
	crop := [4]float64{50, 100, 350, 500}
	cropped := letter()
	cropped.crop = &crop
	rotated := letter()
	rotated.rotate = 90
	d := mustOpen(t, r, makePDF(letter(), a4, rotated, cropped))
	if d.PageCount() != 4 {
		t.Fatalf("PageCount = %d", d.PageCount())
	}
	for _, tc := range []struct {
		page   int
		size   Size
		dpi    float64
		w, h   int
		approx bool // fractional dpi: height within a pixel
	}{
		{0, Size{612, 792}, 72, 612, 792, false},
		{0, Size{612, 792}, 100, 850, 1100, false},
		{0, Size{612, 792}, Size{612, 792}.DPIForWidth(1400), 1400, 1812, true},
		{1, Size{595.28, 841.89}, 100, 827, 1170, false},
		{2, Size{792, 612}, 72, 792, 612, false},
		{3, Size{300, 400}, 144, 600, 800, false},
	} {
		t.Run(fmt.Sprintf("page%d@%.1f", tc.page, tc.dpi), func(t *testing.T) {
			if got := d.PageSize(tc.page); math.Abs(got.W-tc.size.W) > 0.01 || math.Abs(got.H-tc.size.H) > 0.01 {
				t.Errorf("PageSize = %+v, want %+v", got, tc.size)
			}
			img, err := d.Render(context.Background(), tc.page, tc.dpi)
			if err != nil {
				t.Fatal(err)
			}
			w, h := img.Bounds().Dx(), img.Bounds().Dy()
			if w != tc.w || (!tc.approx && h != tc.h) || (tc.approx && (h < tc.h-1 || h > tc.h+1)) {
				t.Errorf("image %dx%d, want %dx%d", w, h, tc.w, tc.h)
			}
			if !isWhite(rgbaAt(img, 2, 2)) {
				t.Errorf("corner is %v, want white", rgbaAt(img, 2, 2))
			}
		})
	}
}

// TestGeometry checks that Geometry places a user-space mark where PDFium
// draws it, for every rotation with and without a CropBox.
func TestGeometry(t *testing.T) {
	r := mustRenderer(t)
	crop := [4]float64{40, 300, 400, 780}
	var pages []testPage
	for _, rot := range []int{0, 90, 180, 270} {
		for _, c := range []*[4]float64{nil, &crop} {
			p := letter()
			p.rotate, p.crop = rot, c
			pages = append(pages, p)
		}
	}
	// A MediaBox away from the origin (the origin of REFI-QDA selections).
	shifted := letter()
	shifted.media, shifted.rotate = [4]float64{-20, 10, 592, 802}, 90
	pages = append(pages, shifted)
	d := mustOpen(t, r, makePDF(pages...))
	ctx := context.Background()
	for i, p := range pages {
		t.Run(fmt.Sprintf("rotate%d-crop%v-media%v", p.rotate, p.crop != nil, p.media[0]), func(t *testing.T) {
			g, err := d.Geometry(ctx, i)
			if err != nil {
				t.Fatal(err)
			}
			if g.Rotate != p.rotate || g.Size != d.PageSize(i) || g.Media != p.media {
				t.Fatalf("geometry %+v for page %+v", g, p)
			}
			img, err := d.Render(ctx, i, 72)
			if err != nil {
				t.Fatal(err)
			}
			// Inside the box (user space 100..200 x 600..650) red, outside white.
			for _, pt := range []struct {
				x, y float64
				red  bool
			}{{150, 625, true}, {104, 604, true}, {196, 646, true}, {90, 625, false}, {150, 660, false}, {210, 590, false}} {
				dx, dy := g.ToDisplay(pt.x, pt.y)
				if ux, uy := g.ToUser(dx, dy); math.Abs(ux-pt.x) > 1e-9 || math.Abs(uy-pt.y) > 1e-9 {
					t.Errorf("ToUser(ToDisplay(%v,%v)) = %v,%v", pt.x, pt.y, ux, uy)
				}
				c := rgbaAt(img, int(dx), int(dy))
				if isRed(c) != pt.red {
					t.Errorf("user (%v,%v) -> display (%v,%v): colour %v, want red=%v", pt.x, pt.y, dx, dy, c, pt.red)
				}
			}
		})
	}
}

func TestRenderRegion(t *testing.T) {
	r := mustRenderer(t)
	d := mustOpen(t, r, makePDF(letter()))
	ctx := context.Background()
	box := Rect{100, 142, 200, 192} // the red box as displayed
	for _, dpi := range []float64{144, 150.5} {
		img, err := d.RenderRegion(ctx, 0, box, dpi)
		if err != nil {
			t.Fatal(err)
		}
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		ww, wh := int(math.Round(100*dpi/72)), int(math.Round(50*dpi/72))
		if abs(w-ww) > 1 || abs(h-wh) > 1 {
			t.Errorf("%v dpi: region %dx%d, want %dx%d", dpi, w, h, ww, wh)
		}
		for _, p := range [][2]int{{1, 1}, {w / 2, h / 2}, {w - 2, h - 2}} {
			if c := rgbaAt(img, p[0], p[1]); !isRed(c) {
				t.Errorf("%v dpi: region pixel %v is %v, want red", dpi, p, c)
			}
		}
	}
	// Half outside the page: the outside part is white, the box part red.
	img, err := d.RenderRegion(ctx, 0, Rect{-100, 142, 150, 192}, 72)
	if err != nil {
		t.Fatal(err)
	}
	if c := rgbaAt(img, 10, 25); !isWhite(c) {
		t.Errorf("outside the page: %v", c)
	}
	if c := rgbaAt(img, 240, 25); !isRed(c) {
		t.Errorf("box part: %v", c)
	}
	// Reversed corners are accepted; empty areas are not.
	if _, err := d.RenderRegion(ctx, 0, Rect{200, 192, 100, 142}, 72); err != nil {
		t.Errorf("reversed corners: %v", err)
	}
	if _, err := d.RenderRegion(ctx, 0, Rect{100, 100, 100, 200}, 72); err == nil {
		t.Error("empty area rendered")
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestPageErrors(t *testing.T) {
	r := mustRenderer(t)
	d := mustOpen(t, r, makePDF(letter(), letter()))
	ctx := context.Background()
	for _, tc := range []struct {
		page int
		dpi  float64
		want error
		msg  string
	}{
		{-1, 72, ErrNoSuchPage, "page 0: the PDF has no such page"},
		{2, 72, ErrNoSuchPage, "page 3: the PDF has no such page"},
		{0, 0, ErrTooLarge, ""},
		{0, 5000, ErrTooLarge, ""},
	} {
		_, err := d.Render(ctx, tc.page, tc.dpi)
		if !errors.Is(err, tc.want) || (tc.msg != "" && err.Error() != tc.msg) {
			t.Errorf("Render(%d, %v) = %v, want %v %q", tc.page, tc.dpi, err, tc.want, tc.msg)
		}
	}
	d.Close()
	if _, err := d.Render(ctx, 0, 72); !errors.Is(err, ErrClosed) {
		t.Errorf("render after close: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	r := mustRenderer(t)
	good := makePDF(letter())
	locked := fpdf.New("P", "pt", "Letter", "")
	locked.SetProtection(fpdf.CnProtectPrint, "secret", "owner")
	locked.AddPage()
	locked.SetFont("Helvetica", "", 12)
	locked.Text(72, 72, "locked")
	var lb bytes.Buffer
	if err := locked.Output(&lb); err != nil {
		t.Fatal(err)
	}
	ownerOnly := fpdf.New("P", "pt", "Letter", "")
	ownerOnly.SetProtection(fpdf.CnProtectPrint, "", "owner")
	ownerOnly.AddPage()
	var ob bytes.Buffer
	if err := ownerOnly.Output(&ob); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrDamaged},
		{"not a PDF", []byte("Dear reviewer, this is a letter, not a PDF."), ErrDamaged},
		{"truncated header", good[:20], ErrDamaged},
		{"user password", lb.Bytes(), ErrEncrypted},
		{"owner password only", ob.Bytes(), nil},
		{"no pages", makePDF(), ErrNoPages},
	} {
		d, err := r.Open(context.Background(), tc.data)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: Open = %v, want %v", tc.name, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "pdfium") {
			t.Errorf("%s: message names the library: %v", tc.name, err)
		}
		if d != nil {
			d.Close()
		}
	}
	if got := ErrEncrypted.Error(); got != "the PDF is protected by a password, so its pages cannot be shown" {
		t.Errorf("ErrEncrypted reads %q", got)
	}
}

// TestSharedDamaged opens the shared corpus's encrypted and damaged files:
// each either opens and renders its first page, or fails with one of the
// package's conditions.
func TestSharedDamaged(t *testing.T) {
	dir := sharedCorpus(t)
	r := mustRenderer(t)
	for _, name := range []string{"pypdf_libreoffice-writer-password.pdf", "plumb_password-example.pdf"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Open(context.Background(), data); !errors.Is(err, ErrEncrypted) {
			t.Errorf("%s: %v, want ErrEncrypted", name, err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "damaged", "*.pdf"))
	opened := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := r.Open(context.Background(), data)
		if err != nil {
			if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNoPages) && !errors.Is(err, ErrEncrypted) {
				t.Errorf("%s: unexpected error %v", filepath.Base(f), err)
			}
			continue
		}
		opened++
		if _, err := d.Render(context.Background(), 0, 36); err != nil && !errors.Is(err, ErrPageDamaged) {
			t.Errorf("%s: render: %v", filepath.Base(f), err)
		}
		d.Close()
	}
	t.Logf("%d of %d damaged files opened", opened, len(files))
}

func TestCacheBound(t *testing.T) {
	one := int64(612 * 792 * 4) // a Letter page at 72 dpi
	r := New(Options{CacheBytes: 3 * one})
	defer r.Close()
	d := mustOpen(t, r, makePDF(letter(), letter(), letter(), letter(), letter()))
	ctx := context.Background()
	first, err := d.Render(ctx, 0, 72)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := d.Render(ctx, 0, 72); again != first {
		t.Error("a cached page was rendered again")
	}
	for i := range 5 {
		for _, dpi := range []float64{72, 36} {
			if _, err := d.Render(ctx, i, dpi); err != nil {
				t.Fatal(err)
			}
			if n, bound, _ := r.CacheStats(); n > bound {
				t.Fatalf("cache holds %d bytes, bound %d", n, bound)
			}
		}
	}
	n, bound, images := r.CacheStats()
	if bound != 3*one || n < 2*one || images < 3 {
		t.Errorf("cache %d bytes in %d images, bound %d", n, images, bound)
	}
	if again, _ := d.Render(ctx, 0, 72); again == first {
		t.Error("page 1 stayed in the cache after 9 newer renders")
	}
	// A page larger than the whole cache is returned but not kept.
	if _, err := d.Render(ctx, 0, 300); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := r.CacheStats(); n > bound {
		t.Errorf("cache %d bytes after an oversized page", n)
	}
	d.Close()
	if n, _, images := r.CacheStats(); n != 0 || images != 0 {
		t.Errorf("closed document left %d bytes in %d images", n, images)
	}
}

func TestConcurrentRenders(t *testing.T) {
	r := mustRenderer(t)
	d := mustOpen(t, r, makePDF(letter(), letter(), letter()))
	var wg sync.WaitGroup
	imgs := make([]any, 8)
	for i := range imgs {
		wg.Go(func() {
			img, err := d.Render(context.Background(), i%3, 50)
			if err != nil {
				t.Error(err)
			}
			imgs[i] = img
		})
	}
	wg.Wait()
	for i := 3; i < len(imgs); i++ {
		if imgs[i] != imgs[i%3] {
			t.Errorf("render %d: the same page gave two images", i)
		}
	}
}

// heavyPage is a page of 20,000 stroked curves, slow to draw at high resolution.
func heavyPage() testPage {
	var b strings.Builder
	b.WriteString("0.2 w 0 0 1 RG\n")
	for i := range 20000 {
		x, y := float64(i%600), float64((i*7)%780)
		fmt.Fprintf(&b, "%g %g m %g %g %g %g %g %g c S\n", x, y, x+30, y+40, x+60, y-20, x+10, y+5)
	}
	return testPage{media: [4]float64{0, 0, 612, 792}, content: b.String()}
}

func TestCancel(t *testing.T) {
	r := mustRenderer(t)
	d := mustOpen(t, r, makePDF(heavyPage(), letter()))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.Render(ctx, 1, 72); !errors.Is(err, context.Canceled) {
		t.Errorf("render with a cancelled context: %v", err)
	}
	if err := r.Warm(ctx); err != nil {
		t.Errorf("Warm of a started renderer: %v", err)
	}
	// Cancelled while PDFium draws: the instance is stopped and replaced.
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	t0 := time.Now()
	_, err := d.Render(ctx, 0, 600)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("heavy render under a 50 ms deadline: %v after %v", err, time.Since(t0))
	}
	t.Logf("cancelled after %v", time.Since(t0))
	for i := range 2 * DefaultWorkers {
		img, err := d.Render(context.Background(), 1, float64(40+i))
		if err != nil || !isWhite(rgbaAt(img, 1, 1)) {
			t.Fatalf("render after a cancellation: %v", err)
		}
	}
}

func TestPageCacheUnit(t *testing.T) {
	c := newPageCache(1000)
	ctx := context.Background()
	mk := func(n int) func() (*imageRGBA, error) {
		return func() (*imageRGBA, error) { return newImg(n), nil }
	}
	for i := range 10 {
		if _, err := c.get(ctx, cacheKey{doc: 1, page: i}, mk(100)); err != nil {
			t.Fatal(err)
		}
	}
	if n, _, images := c.stats(); n != 1000 || images != 10 {
		t.Errorf("%d bytes in %d images", n, images)
	}
	c.get(ctx, cacheKey{doc: 2}, mk(450))
	if n, _, images := c.stats(); n > 1000 || images != 6 {
		t.Errorf("after a big image: %d bytes in %d images", n, images)
	}
	c.get(ctx, cacheKey{doc: 3}, mk(2000))
	if _, ok := c.entries[cacheKey{doc: 3}]; ok {
		t.Error("an image larger than the bound was kept")
	}
	wantErr := errors.New("boom")
	if _, err := c.get(ctx, cacheKey{doc: 4}, func() (*imageRGBA, error) { return nil, wantErr }); err != wantErr {
		t.Errorf("error not passed on: %v", err)
	}
	if _, ok := c.entries[cacheKey{doc: 4}]; ok {
		t.Error("a failed render was cached")
	}
	c.dropDoc(1)
	if n, _, images := c.stats(); n != 450 || images != 1 {
		t.Errorf("after dropDoc: %d bytes in %d images", n, images)
	}
}
