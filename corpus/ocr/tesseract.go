package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// DefaultTimeout bounds the OCR of one page.
const DefaultTimeout = 3 * time.Minute

// Tesseract is an installed tesseract program.
type Tesseract struct {
	Path    string // the executable
	Version string // e.g. "5.3.0"

	mu    sync.Mutex
	langs []string // installed languages, nil until read
}

// Find looks for tesseract: $EWB_TESSERACT, then PATH, then (on Windows)
// the folders its installers use. It runs `tesseract --version` to check
// the program works. When it is missing the error is a
// *NotInstalledError (errors.Is ErrNotInstalled).
func Find(ctx context.Context) (*Tesseract, error) {
	var candidates []string
	if p := os.Getenv("EWB_TESSERACT"); p != "" {
		candidates = append(candidates, p)
	}
	if p, err := exec.LookPath("tesseract"); err == nil {
		candidates = append(candidates, p)
	}
	if runtime.GOOS == "windows" {
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"} {
			if dir := os.Getenv(env); dir != "" {
				sub := "Tesseract-OCR"
				if env == "LOCALAPPDATA" {
					sub = filepath.Join("Programs", "Tesseract-OCR")
				}
				candidates = append(candidates, filepath.Join(dir, sub, "tesseract.exe"))
			}
		}
	}
	for _, p := range candidates {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			continue
		}
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		out, err := command(cctx, p, "--version").CombinedOutput()
		cancel()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil {
			continue
		}
		t := &Tesseract{Path: p}
		if f := strings.Fields(string(out)); len(f) >= 2 && strings.EqualFold(f[0], "tesseract") {
			t.Version = strings.TrimPrefix(f[1], "v")
		}
		return t, nil
	}
	return nil, &NotInstalledError{}
}

// command prepares a run of tesseract that ends when ctx does.
func command(ctx context.Context, path string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.WaitDelay = 5 * time.Second
	if os.Getenv("OMP_THREAD_LIMIT") == "" {
		// Tesseract's OpenMP threads spin while waiting for each other: on
		// a small, busy machine one thread is 2-3 times faster (measured).
		cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	}
	hideWindow(cmd)
	return cmd
}

// Languages returns the installed language codes (from `tesseract
// --list-langs`), sorted; the list is read once.
func (t *Tesseract) Languages(ctx context.Context) ([]string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.langs != nil {
		return t.langs, nil
	}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := command(cctx, t.Path, "--list-langs").CombinedOutput()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%w: tesseract --list-langs: %v", ErrFailed, err)
	}
	langs := []string{}
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.Contains(line, " ") || strings.HasSuffix(line, ":") {
			continue // the heading "List of available languages in ..."
		}
		langs = append(langs, line)
	}
	slices.Sort(langs)
	t.langs = langs
	return langs, nil
}

// Check reports a *MissingLanguageError when a language of langs ("tha+eng")
// is not installed.
func (t *Tesseract) Check(ctx context.Context, langs string) error {
	have, err := t.Languages(ctx)
	if err != nil {
		return err
	}
	var missing []string
	for _, l := range SplitLangs(langs) {
		if !slices.Contains(have, l) {
			missing = append(missing, l)
		}
	}
	if len(missing) > 0 {
		return &MissingLanguageError{Missing: missing}
	}
	return nil
}

// Options tunes a recognition.
type Options struct {
	Lang    string        // Tesseract languages, e.g. "tha+eng" ("" = "eng")
	DPI     float64       // resolution of the image, for boxes in points (0 = DefaultDPI)
	Timeout time.Duration // per page (0 = DefaultTimeout)
	PSM     int           // Tesseract page segmentation mode (0 = its default, automatic)
}

// DefaultDPI is the resolution pages are rendered at for OCR; Tesseract
// reads best at about 300 dpi.
const DefaultDPI = 300

func (o Options) withDefaults() Options {
	if o.Lang == "" {
		o.Lang = "eng"
	}
	if o.DPI <= 0 {
		o.DPI = DefaultDPI
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	return o
}

// Recognize reads the text of a page image. The image is handed to
// tesseract on its standard input (it is never written to disk); its
// results are read from a temporary folder removed afterwards.
func (t *Tesseract) Recognize(ctx context.Context, img image.Image, o Options) (*Page, error) {
	o = o.withDefaults()
	if err := t.Check(ctx, o.Lang); err != nil {
		return nil, err
	}
	var in bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&in, gray(img)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFailed, err)
	}
	dir, err := os.MkdirTemp("", "ewb-ocr-")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFailed, err)
	}
	defer os.RemoveAll(dir)
	base := filepath.Join(dir, "page")
	args := []string{"stdin", base, "-l", o.Lang, "--dpi", strconv.Itoa(int(o.DPI + 0.5))}
	if o.PSM > 0 {
		args = append(args, "--psm", strconv.Itoa(o.PSM))
	}
	args = append(args, "txt", "tsv")
	cctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	cmd := command(cctx, t.Path, args...)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if cctx.Err() != nil {
		return nil, fmt.Errorf("%w (after %v)", ErrTimeout, o.Timeout)
	}
	if runErr != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "Failed loading language") {
			return nil, &MissingLanguageError{Missing: SplitLangs(o.Lang)}
		}
		return nil, fmt.Errorf("%w: %v: %.200s", ErrFailed, runErr, msg)
	}
	tsv, err := os.ReadFile(base + ".tsv")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFailed, err)
	}
	txt, err := os.ReadFile(base + ".txt")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFailed, err)
	}
	toks, err := parseTSV(string(tsv))
	if err != nil {
		return nil, err
	}
	p := buildPage(toks, string(txt), o.DPI)
	p.Lang = o.Lang
	b := img.Bounds()
	p.Size = pdfpage.Size{W: float64(b.Dx()) * 72 / o.DPI, H: float64(b.Dy()) * 72 / o.DPI}
	return p, nil
}

// gray converts an image to 8-bit grey, which Tesseract reads as well as
// colour and which is a quarter of the size to pass.
func gray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	if rgba, ok := img.(*image.RGBA); ok {
		for y := range b.Dy() {
			s := rgba.Pix[(y)*rgba.Stride : y*rgba.Stride+4*b.Dx()]
			d := g.Pix[y*g.Stride : y*g.Stride+b.Dx()]
			for x := range d {
				r, gg, bb := uint32(s[4*x]), uint32(s[4*x+1]), uint32(s[4*x+2])
				d[x] = uint8((19595*r + 38470*gg + 7471*bb + 1<<15) >> 16)
			}
		}
		return g
	}
	draw.Draw(g, g.Bounds(), img, b.Min, draw.Src)
	return g
}

// PageError reports the page (0-based) whose OCR failed.
type PageError struct {
	Page int
	Err  error
}

// Error names the page counted from 1.
func (e *PageError) Error() string { return fmt.Sprintf("page %d: %v", e.Page+1, e.Err) }

// Unwrap returns the cause.
func (e *PageError) Unwrap() error { return e.Err }

// OCR renders pages (0-based; nil means all) of doc at o.DPI and
// recognises them one after the other, calling progress (if not nil)
// after each page with the number done and the total. On an error it
// returns the pages finished so far with a *PageError naming the failed
// page; the caller must not take them for the whole.
func (t *Tesseract) OCR(ctx context.Context, doc *pdfpage.Doc, pages []int, o Options, progress func(done, total int)) ([]*Page, error) {
	o = o.withDefaults()
	if pages == nil {
		pages = make([]int, doc.PageCount())
		for i := range pages {
			pages[i] = i
		}
	}
	if err := t.Check(ctx, o.Lang); err != nil {
		return nil, err
	}
	out := make([]*Page, 0, len(pages))
	for i, pg := range pages {
		// Rendered as a region of the whole page: regions skip the page
		// cache, which OCR-sized images would only flush.
		sz := doc.PageSize(pg)
		img, err := doc.RenderRegion(ctx, pg, pdfpage.Rect{X1: sz.W, Y1: sz.H}, o.DPI)
		if err == nil {
			var p *Page
			if p, err = t.Recognize(ctx, img, o); err == nil {
				p.Index = pg
				p.Size = doc.PageSize(pg)
				out = append(out, p)
			}
		}
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return out, err
			}
			return out, &PageError{Page: pg, Err: err}
		}
		if progress != nil {
			progress(i+1, len(pages))
		}
	}
	return out, nil
}
