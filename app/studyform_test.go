package app

// The study forms' tests, from the main window's test file: they move with
// the study screens into their package (rewritten for uitest).

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func TestAttributesFormSavesAndValidates(t *testing.T) {
	wb := newTestWorkbench(t)
	p := openAndWait(t, wb, demoCopy(t))
	study := openFirstStudy(t, wb, 2)
	s, _ := p.Study(study)
	form := newAttributesPanel(wb, s)
	form.build()
	saved := make(chan error, 1)
	form.saved = func(err error) { saved <- err }

	form.year.SetText("twenty")
	test.Tap(form.saveButton)
	if err := waitFor(t, saved, "validation"); err == nil || !strings.Contains(form.message.Text, "year") {
		t.Fatalf("bad year accepted: %v %q", err, form.message.Text)
	}
	form.year.SetText("2018")
	form.countries.SetText("Thailand; Myanmar")
	form.status.SetSelected(corpus.StatusIncluded)
	test.Tap(form.saveButton)
	if err := waitFor(t, saved, "save"); err != nil {
		t.Fatal(err)
	}
	got, _ := p.Study(study)
	if got.Year != 2018 || len(got.Countries) != 2 || got.Countries[1] != "Myanmar" || got.Status != corpus.StatusIncluded {
		t.Fatalf("saved %+v status %s", got.Attributes, got.Status)
	}
}

func TestAppraisalFormRatesAndSaves(t *testing.T) {
	wb := newTestWorkbench(t)
	p := openAndWait(t, wb, demoCopy(t))
	study := openFirstStudy(t, wb, 3)
	s, _ := p.Study(study)
	criteria, err := coding.Criteria(p)
	if err != nil || len(criteria) < 5 {
		t.Fatalf("criteria %d %v", len(criteria), err)
	}
	a, _ := coding.AppraisalOf(p, study, wb.coder.GUID)
	form := newAppraisalPanel(wb, s, criteria, a)
	form.build()
	if !strings.Contains(form.rating.Text, "not yet") {
		t.Fatalf("rating before judging: %q", form.rating.Text)
	}
	for _, c := range criteria {
		form.judgements[c.GUID].SetSelected(coding.Met)
	}
	if !strings.Contains(form.rating.Text, "high") {
		t.Fatalf("all met: %q", form.rating.Text)
	}
	saved := make(chan error, 1)
	form.saved = func(err error) { saved <- err }
	test.Tap(form.saveButton)
	if err := waitFor(t, saved, "save"); err != nil {
		t.Fatal(err)
	}
	got, _ := coding.AppraisalOf(p, study, wb.coder.GUID)
	if got.FinalRating() != coding.RatingHigh || len(got.Judgements) != len(criteria) {
		t.Fatalf("saved appraisal rating %q with %d judgements", got.FinalRating(), len(got.Judgements))
	}
	// Overriding needs a reason.
	form.current = got
	form.override.SetSelected(coding.RatingMedium)
	test.Tap(form.saveButton)
	if !strings.Contains(form.message.Text, "reason") {
		t.Fatalf("override without reason: %q", form.message.Text)
	}
}
