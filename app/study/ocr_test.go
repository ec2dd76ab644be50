package study

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/ocr"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
	"github.com/evidence-workbench/workbench/internal/testkit/scriptpdf"
)

// scanHost is a host over a new project holding one scanned study (the
// English sample page rendered at 200 dpi and stored as an image).
func scanHost(t *testing.T) (*uitest.App, *uitest.Host, corpus.Study) {
	t.Helper()
	coder := uitest.Identity(t, "Tess Tester")
	data, _, err := scriptpdf.PDF(scriptpdf.Samples[len(scriptpdf.Samples)-1])
	if err != nil {
		t.Skip(err)
	}
	doc, err := pdfpage.Open(context.Background(), data)
	if err != nil {
		t.Skip("the page renderer does not start here:", err)
	}
	img, err := doc.Render(context.Background(), 0, 200)
	if err != nil {
		t.Fatal(err)
	}
	size := doc.PageSize(0)
	doc.Close()
	scan, err := scriptpdf.ImagePDF([]image.Image{img}, size.W, size.H)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdf, path := filepath.Join(dir, "scan.pdf"), filepath.Join(dir, "scan.ewb")
	if err := os.WriteFile(pdf, scan, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := corpus.Create(path, "Scans")
	if err != nil {
		t.Fatal(err)
	}
	p.SetCoder(coder)
	res, err := p.Import(context.Background(), []string{pdf}, corpus.ImportOptions{}, nil)
	p.Close()
	if err != nil || len(res) != 1 || res[0].Study == "" {
		t.Fatalf("import: %v %+v", err, res)
	}
	a := uitest.New(t)
	h := uitest.NewHost(t, a, path, coder)
	s, err := h.Project().Study(res[0].Study)
	if err != nil {
		t.Fatal(err)
	}
	return a, h, s
}

// The OCR window proposes the flagged pages and a language, reads them in
// the background and stores the text; the study is shown again.
func TestOCRPanelReadsScan(t *testing.T) {
	if _, err := ocr.Find(context.Background()); err != nil {
		t.Skip("tesseract is not installed:", err)
	}
	a, h, s := scanHost(t)
	reopened := false
	p := newOCRPanel(h, s, func(corpus.Study) { reopened = true })
	p.build()
	a.Settle(t)
	if p.langs.Text != "eng" || p.pages.Text != "1" {
		t.Fatalf("proposed languages %q, pages %q", p.langs.Text, p.pages.Text)
	}
	if !strings.Contains(p.installed.Text, "eng (English)") || p.runButton.Disabled() {
		t.Fatalf("installed: %q, run disabled %v", p.installed.Text, p.runButton.Disabled())
	}
	p.langs.SetText("eng+xyz")
	if !p.runButton.Disabled() || !strings.Contains(p.installed.Text, "not installed for xyz") {
		t.Errorf("a missing language: %q", p.installed.Text)
	}
	p.langs.SetText("eng")
	test.Tap(p.runButton)
	a.Settle(t)
	if !strings.HasPrefix(p.message.Text, "Read 1 page by OCR (eng") || !reopened || h.Changes() != 1 {
		t.Fatalf("after the run: %q, reopened %v, %d changes", p.message.Text, reopened, h.Changes())
	}
	text, _ := h.Project().Text(s.GUID)
	if !strings.Contains(strings.Join(strings.Fields(text.String), " "), "systematic review of migrant workers") {
		t.Errorf("stored text %q", text.String)
	}
	if st, _ := h.Project().Study(s.GUID); st.Extraction != corpus.ExtractOCR {
		t.Errorf("status %q", st.Extraction)
	}
}

// Cancel stops the run and nothing is stored.
func TestOCRPanelCancel(t *testing.T) {
	if _, err := ocr.Find(context.Background()); err != nil {
		t.Skip("tesseract is not installed:", err)
	}
	a, h, s := scanHost(t)
	p := newOCRPanel(h, s, nil)
	p.build()
	a.Settle(t)
	test.Tap(p.runButton)
	test.Tap(p.cancel)
	a.Settle(t)
	if p.message.Text != "Cancelled: nothing was changed." || h.Changes() != 0 {
		t.Fatalf("after Cancel: %q, %d changes", p.message.Text, h.Changes())
	}
	if st, _ := h.Project().Study(s.GUID); st.Extraction != corpus.ExtractNoText {
		t.Errorf("status %q after Cancel", st.Extraction)
	}
}

// Without Tesseract the window says how to install it and cannot run.
func TestOCRPanelWithoutTesseract(t *testing.T) {
	a, h, s := scanHost(t)
	t.Setenv("EWB_TESSERACT", filepath.Join(t.TempDir(), "nowhere"))
	t.Setenv("PATH", t.TempDir())
	if runtime.GOOS == "windows" {
		t.Setenv("ProgramFiles", t.TempDir())
		t.Setenv("ProgramFiles(x86)", t.TempDir())
		t.Setenv("LOCALAPPDATA", t.TempDir())
	}
	p := newOCRPanel(h, s, nil)
	p.build()
	a.Settle(t)
	if !strings.HasPrefix(p.installed.Text, "Tesseract OCR is not installed") || !p.runButton.Disabled() {
		t.Fatalf("without tesseract: %q, run disabled %v", p.installed.Text, p.runButton.Disabled())
	}
	if runtime.GOOS == "linux" && !strings.Contains(p.installed.Text, "sudo apt install tesseract-ocr") {
		t.Errorf("no install command in %q", p.installed.Text)
	}
}
