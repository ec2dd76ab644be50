package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/app/pageview"
	"github.com/evidence-workbench/workbench/app/reader"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// pagePanel shows the open study's PDF pages (app/pageview) beside or
// instead of the text, with a zoom, a page slider and the area tool. It
// follows the reader's study, codings and selection through the hooks the
// main window wires.
type pagePanel struct {
	host  ui.Host
	codes ui.Codebook
	hooks pageHooks

	view     *pageview.View
	zoom     *widget.Select
	slider   *widget.Slider
	pageInfo *widget.Label
	areaBtn  *widget.Button
	notice   *widget.Label
	noticeBg *canvas.Rectangle
	root     fyne.CanvasObject

	shown     bool         // the panel is on screen
	study     corpus.Study // the study the reader shows ("" GUID: none)
	text      *corpus.Text
	spans     []reader.Span
	selS      int
	selE      int
	loaded    string // GUID of the study whose PDF is open in doc
	doc       *pdfpage.Doc
	areas     []coding.Area // the study's area codings
	loading   ui.Lane       // opening a study's PDF
	warming   ui.Lane       // starting the page renderer
	areasLane ui.Lane       // reading the study's area codings
	sliding   bool          // the slider is being set from the view
	placing   bool          // the view is being placed for a new document: the reader is not told
	// pending is the page (0-based) of study to show once its PDF is open.
	pending struct {
		study string
		page  int
	}
}

// pageHooks connect the page view to the reader panel and the codebook.
type pageHooks struct {
	selected func(start, end int)                                                // the user selected text on a page
	moved    func(offset int)                                                    // the user moved to another page
	place    func() int                                                          // the reader's place (text offset) to open a document at
	tapped   func(spans []reader.Span, areas []pageview.Area, pos fyne.Position) // codings clicked
	drawn    func(study corpus.Study, page int, r pdfpage.Rect, size pdfpage.Size, pos fyne.Position)
	key      func(*fyne.KeyEvent) bool
	shortcut func(fyne.Shortcut) bool
}

// zoomChoices are the zoom menu's entries.
var zoomChoices = []string{"Fit width", "Fit page", "50%", "75%", "100%", "125%", "150%", "200%", "300%", "400%"}

func newPagePanel(host ui.Host, codes ui.Codebook, hooks pageHooks) *pagePanel {
	return &pagePanel{host: host, codes: codes, hooks: hooks}
}

func (p *pagePanel) build() fyne.CanvasObject {
	p.view = pageview.New()
	p.view.OnSelectionChanged = p.onSelection
	p.view.OnPageChanged = p.onPage
	p.view.OnTapped = p.onTapped
	p.view.OnAreaDrawn = p.onAreaDrawn
	p.view.OnKey = p.hooks.key
	p.view.OnShortcut = p.hooks.shortcut
	p.zoom = widget.NewSelect(zoomChoices, p.onZoom)
	p.zoom.SetSelected(zoomChoices[0])
	p.slider = widget.NewSlider(1, 1)
	p.slider.Step = 1
	p.slider.OnChanged = p.onSlider
	p.pageInfo = widget.NewLabel("")
	p.areaBtn = widget.NewButtonWithIcon("Draw area", theme.ContentAddIcon(), p.toggleArea)
	p.notice = widget.NewLabel("")
	p.notice.Wrapping = fyne.TextWrapWord
	p.notice.Alignment = fyne.TextAlignCenter
	p.noticeBg = canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bar := container.NewBorder(nil, nil, container.NewHBox(p.zoom, p.areaBtn), p.pageInfo, p.slider)
	p.root = container.NewBorder(bar, nil, nil, nil,
		container.NewStack(p.view, p.noticeBg, container.NewCenter(container.NewGridWrap(fyne.NewSize(360, 120), p.notice))))
	p.say("Select a study to see its pages.")
	return p.root
}

// say shows a sentence over the page area ("" hides it).
func (p *pagePanel) say(msg string) {
	p.notice.SetText(msg)
	if msg == "" {
		p.notice.Hide()
		p.noticeBg.Hide()
		return
	}
	p.notice.Show()
	p.noticeBg.Show()
}

// warm starts the page renderer in the background, so that the first
// study shown does not wait for it.
func (p *pagePanel) warm() {
	ui.Run(&p.warming, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, pdfpage.Warm(ctx)
	}, nil)
}

// setShown tells the panel whether it is on screen; it loads the study's
// pages when it appears.
func (p *pagePanel) setShown(on bool) {
	p.shown = on
	if on {
		p.load()
	}
}

// setStudy follows the study the reader shows (nil text: none).
func (p *pagePanel) setStudy(s corpus.Study, text *corpus.Text) {
	if s.GUID != p.study.GUID {
		p.areas = nil
	}
	p.study, p.text = s, text
	if text == nil {
		p.clear()
		return
	}
	p.load()
}

// stop ends the panel's background work (the window closes).
func (p *pagePanel) stop() {
	p.loading.Stop()
	p.warming.Stop()
	p.areasLane.Stop()
	if p.doc != nil {
		p.doc.Close()
		p.doc = nil
	}
}

// clear shows no study.
func (p *pagePanel) clear() {
	p.loading.Stop()
	p.areasLane.Stop()
	p.study, p.text, p.spans, p.loaded, p.areas = corpus.Study{}, nil, nil, "", nil
	if p.doc != nil {
		p.doc.Close()
		p.doc = nil
	}
	p.view.SetDocument(nil, nil, "", nil)
	p.setPages(0)
	p.say("Select a study to see its pages.")
}

// openedPDF is a study's PDF opened for the view.
type openedPDF struct {
	study string
	doc   *pdfpage.Doc
}

// load opens the study's PDF in the background (when the panel is shown)
// and shows its pages; the renderer's start-up is waited for off the UI
// goroutine, with a sentence saying so.
func (p *pagePanel) load() {
	proj := p.host.Project()
	if !p.shown || p.text == nil || proj == nil {
		return
	}
	if p.loaded == p.study.GUID && p.doc != nil {
		p.show(p.doc)
		return
	}
	if !pdfpage.Default().Ready() {
		p.say("Preparing the page view…")
	} else {
		p.say("")
	}
	study := p.study
	ui.Run(&p.loading, func(ctx context.Context) (openedPDF, error) {
		o := openedPDF{study: study.GUID}
		if err := pdfpage.Warm(ctx); err != nil {
			return o, err
		}
		name, data, err := proj.PDF(study.GUID)
		if err != nil {
			return o, err
		}
		if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF")) {
			return o, errNoPDF
		}
		if o.doc, err = pdfpage.Open(ctx, data); err != nil {
			return o, fmt.Errorf("%s: %w", name, err)
		}
		return o, nil
	}, func(o openedPDF, err error) {
		if err != nil {
			p.say(pageSentence(err))
			return
		}
		if o.study != p.study.GUID { // the reader moved on meanwhile
			o.doc.Close()
			return
		}
		if p.doc != nil {
			p.doc.Close()
		}
		p.doc, p.loaded = o.doc, o.study
		p.show(o.doc)
	})
}

// errNoPDF means the study's source is a text file.
var errNoPDF = errors.New("this study was imported from a text file, so it has no pages to show")

// pageSentence words a failure to show a study's pages.
func pageSentence(err error) string {
	switch {
	case errors.Is(err, errNoPDF):
		return "This study was imported from a text file, so it has no pages to show."
	case errors.Is(err, pdfpage.ErrUnavailable):
		return "The page view could not start on this computer: " + ui.Plain(err)
	}
	return "The pages cannot be shown: " + ui.Plain(err)
}

// show gives the view the open PDF with the study's text, codings and
// selection, at the reader's place.
func (p *pagePanel) show(doc *pdfpage.Doc) {
	sizes := make([]pdfpage.Size, doc.PageCount())
	for i := range sizes {
		sizes[i] = doc.PageSize(i)
	}
	p.say("")
	// Placing the view on a new document is not the user turning pages:
	// the reader, which may already be at a passage, stays where it is.
	p.placing = true
	defer func() { p.placing = false }()
	p.view.SetDocument(&studyPages{doc: doc, proj: p.host.Project(), study: p.study.GUID}, sizes, p.text.String, p.text.PageStarts)
	p.setPages(len(sizes))
	p.paint()
	p.paintAreas()
	p.loadAreas()
	p.view.SetSelection(p.selS, p.selE)
	switch {
	case p.pending.study == p.study.GUID:
		p.view.ShowPage(p.pending.page)
		p.pending.study = ""
	case p.hooks.place != nil:
		p.view.ShowOffset(p.hooks.place())
	}
	p.onPage(max(p.view.CurrentPage(), 0))
}

// showPageOf shows a 0-based page of study: now when its PDF is open, else
// once it is.
func (p *pagePanel) showPageOf(study string, page int) {
	if p.loaded == study && p.doc != nil && p.study.GUID == study && p.view.PageCount() > 0 {
		p.view.ShowPage(page)
		return
	}
	p.pending.study, p.pending.page = study, page
}

// setPages sets the slider's range for n pages.
func (p *pagePanel) setPages(n int) {
	p.sliding = true
	p.slider.Max = float64(max(n, 1))
	p.slider.SetValue(1)
	p.sliding = false
	if n <= 1 {
		p.slider.Disable()
	} else {
		p.slider.Enable()
	}
	if n == 0 {
		p.pageInfo.SetText("")
	}
}

// setSpans paints the reader's codings on the pages.
func (p *pagePanel) setSpans(spans []reader.Span) {
	p.spans = spans
	if p.view != nil {
		p.paint()
	}
}

func (p *pagePanel) paint() {
	out := make([]pageview.Span, len(p.spans))
	for i, s := range p.spans {
		out[i] = pageview.Span{ID: s.ID, Start: s.Start, End: s.End, Color: s.Color, Label: s.Label}
	}
	p.view.SetSpans(out)
}

// setSelection shows the reader's selection on the pages.
func (p *pagePanel) setSelection(s, e int) {
	p.selS, p.selE = s, e
	p.view.SetSelection(s, e)
}

// follow shows the page of the reader's place when it is not the current one.
func (p *pagePanel) follow(offset int) {
	if p.view.PageCount() == 0 || p.view.PageOf(offset) == p.view.CurrentPage() {
		return
	}
	p.view.ShowOffset(offset)
}

func (p *pagePanel) onSelection(s, e int) {
	p.selS, p.selE = s, e
	if p.hooks.selected != nil {
		p.hooks.selected(s, e)
	}
}

// onPage updates the slider and tells the reader where the view is.
func (p *pagePanel) onPage(page int) {
	n := p.view.PageCount()
	if n == 0 {
		return
	}
	p.pageInfo.SetText(fmt.Sprintf("Page %d of %d", page+1, n))
	p.sliding = true
	p.slider.SetValue(float64(page + 1))
	p.sliding = false
	if p.hooks.moved != nil && !p.placing {
		p.hooks.moved(p.view.ReadingOffset())
	}
}

func (p *pagePanel) onSlider(v float64) {
	if p.sliding {
		return
	}
	p.view.ShowPage(int(v) - 1)
}

func (p *pagePanel) onZoom(choice string) {
	if p.view == nil {
		return
	}
	switch choice {
	case "Fit width":
		p.view.SetZoom(pageview.Zoom{Mode: pageview.FitWidth})
	case "Fit page":
		p.view.SetZoom(pageview.Zoom{Mode: pageview.FitPage})
	default:
		n, _ := strconv.Atoi(strings.TrimSuffix(choice, "%"))
		p.view.SetZoom(pageview.Zoom{Mode: pageview.Percent, Percent: n})
	}
}

// toggleArea turns the rectangle tool on or off.
func (p *pagePanel) toggleArea() {
	on := !p.view.AreaTool()
	p.view.SetAreaTool(on)
	if on {
		p.areaBtn.Importance = widget.HighImportance
		p.host.Status("Drag a rectangle around a table, figure or photo on a page to code it (Escape ends).")
	} else {
		p.areaBtn.Importance = widget.MediumImportance
	}
	p.areaBtn.Refresh()
}

func (p *pagePanel) onTapped(spans []pageview.Span, areas []pageview.Area, pos fyne.Position) {
	rs := make([]reader.Span, len(spans))
	for i, s := range spans {
		rs[i] = reader.Span{ID: s.ID, Start: s.Start, End: s.End, Color: s.Color, Label: s.Label}
	}
	if p.hooks.tapped != nil {
		p.hooks.tapped(rs, areas, pos)
	}
}

func (p *pagePanel) onAreaDrawn(page int, r pdfpage.Rect, pos fyne.Position) {
	if p.view.AreaTool() {
		p.toggleArea()
	}
	if p.hooks.drawn != nil && p.doc != nil {
		p.hooks.drawn(p.study, page, r, p.doc.PageSize(page), pos)
	}
}

// studyPages is a stored study's pages for the view: rendered by pdfpage,
// with the character boxes kept at import (or OCR).
type studyPages struct {
	doc   *pdfpage.Doc
	proj  *corpus.Project
	study string
}

// Render draws a page width pixels wide.
func (s *studyPages) Render(ctx context.Context, page, width int) (image.Image, error) {
	return s.doc.RenderWidth(ctx, page, width)
}

// Boxes reads a page's character boxes.
func (s *studyPages) Boxes(_ context.Context, page int) (int, []pdfpage.Rect, error) {
	pb, err := s.proj.PageBoxes(s.study, page+1)
	if err != nil {
		return 0, nil, err
	}
	out := make([]pdfpage.Rect, len(pb.Boxes))
	for i, b := range pb.Boxes {
		out[i] = pdfpage.Rect{X0: float64(b.X0), Y0: float64(b.Y0), X1: float64(b.X1), Y1: float64(b.Y1)}
	}
	return pb.Start, out, nil
}
