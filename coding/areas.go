package coding

import (
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// Area codings: a code applied to a rectangle of one page of a study's PDF
// (a table, a figure, a photo, a chart) rather than to a passage of its
// text.
//
// Coordinates. Pages count from 0 here (the interface and wb say "p. 1"
// for page 0). A rectangle is in PDF points (1/72 inch) on the page as
// displayed, that is with its CropBox and /Rotate applied, measured from
// the displayed page's top-left corner with y growing downwards: the space
// of corpus/pdfpage, whose Doc.PageSize gives the page's size and whose
// RenderRegion draws the area (pdfpage.Rect(a.Rect) converts). REFI-QDA
// files count from the bottom-left corner of the unrotated MediaBox;
// coding/exchange converts with pdfpage.Geometry.

// Conditions of area coding a user can fix.
var (
	// ErrAreaPage means the page number is not one of the study's pages.
	ErrAreaPage = errors.New("the area is not on a page of the study's PDF")
	// ErrAreaSize means the rectangle is smaller than MinAreaSide either way.
	ErrAreaSize = errors.New("the area is too small: draw a rectangle at least 1 point wide and 1 point high")
	// ErrAreaOutside means the rectangle lies (partly) outside its page.
	ErrAreaOutside = errors.New("the area lies outside the page")
	// ErrDuplicateArea means the coder already gave that code to the same area.
	ErrDuplicateArea = errors.New("this area already has that code")
	// ErrNoPages means the study has no PDF (it was imported as plain text),
	// so it has no pages to mark.
	ErrNoPages = errors.New("the study has no PDF pages to mark (its source is a text file); code its text instead")
	// ErrAreaLabel means an area's label is longer than MaxAreaLabel.
	ErrAreaLabel = errors.New("the area's label is too long: name what it shows in a few words (\"table\", \"figure\")")
)

// Limits of area codings, in points.
const (
	// MinAreaSide is the smallest width and height of an area.
	MinAreaSide = 1.0
	// AreaSlack is how far a rectangle may reach past its page's edges (a
	// drag that ends just outside, a rounded REFI-QDA selection); it is
	// clipped to the page. Farther is ErrAreaOutside.
	AreaSlack = 1.0
	// AreaTolerance is how far apart two rectangles' edges may be for them
	// to count as the same area (duplicates, merges, REFI-QDA round trips,
	// which round to whole points).
	AreaTolerance = 1.0
	// MaxAreaLabel is the longest label, in code points.
	MaxAreaLabel = 60
	// maxPageSide is PDF's own limit on a page's side (14,400 points).
	maxPageSide = 14400.0
)

// Rect is a rectangle on a displayed page in points from its top-left
// corner, X0,Y0 top-left and X1,Y1 bottom-right; it has the fields of
// pdfpage.Rect, so pdfpage.Rect(r) converts.
type Rect struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// Canon returns the rectangle with X0 <= X1 and Y0 <= Y1.
func (r Rect) Canon() Rect {
	if r.X0 > r.X1 {
		r.X0, r.X1 = r.X1, r.X0
	}
	if r.Y0 > r.Y1 {
		r.Y0, r.Y1 = r.Y1, r.Y0
	}
	return r
}

// W returns the width.
func (r Rect) W() float64 { return r.X1 - r.X0 }

// H returns the height.
func (r Rect) H() float64 { return r.Y1 - r.Y0 }

// Intersects reports whether two rectangles share some area.
func (r Rect) Intersects(o Rect) bool {
	return r.X0 < o.X1 && o.X0 < r.X1 && r.Y0 < o.Y1 && o.Y0 < r.Y1
}

// Same reports whether every edge of o is within AreaTolerance of r's.
func (r Rect) Same(o Rect) bool {
	return math.Abs(r.X0-o.X0) <= AreaTolerance && math.Abs(r.Y0-o.Y0) <= AreaTolerance &&
		math.Abs(r.X1-o.X1) <= AreaTolerance && math.Abs(r.Y1-o.Y1) <= AreaTolerance
}

// String writes the corners as "x0,y0,x1,y1" in points (two decimals at most).
func (r Rect) String() string {
	return trimFloat(r.X0) + "," + trimFloat(r.Y0) + "," + trimFloat(r.X1) + "," + trimFloat(r.Y1)
}

// PageArea is a rectangle of one page of a study's PDF and what it shows.
type PageArea struct {
	Study string // study GUID
	Page  int    // from 0
	Rect  Rect   // points on the displayed page, origin top-left
	// PageW and PageH are the displayed page's size in points
	// (pdfpage.Doc.PageSize), 0 when unknown; when known the rectangle
	// must lie on the page.
	PageW, PageH float64
	Label        string // what the area shows: "table", "figure", ...; "" for an area
}

// Area is one area coding (table areas): a code applied to a rectangle of a
// page by a coder.
type Area struct {
	GUID string // identity
	PageArea
	Code      string    // code GUID
	Coder     string    // coder GUID
	CreatedAt time.Time // when it was coded
	Memo      string    // optional note
	Consensus bool      // true when made by reconciliation
}

// Describe names the area for lists and briefs: "table on p. 12" (its
// label, else "area", and its page counted from 1).
func (a PageArea) Describe() string {
	label := strings.TrimSpace(a.Label)
	if label == "" {
		label = "area"
	}
	return fmt.Sprintf("%s on p. %d", label, a.Page+1)
}

// DescribeIn names the area with its study: "table on p. 12 of Title".
func (a PageArea) DescribeIn(title string) string {
	return a.Describe() + " of " + title
}

// CheckArea validates a page area and returns it cleaned: corners in order,
// edges that reach at most AreaSlack past the page clipped to it, the label
// trimmed. It does not look at the project; ApplyArea calls it.
func CheckArea(a PageArea) (PageArea, error) {
	r := a.Rect.Canon()
	for _, v := range []float64{r.X0, r.Y0, r.X1, r.Y1, a.PageW, a.PageH} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return a, fmt.Errorf("rectangle %s: %w", r, ErrAreaOutside)
		}
	}
	if a.Page < 0 {
		return a, fmt.Errorf("page %d: %w", a.Page+1, ErrAreaPage)
	}
	if a.PageW < 0 || a.PageH < 0 || (a.PageW > 0) != (a.PageH > 0) {
		return a, fmt.Errorf("page size %gx%g points: %w", a.PageW, a.PageH, ErrAreaOutside)
	}
	w, h := a.PageW, a.PageH
	if w == 0 {
		w, h = maxPageSide, maxPageSide
	}
	if r.X0 < -AreaSlack || r.Y0 < -AreaSlack || r.X1 > w+AreaSlack || r.Y1 > h+AreaSlack {
		what := fmt.Sprintf("rectangle %s", r)
		if a.PageW > 0 {
			what += fmt.Sprintf(" on a page of %sx%s points", trimFloat(a.PageW), trimFloat(a.PageH))
		}
		return a, fmt.Errorf("%s: %w", what, ErrAreaOutside)
	}
	r = Rect{max(r.X0, 0), max(r.Y0, 0), min(r.X1, w), min(r.Y1, h)}
	if r.W() < MinAreaSide || r.H() < MinAreaSide {
		return a, fmt.Errorf("rectangle %s: %w", r, ErrAreaSize)
	}
	a.Rect = r
	a.Label = strings.Join(strings.Fields(a.Label), " ")
	if utf8.RuneCountInString(a.Label) > MaxAreaLabel {
		return a, ErrAreaLabel
	}
	return a, nil
}

// trimFloat writes v with at most two decimals and no trailing zeros.
func trimFloat(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// areaCols are the columns of table areas in the order scanArea reads them.
const areaCols = `guid, study, code, page, x0, y0, x1, y1, page_w, page_h, label, coder, created_at, memo, consensus`

func scanArea(r interface{ Scan(...any) error }) (Area, error) {
	var a Area
	var at string
	var cons int64
	err := r.Scan(&a.GUID, &a.Study, &a.Code, &a.Page, &a.Rect.X0, &a.Rect.Y0, &a.Rect.X1, &a.Rect.Y1,
		&a.PageW, &a.PageH, &a.Label, &a.Coder, &at, &a.Memo, &cons)
	a.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
	a.Consensus = cons != 0
	return a, err
}

// ApplyArea codes a rectangle of a study's page with a code, as one action
// ("Code area"), and returns the new area coding. The area is checked with
// CheckArea; the study must have a PDF source and the code must exist. The
// current coder and the time are recorded. Areas may overlap, but the same
// code on the same area (every edge within AreaTolerance) by the same coder
// fails with ErrDuplicateArea.
func ApplyArea(p *corpus.Project, at PageArea, code, memo string) (Area, error) {
	var a Area
	err := p.Do("Code area", func(tx *corpus.Tx) error {
		var err error
		a, err = ApplyAreaTx(tx, at, code, memo, false)
		return err
	})
	if err != nil {
		return Area{}, err
	}
	return a, nil
}

// ApplyAreaTx is ApplyArea inside an action, for callers that write an area
// as part of a larger action (a reconciliation); consensus marks the lead's
// agreed version.
func ApplyAreaTx(tx *corpus.Tx, at PageArea, code, memo string, consensus bool) (Area, error) {
	return AddAreaTx(tx, Area{PageArea: at, Code: code, Memo: memo, Consensus: consensus})
}

// AddAreaTx stores an area coding inside an action, as ApplyArea checks it,
// keeping the identity, coder and time it is given (an import, a merge):
// an empty GUID gets a new one, an empty Coder is the current coder and a
// zero CreatedAt is now. A GUID the project already has, or the same area
// with the same code, coder and consensus flag, fails with
// ErrDuplicateArea.
func AddAreaTx(tx *corpus.Tx, a Area) (Area, error) {
	if a.Coder == "" {
		a.Coder = tx.Coder()
	}
	if a.Coder == "" {
		return Area{}, ErrNoCoder
	}
	at, err := CheckArea(a.PageArea)
	if err != nil {
		return Area{}, err
	}
	a.PageArea = at
	var pdf, codeOK, taken int
	err = tx.QueryRow(`SELECT instr(substr(o.data, 1, 1024), CAST('%PDF' AS BLOB)),
		(SELECT COUNT(*) FROM codes k WHERE k.guid = ?), (SELECT COUNT(*) FROM areas WHERE guid = ?)
		FROM studies s LEFT JOIN sources o ON o.guid = s.source WHERE s.guid = ?`, a.Code, a.GUID, at.Study).Scan(&pdf, &codeOK, &taken)
	if errors.Is(err, sql.ErrNoRows) {
		return Area{}, fmt.Errorf("study %s: %w", at.Study, corpus.ErrNotFound)
	}
	if err != nil {
		return Area{}, fmt.Errorf("code area: %w", err)
	}
	if codeOK == 0 {
		return Area{}, fmt.Errorf("code %s: %w", a.Code, corpus.ErrNotFound)
	}
	if pdf == 0 {
		return Area{}, ErrNoPages
	}
	dup, err := sameArea(tx, at, a.Code, a.Coder, a.Consensus, "")
	if err != nil {
		return Area{}, err
	}
	if dup != "" || taken > 0 {
		return Area{}, ErrDuplicateArea
	}
	if a.GUID == "" {
		a.GUID = uuid.NewString()
	}
	a.Memo = strings.TrimSpace(a.Memo)
	stamp := tx.Stamp()
	if a.CreatedAt.IsZero() {
		a.CreatedAt, _ = time.Parse(time.RFC3339Nano, stamp)
	} else {
		stamp = a.CreatedAt.UTC().Format(time.RFC3339Nano)
		a.CreatedAt, _ = time.Parse(time.RFC3339Nano, stamp)
	}
	if err := schema.Areas.Insert(tx, areaRow(a, stamp)); err != nil {
		return Area{}, err
	}
	tx.Touch(a.Study)
	return a, nil
}

// areaRow is the table row of an area created at stamp.
func areaRow(a Area, stamp string) schema.Area {
	return schema.Area{GUID: a.GUID, Study: a.Study, Code: a.Code, Page: a.Page,
		X0: a.Rect.X0, Y0: a.Rect.Y0, X1: a.Rect.X1, Y1: a.Rect.Y1, PageW: a.PageW, PageH: a.PageH,
		Label: a.Label, Coder: a.Coder, CreatedAt: stamp, Memo: a.Memo, Consensus: a.Consensus}
}

// sameArea returns the GUID of an area of the study's page with the code by
// the coder (with the consensus flag) whose rectangle is the same as at's
// (Rect.Same), other than except; "" when there is none.
func sameArea(tx *corpus.Tx, at PageArea, code, coder string, consensus bool, except string) (string, error) {
	r, t := at.Rect, AreaTolerance
	var g string
	err := tx.QueryRow(`SELECT guid FROM areas WHERE study = ? AND page = ? AND code = ? AND coder = ? AND consensus = ? AND guid <> ?
		AND abs(x0 - ?) <= ? AND abs(y0 - ?) <= ? AND abs(x1 - ?) <= ? AND abs(y1 - ?) <= ? LIMIT 1`,
		at.Study, at.Page, code, coder, consensus, except, r.X0, t, r.Y0, t, r.X1, t, r.Y1, t).Scan(&g)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("look for the same area: %w", err)
	}
	return g, nil
}

// getArea reads one area inside an action.
func getArea(tx *corpus.Tx, guid string) (Area, error) {
	a, err := scanArea(tx.QueryRow(`SELECT `+areaCols+` FROM areas WHERE guid = ?`, guid))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("area coding %s: %w", guid, corpus.ErrNotFound)
	}
	return a, err
}

// GetArea returns one area coding by GUID.
func GetArea(p *corpus.Project, guid string) (Area, error) {
	a, err := scanArea(p.DB().QueryRow(`SELECT `+areaCols+` FROM areas WHERE guid = ?`, guid))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("area coding %s: %w", guid, corpus.ErrNotFound)
	}
	return a, err
}

// RemoveArea deletes an area coding, as one action.
func RemoveArea(p *corpus.Project, guid string) error {
	return p.Do("Remove area coding", func(tx *corpus.Tx) error {
		a, err := getArea(tx, guid)
		if err != nil {
			return err
		}
		tx.Touch(a.Study)
		return schema.Areas.Delete(tx, guid)
	})
}

// ChangeAreaCode gives an area coding another code (same area and coder).
// It fails with ErrDuplicateArea when the coder already has that code on
// the same area.
func ChangeAreaCode(p *corpus.Project, guid, code string) error {
	return p.Do("Change area code", func(tx *corpus.Tx) error {
		a, err := getArea(tx, guid)
		if err != nil {
			return err
		}
		if a.Code == code {
			return nil
		}
		if err := codeExists(tx, code); err != nil {
			return err
		}
		dup, err := sameArea(tx, a.PageArea, code, a.Coder, a.Consensus, a.GUID)
		if err != nil {
			return err
		}
		if dup != "" {
			return ErrDuplicateArea
		}
		tx.Touch(a.Study)
		return schema.Areas.Update(tx, guid, schema.AreaCol.Code.To(code))
	})
}

// SetAreaMemo replaces an area coding's memo ("" clears it), as one action.
func SetAreaMemo(p *corpus.Project, guid, memo string) error {
	return p.Do("Edit area memo", func(tx *corpus.Tx) error {
		a, err := getArea(tx, guid)
		if err != nil {
			return err
		}
		tx.Touch(a.Study)
		return schema.Areas.Update(tx, guid, schema.AreaCol.Memo.To(strings.TrimSpace(memo)))
	})
}

// SetAreaLabel renames what an area shows ("table", "figure"; "" for a
// plain area), as one action.
func SetAreaLabel(p *corpus.Project, guid, label string) error {
	label = strings.Join(strings.Fields(label), " ")
	if utf8.RuneCountInString(label) > MaxAreaLabel {
		return ErrAreaLabel
	}
	return p.Do("Edit area label", func(tx *corpus.Tx) error {
		a, err := getArea(tx, guid)
		if err != nil {
			return err
		}
		tx.Touch(a.Study)
		return schema.Areas.Update(tx, guid, schema.AreaCol.Label.To(label))
	})
}

// AreaFilter selects area codings; empty fields match everything.
type AreaFilter struct {
	Study string // study GUID
	Code  string // code GUID
	Coder string // coder GUID
	Pages []int  // pages (from 0)
}

// Areas lists the area codings matching the filter, ordered by study, page
// and position on the page (top to bottom, then left to right).
func Areas(p *corpus.Project, f AreaFilter) ([]Area, error) {
	var where []string
	var args []any
	for _, x := range []struct{ col, v string }{{"study", f.Study}, {"code", f.Code}, {"coder", f.Coder}} {
		if x.v != "" {
			where = append(where, x.col+" = ?")
			args = append(args, x.v)
		}
	}
	if len(f.Pages) > 0 {
		where = append(where, "page IN (?"+strings.Repeat(",?", len(f.Pages)-1)+")")
		for _, n := range f.Pages {
			args = append(args, n)
		}
	}
	q := `SELECT ` + areaCols + ` FROM areas`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY study, page, y0, x0, guid`
	rows, err := p.DB().Query(q, args...)
	if err != nil {
		return nil, fmt.Errorf("list area codings: %w", err)
	}
	defer rows.Close()
	var out []Area
	for rows.Next() {
		a, err := scanArea(rows)
		if err != nil {
			return nil, fmt.Errorf("list area codings: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AreasOfStudy lists a study's area codings by page and position.
func AreasOfStudy(p *corpus.Project, study string) ([]Area, error) {
	return Areas(p, AreaFilter{Study: study})
}
