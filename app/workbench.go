package app

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// Workbench is the main window: study list on the left, the reader in the
// centre, the codebook on the right and a status bar.
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
	status   *widget.Label
	progress *widget.ProgressBarInfinite

	relVersion, relBuild, relDescribe string // release stamp (see SetVersion)

	cmds          map[string][]*command
	extraCommands []extraCommand
	searcher      *searchManager // the search index of the open project (search.go)

	// afterChange is called on the UI goroutine after an action, undo or redo is saved (tests wait on it).
	afterChange func()
	// opened is called on the UI goroutine after every open attempt (tests wait on it).
	opened func(p *corpus.Project, err error)
}

// New builds the main window's content on w. Call Start to open a project.
func New(a fyne.App, w fyne.Window) *Workbench {
	ctx, cancel := context.WithCancel(context.Background())
	wb := &Workbench{app: a, win: w, ctx: ctx, cancel: cancel}
	wb.build()
	return wb
}

func (wb *Workbench) build() {
	wb.status = widget.NewLabel("No project open. Use File > Open or File > New.")
	wb.status.Truncation = fyne.TextTruncateEllipsis
	wb.progress = widget.NewProgressBarInfinite()
	wb.progress.Hide()
	wb.studies = newStudiesPanel(wb)
	wb.codebook = newCodebookPanel(wb)
	wb.reader = newReaderPanel(wb)

	right := container.NewHSplit(wb.reader.build(), wb.codebook.build())
	right.SetOffset(0.68)
	main := container.NewHSplit(wb.studies.build(), right)
	main.SetOffset(0.26)
	bar := container.NewBorder(nil, nil, nil, wb.progress, wb.status)
	wb.win.SetContent(container.NewBorder(nil, bar, nil, nil, main))
	wb.registerFeatures()
	wb.win.SetMainMenu(wb.buildMenu())
	wb.addShortcuts()
	w, h := wb.app.Preferences().FloatWithFallback(prefWidth, 1280), wb.app.Preferences().FloatWithFallback(prefHeight, 800)
	wb.win.Resize(fyne.NewSize(float32(w), float32(h)))
	wb.win.SetCloseIntercept(wb.onQuit)
}

// Project returns the open project (nil when none).
func (wb *Workbench) Project() *corpus.Project {
	wb.mu.Lock()
	defer wb.mu.Unlock()
	return wb.proj
}

// Start opens path, or with an empty path the most recent project, or the
// demo project on first run.
func (wb *Workbench) Start(path string) {
	if path == "" {
		if recent := wb.recent(); len(recent) > 0 {
			path = recent[0]
		}
	}
	wb.ensureCoder(func() {
		if path != "" {
			wb.OpenProject(path)
			return
		}
		if wb.DemoPath == nil {
			return
		}
		wb.setBusy("Preparing the demo project…")
		go func() {
			demo, err := wb.DemoPath(wb.ctx)
			runUI(func() {
				wb.setIdle("")
				if err != nil {
					showError(wb.win, "Demo project", err)
					return
				}
				wb.OpenProject(demo)
			})
		}()
	})
}

// OpenProject opens a project file in the background and shows it.
func (wb *Workbench) OpenProject(path string) {
	wb.setBusy(fmt.Sprintf("Opening %s…", filepath.Base(path)))
	go func() {
		p, err := corpus.Open(path, corpus.Options{})
		if err == nil {
			err = p.SetCoder(wb.coder)
		}
		var studies []corpus.Study
		if err == nil {
			studies, err = p.Studies()
		}
		if err != nil && p != nil {
			p.Close()
			p = nil
		}
		runUI(func() {
			wb.setIdle("")
			if err != nil {
				showError(wb.win, "Open project", err)
				wb.removeRecent(path)
			} else {
				wb.show(p, studies)
			}
			if wb.opened != nil {
				wb.opened(p, err)
			}
		})
	}()
}

// show replaces the open project (UI goroutine).
func (wb *Workbench) show(p *corpus.Project, studies []corpus.Study) {
	wb.mu.Lock()
	old := wb.proj
	wb.proj = p
	wb.mu.Unlock()
	if old != nil {
		go old.Close()
	}
	wb.addRecent(p.Path())
	wb.win.SetTitle(fmt.Sprintf("%s — Evidence Workbench", p.Name()))
	wb.studies.setStudies(studies)
	wb.reader.clear()
	wb.codebook.opened = false
	wb.codebook.reload()
	wb.searcher.projectOpened(p)
	st, _ := coding.Stats(p)
	wb.setIdle(fmt.Sprintf("%s: %d studies, %d pages, %d codes, %d codings · coder %s",
		p.Name(), st.Studies, st.Pages, st.Codes, st.Codings, wb.coder.Name))
	wb.refreshMenu()
}

// setBusy shows a message with the activity indicator.
func (wb *Workbench) setBusy(msg string) {
	wb.status.SetText(msg)
	wb.progress.Show()
	wb.progress.Start()
}

// setIdle stops the activity indicator and shows msg when not empty.
func (wb *Workbench) setIdle(msg string) {
	wb.progress.Stop()
	wb.progress.Hide()
	if msg != "" {
		wb.status.SetText(msg)
	}
}

// Close stops background work and closes the project.
func (wb *Workbench) Close() {
	wb.cancel()
	wb.searcher.stop()
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
