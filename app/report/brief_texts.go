package report

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/brief"
)

// briefTexts edits the author's key findings and recommendations of the
// draft's scope (the whole review, or the sectors and countries chosen):
// memos of the project that the brief prints in place of its generated
// drafts.
type briefTexts struct {
	h     ui.Host
	scope string
	label *widget.Label
	items []*briefText
}

// briefText is the editor of one kind of text.
type briefText struct {
	kind  string
	entry *widget.Entry
	save  *widget.Button
	saved string // the text as saved for the scope
}

func newBriefTexts(h ui.Host) *briefTexts {
	t := &briefTexts{h: h, label: widget.NewLabel("")}
	t.label.Wrapping = fyne.TextWrapWord
	for _, kind := range []string{coding.MemoKeyFindings, coding.MemoRecommendations} {
		bt := &briefText{kind: kind, entry: widget.NewMultiLineEntry()}
		bt.entry.Wrapping = fyne.TextWrapWord
		bt.entry.SetMinRowsVisible(9)
		bt.entry.SetPlaceHolder("Empty: the brief drafts this section from the evidence.\n\nSeparate paragraphs with a blank line; start list items with \"- \".")
		bt.save = widget.NewButton("Save", func() { t.onSave(bt) })
		bt.save.Disable()
		bt.entry.OnChanged = func(s string) { t.onEdit(bt) }
		t.items = append(t.items, bt)
	}
	return t
}

func (t *briefTexts) build() fyne.CanvasObject {
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	box := container.NewVBox(t.label)
	for i, bt := range t.items {
		title := "Key findings"
		if i == 1 {
			title = "Recommendations"
		}
		box.Add(container.NewBorder(nil, nil, bold(title), bt.save))
		box.Add(bt.entry)
	}
	return container.NewVScroll(box)
}

// show loads the saved texts of a scope into the editors, unless the
// author is editing the same scope's text.
func (t *briefTexts) show(data *brief.Data, scope string) {
	changed := scope != t.scope
	t.scope = scope
	t.label.SetText("Written for " + t.scopeName() + ". Briefs of other sectors or countries have their own; choose them under Filters.")
	for _, bt := range t.items {
		saved := ""
		for _, x := range data.Texts {
			if x.Kind == bt.kind && strings.TrimSpace(x.Scope) == scope {
				saved = x.Text
			}
		}
		dirty := strings.TrimSpace(bt.entry.Text) != strings.TrimSpace(bt.saved)
		bt.saved = saved
		if changed || !dirty {
			bt.entry.SetText(saved)
		}
		t.onEdit(bt)
	}
}

func (t *briefTexts) scopeName() string {
	if t.scope == "" {
		return "the whole review"
	}
	return "the brief of " + brief.ScopeLabel(t.scope)
}

func (t *briefTexts) onEdit(bt *briefText) {
	if strings.TrimSpace(bt.entry.Text) == strings.TrimSpace(bt.saved) {
		bt.save.Disable()
	} else {
		bt.save.Enable()
	}
}

// onSave saves a text as one undoable action; the draft follows.
func (t *briefTexts) onSave(bt *briefText) {
	proj := t.h.Project()
	if proj == nil {
		return
	}
	text, scope := bt.entry.Text, t.scope
	bt.save.Disable()
	ui.Go(func() (struct{}, error) {
		return struct{}{}, coding.SetMemo(proj, bt.kind, scope, text)
	}, func(_ struct{}, err error) {
		if err != nil {
			t.onEdit(bt)
			ui.ShowError(t.h.Window(), "Save the brief's text", err)
			return
		}
		bt.saved = strings.TrimSpace(text)
		t.h.Status("Saved the " + strings.ReplaceAll(bt.kind, "-", " ") + " of " + t.scopeName() + " (Ctrl+Z undoes).")
		t.h.Changed([]string{})
	})
}
