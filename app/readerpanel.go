package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/app/reader"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// readerPanel is the centre: the open study's text in the reader widget,
// with find, next/previous coding and the selection's status.
type readerPanel struct {
	host     ui.Host
	codes    codeSource
	act      func(title string, fn func(*corpus.Project) error)
	plainKey func(*fyne.KeyEvent) bool // the window's keys without modifier (F1)

	title      *widget.Label
	view       *reader.Reader
	findEntry  *ui.EscapeEntry
	hideMarks  *widget.Check
	joinLines  *widget.Check
	selInfo    *widget.Label
	lost       *widget.Label // what the pages in view lost, when they did
	prevCoding *widget.Button
	nextCoding *widget.Button
	codeButton *widget.Button
	study      string // GUID of the open study
	studyInfo  corpus.Study
	text       *corpus.Text
	codings    []coding.Coding
	coders     map[string]string // coder GUID -> name
	pending    func()            // where to go once the study is loaded (a passage, an area's page), nil for none
	loading    ui.Lane           // the study being opened or reloaded
	body       *fyne.Container   // the text, or the text and its pages (views.go)
	banner     *widget.Label     // how the text was read, when it was OCR'd

	// The page view follows: the study and text shown (nil text: none),
	// the codings painted and the user's selections.
	onText   func(corpus.Study, *corpus.Text)
	onSpans  func([]reader.Span)
	onSelect func(start, end int)
}

// codeSource is the codebook as the reader uses it.
type codeSource interface {
	ui.Codebook
	selectedCode() *coding.Code
}

func newReaderPanel(host ui.Host, codes codeSource, act func(string, func(*corpus.Project) error), plainKey func(*fyne.KeyEvent) bool) *readerPanel {
	return &readerPanel{host: host, codes: codes, act: act, plainKey: plainKey}
}

func (p *readerPanel) build() fyne.CanvasObject {
	p.title = widget.NewLabelWithStyle("Select a study on the left to read and code it.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.view = reader.New()
	p.view.OnSelectionChanged = p.onSelection
	p.view.OnSpanTapped = p.onSpanTapped
	p.view.OnKey = p.onKey
	p.view.OnShortcut = p.onShortcut
	p.view.PageLabel = p.pageMarker
	p.view.OnViewChanged = p.onView
	p.lost = widget.NewLabel("")
	p.lost.Importance = widget.WarningImportance
	p.lost.Wrapping = fyne.TextWrapWord
	p.lost.Hide()
	p.findEntry = ui.NewEscapeEntry(p.onFindEscape)
	p.findEntry.SetPlaceHolder("Find in study (Ctrl+F)")
	p.findEntry.OnSubmitted = func(string) { p.onFind(true) }
	p.hideMarks = widget.NewCheck("Hide headers/footers", func(bool) { p.applyHidden() })
	p.hideMarks.SetChecked(true)
	p.joinLines = widget.NewCheck("Flow lines", func(bool) { p.reflow() })
	p.joinLines.SetChecked(true)
	p.selInfo = widget.NewLabel("")
	p.selInfo.Truncation = fyne.TextTruncateEllipsis
	p.prevCoding = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.onJumpCoding(false) })
	p.nextCoding = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.onJumpCoding(true) })
	p.codeButton = widget.NewButtonWithIcon("Code selection… (Ctrl+K)", theme.ContentAddIcon(), p.onQuickPick)
	findBtn := widget.NewButtonWithIcon("", theme.SearchIcon(), func() { p.onFind(true) })
	tools := container.NewBorder(nil, nil, nil,
		container.NewHBox(findBtn, p.prevCoding, p.nextCoding, p.joinLines, p.hideMarks), p.findEntry)
	p.banner = widget.NewLabel("")
	p.banner.Wrapping = fyne.TextWrapWord
	p.banner.Importance = widget.WarningImportance
	p.banner.Hide()
	top := container.NewVBox(p.title, tools, p.banner, p.lost)
	bottom := container.NewBorder(nil, nil, nil, p.codeButton, p.selInfo)
	p.body = container.NewStack(p.view)
	return container.NewBorder(top, bottom, nil, nil, p.body)
}

// showBanner says how the open study's text was read: by OCR, or not at all
// (a scan).
func (p *readerPanel) showBanner() {
	switch p.studyInfo.Extraction {
	case corpus.ExtractOCR:
		p.banner.SetText("This text was read from the page images by OCR: check doubtful passages against the pages (Ctrl+P). " + p.studyInfo.ExtractionMessage)
		p.banner.Show()
	case corpus.ExtractNoText:
		p.banner.SetText("Scanned, no text: Study > OCR scanned pages… reads the page images so that passages can be coded.")
		p.banner.Show()
	default:
		p.banner.Hide()
	}
}

// studyView is what the reader reads of a study in the background.
type studyView struct {
	study   corpus.Study
	text    *corpus.Text
	codings []coding.Coding
	coders  map[string]string
}

// readStudy reads a study's text (when withText), codings and coders.
func readStudy(proj *corpus.Project, study string, withText bool) (studyView, error) {
	var v studyView
	var err error
	if v.study, err = proj.Study(study); err != nil {
		return v, err
	}
	if withText {
		if v.text, err = proj.Text(study); err != nil {
			return v, err
		}
	}
	if v.codings, err = coding.CodingsOfStudy(proj, study); err != nil {
		return v, err
	}
	v.coders = ui.CoderNames(proj)
	return v, nil
}

// open loads a study's text and codings in the background and shows them.
func (p *readerPanel) open(s corpus.Study) {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	p.study = s.GUID
	p.studyInfo = s
	p.title.SetText(ui.StudyTitle(s))
	done := p.host.Busy("Loading " + ui.StudyTitle(s) + "…")
	ui.Run(&p.loading, func(context.Context) (studyView, error) {
		return readStudy(proj, s.GUID, true)
	}, func(v studyView, err error) {
		if err != nil {
			done("")
			ui.ShowError(p.host.Window(), "Open study", err)
			return
		}
		done(fmt.Sprintf("%s · %d pages · %d codings", ui.StudyTitle(s), len(v.text.PageStarts), len(v.codings)))
		p.studyInfo, p.text, p.codings, p.coders = v.study, v.text, v.codings, v.coders
		p.view.SetDocument(p.display(v.text.String), v.text.PageStarts, nil)
		p.applyHidden()
		if p.onText != nil {
			p.onText(v.study, v.text)
		}
		p.paint()
		p.describe()
		p.showBanner()
		p.onView(p.view.VisibleRange())
		if v.study.Extraction == corpus.ExtractNoText {
			p.selInfo.SetText("Scanned, no text: this study can be appraised; OCR its pages (Study menu) to code passages.")
		}
		if next := p.pending; next != nil {
			p.pending = nil
			next()
		}
	})
}

// reload re-reads the open study's codings (after an action or undo).
func (p *readerPanel) reload() {
	proj := p.host.Project()
	if proj == nil || p.study == "" || p.text == nil {
		return
	}
	study := p.study
	ui.Run(&p.loading, func(context.Context) (studyView, error) {
		return readStudy(proj, study, false)
	}, func(v studyView, err error) {
		if errors.Is(err, corpus.ErrNotFound) { // the study itself was undone away
			p.clear()
			return
		}
		if err != nil {
			p.host.Status(ui.Plain(err))
			return
		}
		p.studyInfo, p.codings, p.coders = v.study, v.codings, v.coders
		p.title.SetText(ui.StudyTitle(v.study))
		p.paint()
		p.describe()
		p.showBanner()
	})
}

// clear shows no study.
func (p *readerPanel) clear() {
	p.loading.Stop()
	p.study = ""
	p.text = nil
	p.codings = nil
	p.title.SetText("Select a study on the left to read and code it.")
	p.view.SetDocument("", nil, nil)
	p.selInfo.SetText("")
	p.banner.Hide()
	p.lost.Hide()
	if p.onText != nil {
		p.onText(corpus.Study{}, nil)
	}
}

// display is the text as shown: with "Flow lines" on, a single line break
// inside a paragraph (the PDF's own line ends) becomes a space, so the
// reader wraps paragraphs to its width. One code point replaces another, so
// every offset stays the same.
func (p *readerPanel) display(text string) string {
	if !p.joinLines.Checked {
		return text
	}
	return ui.FlowLines(text)
}

// reflow shows the open study again after "Flow lines" changed, keeping the place.
func (p *readerPanel) reflow() {
	if p.text == nil {
		return
	}
	top, _ := p.view.VisibleRange()
	s, e := p.view.Selection()
	p.view.SetDocument(p.display(p.text.String), p.text.PageStarts, nil)
	p.applyHidden()
	p.paint()
	p.view.SetSelection(s, e)
	p.view.ScrollTo(top)
}

func (p *readerPanel) applyHidden() {
	if p.text == nil {
		return
	}
	var hidden []reader.Range
	if p.hideMarks.Checked {
		for _, m := range p.text.Marks {
			hidden = append(hidden, reader.Range{Start: m.Start, End: m.End})
		}
	}
	p.view.SetHidden(hidden)
}

// paint gives the reader one span per coding, in its code's colour.
func (p *readerPanel) paint() {
	spans := make([]reader.Span, 0, len(p.codings))
	for _, c := range p.codings {
		code, _ := p.codes.Code(c.Code)
		label := code.Name
		if label == "" {
			label = "(unknown code)"
		}
		detail := fmt.Sprintf("%s, %s", p.coders[c.Coder], c.CreatedAt.Local().Format("2 Jan 2006 15:04"))
		if c.Consensus {
			detail += " · consensus"
		}
		if c.Memo != "" {
			detail += " · memo: " + c.Memo
		}
		spans = append(spans, reader.Span{ID: c.GUID, Start: c.Start, End: c.End, Color: ui.ParseColor(code.Color), Label: label, Detail: detail})
	}
	p.view.SetSpans(spans)
	if p.onSpans != nil {
		p.onSpans(spans)
	}
}

func (p *readerPanel) describe() {
	if p.text == nil {
		return
	}
	s, e := p.view.Selection()
	if e > s {
		p.selInfo.SetText(fmt.Sprintf("Selected %d characters on page %d (%d–%d). Click a code, press 1–9 or Ctrl+K to code it.",
			e-s, p.text.PageAt(s), s, e))
		return
	}
	p.selInfo.SetText(fmt.Sprintf("%d pages · %d codings · select text to code it", len(p.text.PageStarts), len(p.codings)))
}

func (p *readerPanel) onSelection(start, end int) {
	p.describe()
	if p.onSelect != nil {
		p.onSelect(start, end)
	}
}

// select sets the selection from the page view, showing it in the text.
func (p *readerPanel) selectFromPage(start, end int) {
	p.view.SetSelection(start, end)
	p.describe()
}

// applyCode codes the current selection with a code (in the background).
func (p *readerPanel) applyCode(code coding.Code) {
	proj := p.host.Project()
	s, e := p.view.Selection()
	if proj == nil || p.study == "" || e <= s {
		p.host.Status("Select a passage in the study first, then choose a code.")
		return
	}
	if refuseReadOnly(p.host) {
		return
	}
	study := p.study
	ui.Go(func() (coding.Coding, error) {
		return coding.ApplyCode(proj, study, code.GUID, s, e, "")
	}, func(_ coding.Coding, err error) {
		if err != nil {
			ui.ShowError(p.host.Window(), "Code passage", err)
			return
		}
		p.host.Status(fmt.Sprintf("Coded %d characters as %q (Ctrl+Z undoes).", e-s, code.Name))
		p.host.Changed([]string{study})
	})
}

// onKey applies pinned codes with the number keys 1–9 and hands the
// window's keys without modifier (F1) to it.
func (p *readerPanel) onKey(ev *fyne.KeyEvent) bool {
	if p.plainKey != nil && p.plainKey(ev) {
		return true
	}
	if len(ev.Name) == 1 && ev.Name[0] >= '1' && ev.Name[0] <= '9' {
		n := int(ev.Name[0] - '0')
		for _, c := range p.codes.Codes() {
			if c.Pinned == n {
				p.applyCode(c)
				return true
			}
		}
		p.host.Status(fmt.Sprintf("No code is pinned to key %d: pin one in the codebook (right panel).", n))
		return true
	}
	return false
}

// onShortcut runs the reader's own shortcuts (readerCommands).
func (p *readerPanel) onShortcut(s fyne.Shortcut) bool {
	for _, c := range p.commands() {
		if s.ShortcutName() == shortcut(c.key, c.mod).ShortcutName() {
			c.run()
			return true
		}
	}
	return false
}

// commands are the reader's shortcuts: they work while the reader has the
// keyboard focus, and are listed in the guide's keyboard table.
func (p *readerPanel) commands() []*command {
	return []*command{
		{label: "Find in the open study", key: fyne.KeyF, mod: ctrl, run: func() { p.host.Window().Canvas().Focus(p.findEntry) }},
		{label: "Code the selection (code picker)", key: fyne.KeyK, mod: ctrl, run: p.onQuickPick},
	}
}

// onFindEscape clears the find highlight and gives the keyboard back to the
// reader with the cursor at the start of the place found, so Shift+arrows
// select from there (Escape in the find field).
func (p *readerPanel) onFindEscape() {
	if s, e := p.view.Highlighted(); e > s {
		p.view.SetSelection(s, s)
	}
	p.view.Highlight(0, 0)
	p.host.Window().Canvas().Focus(p.view)
	p.describe()
}

func (p *readerPanel) onFind(forward bool) {
	q := strings.TrimSpace(p.findEntry.Text)
	if q == "" || p.text == nil {
		return
	}
	from, e := p.view.Highlighted()
	if e <= from {
		from, _ = p.view.Selection()
	} else if forward {
		from = e
	}
	s, e, ok := p.view.Find(q, from, forward)
	if !ok {
		s, e, ok = p.view.Find(q, 0, true)
	}
	if !ok {
		p.selInfo.SetText(fmt.Sprintf("%q does not occur in this study.", q))
		return
	}
	p.showPassage(s, e)
}

// showPassage scrolls to and highlights [s, e).
func (p *readerPanel) showPassage(s, e int) {
	p.view.Highlight(s, e)
	p.view.ScrollTo(s)
	if p.text != nil {
		p.selInfo.SetText(fmt.Sprintf("Page %d, characters %d–%d.", p.text.PageAt(s), s, e))
	}
}

// showPage scrolls to the start of a 1-based page's text (a coded area's
// page, shown in the page view), without selecting anything.
func (p *readerPanel) showPage(page int) {
	if p.text == nil || page < 1 || page > len(p.text.PageStarts) {
		return
	}
	p.view.ScrollTo(p.text.PageStarts[page-1])
	p.selInfo.SetText(fmt.Sprintf("Page %d: the coded area is outlined on the page.", page))
}

func (p *readerPanel) onJumpCoding(forward bool) {
	code := p.codes.selectedCode()
	match := func(reader.Span) bool { return true }
	if code != nil {
		match = reader.WithLabel(code.Name)
	}
	s, _ := p.view.Selection()
	if h, he := p.view.Highlighted(); he > h {
		s = h
	}
	if sp, ok := p.view.NextSpan(match, s, forward); ok {
		p.view.SetSelection(sp.Start, sp.End)
		p.view.ScrollTo(sp.Start)
		p.describe()
	}
}

// onSpanTapped offers the codings under the pointer: remove, change code, memo.
func (p *readerPanel) onSpanTapped(spans []reader.Span, pos fyne.Position) {
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", p.spanItems(spans)...), p.host.Window().Canvas(), pos)
}

// spanItems are the menu entries for codings: remove, change code, memo.
func (p *readerPanel) spanItems(spans []reader.Span) []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, sp := range spans {
		items = append(items,
			fyne.NewMenuItem("Remove “"+sp.Label+"”", func() { p.removeCoding(sp.ID) }),
			fyne.NewMenuItem("Change code of “"+sp.Label+"”…", func() { p.changeCode(sp.ID) }),
			fyne.NewMenuItem("Memo on “"+sp.Label+"”…", func() { p.memo(sp.ID) }),
		)
	}
	return items
}

func (p *readerPanel) removeCoding(id string) {
	p.act("Remove coding", func(proj *corpus.Project) error { return coding.RemoveCoding(proj, id) })
}

func (p *readerPanel) changeCode(id string) {
	p.codes.PickCode("Change code to…", func(c coding.Code) {
		p.act("Change code", func(proj *corpus.Project) error { return coding.ChangeCode(proj, id, c.GUID) })
	})
}

func (p *readerPanel) memo(id string) {
	var current string
	for _, c := range p.codings {
		if c.GUID == id {
			current = c.Memo
		}
	}
	entry := widget.NewMultiLineEntry()
	entry.SetText(current)
	entry.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Memo on this passage", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("Memo", entry)}, func(ok bool) {
		if ok {
			p.act("Memo on coding", func(proj *corpus.Project) error { return coding.SetCodingMemo(proj, id, entry.Text) })
		}
	}, p.host.Window())
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
}

func (p *readerPanel) onQuickPick() {
	if s, e := p.view.Selection(); e <= s {
		p.host.Status("Select a passage in the study first, then press Ctrl+K.")
		return
	}
	p.codes.PickCode("Code the selection as…", p.applyCode)
}
