package files

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/go-pdf/fpdf"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// writeScan writes a one-page PDF with a picture-like box and no text (as a
// scan without OCR is).
func writeScan(t *testing.T, path string) {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	pdf.SetFillColor(90, 90, 90)
	pdf.Rect(20, 20, 170, 250, "F")
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

// Importing PDFs lists every file's result; a file's whole result (long
// name, folder, warning) can be read in the dialog, wrapped, not cut off
// as in its list row (issue 16).
func TestImportDialogShowsEachResultInFull(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "review.ewb")
	p, err := corpus.Create(empty, "Review")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	pdfs := filepath.Join(dir, "pdfs")
	if err := os.Mkdir(pdfs, 0o755); err != nil {
		t.Fatal(err)
	}
	name := assets.DemoFiles()[0]
	data, err := assets.DemoPDF(name)
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(pdfs, name)
	scan := filepath.Join(pdfs, "Rapid assessment of recruitment fees and debt among migrant construction workers, scanned field copy.pdf")
	junk := filepath.Join(pdfs, "notes.pdf")
	if err := os.WriteFile(good, data, 0o644); err != nil {
		t.Fatal(err)
	}
	writeScan(t, scan)
	if err := os.WriteFile(junk, []byte("meeting notes, not a PDF at all"), 0o644); err != nil {
		t.Fatal(err)
	}

	a := uitest.New(t)
	h := newHost(t, a, empty)
	panel := newImportPanel(h)
	panel.run([]string{good, scan, junk}, "pdfs")
	a.Settle(t)
	// The run is recorded for the briefs' screening flow.
	if recs, err := coding.ImportRecords(h.Project()); err != nil || len(recs) != 1 || recs[0].Source != "pdfs" ||
		len(recs[0].Studies) != 2 || recs[0].Failed != 1 || recs[0].Files != 3 {
		t.Errorf("import record %+v %v", recs, err)
	}

	if len(panel.results) != 3 {
		t.Fatalf("%d results", len(panel.results))
	}
	byPath := map[string]corpus.ImportResult{}
	for _, r := range panel.results {
		byPath[r.Path] = r
	}
	if r := byPath[good]; r.Status != corpus.ImportOK {
		t.Errorf("demo PDF: %+v", r)
	}
	warned := byPath[scan]
	if warned.Status != corpus.ImportWarning || warned.Message == "" {
		t.Fatalf("scan: %+v", warned)
	}
	if r := byPath[junk]; r.Status != corpus.ImportFailed || r.Message == "" {
		t.Errorf("junk: %+v", r)
	}
	if !strings.Contains(panel.pages.Text, "1 imported, 1 with warnings, 0 duplicates, 1 failed") ||
		!strings.HasPrefix(h.LastStatus(), "Import: 1 imported") || h.Changes() != 1 {
		t.Errorf("summary %q, status %q, %d changes", panel.pages.Text, h.LastStatus(), h.Changes())
	}
	if studies, _ := h.Project().Studies(); len(studies) != 2 {
		t.Errorf("%d studies after the import", len(studies))
	}

	// The first file with a problem is selected and its result shown in
	// full; any other file's result shows when it is clicked.
	want := detailText(warned)
	for _, part := range []string{filepath.Base(scan), pdfs, warned.Message, "1 page"} {
		if !strings.Contains(want, part) {
			t.Fatalf("the detail of the scan lacks %q:\n%s", part, want)
		}
	}
	if panel.detail.Text != want && panel.detail.Text != detailText(byPath[junk]) {
		t.Fatalf("after the import the detail shows %q", panel.detail.Text)
	}
	for i, r := range panel.results {
		if r.Path == scan {
			panel.list.Select(i)
		}
	}
	if panel.detail.Text != want {
		t.Fatalf("the scan's detail shows %q, want %q", panel.detail.Text, want)
	}
	// The list row is cut off at the dialog's width; the detail wraps
	// within it, so every word can be read.
	row := rowText(warned)
	if w := fyne.MeasureText(row, 14, fyne.TextStyle{}).Width; w < 640 {
		t.Fatalf("the row %q fits the dialog (%v wide); the test needs one that does not", row, w)
	}
	if panel.detail.Wrapping != fyne.TextWrapWord || panel.detail.MinSize().Width > 640 {
		t.Fatalf("the detail does not wrap within the dialog (min width %v)", panel.detail.MinSize().Width)
	}
	if !panel.close.Visible() || panel.cancel.Visible() {
		t.Error("after the import Close is not offered in place of Cancel")
	}
}
