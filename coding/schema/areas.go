package schema

import "github.com/evidence-workbench/workbench/corpus"

// areasStep creates the areas table (coding's schema step 5): area codings,
// a code applied to a rectangle of one page of a study's PDF (a table, a
// figure, a photo), as the page view draws them.
//
// page counts from 0. x0, y0 (top-left corner) and x1, y1 (bottom-right)
// are PDF points (1/72 inch) on the page as displayed, that is with its
// CropBox and /Rotate applied, measured from the top-left corner with y
// growing downwards: the space of corpus/pdfpage (Doc.PageSize, Rect,
// RenderRegion). page_w and page_h are that page's displayed size when the
// area was drawn (0 when it was not known); label says what the area shows
// ("table", "figure", ...; "" for an unnamed area).
const areasStep = `CREATE TABLE areas (
		guid TEXT PRIMARY KEY, study TEXT NOT NULL, code TEXT NOT NULL, page INTEGER NOT NULL,
		x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
		page_w REAL NOT NULL DEFAULT 0, page_h REAL NOT NULL DEFAULT 0, label TEXT NOT NULL DEFAULT '',
		coder TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, memo TEXT NOT NULL DEFAULT '',
		consensus INTEGER NOT NULL DEFAULT 0);
		CREATE INDEX areas_study ON areas(study, page);
		CREATE INDEX areas_code_study ON areas(code, study);`

// The consistency checks of the areas table. A rectangle must have a
// positive size, lie at non-negative coordinates and, when the page's size
// was known, inside the page (a hundredth of a point of rounding allowed).
var (
	areasOfMissingStudy = corpus.Check{What: "area codings of a missing study",
		Query: `SELECT COUNT(*) FROM areas a LEFT JOIN studies s ON s.guid = a.study WHERE s.guid IS NULL`,
		Fix:   `DELETE FROM areas WHERE study NOT IN (SELECT guid FROM studies)`}
	areasOfMissingCode = corpus.Check{What: "area codings of a missing code",
		Query: `SELECT COUNT(*) FROM areas a LEFT JOIN codes k ON k.guid = a.code WHERE k.guid IS NULL`,
		Fix:   `DELETE FROM areas WHERE code NOT IN (SELECT guid FROM codes)`}
	areasOutsidePage = corpus.Check{What: "area codings outside their page",
		Query: `SELECT COUNT(*) FROM areas WHERE page < 0 OR x0 < 0 OR y0 < 0 OR x1 <= x0 OR y1 <= y0
		OR (page_w > 0 AND x1 > page_w + 0.01) OR (page_h > 0 AND y1 > page_h + 0.01)`,
		Fix: `DELETE FROM areas WHERE page < 0 OR x0 < 0 OR y0 < 0 OR x1 <= x0 OR y1 <= y0
		OR (page_w > 0 AND x1 > page_w + 0.01) OR (page_h > 0 AND y1 > page_h + 0.01)`}
)

// Area is a row of the areas table: a code applied to a rectangle of one
// page of a study's PDF (see areasStep for the coordinates).
type Area struct {
	GUID      string  `db:"guid"`
	Study     string  `db:"study"`
	Code      string  `db:"code"`
	Page      int     `db:"page"` // from 0
	X0        float64 `db:"x0"`   // left, points from the displayed page's left edge
	Y0        float64 `db:"y0"`   // top, points from the displayed page's top edge
	X1        float64 `db:"x1"`   // right
	Y1        float64 `db:"y1"`   // bottom
	PageW     float64 `db:"page_w"`
	PageH     float64 `db:"page_h"`
	Label     string  `db:"label"`
	Coder     string  `db:"coder"`
	CreatedAt string  `db:"created_at"`
	Memo      string  `db:"memo"`
	Consensus bool    `db:"consensus"` // made by the lead's reconciliation
}

// Areas is the areas table.
var Areas = corpus.NewTable[Area]("areas")

// Columns of the areas table.
var AreaCol = struct {
	Code, Label, Memo corpus.Column
}{
	Areas.Col("code"), Areas.Col("label"), Areas.Col("memo"),
}
