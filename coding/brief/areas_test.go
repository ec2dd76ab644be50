package brief

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/png"
	"io"
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
	zr, err := zip.NewReader(bytes.NewReader([]byte(outputs[DOCX])), int64(len(outputs[DOCX])))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			doc, _ := io.ReadAll(rc)
			rc.Close()
			if !regexp.MustCompile(`Also coded on the pages: .*Table on p. 1 of Smith 2019`).Match(doc) {
				t.Errorf("docx lacks the area")
			}
		}
	}
}
