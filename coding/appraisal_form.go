package coding

import "github.com/evidence-workbench/workbench/corpus"

// FormRow is one line of the appraisal form: a criterion and the reviewer's judgement of it.
type FormRow struct {
	Criterion Criterion // the rigor criterion
	Judgement Judgement // the judgement (empty Judgement.Judgement when not yet judged)
}

// AppraisalForm is what the appraisal screen shows for one reviewer and study:
// every criterion of the codebook in order with its judgement, and the rule's verdict.
type AppraisalForm struct {
	Appraisal Appraisal    // the stored appraisal (GUID "" when not started)
	Rows      []FormRow    // one per criterion, in codebook order
	Result    RatingResult // the rule applied to the judgements
	Progress  string       // ProgressNone, ProgressInProgress or ProgressComplete
}

// Form returns a reviewer's own appraisal form for a study (blind: nothing
// of other reviewers).
func Form(p *corpus.Project, study, coder string) (AppraisalForm, error) {
	a, err := AppraisalOf(p, study, coder)
	if err != nil {
		return AppraisalForm{}, err
	}
	return FormOf(p, a)
}

// FormOf lays out a given appraisal (any reviewer's or the consensus) as a form.
func FormOf(p *corpus.Project, a Appraisal) (AppraisalForm, error) {
	crits, err := Criteria(p)
	if err != nil {
		return AppraisalForm{}, err
	}
	f := AppraisalForm{Appraisal: a, Result: Rate(crits, a.Judgements)}
	for _, c := range crits {
		j, ok := a.Judgements[c.GUID]
		if !ok {
			j = Judgement{Criterion: c.GUID}
		}
		f.Rows = append(f.Rows, FormRow{Criterion: c, Judgement: j})
	}
	f.Progress = progress(f.Result.Judged, f.Result.Criteria)
	if f.Result.Criteria == 0 {
		f.Progress = ProgressNone
	}
	return f, nil
}
