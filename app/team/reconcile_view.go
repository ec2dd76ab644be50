package team

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/app/reader"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/coding/merge"
	"github.com/evidence-workbench/workbench/corpus"
)

// nearVersion is how far (in characters) a coder's coding may lie from a
// passage and still count as their version of it: a coder whose coding
// stops just short of the passage coded the same thing with other bounds.
const nearVersion = 300

// coderVersion is one coder's codings of the item's code near the passage.
type coderVersion struct {
	coder   corpus.Coder
	codings []coding.Coding // overlapping or near the passage
	all     []coding.Coding // every coding of the code in the study
}

// reconcileView is the right side for one item: the coders' versions of a
// passage, or their judgements of a criterion.
type reconcileView struct {
	item      merge.Item
	text      *corpus.Text
	versions  []coderVersion
	readers   []*reader.Reader
	buttons   map[string]*widget.Button // by label
	consensus []coding.Coding           // the team's codings of the code near the passage so far
	edit      int                       // the reader whose selection is the edited span
	appraise  []coding.Appraisal        // appraisal items: every appraisal of the study
	verdict   *widget.Select
	why       *widget.Entry
	// coderNames maps coder GUIDs to names (appraisal items).
	coderNames map[string]string
}

// showItem loads what an item needs in the background and shows it; a
// newer choice supersedes it.
func (p *reconcilePanel) showItem(it merge.Item) {
	proj := p.h.Project()
	if proj == nil {
		return
	}
	ui.Run(&p.showing, func(context.Context) (*reconcileView, error) {
		v := &reconcileView{item: it, buttons: map[string]*widget.Button{}}
		var err error
		if it.Kind == agreement.DisagreeAppraisal {
			v.appraise, err = coding.Appraisals(proj, it.Study)
			v.coderNames = ui.CoderNames(proj)
		} else {
			err = v.loadPassage(proj)
		}
		return v, err
	}, func(v *reconcileView, err error) {
		if p.current != it.Item {
			return // another item was chosen meanwhile
		}
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		p.view = v
		var content fyne.CanvasObject
		if it.Kind == agreement.DisagreeAppraisal {
			content = p.appraisalView(v)
		} else {
			content = p.passageView(v)
		}
		p.detail.Objects = []fyne.CanvasObject{content}
		p.detail.Refresh()
	})
}

// loadPassage reads the study text and each coder's codings of the code.
func (v *reconcileView) loadPassage(proj *corpus.Project) error {
	var err error
	if v.text, err = proj.Text(v.item.Study); err != nil {
		return err
	}
	codings, err := coding.CodingsOfStudy(proj, v.item.Study)
	if err != nil {
		return err
	}
	coders, err := proj.Coders()
	if err != nil {
		return err
	}
	byName := map[string]corpus.Coder{}
	for _, c := range coders {
		byName[c.Name] = c
	}
	names := append(append([]string(nil), v.item.CodedBy...), v.item.NotCodedBy...)
	sort.Strings(names) // each coder keeps their column from item to item
	for _, cd := range codings {
		if cd.Consensus && cd.Code == v.item.Code && cd.Start < v.item.End+nearVersion && cd.End > v.item.Start-nearVersion {
			v.consensus = append(v.consensus, cd)
		}
	}
	for _, name := range names {
		c, ok := byName[name]
		if !ok {
			c = corpus.Coder{Name: name}
		}
		cv := coderVersion{coder: c}
		for _, cd := range codings {
			if cd.Consensus || cd.Code != v.item.Code || cd.Coder != c.GUID {
				continue
			}
			cv.all = append(cv.all, cd)
			if cd.Start < v.item.End+nearVersion && cd.End > v.item.Start-nearVersion {
				cv.codings = append(cv.codings, cd)
			}
		}
		v.versions = append(v.versions, cv)
	}
	return nil
}

// passageView shows the coders' versions side by side with the decisions.
func (p *reconcilePanel) passageView(v *reconcileView) fyne.CanvasObject {
	it := v.item
	code, _ := p.codes.Code(it.Code)
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s — %s, page %d, characters %d–%d", it.StudyTitle, it.CodeName,
		v.text.PageAt(it.Start), it.Start, it.End), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Truncation = fyne.TextTruncateEllipsis
	var hidden []reader.Range
	for _, m := range v.text.Marks {
		hidden = append(hidden, reader.Range{Start: m.Start, End: m.End})
	}
	cols := container.NewGridWithColumns(max(len(v.versions), 1))
	selStart, selEnd := it.Start, it.End
	for _, cv := range v.versions {
		for _, c := range cv.codings {
			selStart, selEnd = min(selStart, c.Start), max(selEnd, c.End)
		}
	}
	for i, cv := range v.versions {
		r := reader.New()
		r.SetDocument(ui.FlowLines(v.text.String), v.text.PageStarts, hidden) // as the main reader shows it
		spans := make([]reader.Span, 0, len(cv.all))
		for _, c := range cv.all {
			spans = append(spans, reader.Span{ID: c.GUID, Start: c.Start, End: c.End, Color: ui.ParseColor(code.Color),
				Label: code.Name, Detail: fmt.Sprintf("%s, characters %d–%d", cv.coder.Name, c.Start, c.End)})
		}
		r.SetSpans(spans)
		if i == 0 {
			r.SetSelection(selStart, selEnd)
		}
		r.Highlight(it.Start, it.End) // scrolls every reader to the passage
		idx := len(v.readers)
		r.OnSelectionChanged = func(s, e int) {
			if e > s {
				v.edit = idx // the reader the lead last selected in holds the edited span
			}
		}
		v.readers = append(v.readers, r)
		status := "did not code this passage"
		switch n := len(cv.codings); {
		case n == 1:
			status = "coded it"
		case n > 1:
			status = fmt.Sprintf("%d codings here", n)
		}
		title := widget.NewLabelWithStyle(cv.coder.Name+" — "+status, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		quotes := widget.NewLabel(versionQuotes(cv, v.text))
		quotes.Wrapping = fyne.TextWrapWord
		quoteBox := container.NewVScroll(quotes)
		quoteBox.SetMinSize(fyne.NewSize(0, 90))
		cols.Add(container.NewBorder(title, quoteBox, nil, nil, r))
	}
	msg := "Each reader shows one coder's codings of this code; the disputed passage is highlighted. " +
		"Select a passage in any reader (the first holds all versions together) to accept an edited span."
	if len(v.consensus) > 0 {
		var rs []string
		for _, c := range v.consensus {
			rs = append(rs, fmt.Sprintf("%d–%d", c.Start, c.End))
		}
		msg += " Team version nearby so far: " + strings.Join(rs, ", ") + "."
	}
	hint := widget.NewLabel(msg)
	hint.Wrapping = fyne.TextWrapWord
	return container.NewBorder(container.NewVBox(head, hint), p.passageButtons(v), nil, nil, cols)
}

// versionQuotes lists a coder's codings near the passage.
func versionQuotes(cv coderVersion, t *corpus.Text) string {
	if len(cv.codings) == 0 {
		return "No coding of this code here."
	}
	var b strings.Builder
	for _, c := range cv.codings {
		fmt.Fprintf(&b, "%d–%d (page %d): “%s”\n", c.Start, c.End, t.PageAt(c.Start), ui.OneLine(t.Slice(c.Start, c.End)))
	}
	return strings.TrimSpace(b.String())
}

// passageButtons are the decisions on a passage.
func (p *reconcilePanel) passageButtons(v *reconcileView) fyne.CanvasObject {
	it := v.item
	proj := p.h.Project()
	box := container.NewHBox()
	add := func(label string, imp widget.Importance, run func()) {
		b := widget.NewButton(label, run)
		b.Importance = imp
		v.buttons[label] = b
		box.Add(b)
	}
	var all, who []string
	coded := 0
	for _, cv := range v.versions {
		if len(cv.codings) == 0 {
			continue
		}
		coded++
		var guids []string
		for _, c := range cv.codings {
			guids = append(guids, c.GUID)
		}
		all = append(all, guids...)
		name := cv.coder.Name
		who = append(who, name)
		add(fmt.Sprintf("Accept %s's version", name), widget.HighImportance, func() {
			p.decide("Accepted "+name+"'s version", func() error { return acceptCodings(proj, it, name, guids) })
		})
	}
	if coded > 1 {
		label := "Accept both"
		if coded > 2 {
			label = "Accept all"
		}
		add(label, widget.MediumImportance, func() {
			p.decide(label, func() error { return acceptCodings(proj, it, strings.Join(who, " and "), all) })
		})
	}
	add("Accept edited span", widget.MediumImportance, func() {
		s, e := v.readers[v.edit].Selection()
		if e <= s {
			p.message.SetText("Select the passage to accept in one of the readers.")
			return
		}
		p.decide(fmt.Sprintf("Accepted the edited passage %d–%d", s, e), func() error {
			if _, err := merge.AcceptSpan(proj, it.Study, it.Code, s, e); err != nil {
				return err
			}
			return markIfOpen(proj, it.Item, fmt.Sprintf("accepted edited passage %d-%d", s, e))
		})
	})
	add("Reject (no code)", widget.DangerImportance, func() {
		p.decide("Rejected", func() error { return merge.MarkDecided(proj, "rejected", it.Item) })
	})
	return container.NewHScroll(box)
}

// acceptCodings accepts coders' codings as the consensus; when they do not
// overlap the item itself (a neighbouring version), the item is marked too,
// naming whose version was taken.
func acceptCodings(proj *corpus.Project, it merge.Item, who string, guids []string) error {
	cs, err := merge.AcceptCoding(proj, guids...)
	if err != nil {
		return err
	}
	var ranges []string
	for _, c := range cs {
		ranges = append(ranges, fmt.Sprintf("%d-%d", c.Start, c.End))
	}
	return markIfOpen(proj, it.Item, fmt.Sprintf("accepted %s's coding %s", who, strings.Join(ranges, ", ")))
}

// markIfOpen records a decision on an item that is still undecided.
func markIfOpen(proj *corpus.Project, item, decision string) error {
	dec, err := merge.Decided(proj)
	if err != nil {
		return err
	}
	if dec[item] != "" {
		return nil
	}
	return merge.MarkDecided(proj, decision, item)
}

// appraisalView shows the coders' judgements of a criterion side by side
// and takes the consensus judgement.
func (p *reconcilePanel) appraisalView(v *reconcileView) fyne.CanvasObject {
	it := v.item
	names := v.coderNames
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s — %s", it.StudyTitle, it.CodeName), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	var coders []string
	for name := range it.Judgements {
		coders = append(coders, name)
	}
	sort.Strings(coders)
	cols := container.NewGridWithColumns(max(len(coders), 1))
	var consensus coding.Judgement
	for _, name := range coders {
		why := ""
		for _, a := range v.appraise {
			if !a.Consensus && names[a.Coder] == name {
				why = a.Judgements[it.Code].Justification
			}
		}
		if why == "" {
			why = "(no justification given)"
		}
		judged := it.Judgements[name]
		who := widget.NewLabelWithStyle(name+": "+judged, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		w := widget.NewLabel(why)
		w.Wrapping = fyne.TextWrapWord
		use := widget.NewButton("Use “"+judged+"”", func() { v.verdict.SetSelected(judged) })
		cols.Add(container.NewVBox(who, w, container.NewHBox(use), widget.NewSeparator()))
	}
	for _, a := range v.appraise {
		if a.Consensus {
			consensus = a.Judgements[it.Code]
		}
	}
	v.verdict = widget.NewSelect(coding.Judgements, nil)
	v.verdict.PlaceHolder = "(choose the team's judgement)"
	if consensus.Judgement != "" {
		v.verdict.SetSelected(consensus.Judgement)
	}
	v.why = widget.NewMultiLineEntry()
	v.why.Wrapping = fyne.TextWrapWord
	v.why.SetMinRowsVisible(3)
	v.why.SetPlaceHolder("Why the team settled on this judgement")
	v.why.SetText(consensus.Justification)
	save := widget.NewButtonWithIcon("Save consensus", theme.ConfirmIcon(), func() {
		if v.verdict.Selected == "" {
			p.message.SetText("Choose the consensus judgement first.")
			return
		}
		j := coding.Judgement{Judgement: v.verdict.Selected, Justification: strings.TrimSpace(v.why.Text)}
		proj := p.h.Project()
		p.decide("Saved the consensus judgement", func() error { return saveConsensus(proj, it, j) })
	})
	save.Importance = widget.HighImportance
	v.buttons["Save consensus"] = save
	form := widget.NewForm(widget.NewFormItem("Consensus", v.verdict), widget.NewFormItem("Justification", v.why))
	top := container.NewVBox(head)
	crit, _ := p.codes.Code(it.Code)
	if def := strings.TrimSpace(crit.Definition); def != "" {
		d := widget.NewLabel(def)
		d.Wrapping = fyne.TextWrapWord
		top.Add(d)
	}
	return container.NewBorder(top, container.NewVBox(form, container.NewHBox(save)), nil, nil, container.NewVScroll(container.NewVBox(cols)))
}

// saveConsensus stores one criterion's consensus judgement, keeping the
// judgements the study's consensus appraisal already has (it is replaced whole).
func saveConsensus(proj *corpus.Project, it merge.Item, j coding.Judgement) error {
	as, err := coding.Appraisals(proj, it.Study)
	if err != nil {
		return err
	}
	js := map[string]coding.Judgement{}
	for _, a := range as {
		if a.Consensus {
			for crit, old := range a.Judgements {
				if old.Judgement != "" {
					js[crit] = old
				}
			}
		}
	}
	js[it.Code] = j
	_, err = merge.ConsensusAppraisal(proj, it.Study, js)
	return err
}
