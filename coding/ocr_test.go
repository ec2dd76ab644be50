package coding_test

import (
	"context"
	"errors"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/ocr"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
	"github.com/evidence-workbench/workbench/internal/testkit"
	"github.com/evidence-workbench/workbench/internal/testkit/scriptpdf"
)

// importData stores a PDF as a study and returns its GUID.
func importData(t *testing.T, p *corpus.Project, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := p.Import(context.Background(), []string{path}, corpus.ImportOptions{}, nil)
	if err != nil || len(res) != 1 || res[0].Study == "" {
		t.Fatalf("import %s: %v %+v", name, err, res)
	}
	return res[0].Study
}

// twoPagePDF has a line of English on each of two Letter pages.
func twoPagePDF(t *testing.T) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	for _, line := range []string{"Recruiters lied about wages and working hours.", "Passports were taken by employers on arrival."} {
		f.AddPage()
		f.SetFont("Helvetica", "", 16)
		f.Text(72, 96, line)
	}
	var b strings.Builder
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

// scannedPDF renders the English sample's page at 200 dpi and stores it as
// an image-only PDF, as a scanner makes it; it returns the born-digital text.
func scannedPDF(t *testing.T) ([]byte, string) {
	t.Helper()
	var en scriptpdf.Sample
	for _, s := range scriptpdf.Samples {
		if s.Name == "english" {
			en = s
		}
	}
	data, text, err := scriptpdf.PDF(en)
	if err != nil {
		t.Skip(err)
	}
	doc, err := pdfpage.Open(context.Background(), data)
	if err != nil {
		t.Skip("the page renderer does not start here:", err)
	}
	defer doc.Close()
	img, err := doc.Render(context.Background(), 0, 200)
	if err != nil {
		t.Fatal(err)
	}
	size := doc.PageSize(0)
	scan, err := scriptpdf.ImagePDF([]image.Image{img}, size.W, size.H)
	if err != nil {
		t.Fatal(err)
	}
	return scan, text
}

func mustTesseract(t *testing.T) {
	t.Helper()
	if _, err := ocr.Find(context.Background()); err != nil {
		t.Skip("tesseract is not installed:", err)
	}
}

// OCR of a scanned study stores its words with a box per character, marks
// the study as read by OCR, keeps codings through a second run and is
// undone in one step.
func TestOCRScannedStudy(t *testing.T) {
	mustTesseract(t)
	scan, born := scannedPDF(t)
	p := testkit.Project(t)
	study := importData(t, p, "scan.pdf", scan)
	if s := testkit.GetStudy(t, p, study); s.Extraction != corpus.ExtractNoText {
		t.Fatalf("the scan imported as %q", s.Extraction)
	}
	text, _ := p.Text(study)
	if got := coding.OCRPages(text); len(got) != 1 || got[0] != 0 {
		t.Fatalf("OCRPages = %v, want [0]", got)
	}
	var progress []int
	res, err := coding.OCR(context.Background(), p, study, nil, ocr.Options{Lang: "eng"}, func(done, total int) { progress = append(progress, done, total) })
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 1 || res.Conf < 50 || len(progress) != 2 {
		t.Errorf("result %+v, progress %v", res, progress)
	}
	s := testkit.GetStudy(t, p, study)
	if s.Extraction != corpus.ExtractOCR || !strings.Contains(s.ExtractionMessage, "Page 1 of 1 read from the page images by OCR") {
		t.Errorf("status %q: %q", s.Extraction, s.ExtractionMessage)
	}
	text, _ = p.Text(study)
	flat := strings.Join(strings.Fields(text.String), " ")
	for _, w := range []string{"systematic review of migrant workers", "minimum wages are not fully protected"} {
		if !strings.Contains(flat, w) {
			t.Errorf("OCR text lacks %q:\n%s\n(born-digital: %s)", w, text.String, born)
		}
	}
	pb, err := p.PageBoxes(study, 1)
	if err != nil || len(pb.Boxes) != utf8.RuneCountInString(text.String) {
		t.Fatalf("%d boxes for %d code points (%v)", len(pb.Boxes), utf8.RuneCountInString(text.String), err)
	}
	if !text.PageStats[0].OCR {
		t.Error("page 1 is not marked as read by OCR")
	}
	// A coding on the OCR text survives a second run.
	start := strings.Index(text.String, "migrant")
	start = utf8.RuneCountInString(text.String[:start])
	code := codingtest.NewCode(t, p, "", "Debt")
	c, err := coding.ApplyCode(p, study, code, start, start+len("migrant"), "")
	if err != nil {
		t.Fatal(err)
	}
	res, err = coding.OCR(context.Background(), p, study, []int{0}, ocr.Options{Lang: "eng"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Lost) != 0 || res.Unchanged+res.Moved != 1 {
		t.Errorf("re-OCR: %+v", res)
	}
	after, _ := coding.CodingsOfStudy(p, study)
	if len(after) != 1 || after[0].GUID != c.GUID || after[0].Quote != "migrant" {
		t.Errorf("codings after re-OCR: %+v", after)
	}
	// Undo the re-run, then the first run: the scan has no text again.
	testkit.Undo(t, p)
	testkit.Undo(t, p) // the coding
	testkit.Undo(t, p)
	if s := testkit.GetStudy(t, p, study); s.Extraction != corpus.ExtractNoText {
		t.Errorf("after undo the study is %q", s.Extraction)
	}
}

// OCR of a page with a text layer replaces that page's text only; a coding
// on it moves with its words, the other page keeps its text and boxes.
func TestOCRReplacesOnePage(t *testing.T) {
	mustTesseract(t)
	p := testkit.Project(t)
	study := importData(t, p, "two.pdf", twoPagePDF(t))
	old, _ := p.Text(study)
	oldBoxes, _ := p.PageBoxes(study, 1)
	at := utf8.RuneCountInString(old.String[:strings.Index(old.String, "employers")])
	code := codingtest.NewCode(t, p, "", "Debt")
	c, err := coding.ApplyCode(p, study, code, at, at+len("employers"), "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := coding.OCR(context.Background(), p, study, []int{1}, ocr.Options{Lang: "eng"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Lost) != 0 {
		t.Fatalf("lost codings: %+v", res.Lost)
	}
	text, _ := p.Text(study)
	pages := strings.Split(text.String, "\f")
	if len(pages) != 2 || pages[0] != strings.Split(old.String, "\f")[0] {
		t.Fatalf("page 1 changed: %q", text.String)
	}
	if !strings.Contains(pages[1], "Passports were taken by employers") {
		t.Errorf("OCR of page 2: %q", pages[1])
	}
	if b, _ := p.PageBoxes(study, 1); len(b.Boxes) != len(oldBoxes.Boxes) || b.Boxes[3] != oldBoxes.Boxes[3] {
		t.Error("page 1's boxes changed")
	}
	after, _ := coding.CodingsOfStudy(p, study)
	if len(after) != 1 || after[0].GUID != c.GUID || after[0].Quote != "employers" {
		t.Errorf("coding after OCR: %+v", after)
	}
	if s := testkit.GetStudy(t, p, study); !strings.HasPrefix(s.ExtractionMessage, "Page 2 of 2 read") {
		t.Errorf("message %q", s.ExtractionMessage)
	}
}

// Without Tesseract the OCR says how to install it and changes nothing.
func TestOCRWithoutTesseract(t *testing.T) {
	t.Setenv("EWB_TESSERACT", filepath.Join(t.TempDir(), "nowhere", "tesseract"))
	t.Setenv("PATH", t.TempDir())
	if runtime.GOOS == "windows" {
		t.Setenv("ProgramFiles", t.TempDir())
		t.Setenv("ProgramFiles(x86)", t.TempDir())
		t.Setenv("LOCALAPPDATA", t.TempDir())
	}
	p := testkit.Project(t)
	study := importData(t, p, "two.pdf", twoPagePDF(t))
	before, _ := p.Text(study)
	_, err := coding.OCR(context.Background(), p, study, []int{0}, ocr.Options{Lang: "tha+eng"}, nil)
	if !errors.Is(err, ocr.ErrNotInstalled) {
		t.Fatalf("OCR without tesseract: %v", err)
	}
	if runtime.GOOS == "linux" && !strings.Contains(err.Error(), "sudo apt install tesseract-ocr tesseract-ocr-tha") {
		t.Errorf("message %q has no install command", err)
	}
	if after, _ := p.Text(study); after.String != before.String {
		t.Error("the text changed")
	}
}

func TestParseFormatPages(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int
		bad  bool
	}{
		{"1", []int{0}, false},
		{"1-3,7", []int{0, 1, 2, 6}, false},
		{" 2 , 2-3 ", []int{1, 2}, false},
		{"0", nil, true},
		{"3-1", nil, true},
		{"a", nil, true},
		{"1-", nil, true},
		{"", nil, true},
	} {
		got, err := coding.ParsePages(c.in)
		if (err != nil) != c.bad || !slices.Equal(got, c.want) {
			t.Errorf("ParsePages(%q) = %v, %v", c.in, got, err)
		}
	}
	if got := coding.FormatPages([]int{0, 1, 2, 6, 8, 9}); got != "1-3, 7, 9-10" {
		t.Errorf("FormatPages = %q", got)
	}
}

// Re-extraction stores the character boxes with the text, also for a study
// imported before boxes were kept whose text does not change.
func TestReextractStoresBoxes(t *testing.T) {
	p := testkit.Project(t)
	study := importData(t, p, "two.pdf", twoPagePDF(t))
	text, _ := p.Text(study)
	want, _ := p.PageBoxes(study, 2)
	for _, changed := range []bool{false, true} {
		s := text.String
		if changed {
			s = strings.Replace(s, "Passports", "Documents", 1)
		}
		// As a study imported before boxes were kept: text without boxes.
		if err := p.Do("old", func(tx *corpus.Tx) error {
			return tx.ReplaceText(study, s, text.PageStarts, text.Marks, corpus.ExtractOK, "")
		}); err != nil {
			t.Fatal(err)
		}
		if pb, _ := p.PageBoxes(study, 2); pb.Boxes != nil {
			t.Fatal("boxes survived ReplaceText")
		}
		res, err := coding.Reextract(context.Background(), p, study)
		if err != nil || res.Changed != changed {
			t.Fatalf("changed=%v: %+v, %v", changed, res, err)
		}
		got, _ := p.PageBoxes(study, 2)
		if len(got.Boxes) == 0 || len(got.Boxes) != len(want.Boxes) || got.Boxes[5] != want.Boxes[5] {
			t.Errorf("changed=%v: %d boxes after re-extraction, want %d", changed, len(got.Boxes), len(want.Boxes))
		}
	}
}
