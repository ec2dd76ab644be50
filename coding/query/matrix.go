package query

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// Matrix column dimensions.
const (
	DimSector   = "sector"
	DimCountry  = "country"
	DimMethod   = "method"
	DimYear     = "year"
	DimCoder    = "coder"
	DimStatus   = "status"
	DimLanguage = "language"
	DimPubType  = "publication_type"
)

// Dimensions lists the matrix column dimensions.
var Dimensions = []string{DimSector, DimCountry, DimMethod, DimYear, DimCoder, DimStatus, DimLanguage, DimPubType}

// NotRecorded labels the column of studies without a value for the dimension.
const NotRecorded = "(not recorded)"

// MatrixQuery describes a code x attribute matrix. Rows are codes; columns
// are the values of one dimension. A study with several sectors or
// countries counts in each of their columns.
type MatrixQuery struct {
	Cols       string             // one of Dimensions
	Kind       string             // rows: the codes of this kind (when Codes is empty)
	Codes      []string           // rows: these codes, in this order
	RollUp     bool               // a row also counts its sub-codes' codings
	Coders     []string           // only these coders' codings
	Filter     coding.StudyFilter // only studies passing this filter
	AllStudies bool               // count every study, not only reportable ones (see Reportable)
}

// Cell is one matrix cell: the codings and distinct studies it counts, with
// their GUIDs so the cell can open its segments.
type Cell struct {
	Codings     int      `json:"codings"`
	Studies     int      `json:"studies"`
	CodingGUIDs []string `json:"coding_guids,omitempty"`
	StudyGUIDs  []string `json:"study_guids,omitempty"`
	studySeen   []bool
}

func (c *Cell) add(coding string, study int, studyGUID string) {
	c.Codings++
	c.CodingGUIDs = append(c.CodingGUIDs, coding)
	if !c.studySeen[study] {
		c.studySeen[study] = true
		c.Studies++
		c.StudyGUIDs = append(c.StudyGUIDs, studyGUID)
	}
}

// MatrixRow is one row of a matrix.
type MatrixRow struct {
	Code  string `json:"code"`  // code GUID
	Name  string `json:"name"`  // code name
	Path  string `json:"path"`  // code path
	Depth int    `json:"depth"` // 0 for a top-level code
}

// Matrix is a code x attribute table of counts.
type Matrix struct {
	Dimension string      `json:"dimension"` // the column dimension
	Rows      []MatrixRow `json:"rows"`
	Cols      []string    `json:"cols"`       // column labels (values; NotRecorded last)
	Cells     [][]Cell    `json:"cells"`      // [row][col]
	RowTotals []Cell      `json:"row_totals"` // per row over all columns (distinct codings and studies)
	ColTotals []Cell      `json:"col_totals"` // per column over all rows
	Total     Cell        `json:"total"`      // every counted coding and study
}

// DimValues returns a study's values for a study dimension (one of
// Dimensions but DimCoder), [NotRecorded] when it has none.
func DimValues(dim string, s corpus.Study) []string {
	var v []string
	switch dim {
	case DimSector:
		v = s.Sectors
	case DimCountry:
		v = s.Countries
	case DimMethod:
		v = []string{s.Method}
	case DimYear:
		if s.Year != 0 {
			v = []string{strconv.Itoa(s.Year)}
		}
	case DimStatus:
		v = []string{s.Status}
	case DimLanguage:
		v = []string{s.Language}
	case DimPubType:
		v = []string{s.PubType}
	}
	v = slices.DeleteFunc(slices.Clone(v), func(x string) bool { return strings.TrimSpace(x) == "" })
	if len(v) == 0 {
		return []string{NotRecorded}
	}
	return v
}

// CodeMatrix builds a code x attribute matrix in one pass over the
// project's coding index (one sequential read of the codings table, kept
// while the project is unchanged) and its studies; there are no per-cell
// queries.
func CodeMatrix(p *corpus.Project, q MatrixQuery) (*Matrix, error) {
	if !slices.Contains(Dimensions, q.Cols) {
		return nil, fmt.Errorf("%w: columns %q (use one of %s)", ErrInvalidQuery, q.Cols, strings.Join(Dimensions, ", "))
	}
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return nil, err
	}
	m := &Matrix{Dimension: q.Cols}
	if len(q.Codes) > 0 {
		for _, g := range q.Codes {
			c, ok := t.Get(g)
			if !ok {
				return nil, fmt.Errorf("code %s: %w", g, corpus.ErrNotFound)
			}
			m.Rows = append(m.Rows, MatrixRow{c.GUID, c.Name, t.Path(c.GUID), t.Depth(c.GUID)})
		}
	} else {
		for _, c := range t.Codes {
			if q.Kind == "" || c.Kind == q.Kind {
				m.Rows = append(m.Rows, MatrixRow{c.GUID, c.Name, t.Path(c.GUID), t.Depth(c.GUID)})
			}
		}
	}
	// Which rows each code counts in.
	codeRows := map[string][]int{}
	for i, r := range m.Rows {
		codeRows[r.Code] = append(codeRows[r.Code], i)
		if q.RollUp {
			for _, d := range t.Descendants(r.Code) {
				codeRows[d] = append(codeRows[d], i)
			}
		}
	}
	for c, rs := range codeRows {
		slices.Sort(rs)
		codeRows[c] = slices.Compact(rs)
	}
	// Studies in scope and their column values.
	all, err := p.Studies()
	if err != nil {
		return nil, err
	}
	studyIdx := make(map[string]int, len(all))
	var studyCols [][]int
	var studyGUIDs []string
	colIdx := map[string]int{}
	coderNames := map[string]string{}
	if q.Cols == DimCoder {
		cs, err := p.Coders()
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			coderNames[c.GUID] = c.Name
		}
	}
	colOf := func(label string) int {
		i, ok := colIdx[label]
		if !ok {
			i = len(m.Cols)
			colIdx[label] = i
			m.Cols = append(m.Cols, label)
		}
		return i
	}
	for _, s := range all {
		if !q.AllStudies && !coding.Reportable(s.Status) || !q.Filter.Match(s) {
			continue
		}
		studyIdx[s.GUID] = len(studyGUIDs)
		studyGUIDs = append(studyGUIDs, s.GUID)
		var cols []int
		if q.Cols != DimCoder {
			for _, v := range DimValues(q.Cols, s) {
				cols = append(cols, colOf(v))
			}
		}
		slices.Sort(cols)
		studyCols = append(studyCols, slices.Compact(cols))
	}
	// One pass over the (cached) coding index.
	type hit struct {
		coding string
		study  int
		rows   []int
		cols   []int
	}
	var hits []hit
	if len(codeRows) > 0 && len(studyGUIDs) > 0 {
		ix, err := loadCodingIndex(p)
		if err != nil {
			return nil, fmt.Errorf("matrix: %w", err)
		}
		rowsOf := make([][]int, len(ix.codes)) // code number -> rows
		for i, g := range ix.codes {
			rowsOf[i] = codeRows[g]
		}
		studyOf := make([]int, len(ix.studies)) // study number -> index in scope, -1 outside
		for i, g := range ix.studies {
			si, ok := studyIdx[g]
			if !ok {
				si = -1
			}
			studyOf[i] = si
		}
		coderOK := make([]bool, len(ix.coders))
		coderCol := make([][]int, len(ix.coders))
		for i, g := range ix.coders {
			coderOK[i] = len(q.Coders) == 0 || slices.Contains(q.Coders, g)
		}
		for k, guid := range ix.guids {
			rs := rowsOf[ix.code[k]]
			si := studyOf[ix.study[k]]
			if rs == nil || si < 0 || !coderOK[ix.coder[k]] {
				continue
			}
			cols := studyCols[si]
			if q.Cols == DimCoder {
				// A coder's column appears with the coder's first counted coding.
				c := ix.coder[k]
				if coderCol[c] == nil {
					name, ok := coderNames[ix.coders[c]]
					if !ok {
						name = ix.coders[c]
					}
					coderCol[c] = []int{colOf(name)}
				}
				cols = coderCol[c]
			}
			hits = append(hits, hit{guid, si, rs, cols})
		}
	}
	order := ColumnOrder(m.Cols, q.Cols)
	pos := make([]int, len(m.Cols))
	for newI, oldI := range order {
		pos[oldI] = newI
	}
	sorted := make([]string, len(m.Cols))
	for i, c := range m.Cols {
		sorted[pos[i]] = c
	}
	m.Cols = sorted
	n := len(studyGUIDs)
	newCell := func() Cell { return Cell{studySeen: make([]bool, n)} }
	m.Cells = make([][]Cell, len(m.Rows))
	m.RowTotals = make([]Cell, len(m.Rows))
	for r := range m.Rows {
		m.Cells[r] = make([]Cell, len(m.Cols))
		for c := range m.Cols {
			m.Cells[r][c] = newCell()
		}
		m.RowTotals[r] = newCell()
	}
	m.ColTotals = make([]Cell, len(m.Cols))
	for c := range m.Cols {
		m.ColTotals[c] = newCell()
	}
	m.Total = newCell()
	// Row, column and grand totals count each coding once even when it sits
	// in several cells (a study with two sectors, a code in two rows).
	for _, h := range hits {
		sg := studyGUIDs[h.study]
		for _, r := range h.rows {
			m.RowTotals[r].add(h.coding, h.study, sg)
		}
		for _, c := range h.cols {
			c = pos[c]
			m.ColTotals[c].add(h.coding, h.study, sg)
			for _, r := range h.rows {
				m.Cells[r][c].add(h.coding, h.study, sg)
			}
		}
		m.Total.add(h.coding, h.study, sg)
	}
	for r := range m.Cells {
		for c := range m.Cells[r] {
			m.Cells[r][c].studySeen = nil
		}
		m.RowTotals[r].studySeen = nil
	}
	for c := range m.ColTotals {
		m.ColTotals[c].studySeen = nil
	}
	m.Total.studySeen = nil
	return m, nil
}

// ColumnOrder returns the column indices in display order: years ascending,
// statuses in workflow order, others alphabetically; NotRecorded last.
func ColumnOrder(cols []string, dim string) []int {
	idx := make([]int, len(cols))
	for i := range idx {
		idx[i] = i
	}
	rank := func(s string) int {
		if dim == DimStatus {
			return slices.Index(corpus.Statuses, s)
		}
		return 0
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := cols[idx[a]], cols[idx[b]]
		if (x == NotRecorded) != (y == NotRecorded) {
			return y == NotRecorded
		}
		if rx, ry := rank(x), rank(y); rx != ry {
			return rx < ry
		}
		return strings.ToLower(x) < strings.ToLower(y)
	})
	return idx
}
