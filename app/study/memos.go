package study

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// memoPanel edits the current coder's memo on a study or a code, showing
// the other coders' memos on it below.
type memoPanel struct {
	host   ui.Host
	kind   string // coding.MemoStudy or coding.MemoCode
	target string // GUID
	name   string // what the memo is on, for the title

	entry      *widget.Entry
	others     *widget.Label
	saveButton *widget.Button
	message    *widget.Label
	close      func() // closes the memo's window once saved
}

func newMemoPanel(h ui.Host, kind, target, name string) *memoPanel {
	return &memoPanel{host: h, kind: kind, target: target, name: name, close: func() {}}
}

func (p *memoPanel) build() fyne.CanvasObject {
	p.entry = widget.NewMultiLineEntry()
	p.entry.Wrapping = fyne.TextWrapWord
	p.entry.SetMinRowsVisible(10)
	p.entry.SetPlaceHolder("Your memo on " + p.name + " (empty deletes it)")
	p.others = widget.NewLabel("")
	p.others.Wrapping = fyne.TextWrapWord
	p.message = widget.NewLabel("Memos are saved as one action each: Edit > Undo reverts them.")
	p.message.Wrapping = fyne.TextWrapWord
	p.saveButton = widget.NewButtonWithIcon("Save memo", theme.DocumentSaveIcon(), p.onSave)
	p.saveButton.Importance = widget.HighImportance
	p.load()
	bottom := container.NewVBox(container.NewBorder(nil, nil, nil, p.saveButton, p.message),
		container.NewVScroll(p.others))
	return container.NewBorder(nil, bottom, nil, nil, p.entry)
}

// load fills the entry with the coder's memo and lists the others' (UI goroutine; small reads).
func (p *memoPanel) load() {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	ms, err := coding.Memos(proj, p.kind, p.target)
	if err != nil {
		p.message.SetText(ui.Plain(err))
		return
	}
	names := ui.CoderNames(proj)
	me := proj.CurrentCoder().GUID
	var others []string
	for _, m := range ms {
		if m.Coder == me {
			p.entry.SetText(m.Text)
			continue
		}
		others = append(others, fmt.Sprintf("%s (%s): %s", coderName(names, m.Coder), m.UpdatedAt.Format("2006-01-02"), m.Text))
	}
	if len(others) > 0 {
		p.others.SetText("Other coders' memos:\n" + strings.Join(others, "\n"))
	}
}

func coderName(names map[string]string, guid string) string {
	if n := names[guid]; n != "" {
		return n
	}
	return "unknown coder"
}

func (p *memoPanel) onSave() {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	text := p.entry.Text
	p.saveButton.Disable()
	ui.Go(func() (struct{}, error) {
		return struct{}{}, coding.SetMemo(proj, p.kind, p.target, text)
	}, func(_ struct{}, err error) {
		p.saveButton.Enable()
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		p.message.SetText("Saved. Edit > Undo reverts it.")
		p.host.Status("Memo on " + p.name + " saved (Ctrl+Z undoes).")
		p.host.Changed(nil)
		p.close()
	})
}

// showMemo opens a memo panel in its own window.
func showMemo(h ui.Host, p *memoPanel) {
	p.close = showForm(h, "Memo — "+p.name, fyne.NewSize(560, 480), p.build(), nil)
}

// ShowStudyMemo opens the current reviewer's memo on study s (the study
// shown in the reader), with the other reviewers' memos on it below.
func ShowStudyMemo(h ui.Host, s corpus.Study) {
	showMemo(h, newMemoPanel(h, coding.MemoStudy, s.GUID, ui.StudyTitle(s)))
}

// ShowCodeMemo asks for a code of the codebook and opens the current
// reviewer's memo on it.
func ShowCodeMemo(h ui.Host, codes ui.Codebook) {
	codes.PickCode("Memo on code…", func(c coding.Code) {
		showMemo(h, newMemoPanel(h, coding.MemoCode, c.GUID, "code “"+codes.CodePath(c.GUID)+"”"))
	})
}

// memoHit is one memo found by a memo search, with what it is on.
type memoHit struct {
	memo   coding.Memo
	target string // study title, code path or "code in study"
	coder  string
	study  string // the study to open (studies and codings)
	start  int    // a coding's passage
	end    int
	page   int // a coded area's 1-based page
}

// memoSearchPanel searches every memo's text; tapping a result opens its study or passage.
type memoSearchPanel struct {
	host      ui.Host
	codes     ui.Codebook
	nav       ui.Navigator
	openStudy func(guid string)
	searching ui.Lane

	entry   *widget.Entry
	list    *widget.List
	message *widget.Label
	hits    []memoHit
}

func newMemoSearchPanel(h ui.Host, codes ui.Codebook, nav ui.Navigator, openStudy func(string)) *memoSearchPanel {
	return &memoSearchPanel{host: h, codes: codes, nav: nav, openStudy: openStudy}
}

// ShowMemoSearch opens the memo search, listing every memo at first. A
// memo found on a coding opens its passage through nav, one on a study
// calls openStudy with the study's GUID, one on a code opens that memo.
// The results follow changes saved anywhere while the window is open.
func ShowMemoSearch(h ui.Host, codes ui.Codebook, nav ui.Navigator, openStudy func(guid string)) {
	p := newMemoSearchPanel(h, codes, nav, openStudy)
	content := p.build()
	stop := h.OnChange(func([]string) { p.onSearch() })
	ui.ShowWindow(h, "Search memos", fyne.NewSize(720, 520), content, []*ui.Lane{&p.searching}, stop)
	p.onSearch()
}

func (p *memoSearchPanel) build() fyne.CanvasObject {
	p.entry = widget.NewEntry()
	p.entry.SetPlaceHolder("Words in memos (empty lists every memo)")
	p.entry.OnSubmitted = func(string) { p.onSearch() }
	search := widget.NewButtonWithIcon("Search", theme.SearchIcon(), p.onSearch)
	p.message = widget.NewLabel("")
	p.list = widget.NewList(func() int { return len(p.hits) },
		func() fyne.CanvasObject { return ui.NewTwoLineRow("kind · target · coder", "memo") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.hits) {
				return
			}
			h := p.hits[i]
			ui.SetTwoLineRow(o, fmt.Sprintf("%s · %s · %s", h.memo.TargetKind, h.target, h.coder), ui.OneLine(h.memo.Text))
		})
	p.list.OnSelected = p.onSelected
	top := container.NewBorder(nil, nil, nil, search, p.entry)
	return container.NewBorder(top, p.message, nil, nil, p.list)
}

// onSearch searches the memos for the entry's words in the background (a
// newer search supersedes an older one).
func (p *memoSearchPanel) onSearch() {
	proj := p.host.Project()
	if proj == nil {
		return
	}
	q := p.entry.Text
	names := ui.CoderNames(proj)
	paths := map[string]string{}
	for _, c := range p.codes.Codes() {
		paths[c.GUID] = p.codes.CodePath(c.GUID)
	}
	p.message.SetText("Searching…")
	ui.Run(&p.searching, func(context.Context) ([]memoHit, error) {
		return searchMemos(proj, q, names, paths)
	}, func(hits []memoHit, err error) {
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		p.hits = hits
		p.list.UnselectAll()
		p.list.Refresh()
		p.message.SetText(fmt.Sprintf("%d memos found. Click one to open its study or passage.", len(hits)))
	})
}

// searchMemos finds memos and names what each is on.
func searchMemos(proj *corpus.Project, q string, coders, codePaths map[string]string) ([]memoHit, error) {
	ms, err := coding.SearchMemos(proj, q)
	if err != nil {
		return nil, err
	}
	titles := map[string]string{}
	if studies, err := proj.Studies(); err == nil {
		for _, s := range studies {
			titles[s.GUID] = ui.StudyTitle(s)
		}
	}
	hits := make([]memoHit, 0, len(ms))
	for _, m := range ms {
		h := memoHit{memo: m, coder: coderName(coders, m.Coder)}
		switch m.TargetKind {
		case coding.MemoStudy:
			h.study, h.target = m.Target, titles[m.Target]
		case coding.MemoCode:
			h.target = codePaths[m.Target]
		case coding.MemoCoding:
			if c, err := coding.GetCoding(proj, m.Target); err == nil {
				h.study, h.start, h.end = c.Study, c.Start, c.End
				h.target = fmt.Sprintf("%s in %s", codePaths[c.Code], titles[c.Study])
			}
		case coding.MemoArea:
			if a, err := coding.GetArea(proj, m.Target); err == nil {
				h.study, h.page = a.Study, a.Page+1
				h.target = codePaths[a.Code] + ", " + a.DescribeIn(titles[a.Study])
			}
		case coding.MemoKeyFindings, coding.MemoRecommendations:
			scope := "the whole review"
			if m.Target != "" {
				scope = "the brief of " + strings.ReplaceAll(strings.ReplaceAll(m.Target, ";", ", "), ":", " ")
			}
			h.target = "brief's " + strings.ReplaceAll(m.TargetKind, "-", " ") + ", " + scope
		}
		if h.target == "" {
			h.target = "(deleted)"
		}
		hits = append(hits, h)
	}
	return hits, nil
}

func (p *memoSearchPanel) onSelected(i widget.ListItemID) {
	if i >= len(p.hits) {
		return
	}
	h := p.hits[i]
	switch {
	case h.memo.TargetKind == coding.MemoCoding && h.study != "":
		p.nav.ShowPassage(h.study, h.start, h.end)
	case h.memo.TargetKind == coding.MemoArea && h.study != "":
		p.nav.ShowArea(h.study, h.page)
	case h.memo.TargetKind == coding.MemoStudy && h.study != "":
		if p.openStudy != nil {
			p.openStudy(h.study)
		}
	case h.memo.TargetKind == coding.MemoCode && h.target != "(deleted)":
		showMemo(p.host, newMemoPanel(p.host, coding.MemoCode, h.memo.Target, "code “"+h.target+"”"))
	}
}
