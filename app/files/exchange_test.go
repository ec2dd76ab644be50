package files

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// newHost makes a test app and a host over the project at path (a fresh
// copy of the demo project when path is ""), with Tess Tester as coder.
func newHost(t *testing.T, a *uitest.App, path string) *uitest.Host {
	t.Helper()
	coder := uitest.Identity(t, "Tess Tester")
	if path == "" {
		path = uitest.DemoCopy(t)
	}
	return uitest.NewHost(t, a, path, coder)
}

func TestExchangeExportImport(t *testing.T) {
	dir := t.TempDir()
	qdpx, qdc, csv := filepath.Join(dir, "demo.qdpx"), filepath.Join(dir, "codes.qdc"), filepath.Join(dir, "codes.csv")

	// Export the demo project and its codebook.
	a := uitest.New(t)
	h := newHost(t, a, "")
	demo, _ := coding.Stats(h.Project())
	exportQDPX(h, qdpx)
	a.Settle(t)
	if status := h.LastStatus(); !strings.Contains(status, "Exported 10 studies") {
		t.Fatalf("status %q", status)
	}
	q, err := refi.ReadQDPX(qdpx)
	if err != nil {
		t.Fatal(err)
	}
	if s := q.Project.Stats(); s.PDFSources != demo.Studies || s.Codings != demo.Codings || s.Codes != demo.Codes {
		t.Errorf("archive holds %+v; project %+v", s, demo)
	}
	q.Close()
	for _, f := range []string{qdc, csv} {
		exportCodebook(h, f)
		a.Settle(t)
		if status := h.LastStatus(); status != "Exported the codebook to "+f+"." {
			t.Fatalf("status %q", status)
		}
	}
	if h.Changes() != 0 {
		t.Errorf("exports reported %d changes", h.Changes())
	}

	// Import them into an empty project: codebook from CSV first, then the archive.
	empty := filepath.Join(dir, "empty.ewb")
	p, err := corpus.Create(empty, "Empty")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	h2 := newHost(t, a, empty)
	importCodebook(h2, csv)
	a.Settle(t)
	if cs, _ := coding.Codebook(h2.Project()); len(cs) != demo.Codes {
		t.Fatalf("%d codes after the codebook import, want %d (status %q)", len(cs), demo.Codes, h2.LastStatus())
	}
	if h2.Changes() != 1 || len(h2.Codes()) != demo.Codes {
		t.Errorf("%d changes reported; the views see %d codes", h2.Changes(), len(h2.Codes()))
	}
	if report := uitest.OverlayText(t, h2.Window()); !strings.Contains(report, "codes added") {
		t.Errorf("codebook report %q", report)
	}
	importQDPX(h2, qdpx, exchange.CoderFromCoding)
	a.Settle(t)
	st, _ := coding.Stats(h2.Project())
	if st.Studies != demo.Studies || st.Codings != demo.Codings || st.Codes != demo.Codes {
		t.Errorf("after import %+v; demo %+v", st, demo)
	}
	if status := h2.LastStatus(); !strings.Contains(status, "Imported demo.qdpx: 10 studies") {
		t.Errorf("status %q", status)
	}
	if h2.Changes() != 2 {
		t.Errorf("%d changes reported after the archive import", h2.Changes())
	}
	if report := uitest.OverlayText(t, h2.Window()); !strings.Contains(report, "From demo.qdpx") {
		t.Errorf("import report %q", report)
	}
	// The .qdc imports as a codebook without changes.
	importCodebook(h2, qdc)
	a.Settle(t)
	if status := h2.LastStatus(); !strings.Contains(status, "0 added, 0 updated") {
		t.Errorf("status %q", status)
	}
	// A file that is not an archive fails with a message and changes nothing.
	changes := h2.Changes()
	importQDPX(h2, qdc, exchange.CoderFromCoding)
	a.Settle(t)
	if status := h2.LastStatus(); status != "Import REFI-QDA project failed." {
		t.Errorf("importing a .qdc as a project: status %q", status)
	}
	if msg := uitest.OverlayText(t, h2.Window()); !strings.Contains(msg, "Import REFI-QDA project") {
		t.Errorf("the failure dialog says %q", msg)
	}
	if st2, _ := coding.Stats(h2.Project()); st2.Studies != st.Studies || st2.Codings != st.Codings || h2.Changes() != changes {
		t.Errorf("failed import changed %+v -> %+v", st, st2)
	}
}

func TestQDPXReportText(t *testing.T) {
	s := qdpxReportText(&exchange.QDPXImportReport{File: "/x/a.qdpx", Origin: "NVivo", Codings: 3, Unsupported: 2, Warnings: []string{"AudioSource: not imported"}})
	for _, want := range []string{"From a.qdpx (NVivo)", "Codings: 3 imported", "video not imported: 2", "• AudioSource: not imported"} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q:\n%s", want, s)
		}
	}
}

func TestRefiStatus(t *testing.T) {
	a := uitest.New(t)
	h := newHost(t, a, "")
	refiStatus(h, "Exporting")(refi.Progress{Stage: "sources", Done: 0, Total: 20})
	a.Settle(t)
	if got := h.LastStatus(); got != "Exporting: file 1 of 20…" {
		t.Errorf("status %q", got)
	}
	imp := refiStatus(h, "Importing")
	imp(refi.Progress{Stage: "texts", Done: 3, Total: 9})
	imp(refi.Progress{Stage: "sources", Done: 4, Total: 9}) // within 100 ms: skipped
	a.Settle(t)
	if got := h.LastStatus(); got != "Importing: checking text 4 of 9…" {
		t.Errorf("status %q", got)
	}
	imp(refi.Progress{Stage: "sources", Done: 9, Total: 9}) // the last one always shows
	a.Settle(t)
	if got := h.LastStatus(); got != "Importing: source 9 of 9…" {
		t.Errorf("status %q", got)
	}
}

// TestImportQDPXWhoseWork: importing the real NVivo two-coder export asks
// whose work the coded passages are, since its selections and codings name
// different users; answering "the user who made the selection" brings in
// both coders, and the report says how many passages were affected. A file
// whose users agree is imported without the question.
func TestImportQDPXWhoseWork(t *testing.T) {
	nvivo := filepath.Join("..", "..", "..", "shared", "refi", "samples", "nvivo12.6-two-coders.qdpx")
	if _, err := os.Stat(nvivo); err != nil {
		t.Skipf("%s not available", nvivo)
	}
	a := uitest.New(t)
	empty := filepath.Join(t.TempDir(), "empty.ewb")
	p, err := corpus.Create(empty, "Empty")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	h := newHost(t, a, empty)
	chooseQDPXCoders(h, nvivo)
	a.Settle(t)
	overlay := h.Window().Canvas().Overlays().Top()
	if ask := uitest.OverlayText(t, h.Window()); overlay == nil || !strings.Contains(ask, "297 of 303 coded passages") ||
		!strings.Contains(ask, "made by floriansipos, coding names Gergo: 297") {
		t.Fatalf("the question says %q", ask)
	}
	radio := findObject(t, overlay, func(o fyne.CanvasObject) bool { _, ok := o.(*widget.RadioGroup); return ok }).(*widget.RadioGroup)
	radio.SetSelected(coderFromChoices[1].label)
	importBtn := findObject(t, overlay, func(o fyne.CanvasObject) bool { b, ok := o.(*widget.Button); return ok && b.Text == "Import" })
	test.Tap(importBtn.(*widget.Button))
	a.Settle(t)
	names := map[string]string{}
	coders, _ := h.Project().Coders()
	for _, c := range coders {
		names[c.GUID] = c.Name
	}
	cs, _ := coding.Codings(h.Project(), coding.CodingFilter{})
	by := map[string]int{}
	for _, c := range cs {
		by[names[c.Coder]]++
	}
	if by["floriansipos"] != 297 || by["Gergo"] != 6 {
		t.Errorf("codings per coder %v (status %q)", by, h.LastStatus())
	}
	if report := uitest.OverlayText(t, h.Window()); !strings.Contains(report, "Whose work: 297 of 303") || !strings.Contains(report, "who made the selection") {
		t.Errorf("report %q", report)
	}

	// The demo's own export: selections and codings agree, no question.
	qdpx := filepath.Join(t.TempDir(), "demo.qdpx")
	h2 := newHost(t, a, "")
	exportQDPX(h2, qdpx)
	a.Settle(t)
	h3 := newHost(t, a, empty2(t))
	chooseQDPXCoders(h3, qdpx)
	a.Settle(t)
	if status := h3.LastStatus(); !strings.Contains(status, "Imported demo.qdpx") {
		t.Errorf("no-question import: status %q, overlay %q", status, uitest.OverlayText(t, h3.Window()))
	}
}

// empty2 creates an empty project file.
func empty2(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "empty2.ewb")
	p, err := corpus.Create(path, "Empty")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	return path
}

// findObject finds the first object under o (widgets included) that match accepts.
func findObject(t *testing.T, o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	t.Helper()
	var found fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil {
			return
		}
		if match(o) {
			found = o
			return
		}
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatal("object not found")
	}
	return found
}
