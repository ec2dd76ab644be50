// Package team holds the Team menu's screens: merging reviewers' project
// files into the open (master) project, inter-coder agreement, and
// reconciling the coders' disagreements. Each screen opens in its own
// window and gets passed what it needs: the main window as a ui.Host (the
// project, the status line, the "data changed" signal) and the codebook as
// a ui.Codebook (code paths, colours, definitions).
package team

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/merge"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
)

// Labels of the conflict resolutions offered in the merge window.
const (
	resKeepMaster = "Keep master's code"
	resTakeRev    = "Take reviewer's version"
	resKeepBoth   = "Keep both"
	resMapTo      = "Map onto…"
)

var resolutionLabels = []string{resKeepMaster, resTakeRev, resKeepBoth, resMapTo}

// reviewerFile is one reviewer's file opened and planned for merging.
type reviewerFile struct {
	path    string
	proj    *corpus.Project
	plan    *merge.Proposal
	cleanup func() // closes the reviewer project (and deletes a .qdpx import)
	res     map[string]merge.Resolution
	preview *merge.Report

	previewing ui.Lane // the preview with the latest resolutions
}

// release stops the file's preview and closes the reviewer project.
func (f *reviewerFile) release() {
	f.previewing.Stop()
	f.cleanup()
}

// resolutions are the file's chosen resolutions, a copy for background work.
func (f *reviewerFile) resolutions() merge.Resolutions {
	return merge.Resolutions{Default: merge.KeepMaster, ByConflict: maps.Clone(f.res)}
}

// mergePanel merges reviewers' project files into the open (master) project.
type mergePanel struct {
	h     ui.Host
	codes ui.Codebook
	win   fyne.Window

	files     []*reviewerFile
	fileList  *widget.List
	addBtn    *widget.Button
	conflicts *fyne.Container
	preview   *widget.Label
	progress  *widget.ProgressBar
	message   *widget.Label
	mergeBtn  *widget.Button
	cancelBtn *widget.Button
	setAllSel *widget.Select

	// cancel cancels the running plan or merge; its result is never
	// dropped (a merged file is merged, a planned one must be closed).
	cancel  context.CancelFunc
	running bool
	closed  bool
}

// ShowMerge opens the Team > Merge reviewer files window: the lead adds
// reviewers' files (.ewb or .qdpx), resolves codebook conflicts against
// codes (the master's codebook) and merges them into h's project, one undo
// step per file.
func ShowMerge(h ui.Host, codes ui.Codebook) { showMerge(h, codes) }

func showMerge(h ui.Host, codes ui.Codebook) *mergePanel {
	p := newMergePanel(h, codes)
	content := p.build()
	stop := h.OnChange(p.onChange)
	p.win = ui.ShowWindow(h, "Merge reviewer files", fyne.NewSize(860, 640), content, nil, stop)
	p.win.SetCloseIntercept(p.close)
	return p
}

// onChange recomputes the previews against the changed master (an undo in
// the main window, or a merge stopped after some files), unless a merge is
// running, which reports what it did itself.
func (p *mergePanel) onChange([]string) {
	if p.running {
		return
	}
	for _, f := range p.files {
		p.repreview(f)
	}
}

func newMergePanel(h ui.Host, codes ui.Codebook) *mergePanel {
	return &mergePanel{h: h, codes: codes}
}

func (p *mergePanel) build() fyne.CanvasObject {
	p.fileList = widget.NewList(func() int { return len(p.files) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("file")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.DeleteIcon(), nil), l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			f := p.files[i]
			text := f.path
			if f.plan != nil && f.plan.Reviewer != "" {
				text = fmt.Sprintf("%s  (%s)", f.path, f.plan.Reviewer)
			}
			box.Objects[0].(*widget.Label).SetText(text)
			del := box.Objects[1].(*widget.Button)
			del.OnTapped = func() { p.removeFile(i) }
			if p.running {
				del.Disable()
			} else {
				del.Enable()
			}
		})
	p.addBtn = widget.NewButtonWithIcon("Add file…", theme.ContentAddIcon(), p.onAdd)
	p.conflicts = container.NewVBox()
	p.preview = widget.NewLabel("Add the reviewers' project files (.ewb) or REFI-QDA archives (.qdpx) to merge into this project.")
	p.preview.Wrapping = fyne.TextWrapWord
	p.progress = widget.NewProgressBar()
	p.progress.Hide()
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	p.mergeBtn = widget.NewButtonWithIcon("Merge", theme.ConfirmIcon(), p.onMergeTapped)
	p.mergeBtn.Importance = widget.HighImportance
	p.mergeBtn.Disable()
	p.cancelBtn = widget.NewButton("Cancel", p.onCancel)

	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	filesBox := container.NewBorder(container.NewBorder(nil, nil, bold("Reviewer files"), p.addBtn), nil, nil, nil, p.fileList)
	p.setAllSel = widget.NewSelect([]string{resKeepMaster, resTakeRev, resKeepBoth}, p.setAll)
	p.setAllSel.PlaceHolder = "Resolve all as…"
	conflictBox := container.NewBorder(container.NewBorder(nil, nil, bold("Codebook conflicts"), p.setAllSel), nil, nil, nil,
		container.NewVScroll(p.conflicts))
	split := container.NewVSplit(filesBox, conflictBox)
	split.SetOffset(0.3)
	p.refresh()
	bottom := container.NewVBox(widget.NewSeparator(), p.preview, p.progress,
		container.NewBorder(nil, nil, nil, container.NewHBox(p.cancelBtn, p.mergeBtn), p.message))
	return container.NewBorder(nil, bottom, nil, nil, split)
}

// onAdd asks for one more reviewer file, starting in the last file's
// folder (or the master's: reviewers' files usually sit next to it).
func (p *mergePanel) onAdd() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		p.addFile(path)
	}, p.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{corpus.Extension, ".qdpx", ".QDPX"}))
	dir := ""
	if n := len(p.files); n > 0 {
		dir = filepath.Dir(p.files[n-1].path)
	} else if m := p.h.Project(); m != nil {
		dir = filepath.Dir(m.Path())
	}
	if dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(760, 520))
	ui.ShowFileDialog(p.win, d)
}

// addFile opens and plans a reviewer file in the background.
func (p *mergePanel) addFile(path string) {
	for _, f := range p.files {
		if f.path == path {
			p.message.SetText(filepath.Base(path) + " is already in the list.")
			return
		}
	}
	master := p.h.Project()
	if master == nil {
		return
	}
	if merge.CheckReviewerPath(master, path) != nil { // under any spelling of its path
		p.message.SetText("That is the open project itself; choose a reviewer's file.")
		return
	}
	ctx := p.start("Reading " + filepath.Base(path) + "…")
	progress := p.progressFunc()
	ui.Go(func() (*reviewerFile, error) {
		return planReviewerFile(ctx, master, path, func(d, t int) { progress(0, 1, d, t) })
	}, func(f *reviewerFile, err error) {
		p.stop()
		if errors.Is(err, context.Canceled) {
			p.message.SetText("Stopped reading " + filepath.Base(path) + ".")
		} else if err != nil {
			p.message.SetText(fmt.Sprintf("%s: %s", filepath.Base(path), ui.Plain(err)))
		} else if p.closed {
			f.release() // the window was closed meanwhile
		} else {
			p.files = append(p.files, f)
			p.message.SetText(fmt.Sprintf("%s read: %s.", filepath.Base(path), ui.Count(len(f.plan.Conflicts), "codebook conflict")))
		}
		if p.closed {
			p.releaseAll()
		}
		p.refresh()
	})
}

// planReviewerFile opens a reviewer file read-only (a .qdpx through a
// temporary project) and plans its merge into master.
func planReviewerFile(ctx context.Context, master *corpus.Project, path string, progress func(done, total int)) (*reviewerFile, error) {
	f := &reviewerFile{path: path, res: map[string]merge.Resolution{}}
	var err error
	if merge.IsQDPX(path) {
		// Codings without an author in the archive are credited to a coder named after the file.
		author := corpus.CoderNamed(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
		f.proj, _, f.cleanup, err = merge.OpenQDPX(ctx, path, author, func(pr refi.Progress) {
			if progress != nil {
				progress(pr.Done, pr.Total)
			}
		})
		if err != nil {
			return nil, err
		}
	} else {
		if f.proj, err = corpus.Open(path, corpus.Options{ReadOnly: true}); err != nil {
			return nil, fmt.Errorf("open %s: %w", filepath.Base(path), err)
		}
		proj := f.proj
		f.cleanup = func() { proj.Close() }
	}
	f.plan, err = merge.Plan(ctx, master, f.proj)
	if err != nil {
		f.cleanup()
		return nil, err
	}
	f.plan.Source = path
	f.preview = f.plan.Preview
	f.preview.Source = path
	return f, nil
}

func (p *mergePanel) removeFile(i int) {
	if p.running || i >= len(p.files) {
		return
	}
	p.files[i].release()
	p.files = append(p.files[:i], p.files[i+1:]...)
	p.refresh()
}

// start begins background work with a cancellable context and the progress bar.
func (p *mergePanel) start(msg string) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel, p.running = cancel, true
	p.message.SetText(msg)
	p.progress.SetValue(0)
	p.progress.Show()
	p.addBtn.Disable()
	p.mergeBtn.Disable()
	p.fileList.Refresh()
	return ctx
}

func (p *mergePanel) stop() {
	if p.cancel != nil {
		p.cancel()
	}
	p.cancel, p.running = nil, false
	p.progress.Hide()
	p.addBtn.Enable()
}

// progressFunc returns a thread-safe progress callback for step i of n
// steps, updating the bar at most every 50 ms.
func (p *mergePanel) progressFunc() func(i, n, done, total int) {
	var last atomic.Int64
	return func(i, n, done, total int) {
		now := time.Now().UnixMilli()
		if prev := last.Load(); now-prev < 50 && done < total {
			return
		}
		last.Store(now)
		v := float64(i) / float64(max(n, 1))
		if total > 0 {
			v += float64(done) / float64(total) / float64(max(n, 1))
		}
		ui.Do(func() { p.progress.SetValue(v) })
	}
}

// refresh rebuilds the file list, the conflict rows and the preview.
func (p *mergePanel) refresh() {
	p.fileList.Refresh()
	p.conflicts.RemoveAll()
	for _, f := range p.files {
		for _, c := range f.plan.Conflicts {
			p.conflicts.Add(p.conflictRow(f, c))
		}
	}
	switch {
	case len(p.files) == 0:
		p.conflicts.Add(widget.NewLabel("Add reviewer files to see how their codebooks differ from this project's."))
	case len(p.conflicts.Objects) == 0:
		p.conflicts.Add(widget.NewLabel("None: every reviewer code matches the master's codebook."))
	}
	p.conflicts.Refresh()
	p.showPreview()
	if len(p.files) > 0 && !p.running {
		p.mergeBtn.Enable()
	} else {
		p.mergeBtn.Disable()
	}
}

func (p *mergePanel) onCancel() {
	if p.running && p.cancel != nil {
		p.cancel()
		p.message.SetText("Cancelling…")
		return
	}
	p.close()
}

// close releases the reviewer files and closes the window.
func (p *mergePanel) close() {
	p.closed = true
	if p.cancel != nil {
		p.cancel()
	}
	if !p.running { // else the running work releases them when it stops
		p.releaseAll()
	}
	if p.win != nil {
		p.win.Close()
	}
}

// releaseAll closes every reviewer file.
func (p *mergePanel) releaseAll() {
	for _, f := range p.files {
		f.release()
	}
	p.files = nil
}

// onMergeTapped merges every planned file, one action (one undo step) each.
func (p *mergePanel) onMergeTapped() {
	master := p.h.Project()
	if master == nil || len(p.files) == 0 || p.running {
		return
	}
	files := append([]*reviewerFile(nil), p.files...)
	res := make([]merge.Resolutions, len(files))
	for i, f := range files {
		res[i] = f.resolutions()
	}
	ctx := p.start("Merging " + ui.Count(len(files), "file") + "…")
	p.cancelBtn.SetText("Cancel merge")
	progress := p.progressFunc()
	ui.Go(func() ([]*merge.Report, error) {
		return mergeFiles(ctx, master, files, res, progress)
	}, func(reports []*merge.Report, err error) {
		p.stop()
		p.cancelBtn.SetText("Cancel")
		p.finish(files, reports, err)
	})
}

// mergeFiles applies the planned files in order, each with its
// resolutions; it stops at the first failure or cancel, after which the
// files merged so far stay merged.
func mergeFiles(ctx context.Context, master *corpus.Project, files []*reviewerFile, res []merge.Resolutions, progress func(i, n, done, total int)) ([]*merge.Report, error) {
	var reports []*merge.Report
	for i, f := range files {
		rep, err := merge.Apply(ctx, master, f.plan, res[i], func(d, t int) {
			if progress != nil {
				progress(i, len(files), d, t)
			}
		})
		if err != nil {
			return reports, fmt.Errorf("merge %s: %w", filepath.Base(f.path), err)
		}
		rep.Source = f.path
		reports = append(reports, rep)
	}
	return reports, nil
}

// finish shows the reports, drops the merged files and refreshes the views.
func (p *mergePanel) finish(files []*reviewerFile, reports []*merge.Report, err error) {
	for i := range reports {
		files[i].release()
	}
	p.files = p.files[len(reports):]
	if p.closed {
		p.releaseAll()
	}
	p.refresh()
	if len(reports) > 0 {
		p.h.Changed(nil)
	}
	var b strings.Builder
	for _, r := range reports {
		b.WriteString(reportText(r, p.codePath))
		b.WriteString("\n")
	}
	switch {
	case errors.Is(err, context.Canceled):
		p.message.SetText(fmt.Sprintf("Cancelled: %d of %s merged; the file being merged was left out.", len(reports), ui.Count(len(files), "file")))
	case err != nil:
		p.message.SetText(ui.Plain(err))
	default:
		p.message.SetText("Merged " + ui.Count(len(reports), "file") + ". Edit > Undo takes back one file at a time.")
		p.h.Status("Merged " + ui.Count(len(reports), "file") + " from reviewers.")
	}
	if len(reports) > 0 && !p.closed {
		showTextReport(p.win, "Merge report", b.String())
	}
}

// showTextReport shows long text in a scrollable, selectable dialog.
func showTextReport(w fyne.Window, title, text string) {
	e := widget.NewMultiLineEntry()
	e.SetText(strings.TrimSpace(text))
	e.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "Close", container.NewVScroll(e), w)
	d.Resize(fyne.NewSize(720, 480))
	d.Show()
}
