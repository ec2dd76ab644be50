package exchange

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// boxPage is a page of boxPDF: its MediaBox, optional CropBox and /Rotate.
type boxPage struct {
	media  [4]float64
	crop   *[4]float64
	rotate int
}

// redBox is where every page of boxPDF paints a red rectangle, in user
// space (left, bottom, right, top).
var redBox = [4]float64{100, 600, 200, 650}

// boxPDF writes a small PDF whose pages paint redBox, with the given boxes
// and rotations.
func boxPDF(pages ...boxPage) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 3+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	box := func(v [4]float64) string { return fmt.Sprintf("[%g %g %g %g]", v[0], v[1], v[2], v[3]) }
	content := fmt.Sprintf("1 0 0 rg %g %g %g %g re f", redBox[0], redBox[1], redBox[2]-redBox[0], redBox[3]-redBox[1])
	for i, p := range pages {
		extra := ""
		if p.crop != nil {
			extra += " /CropBox " + box(*p.crop)
		}
		if p.rotate != 0 {
			extra += fmt.Sprintf(" /Rotate %d", p.rotate)
		}
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox %s%s /Contents %d 0 R >>", box(p.media), extra, 4+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// boxPages are pages of every rotation, with and without a CropBox, one
// with its MediaBox away from the origin.
func boxPages() []boxPage {
	letter := [4]float64{0, 0, 612, 792}
	crop := [4]float64{40, 300, 400, 780}
	return []boxPage{{media: letter}, {media: letter, crop: &crop, rotate: 90},
		{media: [4]float64{-20, 10, 592, 802}, rotate: 180}, {media: letter, crop: &crop, rotate: 270}}
}

// pdfStudy adds a study whose source is pdf, with one line of text a page.
func pdfStudy(t *testing.T, p *corpus.Project, name string, pdf []byte, pages int) string {
	t.Helper()
	var text []string
	starts := []int{}
	n := 0
	for i := range pages {
		line := fmt.Sprintf("Page %d of %s.", i+1, name)
		starts = append(starts, n)
		n += len([]rune(line)) + 1
		text = append(text, line)
	}
	var g string
	err := p.Do("Import "+name, func(tx *corpus.Tx) error {
		var err error
		g, err = tx.AddStudy(corpus.NewStudy{FileName: name + ".pdf", PDF: pdf, Text: strings.Join(text, "\f"), PageStarts: starts,
			Attributes: corpus.Attributes{Title: name}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// displayedBox returns redBox on the displayed page.
func displayedBox(t *testing.T, doc *pdfpage.Doc, page int) coding.Rect {
	t.Helper()
	g, err := doc.Geometry(context.Background(), page)
	if err != nil {
		t.Fatal(err)
	}
	x0, y0 := g.ToDisplay(redBox[0], redBox[1])
	x1, y1 := g.ToDisplay(redBox[2], redBox[3])
	return coding.Rect{X0: x0, Y0: y0, X1: x1, Y1: y1}.Canon()
}

// allRed reports whether a rectangle of the page is drawn red (its inner
// part, a point in from each edge).
func allRed(t *testing.T, doc *pdfpage.Doc, page int, r coding.Rect) bool {
	t.Helper()
	in := pdfpage.Rect{X0: r.X0 + 1, Y0: r.Y0 + 1, X1: r.X1 - 1, Y1: r.Y1 - 1}
	img, err := doc.RenderRegion(context.Background(), page, in, 72)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	for _, pt := range [][2]int{{1, 1}, {b.Dx() / 2, b.Dy() / 2}, {b.Dx() - 2, b.Dy() - 2}, {1, b.Dy() - 2}} {
		c := img.RGBAAt(pt[0], pt[1])
		if !(c.R > 230 && c.G < 30 && c.B < 30) {
			return false
		}
	}
	return true
}

func openDoc(t *testing.T, data []byte) *pdfpage.Doc {
	t.Helper()
	doc, err := pdfpage.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(doc.Close)
	return doc
}

// TestAreaCoordinates checks the conversion both ways on every kind of page:
// the red box's displayed rectangle becomes the box's own user-space
// corners less the MediaBox origin (top-left corner first), and back.
func TestAreaCoordinates(t *testing.T) {
	pages := boxPages()
	doc := openDoc(t, boxPDF(pages...))
	for i, pg := range pages {
		g, err := doc.Geometry(context.Background(), i)
		if err != nil {
			t.Fatal(err)
		}
		r := displayedBox(t, doc, i)
		fx, fy, sx, sy := areaToREFI(g, r)
		mx, my := pg.media[0], pg.media[1]
		want := [4]float64{redBox[0] - mx, redBox[3] - my, redBox[2] - mx, redBox[1] - my}
		if got := [4]float64{fx, fy, sx, sy}; !near4(got, want, 1e-6) {
			t.Errorf("page %d (rotate %d): REFI corners %v, want %v", i, pg.rotate, got, want)
		}
		back := areaFromREFI(g, fx, fy, sx, sy)
		if !near4(rect4(back), rect4(r), 1e-6) {
			t.Errorf("page %d: back %v, want %v", i, back, r)
		}
		// Either corner order reads the same.
		if swapped := areaFromREFI(g, sx, sy, fx, fy); swapped != back {
			t.Errorf("page %d: swapped corners give %v", i, swapped)
		}
		if !allRed(t, doc, i, r) {
			t.Errorf("page %d: the displayed box %v is not where the red box is drawn", i, r)
		}
	}
}

func rect4(r coding.Rect) [4]float64 { return [4]float64{r.X0, r.Y0, r.X1, r.Y1} }

func near4(a, b [4]float64, tol float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}

// TestQDPXAreasRoundTrip exports area codings on pages of every rotation
// and imports them into a fresh project: same pages, rectangles within half
// a point (the file holds whole points), codes, coders, labels, memos and
// times, and they still frame the red box.
func TestQDPXAreasRoundTrip(t *testing.T) {
	src := testkit.Project(t)
	code, err := coding.CreateCode(src, coding.Code{Name: "Wage tables", Kind: coding.KindTheme, Color: "#aa3300"})
	if err != nil {
		t.Fatal(err)
	}
	pages := boxPages()
	pdf := boxPDF(pages...)
	study := pdfStudy(t, src, "Boxes", pdf, len(pages))
	doc := openDoc(t, pdf)
	var made []coding.Area
	for i := range pages {
		r := displayedBox(t, doc, i)
		r.X0 += 0.3 // not whole points
		size := doc.PageSize(i)
		if i == 2 {
			testkit.As(t, src, testkit.Ben)
		}
		a, err := coding.ApplyArea(src, coding.PageArea{Study: study, Page: i, Rect: r, PageW: size.W, PageH: size.H,
			Label: []string{"table", "", "bar chart", "photo"}[i]}, code, []string{"", "wages per month", "", ""}[i])
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, a)
	}
	out := filepath.Join(t.TempDir(), "areas.qdpx")
	if err := ExportQDPX(context.Background(), src, out, nil); err != nil {
		t.Fatal(err)
	}
	validateQDE(t, out)

	dst := emptyProject(t)
	rep, err := ImportQDPX(context.Background(), dst, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Areas != len(made) || rep.AreasSkipped != 0 || rep.AreasExisting != 0 {
		t.Fatalf("report %+v", rep)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w, "area") {
			t.Errorf("warning %q", w)
		}
	}
	got, err := coding.AreasOfStudy(dst, study)
	if err != nil || len(got) != len(made) {
		t.Fatalf("imported areas %+v %v", got, err)
	}
	for i, want := range made {
		a, err := coding.GetArea(dst, want.GUID)
		if err != nil {
			t.Fatalf("area %d: %v", i, err)
		}
		if a.Page != want.Page || !near4(rect4(a.Rect), rect4(want.Rect), 0.5) || a.Code != want.Code || a.Coder != want.Coder ||
			a.Label != want.Label || a.Memo != want.Memo || !a.CreatedAt.Equal(want.CreatedAt) || a.PageW != want.PageW {
			t.Errorf("page %d: imported %+v\nwant %+v", i, a, want)
		}
		if !allRed(t, doc, i, a.Rect) {
			t.Errorf("page %d: the imported area %v misses the red box", i, a.Rect)
		}
	}
	if problems, err := dst.Check(context.Background()); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	// Importing the file again adds nothing.
	rep, err = ImportQDPX(context.Background(), dst, out, nil)
	if err != nil || rep.Areas != 0 || rep.AreasExisting != len(made) {
		t.Fatalf("second import %+v %v", rep, err)
	}
}

// TestQDPXImportForeignAreas imports PDF selections written as other
// programs write them: the lower corner first, names that are the text
// inside, a page the PDF does not have, and a PDF missing from the archive.
func TestQDPXImportForeignAreas(t *testing.T) {
	id := func(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }
	at := time.Date(2018, 3, 27, 19, 11, 47, 0, time.UTC)
	sel := func(n, page int, fx, fy, sx, sy float64, name string) refi.PDFSelection {
		return refi.PDFSelection{GUID: id(n), Name: name, Page: page, FirstX: fx, FirstY: fy, SecondX: sx, SecondY: sy,
			Stamp: refi.Stamp{CreatingUser: id(1), Created: at}, Codings: []refi.Coding{{GUID: id(n + 1), CodeGUID: id(2), CreatingUser: id(1)}}}
	}
	rp := &refi.Project{Name: "Foreign areas", Origin: "ATLAS.ti 8.4.0",
		Users: []refi.User{{GUID: id(1), Name: "Sam"}},
		Codes: []*refi.Code{{GUID: id(2), Name: "Ingredients", IsCodable: true}},
		PDFSources: []*refi.PDFSource{
			{GUID: id(10), Name: "recipe.pdf", Selections: []refi.PDFSelection{
				sel(20, 0, redBox[0], redBox[1], redBox[2], redBox[3], "favoritos. Dificultad: Media"),
				sel(22, 3, 10, 10, 50, 50, "Quotation 12:3")},
				Representation: &refi.TextSource{GUID: id(11), Name: "recipe.txt", PlainTextContent: "favoritos"}},
			{GUID: id(30), Name: "missing.pdf", Selections: []refi.PDFSelection{sel(32, 0, 1, 1, 9, 9, "table on p. 1")},
				Representation: &refi.TextSource{GUID: id(31), Name: "missing.txt", PlainTextContent: "no PDF here"}},
		},
	}
	pdf := boxPDF(boxPage{media: [4]float64{0, 0, 612, 792}})
	path := filepath.Join(t.TempDir(), "foreign.qdpx")
	if err := refi.WriteQDPXFile(context.Background(), path, rp, refi.BytesOpener(map[string][]byte{id(10) + ".pdf": pdf}), nil); err != nil {
		t.Fatal(err)
	}
	p := emptyProject(t)
	rep, err := ImportQDPX(context.Background(), p, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Areas != 1 || rep.AreasSkipped != 2 {
		t.Fatalf("report %+v", rep)
	}
	for _, want := range []string{`"recipe.pdf": an area coding was not imported: it is on page 4, and the PDF has 1`,
		`"missing.pdf": 1 area coding(s) were not imported: the study has no PDF to place them on`} {
		if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
			t.Errorf("no warning %q in %q", want, rep.Warnings)
		}
	}
	a, err := coding.GetArea(p, id(21))
	if err != nil {
		t.Fatal(err)
	}
	// The box's user-space corners on a Letter page, seen from the top left.
	want := coding.Rect{X0: 100, Y0: 792 - 650, X1: 200, Y1: 792 - 600}
	if a.Study != id(10) || a.Page != 0 || a.Rect != want || a.Label != "" || a.Coder != id(1) || !a.CreatedAt.Equal(at) ||
		a.PageW != 612 || a.PageH != 792 {
		t.Fatalf("area %+v", a)
	}
}
