package ocr

import (
	"bytes"
	"context"
	"errors"
	"image"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/corpus/pdfpage"
	"github.com/go-pdf/fpdf"
)

func TestLangs(t *testing.T) {
	for _, tc := range []struct {
		language  string
		countries []string
		want      string
	}{
		{"", []string{"Thailand"}, "tha+eng"},
		{"", []string{"Lao PDR", "Thailand"}, "lao+tha+eng"},
		{"", []string{"Cambodia", "Thailand", "Myanmar"}, "khm+tha+eng"},
		{"Khmer, English", nil, "khm+eng"},
		{"Thai and English", []string{"Myanmar"}, "tha+eng"},
		{"English", []string{"Viet Nam"}, "vie+eng"},
		{"burmese", nil, "mya+eng"},
		{"th", nil, "tha+eng"},
		{"Klingon", []string{"Atlantis"}, "eng"},
		{"", nil, "eng"},
	} {
		if got := Langs(tc.language, tc.countries); got != tc.want {
			t.Errorf("Langs(%q, %q) = %q, want %q", tc.language, tc.countries, got, tc.want)
		}
	}
}

func TestMessages(t *testing.T) {
	if got := AptCommand("tha", "eng", "chi_sim"); got != "sudo apt install tesseract-ocr tesseract-ocr-tha tesseract-ocr-chi-sim" {
		t.Errorf("AptCommand = %q", got)
	}
	err := error(&MissingLanguageError{Missing: []string{"khm"}})
	if !errors.Is(err, ErrLanguageMissing) || !strings.Contains(err.Error(), "Khmer") {
		t.Errorf("missing language: %v", err)
	}
	err = &NotInstalledError{}
	if !errors.Is(err, ErrNotInstalled) || !strings.HasPrefix(err.Error(), "Tesseract OCR is not installed") {
		t.Errorf("not installed: %v", err)
	}
	if runtime.GOOS == "linux" && !strings.Contains(err.Error(), "sudo apt install tesseract-ocr tesseract-ocr-tha") {
		t.Errorf("no install command in %q", err)
	}
}

func TestFindMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("EWB_TESSERACT", "")
	if runtime.GOOS == "windows" {
		t.Setenv("ProgramFiles", t.TempDir())
		t.Setenv("ProgramFiles(x86)", t.TempDir())
		t.Setenv("LOCALAPPDATA", t.TempDir())
	}
	if _, err := Find(context.Background()); !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("Find without tesseract: %v", err)
	}
}

// mustTesseract returns the installed tesseract, skipping without it.
func mustTesseract(tb testing.TB) *Tesseract {
	tb.Helper()
	ts, err := Find(context.Background())
	if errors.Is(err, ErrNotInstalled) {
		tb.Skip("tesseract not installed")
	}
	if err != nil {
		tb.Fatal(err)
	}
	return ts
}

// textPDF returns a PDF with the given pages, each a list of lines set in
// 16-point Helvetica from 72 pt down, 24 pt apart.
func textPDF(tb testing.TB, pages ...[]string) []byte {
	tb.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	for _, lines := range pages {
		f.AddPage()
		f.SetFont("Helvetica", "", 16)
		for i, l := range lines {
			f.Text(72, 72+24*float64(i), l)
		}
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func mustDoc(tb testing.TB, data []byte) *pdfpage.Doc {
	tb.Helper()
	d, err := pdfpage.Open(context.Background(), data)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(d.Close)
	return d
}

var testLines = []string{
	"Recruiters lied about wages and working hours.",
	"Passports were taken by employers on arrival.",
	"Debts to brokers grew every month.",
}

func TestRecognize(t *testing.T) {
	ts := mustTesseract(t)
	d := mustDoc(t, textPDF(t, testLines))
	img, err := d.Render(context.Background(), 0, 300)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ts.Recognize(context.Background(), img, Options{Lang: "eng", DPI: 300})
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, p)
	if want := strings.Join(testLines, "\n"); p.Text != want {
		t.Errorf("text\n%q\nwant\n%q", p.Text, want)
	}
	if p.Size.W < 611 || p.Size.W > 613 || p.Conf() < 80 {
		t.Errorf("size %+v, confidence %.1f", p.Size, p.Conf())
	}
	// "Passports" starts the second line: x = 72 pt, baseline 96 pt.
	i := slices.IndexFunc(p.Words, func(w Word) bool { return w.Text == "Passports" })
	if i < 0 {
		t.Fatalf("no word Passports in %q", p.Text)
	}
	if b := p.Words[i].Box; b.X0 < 70 || b.X0 > 75 || b.Y1 < 92 || b.Y1 > 101 || b.Y0 < 80 || b.Y0 > 90 {
		t.Errorf("Passports box %+v, want from about (72, 84) to baseline 96", b)
	}
}

func TestOCRPagesAndProgress(t *testing.T) {
	ts := mustTesseract(t)
	d := mustDoc(t, textPDF(t, testLines[:1], testLines[1:2], testLines[2:]))
	var calls [][2]int
	pages, err := ts.OCR(context.Background(), d, []int{2, 0}, Options{DPI: 200}, func(done, total int) {
		calls = append(calls, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].Index != 2 || pages[1].Index != 0 || pages[0].Text != testLines[2] || pages[1].Text != testLines[0] {
		t.Fatalf("pages %+v", pages)
	}
	if !slices.Equal(calls, [][2]int{{1, 2}, {2, 2}}) {
		t.Errorf("progress %v", calls)
	}
	if _, err := ts.OCR(context.Background(), d, []int{5}, Options{}, nil); !errors.Is(err, pdfpage.ErrNoSuchPage) {
		t.Errorf("page out of range: %v", err)
	} else if !strings.HasPrefix(err.Error(), "page 6:") {
		t.Errorf("message %q", err)
	}
}

func TestMissingLanguage(t *testing.T) {
	ts := mustTesseract(t)
	langs, err := ts.Languages(context.Background())
	if err != nil || !slices.Contains(langs, "eng") {
		t.Fatalf("languages %v, %v", langs, err)
	}
	err = ts.Check(context.Background(), "eng+xyz")
	var me *MissingLanguageError
	if !errors.As(err, &me) || !slices.Equal(me.Missing, []string{"xyz"}) {
		t.Fatalf("Check: %v", err)
	}
	img := image.NewGray(image.Rect(0, 0, 100, 100))
	if _, err := ts.Recognize(context.Background(), img, Options{Lang: "xyz"}); !errors.Is(err, ErrLanguageMissing) {
		t.Errorf("Recognize with a missing language: %v", err)
	}
}

func TestCancelAndTimeout(t *testing.T) {
	ts := mustTesseract(t)
	var lines []string
	for range 30 {
		lines = append(lines, testLines...)
	}
	d := mustDoc(t, textPDF(t, lines[:28]))
	img, err := d.Render(context.Background(), 0, 400)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := ts.Recognize(ctx, img, Options{DPI: 400}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Recognize under a cancelled context: %v", err)
	}
	if _, err := ts.Recognize(context.Background(), img, Options{DPI: 400, Timeout: 100 * time.Millisecond}); !errors.Is(err, ErrTimeout) {
		t.Errorf("Recognize past its time limit: %v", err)
	}
	if entries, _ := os.ReadDir(os.TempDir()); slices.ContainsFunc(entries, func(e os.DirEntry) bool {
		return strings.HasPrefix(e.Name(), "ewb-ocr-")
	}) {
		t.Error("a temporary folder was left behind")
	}
}
