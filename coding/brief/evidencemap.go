package brief

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/corpus"
)

// Evidence map dimensions besides the study attributes of Dimensions.
const (
	// DimTheme: the theme codes (kind theme) applied anywhere in the study.
	DimTheme = "theme"
	// DimRigor: the study's reported rigor rating (see ReportedAppraisals).
	DimRigor = "rigor"
)

// NotRated labels the rigor row or column of studies without a rating.
const NotRated = "(not rated)"

// MapDimensions lists what an evidence map's rows and columns can be.
var MapDimensions = []string{query.DimCountry, query.DimSector, query.DimMethod, query.DimYear, DimTheme, DimRigor, query.DimLanguage, query.DimPubType, query.DimStatus}

// ErrMapDimension means an evidence map dimension is not one of MapDimensions.
var ErrMapDimension = fmt.Errorf("an evidence map's rows and columns are one of %s", strings.Join(MapDimensions, ", "))

// ParseMapDimension normalises a dimension name ("countries", "Sector",
// "publication type", "themes", "rating" are accepted).
func ParseMapDimension(s string) (string, error) {
	k := strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "_"))
	switch k {
	case "countries":
		k = query.DimCountry
	case "sectors":
		k = query.DimSector
	case "methods", "design":
		k = query.DimMethod
	case "years":
		k = query.DimYear
	case "themes", "code", "codes":
		k = DimTheme
	case "rating", "ratings", "quality":
		k = DimRigor
	case "pub_type", "pubtype", "publication_types":
		k = query.DimPubType
	case "languages":
		k = query.DimLanguage
	}
	if slices.Contains(MapDimensions, k) {
		return k, nil
	}
	return "", fmt.Errorf("%q: %w", s, ErrMapDimension)
}

// EvidenceMapQuery describes an evidence map: studies counted by two
// dimensions.
type EvidenceMapQuery struct {
	Rows, Cols string             // each one of MapDimensions
	Filter     coding.StudyFilter // only studies passing this filter
	AllStudies bool               // count every study, not only reportable ones (see Reportable)
}

// MapStudy is a study counted in an evidence map.
type MapStudy struct {
	GUID      string `json:"guid"`
	Title     string `json:"title"`
	Year      int    `json:"year,omitempty"`
	Rating    string `json:"rating,omitempty"` // reported rigor rating, "" when not rated
	Consensus bool   `json:"consensus,omitempty"`
}

// MapCell is one cell (or total) of an evidence map: the studies that have
// both the row's and the column's value, split by rigor rating.
type MapCell struct {
	Studies []string `json:"studies"` // study GUIDs, in title order
	High    int      `json:"high"`
	Medium  int      `json:"medium"`
	Low     int      `json:"low"`
	Unrated int      `json:"unrated"`
}

// N is the number of studies in the cell.
func (c MapCell) N() int { return len(c.Studies) }

// RigorMark summarises the cell's ratings, leaving out zeros: "H2 M1"
// (two studies rated high, one medium), "L1 ?2" (one low, two not rated);
// "" for an empty cell.
func (c MapCell) RigorMark() string {
	var parts []string
	for _, x := range []struct {
		tag string
		n   int
	}{{"H", c.High}, {"M", c.Medium}, {"L", c.Low}, {"?", c.Unrated}} {
		if x.n > 0 {
			parts = append(parts, fmt.Sprintf("%s%d", x.tag, x.n))
		}
	}
	return strings.Join(parts, " ")
}

func (c *MapCell) add(s *MapStudy) {
	c.Studies = append(c.Studies, s.GUID)
	switch s.Rating {
	case coding.RatingHigh:
		c.High++
	case coding.RatingMedium:
		c.Medium++
	case coding.RatingLow:
		c.Low++
	default:
		c.Unrated++
	}
}

// EvidenceMap is a table of study counts: a study with several values of a
// dimension (two countries, three themes) counts in each of their rows or
// columns; totals count each study once.
type EvidenceMap struct {
	Rows      string              `json:"rows"` // row dimension
	Cols      string              `json:"cols"` // column dimension
	RowLabels []string            `json:"row_labels"`
	ColLabels []string            `json:"col_labels"`
	Cells     [][]MapCell         `json:"cells"` // [row][col]
	RowTotals []MapCell           `json:"row_totals"`
	ColTotals []MapCell           `json:"col_totals"`
	Total     MapCell             `json:"total"`
	Max       int                 `json:"max"`     // largest cell count, for shading
	Studies   map[string]MapStudy `json:"studies"` // every counted study by GUID
}

// Cell returns the cell at a row and column label (false when either is
// not in the map).
func (m *EvidenceMap) Cell(row, col string) (MapCell, bool) {
	r, c := slices.Index(m.RowLabels, row), slices.Index(m.ColLabels, col)
	if r < 0 || c < 0 {
		return MapCell{}, false
	}
	return m.Cells[r][c], true
}

// StudyList returns the studies of a list of GUIDs (as in a cell).
func (m *EvidenceMap) StudyList(guids []string) []MapStudy {
	out := make([]MapStudy, 0, len(guids))
	for _, g := range guids {
		if s, ok := m.Studies[g]; ok {
			out = append(out, s)
		}
	}
	return out
}

// BuildEvidenceMap counts the studies by two dimensions in one read of the
// studies, their reported appraisals and (for DimTheme) the theme codings.
func BuildEvidenceMap(p *corpus.Project, q EvidenceMapQuery) (*EvidenceMap, error) {
	var err error
	if q.Rows, err = ParseMapDimension(q.Rows); err != nil {
		return nil, err
	}
	if q.Cols, err = ParseMapDimension(q.Cols); err != nil {
		return nil, err
	}
	all, err := p.Studies()
	if err != nil {
		return nil, fmt.Errorf("evidence map: %w", err)
	}
	reported, err := coding.ReportedAppraisals(p)
	if err != nil {
		return nil, fmt.Errorf("evidence map: %w", err)
	}
	var themes map[string][]string
	if q.Rows == DimTheme || q.Cols == DimTheme {
		if themes, err = studyThemes(p); err != nil {
			return nil, fmt.Errorf("evidence map: %w", err)
		}
	}
	m := &EvidenceMap{Rows: q.Rows, Cols: q.Cols, Studies: map[string]MapStudy{}}
	rows, cols := newAxis(q.Rows), newAxis(q.Cols)
	type placed struct {
		study      *MapStudy
		rows, cols []int
	}
	var ps []placed
	for _, s := range all {
		if !q.AllStudies && !coding.Reportable(s.Status) || !q.Filter.Match(s) {
			continue
		}
		title := s.Title
		if strings.TrimSpace(title) == "" {
			title = s.FileName
		}
		ra := reported[s.GUID]
		ms := MapStudy{GUID: s.GUID, Title: title, Year: s.Year, Rating: ra.Rating, Consensus: ra.Consensus}
		m.Studies[s.GUID] = ms
		ps = append(ps, placed{&ms, rows.place(mapValues(q.Rows, s, ms.Rating, themes)), cols.place(mapValues(q.Cols, s, ms.Rating, themes))})
	}
	rowPos, colPos := rows.order(), cols.order()
	m.RowLabels, m.ColLabels = rows.sorted(rowPos), cols.sorted(colPos)
	m.Cells = make([][]MapCell, len(m.RowLabels))
	for r := range m.Cells {
		m.Cells[r] = make([]MapCell, len(m.ColLabels))
	}
	m.RowTotals = make([]MapCell, len(m.RowLabels))
	m.ColTotals = make([]MapCell, len(m.ColLabels))
	for _, pl := range ps {
		m.Total.add(pl.study)
		for _, r := range pl.rows {
			m.RowTotals[rowPos[r]].add(pl.study)
		}
		for _, c := range pl.cols {
			m.ColTotals[colPos[c]].add(pl.study)
			for _, r := range pl.rows {
				cell := &m.Cells[rowPos[r]][colPos[c]]
				cell.add(pl.study)
				m.Max = max(m.Max, cell.N())
			}
		}
	}
	return m, nil
}

// mapValues returns a study's values for a map dimension.
func mapValues(dim string, s corpus.Study, rating string, themes map[string][]string) []string {
	switch dim {
	case DimTheme:
		if t := themes[s.GUID]; len(t) > 0 {
			return t
		}
		return []string{query.NotRecorded}
	case DimRigor:
		if rating == "" {
			return []string{NotRated}
		}
		return []string{rating}
	}
	return query.DimValues(dim, s)
}

// studyThemes returns the theme code labels applied in each study: the code
// name, or its path where two theme codes share a name.
func studyThemes(p *corpus.Project) (map[string][]string, error) {
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return nil, err
	}
	byName := map[string]int{}
	for _, c := range t.Codes {
		if c.Kind == coding.KindTheme {
			byName[strings.ToLower(c.Name)]++
		}
	}
	label := map[string]string{}
	for _, c := range t.Codes {
		if c.Kind == coding.KindTheme {
			label[c.GUID] = c.Name
			if byName[strings.ToLower(c.Name)] > 1 {
				label[c.GUID] = t.Path(c.GUID)
			}
		}
	}
	rows, err := p.DB().Query(`SELECT study, code FROM codings UNION SELECT study, code FROM areas`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var study, code string
		if err := rows.Scan(&study, &code); err != nil {
			return nil, err
		}
		if l, ok := label[code]; ok && !slices.Contains(out[study], l) {
			out[study] = append(out[study], l)
		}
	}
	return out, rows.Err()
}

// axis collects the labels of one dimension, merging spellings that differ
// only in case and spacing (the first spelling met is shown).
type axis struct {
	dim    string
	labels []string
	index  map[string]int
}

func newAxis(dim string) *axis { return &axis{dim: dim, index: map[string]int{}} }

// place returns the label indices of values, deduplicated.
func (a *axis) place(values []string) []int {
	var out []int
	for _, v := range values {
		v = strings.Join(strings.Fields(v), " ")
		k := strings.ToLower(v)
		i, ok := a.index[k]
		if !ok {
			i = len(a.labels)
			a.index[k] = i
			a.labels = append(a.labels, v)
		}
		if !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

// order returns the display position of every label index: ratings high
// to low, years ascending, statuses in workflow order, others
// alphabetically; NotRecorded and NotRated last.
func (a *axis) order() []int {
	var idx []int
	if a.dim == DimRigor {
		idx = make([]int, len(a.labels))
		for i := range idx {
			idx[i] = i
		}
		rank := func(l string) int {
			if i := slices.Index(coding.RatingOrder, l); i >= 0 {
				return i
			}
			return len(coding.RatingOrder)
		}
		sort.SliceStable(idx, func(x, y int) bool { return rank(a.labels[idx[x]]) < rank(a.labels[idx[y]]) })
	} else {
		idx = query.ColumnOrder(a.labels, a.dim)
	}
	pos := make([]int, len(a.labels))
	for p, i := range idx {
		pos[i] = p
	}
	return pos
}

func (a *axis) sorted(pos []int) []string {
	out := make([]string, len(a.labels))
	for i, l := range a.labels {
		out[pos[i]] = l
	}
	return out
}
