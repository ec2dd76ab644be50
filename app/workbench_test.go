package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func TestOpenDemoShowsStudiesAndCodebook(t *testing.T) {
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, uitest.DemoCopy(t))
	if got := len(wb.studies.shown); got != 10 {
		t.Fatalf("study list shows %d studies", got)
	}
	if !strings.Contains(wb.win.Title(), "Demo") {
		t.Errorf("title %q", wb.win.Title())
	}
	// The project's summary, unless a slow index build announced itself after it.
	if st := wb.status.Text; !strings.Contains(st, "10 studies") && !strings.HasPrefix(st, "Search index ready") {
		t.Errorf("status %q", wb.status.Text)
	}
	if abs, _ := filepath.Abs(p.Path()); wb.recent()[0] != abs {
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
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, uitest.DemoCopy(t))
	study := openStudy(t, wb, a, 1)
	before, _ := coding.CodingsOfStudy(p, study)

	wb.reader.view.SetSelection(100, 140)
	code := wb.codebook.codes[len(wb.codebook.codes)-1]
	wb.reader.applyCode(code)
	a.Settle(t)
	after, _ := coding.CodingsOfStudy(p, study)
	if len(after) != len(before)+1 {
		t.Fatalf("codings %d -> %d", len(before), len(after))
	}
	if !strings.Contains(wb.status.Text, code.Name) {
		t.Errorf("status %q", wb.status.Text)
	}
	if n := len(wb.reader.codings); n != len(after) {
		t.Errorf("reader paints %d codings, the project has %d", n, len(after))
	}
	wb.onUndo()
	a.Settle(t)
	if now, _ := coding.CodingsOfStudy(p, study); len(now) != len(before) {
		t.Fatalf("after undo %d codings, want %d", len(now), len(before))
	}
	wb.onRedo()
	a.Settle(t)
	if now, _ := coding.CodingsOfStudy(p, study); len(now) != len(before)+1 {
		t.Fatalf("after redo %d codings", len(now))
	}
}

func TestOpenBadFileShowsError(t *testing.T) {
	wb, a := newTestWorkbench(t)
	bad := filepath.Join(t.TempDir(), "notes.ewb")
	writeFile(t, bad, "just some text, not a project")
	wb.OpenProject(bad)
	a.Settle(t)
	if msg := uitest.OverlayText(t, wb.win); !strings.Contains(msg, "notes.ewb") {
		t.Fatalf("open of a text file says %q", msg)
	}
	if wb.Project() != nil {
		t.Fatal("a project is open after a failed open")
	}
}

// ShowPassage (search hits, segments, the map) opens the study in the
// reader and highlights the passage, selecting the study in the list.
func TestShowPassageOpensStudyAndHighlights(t *testing.T) {
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, uitest.DemoCopy(t))
	studies, _ := p.Studies()
	target := studies[3]
	wb.ShowPassage(target.GUID, 120, 160)
	a.WaitFor(t, "the study to open", func() bool { return wb.reader.study == target.GUID && wb.reader.text != nil })
	a.Settle(t)
	if s, e := wb.reader.view.Highlighted(); s != 120 || e != 160 {
		t.Fatalf("highlighted %d-%d, want 120-160", s, e)
	}
	if wb.studies.selected != target.GUID {
		t.Errorf("study list selects %s, want %s", wb.studies.selected, target.GUID)
	}
	// Again in the same study: no reload, the new passage is highlighted.
	wb.ShowPassage(target.GUID, 10, 20)
	if s, e := wb.reader.view.Highlighted(); s != 10 || e != 20 {
		t.Fatalf("highlighted %d-%d, want 10-20", s, e)
	}
}
