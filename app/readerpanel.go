package app

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/reader"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// readerPanel is the centre: the open study's text in the reader widget,
// with find, next/previous coding and the selection's status.
type readerPanel struct {
	wb *Workbench

	title       *widget.Label
	view        *reader.Reader
	findEntry   *widget.Entry
	hideMarks   *widget.Check
	joinLines   *widget.Check
	selInfo     *widget.Label
	prevCoding  *widget.Button
	nextCoding  *widget.Button
	codeButton  *widget.Button
	study       string // GUID of the open study
	studyInfo   corpus.Study
	text        *corpus.Text
	codings     []coding.Coding
	pendingJump *[2]int // passage to show once the study is loaded
	// loaded is called after a study's text and codings are shown (tests wait on it).
	loaded func(study string)
}

func newReaderPanel(wb *Workbench) *readerPanel { return &readerPanel{wb: wb} }

func (p *readerPanel) build() fyne.CanvasObject {
	p.title = widget.NewLabelWithStyle("Select a study on the left to read and code it.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.view = reader.New()
	p.view.OnSelectionChanged = p.onSelection
	p.view.OnSpanTapped = p.onSpanTapped
	p.view.OnKey = p.onKey
	p.view.OnShortcut = p.onShortcut
	p.findEntry = widget.NewEntry()
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
	top := container.NewVBox(p.title, tools)
	bottom := container.NewBorder(nil, nil, nil, p.codeButton, p.selInfo)
	return container.NewBorder(top, bottom, nil, nil, p.view)
}

// open loads a study's text and codings in the background and shows them.
func (p *readerPanel) open(s corpus.Study) {
	proj := p.wb.Project()
	if proj == nil {
		return
	}
	p.study = s.GUID
	p.studyInfo = s
	p.title.SetText(studyTitle(s))
	p.wb.setBusy("Loading " + studyTitle(s) + "…")
	go func() {
		text, err := proj.Text(s.GUID)
		var codings []coding.Coding
		if err == nil {
			codings, err = coding.CodingsOfStudy(proj, s.GUID)
		}
		runUI(func() {
			if err == nil {
				p.wb.setIdle(fmt.Sprintf("%s · %d pages · %d codings", studyTitle(s), len(text.PageStarts), len(codings)))
			} else {
				p.wb.setIdle("")
			}
			if p.study != s.GUID {
				return // another study was chosen meanwhile
			}
			if err != nil {
				showError(p.wb.win, "Open study", err)
				return
			}
			p.text = text
			p.codings = codings
			p.view.SetDocument(p.display(text.String), text.PageStarts, nil)
			p.applyHidden()
			p.paint()
			p.describe()
			if s.Extraction == corpus.ExtractNoText {
				p.selInfo.SetText("Scanned, no text: this study can be appraised, but passages cannot be coded yet.")
			}
			if j := p.pendingJump; j != nil {
				p.pendingJump = nil
				p.showPassage(j[0], j[1])
			}
			if p.loaded != nil {
				p.loaded(s.GUID)
			}
		})
	}()
}

// reload re-reads the open study's codings (after an action or undo).
func (p *readerPanel) reload() {
	proj := p.wb.Project()
	if proj == nil || p.study == "" {
		return
	}
	study := p.study
	go func() {
		codings, err := coding.CodingsOfStudy(proj, study)
		s, serr := proj.Study(study)
		runUI(func() {
			if p.study != study {
				return
			}
			if serr != nil { // the study itself was undone away
				p.clear()
				return
			}
			if err == nil {
				p.studyInfo = s
				p.title.SetText(studyTitle(s))
				p.codings = codings
				p.paint()
				p.describe()
			}
		})
	}()
}

// clear shows no study.
func (p *readerPanel) clear() {
	p.study = ""
	p.text = nil
	p.codings = nil
	p.title.SetText("Select a study on the left to read and code it.")
	p.view.SetDocument("", nil, nil)
	p.selInfo.SetText("")
}

// display is the text as shown: with "Flow lines" on, a single line break
// inside a paragraph (the PDF's own line ends) becomes a space, so the
// reader wraps paragraphs to its width. One code point replaces another, so
// every offset stays the same.
func (p *readerPanel) display(text string) string {
	if !p.joinLines.Checked {
		return text
	}
	return flowLines(text)
}

// flowLines replaces each lone "\n" between two non-break characters with a space.
func flowLines(text string) string {
	r := []rune(text)
	for i := 1; i+1 < len(r); i++ {
		if r[i] == '\n' && r[i-1] != '\n' && r[i-1] != '\f' && r[i+1] != '\n' && r[i+1] != '\f' {
			r[i] = ' '
		}
	}
	return string(r)
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
	codes := p.wb.codebook.byGUID
	coders := p.wb.coderNames()
	spans := make([]reader.Span, 0, len(p.codings))
	for _, c := range p.codings {
		code := codes[c.Code]
		label := code.Name
		if label == "" {
			label = "(unknown code)"
		}
		detail := fmt.Sprintf("%s, %s", coders[c.Coder], c.CreatedAt.Local().Format("2 Jan 2006 15:04"))
		if c.Consensus {
			detail += " · consensus"
		}
		if c.Memo != "" {
			detail += " · memo: " + c.Memo
		}
		spans = append(spans, reader.Span{ID: c.GUID, Start: c.Start, End: c.End, Color: parseColor(code.Color), Label: label, Detail: detail})
	}
	p.view.SetSpans(spans)
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

func (p *readerPanel) onSelection(start, end int) { p.describe() }

// applyCode codes the current selection with a code (in the background).
func (p *readerPanel) applyCode(code coding.Code) {
	proj := p.wb.Project()
	s, e := p.view.Selection()
	if proj == nil || p.study == "" || e <= s {
		p.wb.status.SetText("Select a passage in the study first, then choose a code.")
		return
	}
	study := p.study
	go func() {
		_, err := coding.ApplyCode(proj, study, code.GUID, s, e, "")
		runUI(func() {
			if err != nil {
				showError(p.wb.win, "Code passage", err)
				return
			}
			p.wb.status.SetText(fmt.Sprintf("Coded %d characters as %q (Ctrl+Z undoes).", e-s, code.Name))
			p.wb.changed([]string{study})
		})
	}()
}

// onKey applies pinned codes with the number keys 1–9.
func (p *readerPanel) onKey(ev *fyne.KeyEvent) bool {
	if len(ev.Name) == 1 && ev.Name[0] >= '1' && ev.Name[0] <= '9' {
		n := int(ev.Name[0] - '0')
		for _, c := range p.wb.codebook.codes {
			if c.Pinned == n {
				p.applyCode(c)
				return true
			}
		}
		p.wb.status.SetText(fmt.Sprintf("No code is pinned to key %d: pin one in the codebook (right panel).", n))
		return true
	}
	return false
}

func (p *readerPanel) onShortcut(s fyne.Shortcut) bool {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault {
		switch cs.KeyName {
		case fyne.KeyK:
			p.onQuickPick()
			return true
		case fyne.KeyF:
			p.wb.win.Canvas().Focus(p.findEntry)
			return true
		}
	}
	return false
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

// jump opens a study and shows a passage (from search, segments or the map).
func (p *readerPanel) jump(study string, s, e int) {
	if p.study == study && p.text != nil {
		p.showPassage(s, e)
		return
	}
	p.pendingJump = &[2]int{s, e}
	p.wb.studies.selectStudy(study)
}

func (p *readerPanel) onJumpCoding(forward bool) {
	code := p.wb.codebook.selectedCode()
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
	var items []*fyne.MenuItem
	for _, sp := range spans {
		items = append(items,
			fyne.NewMenuItem("Remove “"+sp.Label+"”", func() { p.removeCoding(sp.ID) }),
			fyne.NewMenuItem("Change code of “"+sp.Label+"”…", func() { p.changeCode(sp.ID) }),
			fyne.NewMenuItem("Memo on “"+sp.Label+"”…", func() { p.memo(sp.ID) }),
		)
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), p.wb.win.Canvas(), pos)
}

func (p *readerPanel) removeCoding(id string) {
	p.wb.act("Remove coding", func(proj *corpus.Project) error { return coding.RemoveCoding(proj, id) })
}

func (p *readerPanel) changeCode(id string) {
	p.wb.codebook.pick("Change code to…", func(c coding.Code) {
		p.wb.act("Change code", func(proj *corpus.Project) error { return coding.ChangeCode(proj, id, c.GUID) })
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
			p.wb.act("Memo on coding", func(proj *corpus.Project) error { return coding.SetCodingMemo(proj, id, entry.Text) })
		}
	}, p.wb.win)
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
}

func (p *readerPanel) onQuickPick() {
	if s, e := p.view.Selection(); e <= s {
		p.wb.status.SetText("Select a passage in the study first, then press Ctrl+K.")
		return
	}
	p.wb.codebook.pick("Code the selection as…", p.applyCode)
}

// parseColor reads "#rrggbb"; a bad value falls back to the theme's primary colour.
func parseColor(s string) color.Color {
	var r, g, b uint8
	if len(s) == 7 && s[0] == '#' {
		if _, err := fmt.Sscanf(s[1:], "%02x%02x%02x", &r, &g, &b); err == nil {
			return color.NRGBA{R: r, G: g, B: b, A: 0xff}
		}
	}
	return theme.Color(theme.ColorNamePrimary)
}
