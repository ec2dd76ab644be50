package pdfpage

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Defaults of Options.
const (
	DefaultWorkers    = 2         // PDFium instances
	DefaultCacheBytes = 200 << 20 // page image cache
	// wasmMemoryPages bounds each instance's WebAssembly memory (64 KiB
	// pages): 1 GiB, enough for a 400-dpi A3 scan, so that a hostile file
	// cannot take all the machine's memory.
	wasmMemoryPages = 1 << 14
	// maxDocsPerWorker bounds the documents each instance keeps open (a
	// copy of the file lives in its memory while open).
	maxDocsPerWorker = 2
)

// Options configures a Renderer. The zero value gives the defaults.
type Options struct {
	// Workers is the number of PDFium instances that render at the same
	// time (0: DefaultWorkers). Each keeps its own WebAssembly memory
	// (tens of MB, more with large scans).
	Workers int
	// CacheBytes bounds the cache of rendered pages (0: DefaultCacheBytes;
	// negative: no cache).
	CacheBytes int64
	// CompileCacheDir is where the compiled PDFium module is kept between
	// runs ("": DefaultCompileCacheDir; "-": nowhere, compile at every start).
	CompileCacheDir string
	// FontDirs are host folders PDFium may read fonts from, for PDFs whose
	// fonts are not embedded (nil: the system's font folders). Nothing else
	// of the file system is visible to PDFium.
	FontDirs []string
}

// DefaultCompileCacheDir returns <user cache dir>/evidence-workbench/pdfium-wasm.
func DefaultCompileCacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the cache folder: %w", err)
	}
	return filepath.Join(base, "evidence-workbench", "pdfium-wasm"), nil
}

// StartInfo tells how the renderer started.
type StartInfo struct {
	Took       time.Duration // from the first use to ready
	CacheDir   string        // compile cache folder used ("" if none)
	CacheError error         // why the compile cache could not be used, if so
}

// Renderer draws pages of PDF documents. Create it with New (or use the
// package's default through Open and Warm); it starts on first use or on
// Warm. It is safe for concurrent use.
type Renderer struct {
	opts Options

	startOnce sync.Once
	ready     chan struct{} // closed when started (or failed)
	startErr  error         // set before ready is closed
	info      StartInfo

	pool    pdfium.Pool
	cc      wazero.CompilationCache // closed with the renderer: it holds the compiled code
	workers chan *worker            // idle workers
	cache   *pageCache
	nextDoc atomic.Uint64

	closeOnce sync.Once
	closed    atomic.Bool
	done      chan struct{} // closed by Close
}

// New returns a renderer configured by opts. It does no work until Warm or
// the first Open.
func New(opts Options) *Renderer {
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers
	}
	if opts.CacheBytes == 0 {
		opts.CacheBytes = DefaultCacheBytes
	}
	return &Renderer{
		opts:    opts,
		ready:   make(chan struct{}),
		workers: make(chan *worker, opts.Workers),
		cache:   newPageCache(max(opts.CacheBytes, 0)),
		done:    make(chan struct{}),
	}
}

var (
	defaultOnce sync.Once
	defaultR    *Renderer
)

// Default returns the process's shared renderer (default options).
func Default() *Renderer {
	defaultOnce.Do(func() { defaultR = New(Options{}) })
	return defaultR
}

// Warm starts the default renderer and waits until it is ready or ctx ends.
// A program calls it in the background at start.
func Warm(ctx context.Context) error { return Default().Warm(ctx) }

// Open opens a PDF with the default renderer.
func Open(ctx context.Context, data []byte) (*Doc, error) { return Default().Open(ctx, data) }

// Warm starts the renderer (compiling or loading the PDFium module and
// starting its instances) and waits until it is ready or ctx ends. The
// start goes on in the background when ctx ends first. Calling it again is
// cheap.
func (r *Renderer) Warm(ctx context.Context) error {
	r.startOnce.Do(func() { go r.start() })
	if r.Ready() {
		return r.startErr
	}
	select {
	case <-r.ready:
		return r.startErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Ready reports whether the renderer has started (successfully or not)
// without waiting.
func (r *Renderer) Ready() bool {
	select {
	case <-r.ready:
		return true
	default:
		return false
	}
}

// Info returns how the renderer started; valid once Ready.
func (r *Renderer) Info() StartInfo {
	<-r.ready
	return r.info
}

// CacheStats returns the page cache's current size in bytes, its bound and
// the number of images it holds.
func (r *Renderer) CacheStats() (bytes, bound int64, images int) {
	return r.cache.stats()
}

func (r *Renderer) start() {
	t0 := time.Now()
	defer func() {
		r.info.Took = time.Since(t0)
		close(r.ready)
	}()
	rc := wazero.NewRuntimeConfig().
		// PDFium's setjmp/longjmp are WebAssembly exceptions.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		// A cancelled call stops the running instance at once.
		WithCloseOnContextDone(true).
		WithMemoryLimitPages(wasmMemoryPages)
	dir := r.opts.CompileCacheDir
	if dir == "" {
		var err error
		if dir, err = DefaultCompileCacheDir(); err != nil {
			r.info.CacheError = err
		}
	}
	var cc wazero.CompilationCache
	if dir != "" && dir != "-" {
		var err error
		if cc, err = wazero.NewCompilationCacheWithDir(dir); err != nil {
			r.info.CacheError = err
			cc = nil
		} else {
			r.info.CacheDir = dir
		}
	}
	cfg := webassembly.Config{
		MinIdle:      r.opts.Workers,
		MaxIdle:      r.opts.Workers,
		MaxTotal:     r.opts.Workers,
		FSConfig:     fontMounts(r.opts.FontDirs),
		Stdout:       io.Discard,
		Stderr:       io.Discard,
		ReuseWorkers: true,
	}
	pool, err := r.initPool(cfg, rc, cc)
	if err != nil && cc != nil {
		// A damaged cache entry must not stop the program: compile afresh.
		cc.Close(context.Background())
		cc = nil
		r.info.CacheError = err
		r.info.CacheDir = ""
		pool, err = r.initPool(cfg, rc, nil)
	}
	if err != nil {
		r.startErr = fmt.Errorf("%w: %v", ErrUnavailable, err)
		return
	}
	r.pool, r.cc = pool, cc
	workers := make([]*worker, r.opts.Workers)
	for i := range workers {
		workers[i] = &worker{r: r}
		if err := workers[i].ensure(context.Background()); err != nil {
			for _, w := range workers[:i] {
				w.closeAll()
			}
			r.closePool()
			r.startErr = fmt.Errorf("%w: %v", ErrUnavailable, err)
			return
		}
	}
	for _, w := range workers {
		r.workers <- w
	}
}

// closePool releases the PDFium instances' runtime and the compiled code.
func (r *Renderer) closePool() {
	if r.pool != nil {
		r.pool.Close()
		r.pool = nil
	}
	if r.cc != nil {
		r.cc.Close(context.Background())
		r.cc = nil
	}
}

func (r *Renderer) initPool(cfg webassembly.Config, rc wazero.RuntimeConfig, cc wazero.CompilationCache) (p pdfium.Pool, err error) {
	if cc != nil {
		rc = rc.WithCompilationCache(cc)
	}
	cfg.RuntimeConfig = rc
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return webassembly.Init(cfg)
}

// fontMounts mounts only font folders, read-only, where PDFium's Linux font
// finder looks (it was built for a Linux-like WebAssembly system).
func fontMounts(dirs []string) wazero.FSConfig {
	fs := wazero.NewFSConfig()
	if dirs == nil {
		dirs = systemFontDirs()
	}
	guest := []string{"/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/X11/fonts/TTF", "/usr/share/X11/fonts/Type1"}
	for i, d := range dirs {
		if i >= len(guest) {
			break
		}
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		fs = fs.WithReadOnlyDirMount(d, guest[i])
	}
	return fs
}

func systemFontDirs() []string {
	switch runtime.GOOS {
	case "windows":
		dirs := []string{filepath.Join(os.Getenv("WINDIR"), "Fonts")}
		if la := os.Getenv("LOCALAPPDATA"); la != "" {
			dirs = append(dirs, filepath.Join(la, "Microsoft", "Windows", "Fonts"))
		}
		return dirs
	case "darwin":
		return []string{"/System/Library/Fonts", "/Library/Fonts"}
	}
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts"}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"))
	}
	return dirs
}

// Close stops the renderer's instances and drops its cache. Documents
// opened with it can no longer render.
func (r *Renderer) Close() error {
	r.closeOnce.Do(func() {
		r.closed.Store(true)
		close(r.done)
		r.cache.clear()
		r.startOnce.Do(func() { r.startErr = ErrClosed; close(r.ready) })
		<-r.ready
		if r.pool != nil {
			// Wait for busy workers to come back before closing the pool.
			for range r.opts.Workers {
				w := <-r.workers
				w.closeAll()
			}
		}
		r.closePool()
	})
	return nil
}

// acquire returns an idle worker with a live instance.
func (r *Renderer) acquire(ctx context.Context) (*worker, error) {
	if err := r.Warm(ctx); err != nil {
		return nil, err
	}
	if r.closed.Load() {
		return nil, ErrClosed
	}
	select {
	case w := <-r.workers:
		if r.closed.Load() {
			r.workers <- w
			return nil, ErrClosed
		}
		if err := w.ensure(ctx); err != nil {
			r.workers <- w
			return nil, err
		}
		return w, nil
	case <-r.done:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (r *Renderer) release(w *worker) { r.workers <- w }
