package brief

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// redBoxPDF is a one-page US Letter PDF painting a red box at user space
// (100,600)-(200,650), that is (100,142)-(200,192) on the displayed page.
func redBoxPDF() []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	content := "1 0 0 rg 100 600 100 50 re f"
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

func TestBriefListsAreasWithImages(t *testing.T) {
	p := testkit.Project(t)
	theme, err := coding.CreateCode(p, coding.Code{Name: "Wage theft", Kind: coding.KindTheme})
	if err != nil {
		t.Fatal(err)
	}
	var study string
	err = p.Do("Import", func(tx *corpus.Tx) error {
		study, err = tx.AddStudy(corpus.NewStudy{FileName: "wages.pdf", PDF: redBoxPDF(), Text: "Wages were withheld for months.",
			PageStarts: []int{0}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := coding.SetAttributes(p, study, corpus.Attributes{Title: "Wages on farms", Authors: names.ParseTexts([]string{"Smith, Jo"}), Year: 2019,
		Sectors: []string{"Agriculture"}, Countries: []string{"Nepal"}}); err != nil {
		t.Fatal(err)
	}
	if err := coding.SetStatus(p, []string{study}, corpus.StatusIncluded, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := coding.ApplyCode(p, study, theme, 0, 31, ""); err != nil {
		t.Fatal(err)
	}
	area, err := coding.ApplyArea(p, coding.PageArea{Study: study, Rect: coding.Rect{X0: 100, Y0: 142, X1: 200, Y1: 192},
		PageW: 612, PageH: 792, Label: "table"}, theme, "")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d, err := FromProject(ctx, p, ProjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := Area{GUID: area.GUID, StudyGUID: study, CodeGUID: theme, Page: 1, Label: "table", X0: 100, Y0: 142, X1: 200, Y1: 192, Coder: "Ann"}
	if len(d.Areas) != 1 || d.Areas[0] != want {
		t.Fatalf("data areas %+v", d.Areas)
	}
	b, err := Build(d, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Themes) != 1 || len(b.Themes[0].Themes) != 1 {
		t.Fatalf("themes %+v", b.Themes)
	}
	ts := b.Themes[0].Themes[0]
	if ts.Codings != 2 || ts.Studies.N != 1 || len(ts.Areas) != 1 || ts.Areas[0].Text != "Table on p. 1 of Smith 2019" || ts.Areas[0].PNG != nil {
		t.Fatalf("theme %+v", ts)
	}
	problems, err := AttachAreaImages(ctx, p, b, 72)
	if err != nil || len(problems) != 0 {
		t.Fatalf("attach: %v %v", problems, err)
	}
	img, err := png.Decode(bytes.NewReader(b.Themes[0].Themes[0].Areas[0].PNG))
	if err != nil {
		t.Fatal(err)
	}
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w < 99 || w > 101 || h < 49 || h > 51 {
		t.Fatalf("image %dx%d, want 100x50 at 72 dpi", w, h)
	}
	if r, g, bl, _ := img.At(50, 25).RGBA(); r>>8 < 230 || g>>8 > 30 || bl>>8 > 30 {
		t.Fatalf("the image is not the red box: %v %v %v", r>>8, g>>8, bl>>8)
	}
	outputs := map[Format]string{}
	for _, f := range []Format{Markdown, HTML, DOCX, PDF} {
		var buf bytes.Buffer
		if err := Render(&buf, b, f, ""); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		outputs[f] = buf.String()
	}
	pngData := base64.StdEncoding.EncodeToString(b.Themes[0].Themes[0].Areas[0].PNG)
	if md := outputs[Markdown]; !strings.Contains(md, "Also coded on the pages: Table on p. 1 of Smith 2019.") ||
		!strings.Contains(md, "![Table on p. 1 of Smith 2019](data:image/png;base64,"+pngData+")") {
		t.Errorf("markdown:\n%s", md)
	}
	if html := outputs[HTML]; !strings.Contains(html, `<img alt="Table on p. 1 of Smith 2019" src="data:image/png;base64,`+pngData) {
		t.Errorf("html lacks the image")
	}
	// HTML from a Markdown template lays the image out itself.
	md, err := DefaultTemplate(Markdown)
	if err != nil {
		t.Fatal(err)
	}
	var fromMD bytes.Buffer
	if err := Render(&fromMD, b, HTML, md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fromMD.String(), `<img alt="Table on p. 1 of Smith 2019" src="data:image/png;base64,`+pngData) {
		t.Errorf("html from the markdown template lacks the image")
	}
	checkDOCXAreaImage(t, []byte(outputs[DOCX]), b.Themes[0].Themes[0].Areas[0].PNG)
	checkPDFAreaImage(t, []byte(outputs[PDF]), 100, 50)
}

// checkDOCXAreaImage checks that a DOCX brief holds png as a picture part,
// drawn in the document with its relationship, after the area's text.
func checkDOCXAreaImage(t *testing.T, docx, pngData []byte) {
	t.Helper()
	checkWellFormed(t, docx)
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(data)
	}
	doc := parts["word/document.xml"]
	if !regexp.MustCompile(`Also coded on the pages: .*Table on p. 1 of Smith 2019`).MatchString(doc) {
		t.Errorf("docx lacks the area")
	}
	if parts["word/media/area1.png"] != string(pngData) {
		t.Errorf("docx lacks the area's picture part")
	}
	if !strings.Contains(parts["word/_rels/document.xml.rels"], `Id="rIdImg1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/area1.png"`) {
		t.Errorf("docx relationships: %s", parts["word/_rels/document.xml.rels"])
	}
	if !strings.Contains(parts["[Content_Types].xml"], `<Default Extension="png" ContentType="image/png"/>`) {
		t.Errorf("docx content types lack png")
	}
	i, j := strings.Index(doc, `r:embed="rIdImg1"`), strings.LastIndex(doc, "Table on p. 1 of Smith 2019")
	if i < 0 || j < i {
		t.Errorf("docx does not draw the picture with its caption after it")
	}
}

// checkPDFAreaImage checks, with poppler's pdfimages when installed, that a
// PDF brief draws one w x h pixel RGB image.
func checkPDFAreaImage(t *testing.T, pdf []byte, w, h int) {
	t.Helper()
	if !bytes.Contains(pdf, fmt.Appendf(nil, "/Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB", w, h)) {
		t.Errorf("the PDF has no %dx%d image", w, h)
	}
	tool, err := exec.LookPath("pdfimages")
	if err != nil {
		t.Log("pdfimages not installed: the PDF's image is checked in its bytes only")
		return
	}
	path := filepath.Join(t.TempDir(), "brief.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-list", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfimages: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 {
		t.Fatalf("pdfimages lists %d images, want 1:\n%s", len(lines)-2, out)
	}
	f := strings.Fields(lines[2]) // page num type width height color comp bpc ...
	if len(f) < 8 || f[2] != "image" || f[3] != fmt.Sprint(w) || f[4] != fmt.Sprint(h) || f[5] != "rgb" {
		t.Errorf("pdfimages: %s", lines[2])
	}
}
