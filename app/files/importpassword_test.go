package files

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/go-pdf/fpdf"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/corpus"
)

// writeLocked writes a one-page PDF that opens only with the user password.
func writeLocked(t *testing.T, path, text, password string) {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetProtection(fpdf.CnProtectPrint, password, "owner-"+password)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	pdf.Text(20, 30, text)
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

// A password-protected PDF makes the import dialog ask for its password and
// import the file again with it; a wrong password asks again; Skip leaves
// the file failed.
func TestImportAsksForPasswords(t *testing.T) {
	dir := t.TempDir()
	project := filepath.Join(dir, "review.ewb")
	p, err := corpus.Create(project, "Review")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	locked := filepath.Join(dir, "locked report.pdf")
	other := filepath.Join(dir, "other locked report.pdf")
	open := filepath.Join(dir, "open.pdf")
	writeLocked(t, locked, "Confidential findings", "secret")
	writeLocked(t, other, "Other findings", "hidden")
	writeScan(t, open)

	a := uitest.New(t)
	h := newHost(t, a, project)
	panel := newImportPanel(h)
	panel.run([]string{open, locked, other}, "pdfs")
	a.Settle(t)

	q := panel.prompt
	if q == nil || !strings.Contains(q.note.Text, "locked report.pdf is password protected") {
		t.Fatalf("no password question after the import (prompt %+v)", q)
	}
	if h.Window().Canvas().Focused() != q.entry {
		t.Error("the password field does not have the keyboard")
	}
	if !strings.Contains(panel.pages.Text, "0 imported, 1 with warnings, 0 duplicates, 2 failed") {
		t.Errorf("summary before the passwords %q", panel.pages.Text)
	}

	// A wrong password: asked again.
	test.Type(q.entry, "wrong")
	test.Tap(q.submit)
	a.Settle(t)
	if panel.prompt == nil || panel.prompt == q || !strings.Contains(panel.prompt.note.Text, "does not open locked report.pdf") {
		t.Fatalf("a wrong password was not asked again: %+v", panel.prompt)
	}

	// The right one, with Enter: imported, and the next file is asked for.
	q = panel.prompt
	test.Type(q.entry, "secret")
	q.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	a.Settle(t)
	var got corpus.ImportResult
	for _, r := range panel.results {
		if r.Path == locked {
			got = r
		}
	}
	if got.Status != corpus.ImportOK || got.Study == "" || got.NeedsPassword {
		t.Fatalf("with its password: %+v", got)
	}
	if txt, err := h.Project().Text(got.Study); err != nil || txt.String != "Confidential findings" {
		t.Errorf("imported text %v %v", txt, err)
	}
	if panel.prompt == nil || !strings.Contains(panel.prompt.note.Text, "other locked report.pdf") {
		t.Fatalf("the second file was not asked for: %+v", panel.prompt)
	}

	// Skip (Escape in the field): the second file stays failed, nothing
	// more is asked.
	panel.prompt.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	a.Settle(t)
	if panel.prompt != nil {
		t.Fatal("asked again after Skip")
	}
	if !strings.Contains(panel.pages.Text, "1 imported, 1 with warnings, 0 duplicates, 1 failed") || !strings.HasPrefix(h.LastStatus(), "Import: 1 imported") {
		t.Errorf("summary %q, status %q", panel.pages.Text, h.LastStatus())
	}
	if studies, _ := h.Project().Studies(); len(studies) != 2 {
		t.Errorf("%d studies", len(studies))
	}
	if h.Changes() != 2 {
		t.Errorf("%d changes reported, want the import and the file imported with its password", h.Changes())
	}
}
