package app

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/find"
	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/merge"
	"github.com/evidence-workbench/workbench/corpus"
)

// Workbench is the main window: study list on the left, the reader in the
// centre, the codebook on the right and a status bar. It is the ui.Host,
// ui.Codebook and ui.Navigator the other screens are given.
type Workbench struct {
	app fyne.App
	win fyne.Window

	// DemoPath returns the demo project's path, writing it first when it is
	// missing. cmd/workbench sets it; nil disables the demo.
	DemoPath func(ctx context.Context) (string, error)

	mu     sync.Mutex // guards proj
	proj   *corpus.Project
	coder  corpus.Coder
	ctx    context.Context
	cancel context.CancelFunc

	studies  *studiesPanel
	codebook *codebookPanel
	reader   *readerPanel
	pages    *pagePanel
	status   *widget.Label
	progress *widget.ProgressBarInfinite
	busy     int // Busy calls not yet done

	relVersion, relBuild, relDescribe string // release stamp (see SetVersion)

	banner  banner // says the project is read-only, why and what to do
	cmds    []*command
	opening ui.Lane // the project being opened
	subs    subscribers
	index   *find.Index // the open project's search index

	pagesRoot fyne.CanvasObject // the page view with its tool bar
	mode      viewMode          // text, pages or both
}

// staleTemp is how old a temporary folder left by a killed session must be
// before it is removed.
const staleTemp = 24 * time.Hour

// New builds the main window's content on w. Call Start to open a project.
func New(a fyne.App, w fyne.Window) *Workbench {
	ctx, cancel := context.WithCancel(context.Background())
	wb := &Workbench{app: a, win: w, ctx: ctx, cancel: cancel}
	wb.build()
	// Temporary folders a killed or crashed session left behind.
	ui.Go(func() (int, error) { return merge.RemoveStaleTemp(staleTemp), nil }, nil)
	return wb
}

func (wb *Workbench) build() {
	wb.status = widget.NewLabel("No project open. Use File > Open or File > New.")
	wb.status.Truncation = fyne.TextTruncateEllipsis
	wb.progress = widget.NewProgressBarInfinite()
	wb.progress.Hide()
	wb.index = find.NewIndex(wb)
	wb.codebook = newCodebookPanel(wb, wb.act, wb.onCodeChosen, func() { wb.reader.paint() })
	wb.reader = newReaderPanel(wb, wb.codebook, wb.act, wb.onPlainKey)
	wb.pages = newPagePanel(wb, wb.codebook, wb.pageHooks())
	wb.studies = newStudiesPanel(wb, wb.reader.open, wb.focusView)

	right := container.NewHSplit(wb.reader.build(), wb.codebook.build())
	wb.pagesRoot = wb.pages.build()
	wb.wirePages()
	right.SetOffset(0.68)
	main := container.NewHSplit(wb.studies.build(), right)
	main.SetOffset(0.26)
	bar := container.NewBorder(nil, nil, nil, wb.progress, wb.status)
	wb.win.SetContent(container.NewBorder(wb.buildBanner(), bar, nil, nil, main))
	wb.win.SetMainMenu(wb.buildMenu())
	wb.addShortcuts()
	wb.setViewMode(viewMode(min(max(wb.app.Preferences().IntWithFallback(prefView, int(showText)), 0), int(showPages))))
	w, h := wb.app.Preferences().FloatWithFallback(prefWidth, 1280), wb.app.Preferences().FloatWithFallback(prefHeight, 800)
	wb.win.Resize(fyne.NewSize(float32(w), float32(h)))
	wb.win.SetCloseIntercept(wb.onQuit)
}

// focusView gives the keyboard to the study's view: the text, or the pages
// when only they are shown.
func (wb *Workbench) focusView() {
	if wb.mode == showPages {
		wb.win.Canvas().Focus(wb.pages.view)
		return
	}
	wb.win.Canvas().Focus(wb.reader.view)
}

// onCodeChosen codes the reader's selection, if any, with the code clicked
// in the codebook.
func (wb *Workbench) onCodeChosen(c coding.Code) {
	if s, e := wb.reader.view.Selection(); e > s {
		wb.reader.applyCode(c)
	}
}

// ShowPassage opens a study in the reader at a passage (ui.Navigator: from
// search, segments, the map, a brief's figure); with no passage (end <=
// start) it opens the study where the reader left it.
func (wb *Workbench) ShowPassage(study string, start, end int) {
	if end <= start {
		wb.studies.selectStudy(study)
		return
	}
	if wb.reader.study == study && wb.reader.text != nil {
		wb.reader.showPassage(start, end)
		return
	}
	wb.reader.pending = func() { wb.reader.showPassage(start, end) }
	wb.studies.selectStudy(study)
}

// ShowArea opens a study at the 1-based page of one of its coded areas
// (ui.Navigator: from segments and memo search): the pages are shown, at
// that page, and the reader, behind them, at the page's text (Ctrl+P
// brings it beside them). Pages only, because beside the text the page
// view follows the reader's place, which near a page's start can be the
// page before.
func (wb *Workbench) ShowArea(study string, page int) {
	if wb.mode != showPages {
		wb.setViewMode(showPages)
	}
	wb.pages.showPageOf(study, page-1)
	if wb.reader.study == study && wb.reader.text != nil {
		wb.reader.showPage(page)
		return
	}
	wb.reader.pending = func() { wb.reader.showPage(page) }
	wb.studies.selectStudy(study)
}

// Start opens path, or with an empty path the most recent project, or the
// demo project on first run.
func (wb *Workbench) Start(path string) {
	if path == "" {
		if recent := wb.recent(); len(recent) > 0 {
			path = recent[0]
		}
	}
	wb.pages.warm()
	wb.ensureCoder(func() {
		if path != "" {
			wb.OpenProject(path)
			return
		}
		if wb.DemoPath == nil {
			return
		}
		done := wb.Busy("Preparing the demo project…")
		ui.Go(func() (string, error) { return wb.DemoPath(wb.ctx) }, func(demo string, err error) {
			done("")
			if err != nil {
				ui.ShowError(wb.win, "Demo project", err)
				return
			}
			wb.OpenProject(demo)
		})
	})
}

// opened is what opening a project reads before it is shown.
type opened struct {
	p         *corpus.Project
	studies   []corpus.Study
	appraisal map[string]string
	stats     coding.ProjectStats
}

// OpenProject opens a project file in the background and shows it.
func (wb *Workbench) OpenProject(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	done := wb.Busy(fmt.Sprintf("Opening %s…", filepath.Base(path)))
	coder := wb.coder
	ui.Run(&wb.opening, func(ctx context.Context) (opened, error) {
		var o opened
		// A project that cannot be written here (another program edits
		// it, its place is read-only, it is damaged) opens read-only.
		p, err := corpus.Open(path, corpus.Options{FallBackReadOnly: true})
		if err == nil {
			err = p.SetCoder(coder)
		}
		if err == nil {
			o.studies, err = p.Studies()
		}
		if err == nil {
			o.appraisal = appraisalStatuses(p)
			o.stats, err = coding.Stats(p)
		}
		if err == nil && ctx.Err() != nil {
			err = ctx.Err() // another project was asked for meanwhile
		}
		if err != nil && p != nil {
			p.Close()
			p = nil
		}
		o.p = p
		return o, err
	}, func(o opened, err error) {
		done("")
		if err != nil {
			ui.ShowError(wb.win, "Open project", err)
			wb.removeRecent(path)
			return
		}
		wb.show(o)
	})
}

// show replaces the open project (UI goroutine).
func (wb *Workbench) show(o opened) {
	p := o.p
	wb.mu.Lock()
	old := wb.proj
	wb.proj = p
	wb.mu.Unlock()
	if old != nil {
		old.OnReadOnly(nil)
		ui.Go(func() (struct{}, error) { return struct{}{}, old.Close() }, func(_ struct{}, err error) {
			if err != nil {
				ui.ShowError(wb.win, "Close project", err)
			}
		})
	}
	p.OnReadOnly(func(error) { ui.Do(wb.updateReadOnly) })
	wb.addRecent(p.Path())
	wb.win.SetTitle(fmt.Sprintf("%s — %s — Evidence Workbench", p.Name(), filepath.Base(p.Path())))
	wb.studies.selected = ""
	wb.studies.setStudies(o.studies, o.appraisal)
	wb.reader.clear()
	wb.codebook.opened = false
	wb.codebook.reload()
	wb.index.ProjectOpened(p)
	st := o.stats
	wb.Status(fmt.Sprintf("%s (%s): %s, %d pages, %s, %s · coder %s",
		p.Name(), filepath.Base(p.Path()), ui.Count(st.Studies, "study", "studies"), st.Pages,
		ui.Count(st.Codes, "code"), ui.Count(st.Codings, "coding"), wb.coder.Name))
	wb.updateReadOnly()
	wb.subs.notify(nil)
}

// App returns the application.
func (wb *Workbench) App() fyne.App { return wb.app }

// Window returns the main window.
func (wb *Workbench) Window() fyne.Window { return wb.win }

// Project returns the open project (nil when none).
func (wb *Workbench) Project() *corpus.Project {
	wb.mu.Lock()
	defer wb.mu.Unlock()
	return wb.proj
}

// Status shows msg in the status bar.
func (wb *Workbench) Status(msg string) { wb.status.SetText(msg) }

// Busy shows msg with the activity indicator until done is called.
func (wb *Workbench) Busy(msg string) (done func(msg string)) {
	wb.status.SetText(msg)
	wb.busy++
	wb.progress.Show()
	wb.progress.Start()
	var once sync.Once
	return func(msg string) {
		once.Do(func() {
			wb.busy--
			if wb.busy == 0 {
				wb.progress.Stop()
				wb.progress.Hide()
			}
			if msg != "" {
				wb.status.SetText(msg)
			}
		})
	}
}

// Close stops background work and closes the project.
func (wb *Workbench) Close() {
	wb.cancel()
	wb.opening.Stop()
	wb.pages.stop()
	wb.index.Stop()
	wb.mu.Lock()
	p := wb.proj
	wb.proj = nil
	wb.mu.Unlock()
	if p != nil {
		p.Close()
	}
}

func (wb *Workbench) onQuit() {
	size := wb.win.Canvas().Size()
	wb.app.Preferences().SetFloat(prefWidth, float64(size.Width))
	wb.app.Preferences().SetFloat(prefHeight, float64(size.Height))
	wb.Close()
	wb.win.Close()
}
