package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// tourSettle is how long the tour lets a window paint before capturing it.
const tourSettle = 700 * time.Millisecond

// tourTimeout bounds each wait for background work during the tour.
const tourTimeout = 3 * time.Minute

// ErrTourTimeout reports that a screen of the tour did not finish its work in time.
var ErrTourTimeout = errors.New("the screen did not finish in time")

// ErrNoCapture reports that a window's picture could not be read: the GL
// canvas reads back empty and the window is not an X11 window.
var ErrNoCapture = errors.New("the window's picture reads back empty (and it is not an X11 window ImageMagick could capture)")

// TourScenes are the screenshots the tour writes, in order, without ".png".
var TourScenes = []string{"main", "import", "quickpick", "attributes", "appraisal", "search",
	"merge", "agreement", "reconcile", "map", "brief"}

// tour is one run of Workbench.Tour: hooks into the panels and the scene steps.
type tour struct {
	wb  *Workbench
	ctx context.Context
	dir string
	tmp string // scratch folder for the import PDFs and the reviewer's file

	opened   chan error
	codebook chan struct{}
	reader   chan string
	ready    chan struct{}

	study    corpus.Study    // the study shown in the reader
	codings  []coding.Coding // its codings
	reviewer string          // path of the second reviewer's file
}

// Tour drives the running app through the scenes of the user guide and
// saves a PNG screenshot of each in dir (see TourScenes). It changes the
// open project (imports, codes, merges a second reviewer's file): run it on
// a scratch copy such as a fresh demo project. Call it before Start, on the
// goroutine that built the Workbench; it waits for the project to open,
// then works in the background. At the end it calls done (on the UI
// goroutine) and quits the app.
func (wb *Workbench) Tour(ctx context.Context, dir string, done func(error)) {
	t := &tour{wb: wb, ctx: ctx, dir: dir, opened: make(chan error, 4), codebook: make(chan struct{}, 16),
		reader: make(chan string, 16), ready: make(chan struct{}, 16)}
	prevOpened, prevCodebook, prevReader, prevReady := wb.opened, wb.codebook.loaded, wb.reader.loaded, wb.searcher.ready
	wb.opened = func(p *corpus.Project, err error) {
		if prevOpened != nil {
			prevOpened(p, err)
		}
		signal(t.opened, err)
	}
	wb.codebook.loaded = func() {
		if prevCodebook != nil {
			prevCodebook()
		}
		signal(t.codebook, struct{}{})
	}
	wb.reader.loaded = func(study string) {
		if prevReader != nil {
			prevReader(study)
		}
		signal(t.reader, study)
	}
	wb.searcher.ready = func() {
		if prevReady != nil {
			prevReady()
		}
		signal(t.ready, struct{}{})
	}
	go func() {
		err := t.run()
		if t.tmp != "" {
			os.RemoveAll(t.tmp)
		}
		runUI(func() {
			if done != nil {
				done(err)
			}
			wb.Close()
			wb.app.Quit()
		})
	}()
}

// signal sends v without blocking (a full buffer already holds a signal).
func signal[T any](ch chan T, v T) {
	select {
	case ch <- v:
	default:
	}
}

// drainSignals empties ch so the next wait sees only new signals.
func drainSignals[T any](ch chan T) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// wait returns the next value on ch, or an error on timeout or cancel.
func wait[T any](t *tour, ch chan T, what string) (T, error) {
	var zero T
	select {
	case v := <-ch:
		return v, nil
	case <-t.ctx.Done():
		return zero, t.ctx.Err()
	case <-time.After(tourTimeout):
		return zero, fmt.Errorf("%s: %w", what, ErrTourTimeout)
	}
}

// ui runs fn on the UI goroutine (through runUI, like every background
// update of the app) and waits for it.
func (t *tour) ui(fn func()) error {
	done := make(chan struct{})
	runUI(func() {
		defer close(done)
		fn()
	})
	select {
	case <-done:
		return nil
	case <-t.ctx.Done():
		return t.ctx.Err()
	}
}

// shot lets the window paint, captures its canvas and writes dir/name.png.
// When the GL front buffer reads back empty (Mesa under Xvfb), the picture
// is taken from the X server instead (see xshot).
func (t *tour) shot(name string, w func() fyne.Window) error {
	time.Sleep(tourSettle)
	var img image.Image
	if err := t.ui(func() { img = w().Canvas().Capture() }); err != nil {
		return err
	}
	path := filepath.Join(t.dir, name+".png")
	if img == nil || img.Bounds().Empty() || blankImage(img) {
		return t.xshot(path, w)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("screenshot %s: %w", name, err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode screenshot %s: %w", name, err)
	}
	return f.Close()
}

// blankImage reports whether every pixel of img is fully transparent.
func blankImage(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0 {
				return false
			}
		}
	}
	return true
}

// xshot asks the X server for the window's picture with ImageMagick's import.
func (t *tour) xshot(path string, w func() fyne.Window) error {
	var handle uintptr
	if err := t.ui(func() {
		if nw, ok := w().(driver.NativeWindow); ok {
			nw.RunNative(func(ctx any) {
				if x, ok := ctx.(driver.X11WindowContext); ok {
					handle = x.WindowHandle
				}
			})
		}
	}); err != nil {
		return err
	}
	if handle == 0 {
		return fmt.Errorf("screenshot %s: %w", filepath.Base(path), ErrNoCapture)
	}
	out, err := exec.CommandContext(t.ctx, "import", "-window", fmt.Sprintf("0x%x", handle), path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("screenshot %s with ImageMagick import: %w: %s", filepath.Base(path), err, bytes.TrimSpace(out))
	}
	return nil
}

// window finds an open window by the start of its title, waiting for it to appear.
func (t *tour) window(prefix string) (fyne.Window, error) {
	deadline := time.Now().Add(tourTimeout)
	for time.Now().Before(deadline) {
		var found fyne.Window
		if err := t.ui(func() {
			for _, w := range t.wb.app.Driver().AllWindows() {
				if strings.HasPrefix(w.Title(), prefix) {
					found = w
				}
			}
		}); err != nil {
			return nil, err
		}
		if found != nil {
			return found, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, fmt.Errorf("window %q: %w", prefix, ErrTourTimeout)
}

// run waits for the project and captures every scene.
func (t *tour) run() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("tour: panic: %v", r)
		}
	}()
	if err := os.MkdirAll(t.dir, 0o755); err != nil {
		return fmt.Errorf("tour: %w", err)
	}
	if t.tmp, err = os.MkdirTemp("", "ewb-tour-"); err != nil {
		return fmt.Errorf("tour: %w", err)
	}
	var proj *corpus.Project
	if err := t.ui(func() { proj = t.wb.Project() }); err != nil {
		return err
	}
	if proj == nil {
		if err, werr := wait(t, t.opened, "open the project"); werr != nil || err != nil {
			return fmt.Errorf("tour: open the project: %w", errors.Join(werr, err))
		}
	}
	steps := map[string]func() error{
		"main": t.mainWindow, "import": t.importDialog, "quickpick": t.quickPick, "attributes": t.attributes,
		"appraisal": t.appraisal, "search": t.search, "merge": t.merge, "agreement": t.agreement,
		"reconcile": t.reconcile, "map": t.evidenceMap, "brief": t.brief,
	}
	for _, name := range TourScenes {
		if err := steps[name](); err != nil {
			return fmt.Errorf("tour scene %s: %w", name, err)
		}
	}
	return nil
}

// chooseStudy picks the appraised study when it has codings, else the most coded one.
func (t *tour) chooseStudy() error {
	proj := t.wb.Project()
	studies, err := proj.Studies()
	if err != nil {
		return err
	}
	best := -1
	for _, s := range studies {
		cs, err := coding.CodingsOfStudy(proj, s.GUID)
		if err != nil {
			return err
		}
		n := len(cs)
		if s.Status == corpus.StatusAppraised && n > 0 {
			n += 1000
		}
		if n > best {
			best, t.study, t.codings = n, s, cs
		}
	}
	if best <= 0 {
		return errors.New("no study has codings: run the tour on the demo project")
	}
	sort.Slice(t.codings, func(i, j int) bool { return t.codings[i].Start < t.codings[j].Start })
	return nil
}

// mainWindow opens the chosen study and scrolls to its first coding.
func (t *tour) mainWindow() error {
	if _, err := wait(t, t.codebook, "load the codebook"); err != nil {
		return err
	}
	if err := t.chooseStudy(); err != nil {
		return err
	}
	drainSignals(t.reader)
	if err := t.ui(func() { t.wb.studies.selectStudy(t.study.GUID) }); err != nil {
		return err
	}
	for {
		study, err := wait(t, t.reader, "open the study")
		if err != nil {
			return err
		}
		if study == t.study.GUID {
			break
		}
	}
	at := densest(t.codings, 1500)
	if err := t.ui(func() { t.wb.reader.view.ScrollTo(at) }); err != nil {
		return err
	}
	return t.shot("main", func() fyne.Window { return t.wb.win })
}

// densest returns the start of the coding that begins the window of width
// code points holding the most coding starts (codings sorted by start).
func densest(cs []coding.Coding, width int) int {
	best, at := 0, cs[0].Start
	for i, c := range cs {
		n := 0
		for _, d := range cs[i:] {
			if d.Start < c.Start+width {
				n++
			}
		}
		if n > best {
			best, at = n, c.Start
		}
	}
	return at
}

// importDialog imports two demo PDFs (duplicates of the demo's studies) and a damaged file.
func (t *tour) importDialog() error {
	var files []string
	names := assets.DemoFiles()
	for i, name := range names[:min(2, len(names))] {
		data, err := assets.DemoPDF(name)
		if err != nil {
			return err
		}
		path := filepath.Join(t.tmp, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		files = append(files, path)
		if i == 0 { // a download that broke off half-way
			broken := filepath.Join(t.tmp, "interrupted-download.pdf")
			if err := os.WriteFile(broken, data[:len(data)/2], 0o644); err != nil {
				return err
			}
			files = append(files, broken)
		}
	}
	finished := make(chan []corpus.ImportResult, 1)
	var p *importPanel
	if err := t.ui(func() {
		p = newImportPanel(t.wb)
		p.finished = func(r []corpus.ImportResult) { signal(finished, r) }
		p.run(files)
	}); err != nil {
		return err
	}
	if _, err := wait(t, finished, "import"); err != nil {
		return err
	}
	if err := t.shot("import", func() fyne.Window { return t.wb.win }); err != nil {
		return err
	}
	return t.ui(func() { p.dlg.Hide() })
}

// passage returns a sentence of the study that is not coded yet, near its first coding.
func (t *tour) passage() (int, int) {
	text := []rune(t.wb.reader.text.String)
	covered := func(s, e int) bool {
		for _, c := range t.codings {
			if c.Start < e && s < c.End {
				return true
			}
		}
		return false
	}
	for s := t.codings[0].Start; s < len(text); s++ {
		if s > 0 && text[s-1] != '.' || text[s] != ' ' {
			continue
		}
		e := s + 1
		for e < len(text) && text[e] != '.' && text[e] != '\f' {
			e++
		}
		if e-s > 60 && e-s < 400 && !covered(s+1, e+1) {
			return s + 1, min(e+1, len(text))
		}
	}
	return t.codings[0].Start, t.codings[0].End
}

// quickPick selects a passage and opens the code picker (Ctrl+K).
func (t *tour) quickPick() error {
	if err := t.ui(func() {
		s, e := t.passage()
		t.wb.reader.view.SetSelection(s, e)
		t.wb.reader.view.ScrollTo(s)
		t.wb.reader.describe()
		t.wb.reader.onQuickPick()
		if e, ok := t.wb.win.Canvas().Focused().(*widget.Entry); ok {
			e.SetText("debt") // filter the codes as a user would type
		}
	}); err != nil {
		return err
	}
	if err := t.shot("quickpick", func() fyne.Window { return t.wb.win }); err != nil {
		return err
	}
	return t.ui(func() {
		if top := t.wb.win.Canvas().Overlays().Top(); top != nil {
			top.Hide()
		}
		t.wb.reader.view.SetSelection(0, 0)
		t.wb.reader.describe()
	})
}

// attributes opens Study > Attributes and status.
func (t *tour) attributes() error {
	if err := t.ui(t.wb.onAttributes); err != nil {
		return err
	}
	return t.capture("Attributes — ", "attributes")
}

// appraisal opens Study > Appraise rigor.
func (t *tour) appraisal() error {
	if err := t.ui(t.wb.onAppraise); err != nil {
		return err
	}
	return t.capture("Appraise — ", "appraisal")
}

// capture waits for a window by title, captures it and closes it.
func (t *tour) capture(title, name string) error {
	w, err := t.window(title)
	if err != nil {
		return err
	}
	if err := t.shot(name, func() fyne.Window { return w }); err != nil {
		return err
	}
	return t.ui(w.Close)
}
