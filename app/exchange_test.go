package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
)

// exchangeWait installs the exchange hook and returns a function that waits for the next outcome.
func exchangeWait(t *testing.T) func(what string) error {
	ch := make(chan [2]any, 1)
	exchangeDone = func(what string, err error) { ch <- [2]any{what, err} }
	t.Cleanup(func() { exchangeDone = nil })
	return func(what string) error {
		t.Helper()
		got := waitFor(t, ch, what)
		if got[0] != what {
			t.Fatalf("finished %v, want %s", got[0], what)
		}
		err, _ := got[1].(error)
		return err
	}
}

func TestExchangeMenuExportImport(t *testing.T) {
	dir := t.TempDir()
	qdpx, qdc, csv := filepath.Join(dir, "demo.qdpx"), filepath.Join(dir, "codes.qdc"), filepath.Join(dir, "codes.csv")

	// Export the demo project and its codebook.
	// Without the search index: its worker writes the status bar from its own
	// goroutine, which the test driver does not serialise with ours.
	wb := newTestWorkbench(t)
	wb.searcher = nil
	wait := exchangeWait(t)
	openAndWait(t, wb, demoCopy(t))
	labels := map[string]bool{}
	for _, c := range wb.commands()["File"] {
		labels[c.label] = true
	}
	for _, l := range []string{"Export project as REFI-QDA (.qdpx)…", "Import REFI-QDA project (.qdpx)…", "Export codebook (.qdc/.csv)…", "Import codebook…"} {
		if !labels[l] {
			t.Errorf("File menu lacks %q", l)
		}
	}
	demo, _ := coding.Stats(wb.Project())
	wb.exportQDPX(qdpx)
	if err := wait("Export REFI-QDA project"); err != nil {
		t.Fatal(err)
	}
	var status string
	fyne.DoAndWait(func() { status = wb.status.Text })
	if !strings.Contains(status, "Exported 10 studies") {
		t.Errorf("status %q", status)
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
		wb.exportCodebook(f)
		if err := wait("Export codebook"); err != nil {
			t.Fatal(err)
		}
	}

	// Import them into an empty project: codebook from CSV first, then the archive.
	empty := filepath.Join(dir, "empty.ewb")
	p, err := corpus.Create(empty, "Empty")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	wb2 := newTestWorkbench(t)
	wb2.searcher = nil
	openAndWait(t, wb2, empty)
	// Each import reloads the views in the background; the next step waits
	// for the codebook (the slower of the reloads), since the test driver runs
	// their updates on their own goroutines.
	reloaded := make(chan struct{}, 4)
	wb2.codebook.loaded = func() { reloaded <- struct{}{} }
	wb2.importCodebook(csv)
	if err := wait("Import codebook"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, reloaded, "codebook reload")
	if cs, _ := coding.Codebook(wb2.Project()); len(cs) != demo.Codes {
		t.Fatalf("%d codes after the codebook import, want %d", len(cs), demo.Codes)
	}
	wb2.importQDPX(qdpx)
	if err := wait("Import REFI-QDA project"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, reloaded, "codebook reload")
	st, _ := coding.Stats(wb2.Project())
	if st.Studies != demo.Studies || st.Codings != demo.Codings || st.Codes != demo.Codes {
		t.Errorf("after import %+v; demo %+v", st, demo)
	}
	status = ""
	fyne.DoAndWait(func() { status = wb2.status.Text })
	if !strings.Contains(status, "Imported demo.qdpx: 10 studies") {
		t.Errorf("status %q", status)
	}
	n := 0
	for deadline := time.Now().Add(30 * time.Second); n != 10 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		fyne.DoAndWait(func() { n = len(wb2.studies.shown) })
	}
	if n != 10 {
		t.Errorf("study list shows %d after import", n)
	}
	// The .qdc imports as a codebook without changes.
	wb2.importCodebook(qdc)
	if err := wait("Import codebook"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, reloaded, "codebook reload")
	fyne.DoAndWait(func() { status = wb2.status.Text })
	if !strings.Contains(status, "0 added, 0 updated") {
		t.Errorf("status %q", status)
	}
	// A file that is not an archive fails with a message and changes nothing.
	wb2.importQDPX(qdc)
	if err := wait("Import REFI-QDA project"); err == nil {
		t.Error("importing a .qdc as a project succeeded")
	}
	if st2, _ := coding.Stats(wb2.Project()); st2.Studies != st.Studies || st2.Codings != st.Codings {
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
	wb := newTestWorkbench(t)
	wb.searcher = nil
	var got string
	wb.refiStatus("Exporting")(refi.Progress{Stage: "sources", Done: 0, Total: 20})
	fyne.DoAndWait(func() { got = wb.status.Text })
	if got != "Exporting: file 1 of 20…" {
		t.Errorf("status %q", got)
	}
	imp := wb.refiStatus("Importing")
	imp(refi.Progress{Stage: "texts", Done: 3, Total: 9})
	imp(refi.Progress{Stage: "sources", Done: 4, Total: 9}) // within 100 ms: skipped
	fyne.DoAndWait(func() { got = wb.status.Text })
	if got != "Importing: checking text 4 of 9…" {
		t.Errorf("status %q", got)
	}
	imp(refi.Progress{Stage: "sources", Done: 9, Total: 9}) // the last one always shows
	fyne.DoAndWait(func() { got = wb.status.Text })
	if got != "Importing: source 9 of 9…" {
		t.Errorf("status %q", got)
	}
}
