package pdftext

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// bboxWord is one word of pdftotext -bbox output.
type bboxWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

var bboxRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// pdftotextWords runs pdftotext -bbox on page 1 of data.
func pdftotextWords(t *testing.T, data []byte) []bboxWord {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-q", "-bbox", "-f", "1", "-l", "1", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var ws []bboxWord
	for _, m := range bboxRE.FindAllStringSubmatch(string(out), -1) {
		f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		ws = append(ws, bboxWord{strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(m[5]), f(m[1]), f(m[2]), f(m[3]), f(m[4])})
	}
	return ws
}

// wordBox is the union of the boxes of the page text's runes [from, to).
func wordBox(p Page, from, to int) Box {
	u := Box{X0: math.MaxFloat32, Y0: math.MaxFloat32}
	for _, b := range p.Boxes[from:to] {
		if b.Empty() {
			continue
		}
		u.X0, u.Y0 = min(u.X0, b.X0), min(u.Y0, b.Y0)
		u.X1, u.Y1 = max(u.X1, b.X1), max(u.Y1, b.Y1)
	}
	return u
}

// checkBoxes compares, for every pdftotext word that is a whole word of our
// page text (once), the union of our boxes of its characters with
// pdftotext's box, moved by (dx, dy): pdftotext measures from the media
// box's corner, we from the crop box's. It returns how many words it compared.
func checkBoxes(t *testing.T, name string, doc *Document, words []bboxWord, dx, dy float64) int {
	t.Helper()
	p := doc.Pages[0]
	text := doc.PageText(0)
	if len(p.Boxes) != utf8.RuneCountInString(text) {
		t.Fatalf("%s: %d boxes for %d runes", name, len(p.Boxes), utf8.RuneCountInString(text))
	}
	fields := strings.Fields(text)
	n := 0
	for _, w := range words {
		w.xMin, w.xMax, w.yMin, w.yMax = w.xMin-dx, w.xMax-dx, w.yMin-dy, w.yMax-dy
		count := 0
		for _, f := range fields {
			if f == w.text {
				count++
			}
		}
		if count != 1 || strings.Count(text, w.text) != 1 || utf8.RuneCountInString(w.text) < 2 {
			continue
		}
		from := utf8.RuneCountInString(text[:strings.Index(text, w.text)])
		b := wordBox(p, from, from+utf8.RuneCountInString(w.text))
		// Same place: edges within 1.5 pt along the line (pdftotext and we
		// both measure advances), the vertical extent overlapping.
		if math.Abs(float64(b.X0)-w.xMin) > 1.5 || math.Abs(float64(b.X1)-w.xMax) > 1.5 ||
			float64(b.Y1) < w.yMin || float64(b.Y0) > w.yMax {
			t.Errorf("%s: %q at %+v, pdftotext puts it at x %.1f-%.1f y %.1f-%.1f", name, w.text, b, w.xMin, w.xMax, w.yMin, w.yMax)
		}
		n++
	}
	return n
}

// TestBoxesWherePdftotextPutsWords checks our character boxes against
// pdftotext -bbox for a generated page in each script (full fonts with
// ToUnicode and /ActualText, and LibreOffice's subset fonts), a rotated page
// and a page cut from a larger sheet by its crop box.
func TestBoxesWherePdftotextPutsWords(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	type boxFile struct {
		scriptFile
		dx, dy float64
	}
	var files []boxFile
	for _, s := range scriptSamples {
		data, src := shapedPDF(t, s, shapedOpts{toUnicode: true, actualText: true})
		files = append(files, boxFile{scriptFile{s.name + "/harfbuzz", data, src, false}, 0, 0})
	}
	if _, err := exec.LookPath("soffice"); err == nil {
		dir := libreOfficePDFs(t)
		for _, s := range scriptSamples {
			files = append(files, boxFile{scriptFile{s.name + "/libreoffice", mustRead(t, filepath.Join(dir, s.name+".pdf")), "", false}, 0, 0})
		}
	}
	page := func(extra, content string) []byte {
		return buildPDF(obj{dict: "<< /Type /Catalog /Pages 2 0 R >>"}, obj{dict: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
			obj{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + extra + " /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
			obj{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
			obj{stream: content})
	}
	files = append(files,
		boxFile{scriptFile{"rotated", page("/Rotate 90", "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Rotated first line) Tj 0 1 -1 0 314 100 Tm (second line here) Tj ET"), "", false}, 0, 0},
		boxFile{scriptFile{"cropped", page("/CropBox [100 200 500 700]", "BT /F1 12 Tf 150 650 Td (Inside the crop box) Tj 0 -20 Td (and another line) Tj ET"), "", false}, 100, 792 - 700},
	)
	for _, f := range files {
		doc := extractOK(t, f.data)
		if n := checkBoxes(t, f.name, doc, pdftotextWords(t, f.data), f.dx, f.dy); n == 0 {
			t.Errorf("%s: no word to compare (pdftotext read it differently)", f.name)
		}
	}
}
