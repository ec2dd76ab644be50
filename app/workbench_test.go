package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/demo"
)

var demoFile sharedFile

// demoCopy returns a fresh copy of the demo project (built once per test run).
func demoCopy(t *testing.T) string {
	t.Helper()
	built := demoFile.get(t, "demo.ewb", func(path string) error {
		return demo.Build(context.Background(), path)
	})
	p, err := corpus.Open(built, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	path := filepath.Join(t.TempDir(), "demo.ewb")
	if err := p.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// newTestWorkbench makes a workbench on a test app with a saved coder identity.
func newTestWorkbench(t *testing.T) *Workbench {
	t.Helper()
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	if err := corpus.SaveIdentity(corpus.CoderNamed("Tess Tester")); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("test")
	w.Resize(fyne.NewSize(1200, 800))
	wb := New(a, w)
	t.Cleanup(wb.Close)
	return wb
}

// waitFor receives from ch or fails after a generous timeout.
func waitFor[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		// The hook fired inside a UI update; let that update finish first.
		withUILock(func() {})
		return v
	case <-time.After(60 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
	var zero T
	return zero
}

// openAndWait opens a project in the workbench and waits until it and its codebook are shown.
func openAndWait(t *testing.T, wb *Workbench, path string) *corpus.Project {
	t.Helper()
	done := make(chan error, 1)
	codebook := make(chan struct{}, 1)
	wb.opened = func(p *corpus.Project, err error) { done <- err }
	wb.codebook.loaded = func() {
		select {
		case codebook <- struct{}{}:
		default:
		}
	}
	wb.Start(path)
	if err := waitFor(t, done, "project to open"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, codebook, "codebook to load")
	wb.codebook.loaded = nil
	return wb.Project()
}

func TestOpenDemoShowsStudiesAndCodebook(t *testing.T) {
	wb := newTestWorkbench(t)
	p := openAndWait(t, wb, demoCopy(t))
	if got := len(wb.studies.shown); got != 10 {
		t.Fatalf("study list shows %d studies", got)
	}
	if !strings.Contains(wb.win.Title(), "Demo") {
		t.Errorf("title %q", wb.win.Title())
	}
	if !strings.Contains(wb.status.Text, "10 studies") {
		t.Errorf("status %q", wb.status.Text)
	}
	if wb.recent()[0] != p.Path() {
		t.Errorf("recent = %v", wb.recent())
	}
	// Filtering by text and status.
	test.Type(wb.studies.filter, "construction")
	if n := len(wb.studies.shown); n == 0 || n == 10 {
		t.Errorf("filter 'construction' shows %d", n)
	}
	wb.studies.filter.SetText("")
	wb.studies.statusSe.SetSelected(corpus.StatusAppraised)
	if n := len(wb.studies.shown); n != 1 {
		t.Errorf("status filter shows %d", n)
	}
}

func TestCodeSelectionUndoRedo(t *testing.T) {
	wb := newTestWorkbench(t)
	p := openAndWait(t, wb, demoCopy(t))
	loaded := make(chan string, 1)
	wb.reader.loaded = func(s string) { loaded <- s }
	wb.studies.list.Select(1)
	study := waitFor(t, loaded, "study to load")
	before, _ := coding.CodingsOfStudy(p, study)

	wb.reader.view.SetSelection(100, 140)
	code := wb.codebook.codes[len(wb.codebook.codes)-1]
	saved := make(chan struct{}, 4)
	wb.reader.loaded = nil
	wb.afterChange = func() { saved <- struct{}{} }
	wb.reader.applyCode(code)
	waitFor(t, saved, "coding to save")
	after, _ := coding.CodingsOfStudy(p, study)
	if len(after) != len(before)+1 {
		t.Fatalf("codings %d -> %d", len(before), len(after))
	}
	if !strings.Contains(wb.status.Text, code.Name) {
		t.Errorf("status %q", wb.status.Text)
	}
	wb.onUndo()
	waitFor(t, saved, "undo")
	if now, _ := coding.CodingsOfStudy(p, study); len(now) != len(before) {
		t.Fatalf("after undo %d codings, want %d", len(now), len(before))
	}
	wb.onRedo()
	waitFor(t, saved, "redo")
	if now, _ := coding.CodingsOfStudy(p, study); len(now) != len(before)+1 {
		t.Fatalf("after redo %d codings", len(now))
	}
}

func TestOpenBadFileShowsError(t *testing.T) {
	wb := newTestWorkbench(t)
	bad := filepath.Join(t.TempDir(), "notes.ewb")
	writeFile(t, bad, "just some text, not a project")
	done := make(chan error, 1)
	wb.opened = func(p *corpus.Project, err error) { done <- err }
	wb.OpenProject(bad)
	err := waitFor(t, done, "open to fail")
	if err == nil || !strings.Contains(plain(err), "notes.ewb") {
		t.Fatalf("open of a text file: %v", err)
	}
	if wb.Project() != nil {
		t.Fatal("a project is open after a failed open")
	}
}

// openFirstStudy selects the study at index i and waits until the reader shows it.
func openFirstStudy(t *testing.T, wb *Workbench, i int) string {
	t.Helper()
	loaded := make(chan string, 1)
	wb.reader.loaded = func(s string) { loaded <- s }
	wb.studies.list.Select(i)
	s := waitFor(t, loaded, "study to load")
	wb.reader.loaded = nil
	return s
}

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

func TestFlowLinesKeepsOffsets(t *testing.T) {
	in := "Title line\n\nfirst line of a paragraph\nsecond line\fnext page\nline\n"
	out := flowLines(in)
	if want := "Title line\n\nfirst line of a paragraph second line\fnext page line\n"; out != want {
		t.Fatalf("flowLines = %q", out)
	}
	if len([]rune(out)) != len([]rune(in)) {
		t.Fatal("flowing lines changed the length")
	}
}
