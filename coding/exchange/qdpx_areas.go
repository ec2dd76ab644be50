package exchange

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// Area codings travel in REFI-QDA files as PDFSelection elements of the
// study's PDFSource, one selection per area with one Coding (the area's
// GUID, code, coder and time; its memo a Note referenced from the Coding).
// The selection's name is the area's description ("table on p. 3"), from
// which the label is read back.
//
// Coordinates: an area is a rectangle on the displayed page from its
// top-left corner (coding.Area); a REFI-QDA selection is in PDF points from
// the bottom-left corner of the page's MediaBox on the unrotated page, y
// upwards (REFI-QDA 1.5, 10.3), pages from 0 in both. The page's CropBox,
// rotation and MediaBox, read with corpus/pdfpage (Geometry), convert one
// into the other. The first corner written is the top-left one of the
// unrotated page and the second the bottom-right one; on reading either
// order is accepted. Corners are written as whole points (the schema's
// integers), so an area comes back within half a point.

// areaToREFI returns a displayed-page rectangle as REFI-QDA corners.
func areaToREFI(g pdfpage.Geometry, r coding.Rect) (fx, fy, sx, sy float64) {
	ux0, uy0 := g.ToUser(r.X0, r.Y0)
	ux1, uy1 := g.ToUser(r.X1, r.Y1)
	mx, my := g.Media[0], g.Media[1]
	return min(ux0, ux1) - mx, max(uy0, uy1) - my, max(ux0, ux1) - mx, min(uy0, uy1) - my
}

// areaFromREFI returns REFI-QDA corners as a displayed-page rectangle.
func areaFromREFI(g pdfpage.Geometry, fx, fy, sx, sy float64) coding.Rect {
	mx, my := g.Media[0], g.Media[1]
	x0, y0 := g.ToDisplay(fx+mx, fy+my)
	x1, y1 := g.ToDisplay(sx+mx, sy+my)
	return coding.Rect{X0: x0, Y0: y0, X1: x1, Y1: y1}.Canon()
}

// areaPages opens a study's PDF with the page renderer, to place its areas.
func areaPages(ctx context.Context, study string, data []byte) (*pdfpage.Doc, error) {
	doc, err := pdfpage.Open(ctx, data)
	if err != nil {
		return nil, fmt.Errorf("the PDF of study %s cannot be read to place its area codings: %w", study, err)
	}
	return doc, nil
}

// areaSelections converts a study's area codings to PDF selections, with a
// note for each area's memo (added to notes).
func areaSelections(ctx context.Context, p *corpus.Project, study string, areas []coding.Area, user func(string) string,
	notes *[]*refi.TextSource) ([]refi.PDFSelection, error) {
	if len(areas) == 0 {
		return nil, nil
	}
	_, data, err := p.PDF(study)
	if err != nil {
		return nil, err
	}
	doc, err := areaPages(ctx, study, data)
	if err != nil {
		return nil, err
	}
	defer doc.Close()
	var out []refi.PDFSelection
	for _, a := range areas {
		if a.Page >= doc.PageCount() {
			return nil, fmt.Errorf("area coding %s is on page %d, but the PDF of study %s has %d pages", a.GUID, a.Page+1, study, doc.PageCount())
		}
		g, err := doc.Geometry(ctx, a.Page)
		if err != nil {
			return nil, fmt.Errorf("area coding %s: %w", a.GUID, err)
		}
		fx, fy, sx, sy := areaToREFI(g, a.Rect)
		c := refi.Coding{GUID: a.GUID, CodeGUID: a.Code, CreatingUser: user(a.Coder), Created: a.CreatedAt}
		if a.Memo != "" {
			n := &refi.TextSource{GUID: derivedGUID("area-memo", a.GUID), Name: "Memo on area: " + clipName(a.Memo),
				PlainTextContent: a.Memo, Stamp: refi.Stamp{CreatingUser: c.CreatingUser, Created: a.CreatedAt}}
			*notes = append(*notes, n)
			c.NoteRefs = []string{n.GUID}
		}
		out = append(out, refi.PDFSelection{GUID: derivedGUID("area-selection", a.GUID), Name: a.Describe(), Page: a.Page,
			FirstX: fx, FirstY: fy, SecondX: sx, SecondY: sy, Stamp: refi.Stamp{CreatingUser: c.CreatingUser, Created: a.CreatedAt},
			Codings: []refi.Coding{c}})
	}
	return out, nil
}

// describedArea matches an area's description ("table on p. 3").
var describedArea = regexp.MustCompile(`^(.+) on p\. (\d+)$`)

// areaLabel reads the label back from a selection named as areaSelections
// names them; any other name (the text in the area, "Quotation 12:3") gives
// no label.
func areaLabel(name string, page int) string {
	m := describedArea.FindStringSubmatch(strings.TrimSpace(name))
	if m == nil || m[2] != strconv.Itoa(page+1) || m[1] == "area" || len([]rune(m[1])) > coding.MaxAreaLabel {
		return ""
	}
	return m[1]
}

// areas imports the area selections of a PDF source as area codings of its
// study, placing them on the pages of pdfData (the archive's PDF, else the
// project's). A selection that cannot be placed is reported and left out.
func (im *qdpxImporter) areas(study, name string, pdf *refi.PDFSource, pdfData []byte) error {
	if pdf == nil || len(pdf.Selections) == 0 {
		return nil
	}
	codings := 0
	for _, s := range pdf.Selections {
		codings += len(s.Codings)
	}
	if codings == 0 {
		return nil
	}
	skipAll := func(why string) {
		im.rep.AreasSkipped += codings
		im.warn("%q: %d area coding(s) were not imported: %s", name, codings, why)
	}
	if pdfData == nil {
		var err error
		if pdfData, err = im.studyPDF(study); err != nil {
			return err
		}
	}
	if pdfData == nil {
		skipAll("the study has no PDF to place them on")
		return nil
	}
	doc, err := pdfpage.Open(im.ctx, pdfData)
	if err != nil {
		if im.ctx.Err() != nil {
			return im.ctx.Err()
		}
		skipAll(fmt.Sprintf("its PDF cannot be read to place them (%v)", err))
		return nil
	}
	defer doc.Close()
	for _, s := range pdf.Selections {
		if err := im.area(study, name, doc, s); err != nil {
			return err
		}
	}
	return nil
}

// area imports the codings of one area selection.
func (im *qdpxImporter) area(study, name string, doc *pdfpage.Doc, s refi.PDFSelection) error {
	skip := func(why string) {
		im.rep.AreasSkipped += len(s.Codings)
		im.warn("%q: an area coding was not imported: %s", name, why)
	}
	for _, c := range s.Codings {
		for _, g := range append(append([]string(nil), c.NoteRefs...), s.NoteRefs...) {
			im.used[g] = true
		}
	}
	if s.Page >= doc.PageCount() {
		skip(fmt.Sprintf("it is on page %d, and the PDF has %d", s.Page+1, doc.PageCount()))
		return nil
	}
	g, err := doc.Geometry(im.ctx, s.Page)
	if err != nil {
		if im.ctx.Err() != nil {
			return im.ctx.Err()
		}
		skip(err.Error())
		return nil
	}
	size := doc.PageSize(s.Page)
	at := coding.PageArea{Study: study, Page: s.Page, Rect: areaFromREFI(g, s.FirstX, s.FirstY, s.SecondX, s.SecondY),
		PageW: size.W, PageH: size.H, Label: areaLabel(s.Name, s.Page)}
	for i, c := range s.Codings {
		code, ok := im.codes[c.CodeGUID]
		if !ok {
			im.rep.AreasSkipped++
			im.warn("%q: an area coding was not imported: its code is not in the codebook", name)
			continue
		}
		coder := im.coder(c.CreatingUser, s.CreatingUser)
		if im.coderFrom == CoderFromSelection {
			coder = im.coder(s.CreatingUser, c.CreatingUser)
		}
		notes := c.NoteRefs
		if i == 0 {
			notes = append(append([]string(nil), notes...), s.NoteRefs...)
		}
		memo, err := im.noteText(notes)
		if err != nil {
			return err
		}
		created := c.Created
		if created.IsZero() {
			created = s.Created
		}
		_, err = coding.AddAreaTx(im.tx, coding.Area{GUID: validGUID(c.GUID), PageArea: at, Code: code, Coder: coder,
			CreatedAt: created, Memo: memo})
		switch {
		case errors.Is(err, coding.ErrDuplicateArea):
			im.rep.AreasExisting++
		case errors.Is(err, coding.ErrAreaSize), errors.Is(err, coding.ErrAreaOutside), errors.Is(err, coding.ErrAreaPage),
			errors.Is(err, coding.ErrAreaLabel), errors.Is(err, coding.ErrNoPages):
			im.rep.AreasSkipped++
			im.warn("%q: an area coding was not imported: %v", name, err)
		case err != nil:
			return err
		default:
			im.rep.Areas++
		}
	}
	return nil
}

// studyPDF returns the stored PDF of a study, nil when its source is not a PDF.
func (im *qdpxImporter) studyPDF(study string) ([]byte, error) {
	var name string
	var data []byte
	err := im.tx.QueryRow(`SELECT o.file_name, o.data FROM studies s JOIN sources o ON o.guid = s.source WHERE s.guid = ?`, study).Scan(&name, &data)
	if err != nil {
		return nil, fmt.Errorf("read the PDF of study %s: %w", study, err)
	}
	if !isPDF(name, data[:min(len(data), 16)]) {
		return nil, nil
	}
	return data, nil
}
