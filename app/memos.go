package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// memoPanel edits the current coder's memo on a study or a code, showing
// the other coders' memos on it below.
type memoPanel struct {
	wb     *Workbench
	kind   string // coding.MemoStudy or coding.MemoCode
	target string // GUID
	name   string // what the memo is on, for the title

	entry      *widget.Entry
	others     *widget.Label
	saveButton *widget.Button
	message    *widget.Label
	win        fyne.Window
	// saved is called after a save attempt (tests wait on it).
	saved func(error)
}

func newMemoPanel(wb *Workbench, kind, target, name string) *memoPanel {
	return &memoPanel{wb: wb, kind: kind, target: target, name: name}
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
	proj := p.wb.Project()
	if proj == nil {
		return
	}
	ms, err := coding.Memos(proj, p.kind, p.target)
	if err != nil {
		p.message.SetText(plain(err))
		return
	}
	names := p.wb.coderNames()
	var others []string
	for _, m := range ms {
		if m.Coder == p.wb.coder.GUID {
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
	proj := p.wb.Project()
	if proj == nil {
		return
	}
	text := p.entry.Text
	p.saveButton.Disable()
	go func() {
		err := coding.SetMemo(proj, p.kind, p.target, text)
		runUI(func() {
			p.saveButton.Enable()
			if err != nil {
				p.message.SetText(plain(err))
			} else {
				p.message.SetText("Saved. Edit > Undo reverts it.")
				p.wb.status.SetText("Memo on " + p.name + " saved (Ctrl+Z undoes).")
				p.wb.changed(nil)
				if p.win != nil {
					p.win.Close()
				}
			}
			if p.saved != nil {
				p.saved(err)
			}
		})
	}()
}

func (wb *Workbench) showMemo(p *memoPanel) {
	p.win = wb.app.NewWindow("Memo — " + p.name)
	p.win.SetContent(p.build())
	p.win.Resize(fyne.NewSize(560, 480))
	p.win.Show()
}

func (wb *Workbench) onStudyMemo() {
	s, ok := wb.openStudy()
	if !ok {
		return
	}
	wb.showMemo(newMemoPanel(wb, coding.MemoStudy, s.GUID, studyTitle(s)))
}

func (wb *Workbench) onCodeMemo() {
	wb.codebook.pick("Memo on code…", func(c coding.Code) {
		wb.showMemo(newMemoPanel(wb, coding.MemoCode, c.GUID, "code “"+wb.codebook.path(c)+"”"))
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
}

// memoSearchPanel searches every memo's text; tapping a result opens its study or passage.
type memoSearchPanel struct {
	wb *Workbench

	entry   *widget.Entry
	list    *widget.List
	message *widget.Label
	hits    []memoHit
	// done is called after each search (tests wait on it).
	done func(error)
}

func newMemoSearchPanel(wb *Workbench) *memoSearchPanel { return &memoSearchPanel{wb: wb} }

func (p *memoSearchPanel) build() fyne.CanvasObject {
	p.entry = widget.NewEntry()
	p.entry.SetPlaceHolder("Words in memos (empty lists every memo)")
	p.entry.OnSubmitted = func(string) { p.onSearch() }
	search := widget.NewButtonWithIcon("Search", theme.SearchIcon(), p.onSearch)
	p.message = widget.NewLabel("")
	p.list = widget.NewList(func() int { return len(p.hits) },
		func() fyne.CanvasObject { return newTwoLineRow("kind · target · coder", "memo") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.hits) {
				return
			}
			h := p.hits[i]
			setTwoLineRow(o, fmt.Sprintf("%s · %s · %s", h.memo.TargetKind, h.target, h.coder), oneLine(h.memo.Text))
		})
	p.list.OnSelected = p.onSelected
	top := container.NewBorder(nil, nil, nil, search, p.entry)
	return container.NewBorder(top, p.message, nil, nil, p.list)
}

func (p *memoSearchPanel) onSearch() {
	proj := p.wb.Project()
	if proj == nil {
		return
	}
	q := p.entry.Text
	names := p.wb.coderNames()
	paths := map[string]string{}
	for _, c := range p.wb.codebook.codes {
		paths[c.GUID] = p.wb.codebook.path(c)
	}
	p.message.SetText("Searching…")
	go func() {
		hits, err := searchMemos(proj, q, names, paths)
		runUI(func() {
			if err != nil {
				p.message.SetText(plain(err))
			} else {
				p.hits = hits
				p.list.UnselectAll()
				p.list.Refresh()
				p.message.SetText(fmt.Sprintf("%d memos found. Click one to open its study or passage.", len(hits)))
			}
			if p.done != nil {
				p.done(err)
			}
		})
	}()
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
			titles[s.GUID] = studyTitle(s)
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
		p.wb.ShowPassage(h.study, h.start, h.end)
	case h.memo.TargetKind == coding.MemoStudy && h.study != "":
		p.wb.studies.selectStudy(h.study)
	case h.memo.TargetKind == coding.MemoCode && h.target != "(deleted)":
		p.wb.showMemo(newMemoPanel(p.wb, coding.MemoCode, h.memo.Target, "code “"+h.target+"”"))
	}
}

func (wb *Workbench) onSearchMemos() {
	p := newMemoSearchPanel(wb)
	w := wb.app.NewWindow("Search memos")
	w.SetContent(p.build())
	w.Resize(fyne.NewSize(720, 520))
	w.Show()
	p.onSearch()
}
