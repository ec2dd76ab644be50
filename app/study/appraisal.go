package study

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// appraisalData is what the appraisal form shows, read off the UI goroutine.
type appraisalData struct {
	coder    string // the current reviewer's GUID
	criteria []coding.Criterion
	current  coding.Appraisal
	coded    map[string]int // passages coded with each criterion in the study
}

// loadAppraisal reads the criteria, the current reviewer's appraisal of
// study and how many of its passages are coded with each criterion.
func loadAppraisal(proj *corpus.Project, study string) (appraisalData, error) {
	d := appraisalData{coder: proj.CurrentCoder().GUID, coded: map[string]int{}}
	var err error
	if d.criteria, err = coding.Criteria(proj); err != nil {
		return d, err
	}
	if d.current, err = coding.AppraisalOf(proj, study, d.coder); err != nil {
		return d, err
	}
	codings, err := coding.CodingsOfStudy(proj, study)
	for _, c := range codings {
		d.coded[c.Code]++
	}
	return d, err
}

// appraisalPanel is the current reviewer's rigor appraisal form for one study.
type appraisalPanel struct {
	host  ui.Host
	study corpus.Study
	appraisalData

	judgements  map[string]*widget.Select
	reasons     map[string]*noteEntry
	evidence    map[string]*widget.Label
	form        *container.Scroll
	rating      *widget.Label
	rule        *widget.Label
	override    *widget.Select
	overrideWhy *widget.Entry
	saveButton  *widget.Button
	message     *widget.Label
	close       func() // closes the form's window once saved
}

func newAppraisalPanel(h ui.Host, s corpus.Study, d appraisalData) *appraisalPanel {
	return &appraisalPanel{host: h, study: s, appraisalData: d, close: func() {},
		judgements: map[string]*widget.Select{}, reasons: map[string]*noteEntry{}, evidence: map[string]*widget.Label{}}
}

func (p *appraisalPanel) build() fyne.CanvasObject {
	rows := container.NewVBox()
	for _, c := range p.criteria {
		j := p.current.Judgements[c.GUID]
		sel := widget.NewSelect(coding.Judgements, func(string) { p.onChange() })
		sel.PlaceHolder = "(not judged)"
		sel.SetSelected(j.Judgement)
		why := newNoteEntry(2)
		why.SetPlaceHolder("Justification")
		why.SetText(j.Justification)
		ev := widget.NewLabel(fmt.Sprintf("%s coded with this criterion; %d linked as evidence", ui.Count(p.coded[c.GUID], "passage"), len(j.Links)))
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
	p.form = container.NewVScroll(container.NewVBox(rows, p.rule))
	for _, why := range p.reasons {
		why.passWheelTo(p.form)
	}
	return container.NewBorder(nil, bottom, nil, nil, p.form)
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
	proj := p.host.Project()
	if proj == nil {
		return
	}
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
	study, coder, current := p.study.GUID, p.coder, p.current
	p.saveButton.Disable()
	ui.Go(func() (struct{}, error) {
		for _, ch := range changes {
			if err := coding.SetJudgement(proj, study, ch.crit, ch.j, ch.why); err != nil {
				return struct{}{}, err
			}
		}
		if override != current.Override || reason != current.OverrideReason {
			a, err := coding.AppraisalOf(proj, study, coder)
			if err == nil && a.GUID != "" {
				err = coding.OverrideRating(proj, a.GUID, override, reason)
			}
			return struct{}{}, err
		}
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		p.saveButton.Enable()
		if err != nil {
			p.message.SetText(ui.Plain(err))
			return
		}
		p.message.SetText(fmt.Sprintf("Saved %d judgements. Edit > Undo reverts them one by one.", len(changes)))
		p.host.Changed([]string{study})
		p.close()
	})
}
