package pdfpage

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The page view's targets (issue 13): first page visible < 500 ms after
// opening a study (renderer warm), an uncached page < 300 ms, both at fit
// width in a 1400 px wide window; the page cache bounded whatever the
// study's length; pages like pdftoppm's at the same resolution.

const viewWidth = 1400 // px, fit width in a 1400 px window

// benchDocs are the corpus files timed: a 17-page journal paper and a
// 65-page report with scanned pages.
var benchDocs = []string{"plumb_issue-316-example.pdf", "plumb_chelsea_pdta.pdf"}

func readCorpus(b *testing.B, name string) []byte {
	data, err := os.ReadFile(filepath.Join(sharedCorpus(b), name))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkWarm times the renderer's start: "cold" compiles PDFium's
// WebAssembly module into an empty compile cache (a first start), "cached"
// loads it from the cache folder (every later start).
func BenchmarkWarm(b *testing.B) {
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			r := New(Options{CompileCacheDir: b.TempDir()})
			if err := r.Warm(context.Background()); err != nil {
				b.Fatal(err)
			}
			r.Close()
		}
	})
	b.Run("cached", func(b *testing.B) {
		dir := b.TempDir()
		r := New(Options{CompileCacheDir: dir})
		if err := r.Warm(context.Background()); err != nil {
			b.Fatal(err)
		}
		r.Close()
		for b.Loop() {
			r := New(Options{CompileCacheDir: dir})
			if err := r.Warm(context.Background()); err != nil {
				b.Fatal(err)
			}
			r.Close()
		}
	})
}

// BenchmarkFirstPage times opening a study's PDF and rendering its first
// page at fit width, with the renderer warm.
func BenchmarkFirstPage(b *testing.B) {
	r := mustRenderer(b)
	for _, name := range benchDocs {
		data := readCorpus(b, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				d, err := r.Open(context.Background(), data)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := d.RenderWidth(context.Background(), 0, viewWidth); err != nil {
					b.Fatal(err)
				}
				d.Close()
			}
		})
	}
}

// BenchmarkPageFlip times rendering a page not in the cache at fit width,
// going through the document's pages in turn.
func BenchmarkPageFlip(b *testing.B) {
	r := New(Options{CacheBytes: -1})
	defer r.Close()
	if err := r.Warm(context.Background()); err != nil {
		b.Fatal(err)
	}
	for _, name := range benchDocs {
		d := mustOpen(b, r, readCorpus(b, name))
		b.Run(name, func(b *testing.B) {
			var ms []float64
			i := 0
			for b.Loop() {
				t0 := time.Now()
				if _, err := d.RenderWidth(context.Background(), i%d.PageCount(), viewWidth); err != nil {
					b.Fatal(err)
				}
				ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
				i++
			}
			b.ReportMetric(median(ms), "median-ms")
			b.ReportMetric(slices.Max(ms), "worst-ms")
		})
	}
}

// BenchmarkPdftoppm times the alternative of running poppler's pdftoppm
// as a process per page, at fit width, output as PPM on a pipe.
func BenchmarkPdftoppm(b *testing.B) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		b.Skip("pdftoppm not installed")
	}
	for _, name := range benchDocs {
		path := filepath.Join(sharedCorpus(b), name)
		b.Run(name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				p := strconv.Itoa(i%4 + 1)
				out, err := exec.Command("pdftoppm", "-f", p, "-l", p, "-scale-to-x", strconv.Itoa(viewWidth), "-scale-to-y", "-1", path).Output()
				if err != nil || len(out) < 1000 {
					b.Fatalf("pdftoppm: %v", err)
				}
				i++
			}
		})
	}
}

// BenchmarkCacheMemory renders every page of the 117-page lecture script at
// fit width through a renderer with the default 200 MB cache and reports
// what the cache and the process hold afterwards (after returning free
// memory to the system) and the process's peak.
func BenchmarkCacheMemory(b *testing.B) {
	data := readCorpus(b, "pypdf_GeoTopo-komprimiert.pdf")
	for b.Loop() {
		r := New(Options{})
		d := mustOpen(b, r, data)
		for i := range d.PageCount() {
			if _, err := d.RenderWidth(context.Background(), i, viewWidth); err != nil {
				b.Fatal(err)
			}
		}
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		n, bound, images := r.CacheStats()
		b.ReportMetric(float64(n)/(1<<20), "cache-MB")
		b.ReportMetric(float64(bound)/(1<<20), "bound-MB")
		b.ReportMetric(float64(images), "cached-pages")
		b.ReportMetric(float64(d.PageCount()), "pages")
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
		b.ReportMetric(float64(ms.Sys)/(1<<20), "go-sys-MB")
		b.ReportMetric(procStatusMB("VmRSS:"), "rss-MB")
		b.ReportMetric(procStatusMB("VmHWM:"), "peak-rss-MB")
		d.Close()
		r.Close()
	}
}

// procStatusMB returns a memory figure of the process from
// /proc/self/status (VmRSS: resident now, VmHWM: peak) on Linux, 0 elsewhere.
func procStatusMB(field string) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkFidelity compares pages rendered here with pdftoppm's at the
// same resolution (100 dpi) over the shared corpus (first two pages of
// every file both can read): the mean absolute difference per channel on
// the 0-255 scale, as rendered and after the better of a one-pixel shift
// either way (the two libraries round the page's origin differently), and
// the ratio of dark pixels (ours / pdftoppm's).
func BenchmarkFidelity(b *testing.B) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		b.Skip("pdftoppm not installed")
	}
	const dpi = 100
	dir := sharedCorpus(b)
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	r := mustRenderer(b)
	for b.Loop() {
		var maes, shifted, embedded, substituted, inks []float64
		var lines []string
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			d, err := r.Open(context.Background(), data)
			if err != nil {
				continue
			}
			for p := range min(2, d.PageCount()) {
				ours, err := d.Render(context.Background(), p, dpi)
				if err != nil {
					continue
				}
				ref, err := pdftoppm(f, p, dpi)
				if err != nil || ref.Bounds().Size() != ours.Bounds().Size() {
					lines = append(lines, fmt.Sprintf("%s p%d: pdftoppm %v, sizes %v / %v", filepath.Base(f), p+1, err, ours.Bounds().Size(), boundsOf(ref)))
					continue
				}
				m, s := mae(ours, ref, 0, 0), math.Inf(1)
				for _, sh := range [][2]int{{0, 0}, {0, 1}, {0, -1}, {1, 0}, {-1, 0}} {
					s = math.Min(s, mae(ours, ref, sh[0], sh[1]))
				}
				maes, shifted = append(maes, m), append(shifted, s)
				emb := allFontsEmbedded(f, p)
				ink := float64(inked(ours)+1) / float64(inked(ref)+1)
				inks = append(inks, ink)
				if emb {
					embedded = append(embedded, m)
				} else {
					substituted = append(substituted, m)
				}
				lines = append(lines, fmt.Sprintf("%-50s p%d  %5.2f  %5.2f  %4.2f  %v", filepath.Base(f), p+1, m, s, ink, emb))
			}
			d.Close()
		}
		fmt.Printf("page, MAE as rendered, MAE best 1-px shift (0-255), ink ratio, all fonts embedded:\n%s\n", strings.Join(lines, "\n"))
		b.ReportMetric(float64(len(maes)), "pages")
		b.ReportMetric(mean(maes), "mae-mean")
		b.ReportMetric(median(maes), "mae-median")
		b.ReportMetric(slices.Max(maes), "mae-max")
		b.ReportMetric(slices.Min(inks), "ink-ratio-min")
		b.ReportMetric(median(inks), "ink-ratio-median")
		b.ReportMetric(median(embedded), "mae-embedded-median")
		b.ReportMetric(float64(len(embedded)), "pages-embedded")
		b.ReportMetric(median(substituted), "mae-substituted-median")
		b.ReportMetric(mean(shifted), "mae-shift-mean")
		b.ReportMetric(median(shifted), "mae-shift-median")
	}
}

// inked counts the pixels darker than mid-grey: the ratio of two renders'
// counts shows missing or extra content (a figure or a line of text) that
// anti-aliasing differences alone do not cause.
func inked(img *image.RGBA) int {
	n := 0
	for i := 0; i < len(img.Pix); i += 4 {
		if int(img.Pix[i])+int(img.Pix[i+1])+int(img.Pix[i+2]) < 3*128 {
			n++
		}
	}
	return n
}

// allFontsEmbedded reports whether pdffonts lists only embedded fonts on
// page (0-based) of file: otherwise each renderer substitutes its own
// fonts (poppler through fontconfig, PDFium its built-in ones) and the
// pages differ by more than rendering.
func allFontsEmbedded(file string, page int) bool {
	p := strconv.Itoa(page + 1)
	out, err := exec.Command("pdffonts", "-f", p, "-l", p, file).Output()
	if err != nil {
		return false
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for _, line := range lines[min(2, len(lines)):] {
		// name, type (one or two words), encoding, emb, sub, uni, object ID
		f := strings.Fields(line)
		if len(f) >= 7 && f[len(f)-5] != "yes" {
			return false
		}
	}
	return true
}

func boundsOf(img *image.RGBA) any {
	if img == nil {
		return nil
	}
	return img.Bounds().Size()
}

// pdftoppm renders page (0-based) of file at dpi with poppler.
func pdftoppm(file string, page, dpi int) (*image.RGBA, error) {
	p := strconv.Itoa(page + 1)
	out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-f", p, "-l", p, file).Output()
	if err != nil {
		return nil, err
	}
	return readPPM(out)
}

// readPPM decodes a binary (P6, 8-bit) PPM image.
func readPPM(data []byte) (*image.RGBA, error) {
	br := bufio.NewReader(bytes.NewReader(data))
	var magic string
	var w, h, maxv int
	if _, err := fmt.Fscan(br, &magic, &w, &h, &maxv); err != nil || magic != "P6" || maxv != 255 {
		return nil, fmt.Errorf("not an 8-bit P6 image: %v", err)
	}
	br.ReadByte()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	px := make([]byte, 3*w*h)
	if _, err := io.ReadFull(br, px); err != nil {
		return nil, err
	}
	for i := range w * h {
		copy(img.Pix[4*i:4*i+3], px[3*i:3*i+3])
		img.Pix[4*i+3] = 255
	}
	return img, nil
}

// mae is the mean absolute difference of the RGB channels of a shifted by
// (dx, dy) against b, over the overlap.
func mae(a, b *image.RGBA, dx, dy int) float64 {
	w, h := a.Bounds().Dx(), a.Bounds().Dy()
	var sum, n float64
	for y := max(0, -dy); y < min(h, h-dy); y++ {
		for x := max(0, -dx); x < min(w, w-dx); x++ {
			pa, pb := a.PixOffset(x+dx, y+dy), b.PixOffset(x, y)
			for c := range 3 {
				sum += math.Abs(float64(a.Pix[pa+c]) - float64(b.Pix[pb+c]))
			}
			n += 3
		}
	}
	return sum / n
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
