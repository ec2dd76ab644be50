package study

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// newHost makes a test app and a host over a fresh copy of the demo
// project, with Tess Tester as the current coder.
func newHost(t *testing.T) (*uitest.App, *uitest.Host) {
	t.Helper()
	coder := uitest.Identity(t, "Tess Tester")
	a := uitest.New(t)
	return a, uitest.NewHost(t, a, uitest.DemoCopy(t), coder)
}

// studyAt returns the project's i-th study.
func studyAt(t *testing.T, p *corpus.Project, i int) corpus.Study {
	t.Helper()
	studies, err := p.Studies()
	if err != nil || len(studies) <= i {
		t.Fatalf("%d studies: %v", len(studies), err)
	}
	return studies[i]
}

func TestAttributesFormSavesAndValidates(t *testing.T) {
	a, h := newHost(t)
	p := h.Project()
	s := studyAt(t, p, 2)
	form := newAttributesPanel(h, s)
	form.build()
	closed := false
	form.close = func() { closed = true }

	form.year.SetText("twenty")
	test.Tap(form.saveButton)
	a.Settle(t)
	if !strings.Contains(form.message.Text, "year") || h.Changes() != 0 || closed {
		t.Fatalf("bad year accepted: %q, %d changes", form.message.Text, h.Changes())
	}
	form.year.SetText("2018")
	form.countries.SetText("Thailand; Myanmar")
	form.status.SetSelected(corpus.StatusIncluded)
	test.Tap(form.saveButton)
	a.Settle(t)
	if !strings.HasPrefix(form.message.Text, "Saved") {
		t.Fatalf("save says %q", form.message.Text)
	}
	got, _ := p.Study(s.GUID)
	if got.Year != 2018 || len(got.Countries) != 2 || got.Countries[1] != "Myanmar" || got.Status != corpus.StatusIncluded {
		t.Fatalf("saved %+v status %s", got.Attributes, got.Status)
	}
	if h.Changes() != 1 || !closed {
		t.Errorf("after the save: %d changes reported, window closed %v", h.Changes(), closed)
	}
}

// appraisalForm builds the appraisal form of the project's i-th study.
func appraisalForm(t *testing.T, h *uitest.Host, i int) *appraisalPanel {
	t.Helper()
	s := studyAt(t, h.Project(), i)
	d, err := loadAppraisal(h.Project(), s.GUID)
	if err != nil || len(d.criteria) < 5 {
		t.Fatalf("criteria %d %v", len(d.criteria), err)
	}
	return newAppraisalPanel(h, s, d)
}

func TestAppraisalFormRatesAndSaves(t *testing.T) {
	a, h := newHost(t)
	p := h.Project()
	form := appraisalForm(t, h, 3)
	form.build()
	if !strings.Contains(form.rating.Text, "not yet") {
		t.Fatalf("rating before judging: %q", form.rating.Text)
	}
	for _, c := range form.criteria {
		form.judgements[c.GUID].SetSelected(coding.Met)
	}
	if !strings.Contains(form.rating.Text, "high") {
		t.Fatalf("all met: %q", form.rating.Text)
	}
	test.Tap(form.saveButton)
	a.Settle(t)
	if !strings.HasPrefix(form.message.Text, "Saved") {
		t.Fatalf("save says %q", form.message.Text)
	}
	coder := p.CurrentCoder().GUID
	got, _ := coding.AppraisalOf(p, form.study.GUID, coder)
	if got.FinalRating() != coding.RatingHigh || len(got.Judgements) != len(form.criteria) {
		t.Fatalf("saved appraisal rating %q with %d judgements", got.FinalRating(), len(got.Judgements))
	}
	// Overriding needs a reason.
	form.current = got
	form.override.SetSelected(coding.RatingMedium)
	test.Tap(form.saveButton)
	a.Settle(t)
	if !strings.Contains(form.message.Text, "reason") {
		t.Fatalf("override without reason: %q", form.message.Text)
	}
	// With a reason the override is saved.
	form.overrideWhy.SetText("Small purposive sample")
	test.Tap(form.saveButton)
	a.Settle(t)
	if got, _ := coding.AppraisalOf(p, form.study.GUID, coder); got.FinalRating() != coding.RatingMedium {
		t.Fatalf("override saved as %q", got.FinalRating())
	}
}

// The mouse wheel scrolls the appraisal form while the pointer is over a
// justification box, and a long justification grows its box rather than
// scrolling inside it (issue 16).
func TestAppraisalWheelOverJustificationScrollsForm(t *testing.T) {
	a, h := newHost(t)
	form := appraisalForm(t, h, 3)
	w := a.NewWindow("Appraise")
	w.SetContent(form.build())
	w.Resize(fyne.NewSize(760, 480))
	if form.form.Content.MinSize().Height <= form.form.Size().Height {
		t.Fatal("the form fits the window; nothing to scroll")
	}

	first := form.reasons[form.criteria[0].GUID]
	short := first.Size().Height
	first.SetText(strings.Repeat("Recruitment was by snowball sampling in three provinces, so the sample leans to connected workers. ", 8))
	w.Content().Refresh()
	if grown := first.Size().Height; grown < 3*short {
		t.Fatalf("a long justification left its box %v high (was %v)", grown, short)
	}

	if inner := scrolledInside(first); inner != 0 {
		t.Fatalf("the grown justification box still scrolls its text by %v", inner)
	}

	over := fyne.CurrentApp().Driver().AbsolutePositionForObject(first).Add(fyne.NewPos(40, 20))
	test.Scroll(w.Canvas(), over, 0, -120)
	if form.form.Offset.Y <= 0 {
		t.Fatal("the wheel over a justification box did not scroll the form")
	}
	// The mouse still reaches the entry under the wheel layer: dragging
	// over the box selects its text, and the layer takes no pointer event
	// the driver would otherwise give the entry.
	first.SetText("Snowball sampling")
	form.form.ScrollToTop()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(first).Add(fyne.NewPos(40, 10))
	test.Drag(w.Canvas(), at, 60, 0)
	if first.SelectedText() == "" {
		t.Error("dragging over the justification box selected nothing")
	}
	var layer any = first.pass
	switch layer.(type) {
	case fyne.Tappable, fyne.SecondaryTappable, fyne.DoubleTappable, fyne.Focusable, fyne.Draggable,
		desktop.Mouseable, desktop.Hoverable, desktop.Cursorable:
		t.Errorf("the wheel layer (%T) takes pointer events from the entry", layer)
	}
}

// scrolledInside wheels the entry's own scroller (below the wheel layer)
// down and reports how far its text moved: 0 when all of it is shown.
func scrolledInside(n *noteEntry) float32 {
	for _, o := range test.WidgetRenderer(n).Objects() {
		inner, ok := o.(fyne.Scrollable)
		if !ok || o == fyne.CanvasObject(n.pass) {
			continue
		}
		inner.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -500}})
		moved := float32(0)
		for _, c := range test.WidgetRenderer(o.(fyne.Widget)).Objects() {
			moved = min(moved, c.Position().Y)
		}
		return -moved
	}
	return 0
}

// TestAttributesFormAuthors: the authors field shows how the names will be
// cited as it is typed, the people editor edits them person by person, and
// the save stores people and the DOI.
func TestAttributesFormAuthors(t *testing.T) {
	a, h := newHost(t)
	p := h.Project()
	s := studyAt(t, p, 1)
	form := newAttributesPanel(h, s)
	form.build()
	form.close = func() {}
	form.authors.SetText("Nguyen Van Minh; Daw Hnin Wai; /Li/ Wei")
	if got := form.cited.Text; got != "Cited as Nguyen, Daw Hnin Wai, Li; in references: Nguyen, V. M.; Daw Hnin Wai; Li, W." {
		t.Errorf("preview %q", got)
	}
	ed := newPeopleEditor(coding.ParseAuthors(form.authors.Text))
	if len(ed.rows) != 3 || ed.rows[0].kind.Selected != nameKinds[1] || ed.rows[1].kind.Selected != nameKinds[3] || ed.rows[1].family.Text != "Daw Hnin Wai" {
		t.Fatalf("editor rows %+v", ed.rows)
	}
	ed.rows[2].kind.SetSelected(nameKinds[0]) // Wei Li, given name first
	ed.add(names.Author{})
	ed.rows[3].family.SetText("Phromsiri")
	ed.rows[3].given.SetText("Anurak")
	ed.rows[3].kind.SetSelected(nameKinds[2])
	ed.remove(ed.rows[1])
	form.authors.SetText(names.JoinText(ed.authors()))
	form.doi.SetText("https://doi.org/10.1234/abc")
	test.Tap(form.saveButton)
	a.Settle(t)
	got, _ := p.Study(s.GUID)
	want := []names.Author{{Family: "Nguyen", Given: "Van Minh", Order: names.FamilyFirst}, {Family: "Li", Given: "Wei"},
		{Family: "Phromsiri", Given: "Anurak", Order: names.FullName}}
	if !reflect.DeepEqual(got.Authors, want) || got.DOI != "10.1234/abc" {
		t.Fatalf("saved %+v, DOI %q (%s)", got.Authors, got.DOI, form.message.Text)
	}
}
