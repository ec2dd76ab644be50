package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// attributesPanel edits the open study's attributes and review status.
type attributesPanel struct {
	wb    *Workbench
	study corpus.Study

	title, authors, year, countries, sectors *widget.Entry
	sample, population, language, pubType    *widget.Entry
	publisher                                *widget.Entry
	method, status, reason                   *widget.Select
	saveButton                               *widget.Button
	message                                  *widget.Label
	win                                      fyne.Window
	// saved is called after a save attempt (tests wait on it).
	saved func(error)
}

func newAttributesPanel(wb *Workbench, s corpus.Study) *attributesPanel {
	return &attributesPanel{wb: wb, study: s}
}

func (p *attributesPanel) build() fyne.CanvasObject {
	s := p.study
	entry := func(v string) *widget.Entry { e := widget.NewEntry(); e.SetText(v); return e }
	p.title = entry(s.Title)
	p.authors = entry(coding.JoinMulti(s.Authors))
	p.year = entry(intText(s.Year))
	p.countries = entry(coding.JoinMulti(s.Countries))
	p.sectors = entry(coding.JoinMulti(s.Sectors))
	p.sample = entry(intText(s.SampleSize))
	p.population = entry(s.Population)
	p.language = entry(s.Language)
	p.pubType = entry(s.PubType)
	p.publisher = entry(s.Publisher)
	p.method = widget.NewSelect(append([]string{""}, coding.Methods...), nil)
	p.method.SetSelected(s.Method)
	p.status = widget.NewSelect(corpus.Statuses, func(v string) {
		if p.reason != nil {
			if v == corpus.StatusExcluded {
				p.reason.Enable()
			} else {
				p.reason.Disable()
			}
		}
	})
	var reasons []string
	if proj := p.wb.Project(); proj != nil {
		rs, _ := coding.ExclusionReasons(proj)
		for _, r := range rs {
			reasons = append(reasons, r.Name)
		}
	}
	p.reason = widget.NewSelect(reasons, nil)
	p.reason.PlaceHolder = "(reason — the lead defines the list)"
	p.reason.SetSelected(s.ExclusionReason)
	p.status.SetSelected(s.Status)
	p.message = widget.NewLabel("Multi-valued fields are separated by “; ”.")
	p.message.Wrapping = fyne.TextWrapWord
	p.saveButton = widget.NewButton("Save", p.onSave)
	p.saveButton.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem("Title", p.title), widget.NewFormItem("Authors", p.authors),
		widget.NewFormItem("Year", p.year), widget.NewFormItem("Countries", p.countries),
		widget.NewFormItem("Sectors", p.sectors), widget.NewFormItem("Method", p.method),
		widget.NewFormItem("Sample size", p.sample), widget.NewFormItem("Population", p.population),
		widget.NewFormItem("Language", p.language), widget.NewFormItem("Publication type", p.pubType),
		widget.NewFormItem("Publisher", p.publisher), widget.NewFormItem("Review status", p.status),
		widget.NewFormItem("Exclusion reason", p.reason),
	)
	return container.NewBorder(nil, container.NewBorder(nil, nil, nil, p.saveButton, p.message), nil, nil, container.NewVScroll(form))
}

func intText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// values reads the form into attributes, or says which field is wrong.
func (p *attributesPanel) values() (corpus.Attributes, error) {
	a := corpus.Attributes{
		Title: strings.TrimSpace(p.title.Text), Authors: coding.SplitMulti(p.authors.Text),
		Countries: coding.SplitMulti(p.countries.Text), Sectors: coding.SplitMulti(p.sectors.Text),
		Method: p.method.Selected, Population: strings.TrimSpace(p.population.Text),
		Language: strings.TrimSpace(p.language.Text), PubType: strings.TrimSpace(p.pubType.Text),
		Publisher: strings.TrimSpace(p.publisher.Text),
	}
	var err error
	if t := strings.TrimSpace(p.year.Text); t != "" {
		if a.Year, err = strconv.Atoi(t); err != nil {
			return a, fmt.Errorf("year %q is not a number", t)
		}
	}
	if t := strings.TrimSpace(p.sample.Text); t != "" {
		if a.SampleSize, err = strconv.Atoi(t); err != nil {
			return a, fmt.Errorf("sample size %q is not a number", t)
		}
	}
	return a, nil
}

func (p *attributesPanel) onSave() {
	a, err := p.values()
	if err != nil {
		p.message.SetText(err.Error())
		if p.saved != nil {
			p.saved(err)
		}
		return
	}
	proj := p.wb.Project()
	study, status, reason := p.study.GUID, p.status.Selected, p.reason.Selected
	changedStatus := status != p.study.Status || reason != p.study.ExclusionReason
	go func() {
		err := coding.SetAttributes(proj, study, a)
		if err == nil && changedStatus {
			err = coding.SetStatus(proj, []string{study}, status, reason)
		}
		runUI(func() {
			if err != nil {
				p.message.SetText(plain(err))
			} else {
				p.message.SetText("Saved. Edit > Undo reverts it.")
				p.wb.changed([]string{study})
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

// appraisalPanel is the current reviewer's rigor appraisal form for one study.
type appraisalPanel struct {
	wb       *Workbench
	study    corpus.Study
	criteria []coding.Criterion
	current  coding.Appraisal

	judgements  map[string]*widget.Select
	reasons     map[string]*widget.Entry
	evidence    map[string]*widget.Label
	rating      *widget.Label
	rule        *widget.Label
	override    *widget.Select
	overrideWhy *widget.Entry
	saveButton  *widget.Button
	message     *widget.Label
	win         fyne.Window
	// saved is called after a save attempt (tests wait on it).
	saved func(error)
}

func newAppraisalPanel(wb *Workbench, s corpus.Study, criteria []coding.Criterion, a coding.Appraisal) *appraisalPanel {
	return &appraisalPanel{wb: wb, study: s, criteria: criteria, current: a,
		judgements: map[string]*widget.Select{}, reasons: map[string]*widget.Entry{}, evidence: map[string]*widget.Label{}}
}

func (p *appraisalPanel) build() fyne.CanvasObject {
	rows := container.NewVBox()
	codings, _ := coding.CodingsOfStudy(p.wb.Project(), p.study.GUID)
	for _, c := range p.criteria {
		j := p.current.Judgements[c.GUID]
		sel := widget.NewSelect(coding.Judgements, func(string) { p.onChange() })
		sel.PlaceHolder = "(not judged)"
		sel.SetSelected(j.Judgement)
		why := widget.NewMultiLineEntry()
		why.SetMinRowsVisible(2)
		why.Wrapping = fyne.TextWrapWord
		why.SetPlaceHolder("Justification")
		why.SetText(j.Justification)
		n := 0
		for _, cd := range codings {
			if cd.Code == c.GUID {
				n++
			}
		}
		ev := widget.NewLabel(fmt.Sprintf("%s coded with this criterion; %d linked as evidence", nounCount(n, "passage"), len(j.Links)))
		p.judgements[c.GUID], p.reasons[c.GUID], p.evidence[c.GUID] = sel, why, ev
		name := c.Name
		if c.Core {
			name += " (core)"
		}
		head := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		rows.Add(container.NewVBox(container.NewBorder(nil, nil, nil, sel, head), why, ev, widget.NewSeparator()))
	}
	p.rating = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.rule = widget.NewLabel(coding.RatingRule)
	p.rule.Wrapping = fyne.TextWrapWord
	p.override = widget.NewSelect([]string{"", coding.RatingHigh, coding.RatingMedium, coding.RatingLow}, nil)
	p.override.PlaceHolder = "(use the rule's rating)"
	p.override.SetSelected(p.current.Override)
	p.overrideWhy = widget.NewEntry()
	p.overrideWhy.SetPlaceHolder("Reason for overriding (required)")
	p.overrideWhy.SetText(p.current.OverrideReason)
	p.message = widget.NewLabel("Your appraisal is blind: other reviewers' appraisals are not shown until the lead reconciles.")
	p.message.Wrapping = fyne.TextWrapWord
	p.saveButton = widget.NewButton("Save appraisal", p.onSave)
	p.saveButton.Importance = widget.HighImportance
	p.onChange()
	overall := container.NewVBox(p.rating, container.NewBorder(nil, nil, widget.NewLabel("Override:"), nil, p.override), p.overrideWhy)
	bottom := container.NewVBox(overall, container.NewBorder(nil, nil, nil, p.saveButton, p.message))
	return container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(container.NewVBox(rows, p.rule)))
}

// onChange recomputes the rule's rating from the form.
func (p *appraisalPanel) onChange() {
	if p.rating == nil {
		return
	}
	js := map[string]coding.Judgement{}
	for guid, sel := range p.judgements {
		js[guid] = coding.Judgement{Criterion: guid, Judgement: sel.Selected}
	}
	r := coding.Rate(p.criteria, js)
	if r.Rating == "" {
		p.rating.SetText("Overall rating: not yet — " + r.Why)
		return
	}
	p.rating.SetText(fmt.Sprintf("Overall rating by the rule: %s — %s", r.Rating, r.Why))
}

func (p *appraisalPanel) onSave() {
	proj := p.wb.Project()
	type change struct{ crit, j, why string }
	var changes []change
	for _, c := range p.criteria {
		old := p.current.Judgements[c.GUID]
		j, why := p.judgements[c.GUID].Selected, strings.TrimSpace(p.reasons[c.GUID].Text)
		if j != old.Judgement || why != old.Justification {
			changes = append(changes, change{c.GUID, j, why})
		}
	}
	override, reason := p.override.Selected, strings.TrimSpace(p.overrideWhy.Text)
	if override != "" && reason == "" {
		p.message.SetText("Give a reason for overriding the rule's rating.")
		return
	}
	study, coder := p.study.GUID, p.wb.coder.GUID
	go func() {
		var err error
		for _, ch := range changes {
			if err = coding.SetJudgement(proj, study, ch.crit, ch.j, ch.why); err != nil {
				break
			}
		}
		if err == nil && (override != p.current.Override || reason != p.current.OverrideReason) {
			var a coding.Appraisal
			if a, err = coding.AppraisalOf(proj, study, coder); err == nil && a.GUID != "" {
				err = coding.OverrideRating(proj, a.GUID, override, reason)
			}
		}
		runUI(func() {
			if err != nil {
				p.message.SetText(plain(err))
			} else {
				p.message.SetText(fmt.Sprintf("Saved %d judgements. Edit > Undo reverts them one by one.", len(changes)))
				p.wb.changed([]string{study})
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

func (wb *Workbench) onAttributes() {
	s, ok := wb.openStudy()
	if !ok {
		return
	}
	p := newAttributesPanel(wb, s)
	p.win = wb.showScreen("Attributes — "+studyTitle(s), fyne.NewSize(620, 640), p.build(), nil)
}

func (wb *Workbench) onAppraise() {
	s, ok := wb.openStudy()
	if !ok {
		return
	}
	proj := wb.Project()
	go func() {
		criteria, err := coding.Criteria(proj)
		var a coding.Appraisal
		if err == nil {
			a, err = coding.AppraisalOf(proj, s.GUID, wb.coder.GUID)
		}
		runUI(func() {
			if err != nil {
				showError(wb.win, "Appraise", err)
				return
			}
			if len(criteria) == 0 {
				dialog.ShowInformation("Appraise", "The codebook has no rigor criteria (codes of kind “rigor”). Add some first.", wb.win)
				return
			}
			p := newAppraisalPanel(wb, s, criteria, a)
			p.win = wb.showScreen("Appraise — "+studyTitle(s), fyne.NewSize(760, 760), p.build(), nil)
		})
	}()
}

func (wb *Workbench) onReextract() {
	s, ok := wb.openStudy()
	if !ok {
		return
	}
	proj := wb.Project()
	wb.setBusy("Re-extracting " + studyTitle(s) + "…")
	go func() {
		res, err := coding.Reextract(wb.ctx, proj, s.GUID)
		runUI(func() {
			wb.setIdle("")
			if err != nil {
				showError(wb.win, "Re-extract", err)
				return
			}
			msg := fmt.Sprintf("Re-extracted %d pages: %d codings moved, %d unchanged.", res.Pages, res.Moved, res.Unchanged)
			if !res.Changed {
				msg = "Re-extracted: the text is the same as before."
			}
			if len(res.Lost) > 0 {
				var b strings.Builder
				for _, l := range res.Lost {
					fmt.Fprintf(&b, "\n• %q (characters %d–%d)", l.Quote, l.Start, l.End)
				}
				dialog.ShowInformation("Codings to check", fmt.Sprintf("%d codings could not be re-anchored; they stay where they were:%s", len(res.Lost), b.String()), wb.win)
			}
			wb.status.SetText(msg)
			wb.changed([]string{s.GUID})
			wb.reader.open(s)
		})
	}()
}
