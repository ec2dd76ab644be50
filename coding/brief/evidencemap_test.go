package brief

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/corpus"
)

func TestEvidenceMapCountryBySector(t *testing.T) {
	p := openDemo(t)
	man, _ := assets.DemoManifest()
	m, err := BuildEvidenceMap(p, EvidenceMapQuery{Rows: "countries", Cols: "Sector"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Rows != query.DimCountry || m.Cols != query.DimSector || m.Total.N() != len(man.Studies) {
		t.Fatalf("map %s x %s with %d studies", m.Rows, m.Cols, m.Total.N())
	}
	if !slices.IsSorted(m.RowLabels) || !slices.IsSorted(m.ColLabels) {
		t.Errorf("labels not sorted: %v %v", m.RowLabels, m.ColLabels)
	}
	// Expected counts straight from the manifest.
	want := map[[2]string][]string{}
	for _, s := range man.Studies {
		for _, c := range s.Countries {
			for _, sec := range s.Sectors {
				want[[2]string{c, sec}] = append(want[[2]string{c, sec}], s.Title)
			}
		}
	}
	max := 0
	for r, row := range m.RowLabels {
		for c, col := range m.ColLabels {
			cell := m.Cells[r][c]
			titles := m.titles(cell.Studies)
			slices.Sort(titles)
			exp := want[[2]string{row, col}]
			slices.Sort(exp)
			if !slices.Equal(titles, exp) {
				t.Errorf("%s x %s: %v, want %v", row, col, titles, exp)
			}
			if cell.High+cell.Medium+cell.Low+cell.Unrated != cell.N() {
				t.Errorf("%s x %s: rigor split %+v does not add up", row, col, cell)
			}
			max = maxInt(max, cell.N())
		}
	}
	if m.Max != max || max < 2 {
		t.Errorf("max %d, want %d", m.Max, max)
	}
	// The appraised study is in Cambodia x Agriculture with a rating.
	cell, ok := m.Cell("Cambodia", "Agriculture")
	if !ok || cell.High+cell.Medium+cell.Low != 1 || !strings.HasPrefix(cell.RigorMark(), "H") {
		t.Errorf("Cambodia x Agriculture: %+v ok=%v", cell, ok)
	}
	// Row totals count a study once even with several sectors.
	thai := slices.Index(m.RowLabels, "Thailand")
	n := 0
	for _, s := range man.Studies {
		if slices.Contains(s.Countries, "Thailand") {
			n++
		}
	}
	if thai < 0 || m.RowTotals[thai].N() != n {
		t.Errorf("Thailand total %v, want %d", m.RowTotals[thai].N(), n)
	}
	// Filters narrow the studies.
	f, err := BuildEvidenceMap(p, EvidenceMapQuery{Rows: query.DimCountry, Cols: query.DimSector, Filter: coding.StudyFilter{Country: "Viet Nam"}})
	if err != nil || f.Total.N() != 3 {
		t.Fatalf("filtered map: %v %v", f.Total.N(), err)
	}
	if _, err := BuildEvidenceMap(p, EvidenceMapQuery{Rows: "colour", Cols: query.DimSector}); !errors.Is(err, ErrMapDimension) {
		t.Errorf("bad dimension: %v", err)
	}
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func TestEvidenceMapThemeAndRigor(t *testing.T) {
	p := openDemo(t)
	m, err := BuildEvidenceMap(p, EvidenceMapQuery{Rows: DimTheme, Cols: DimRigor})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(m.RowLabels, "Debt bondage") {
		t.Fatalf("themes %v", m.RowLabels)
	}
	if m.ColLabels[len(m.ColLabels)-1] != NotRated || len(m.ColLabels) != 2 {
		t.Errorf("rigor columns %v: one rating and not rated", m.ColLabels)
	}
	tree, _ := coding.LoadCodeTree(p)
	debt, _ := tree.Resolve("Debt bondage")
	cs, _ := coding.Codings(p, coding.CodingFilter{Code: debt.GUID})
	studies := map[string]bool{}
	for _, c := range cs {
		studies[c.Study] = true
	}
	r := slices.Index(m.RowLabels, "Debt bondage")
	if m.RowTotals[r].N() != len(studies) {
		t.Errorf("debt bondage in %d studies, want %d", m.RowTotals[r].N(), len(studies))
	}
	// Excluding a study removes it; AllStudies brings it back.
	all, _ := p.Studies()
	if _, err := coding.AddExclusionReason(p, "Wrong population"); err != nil {
		t.Fatal(err)
	}
	if err := coding.SetStatus(p, []string{all[0].GUID}, corpus.StatusExcluded, "Wrong population"); err != nil {
		t.Fatal(err)
	}
	m2, _ := BuildEvidenceMap(p, EvidenceMapQuery{Rows: query.DimMethod, Cols: query.DimYear})
	m3, _ := BuildEvidenceMap(p, EvidenceMapQuery{Rows: query.DimMethod, Cols: query.DimYear, AllStudies: true})
	if m2.Total.N() != len(all)-1 || m3.Total.N() != len(all) {
		t.Errorf("excluded study: %d and %d of %d", m2.Total.N(), m3.Total.N(), len(all))
	}
	for i := 1; i < len(m3.ColLabels); i++ {
		a, _ := strconv.Atoi(m3.ColLabels[i-1])
		b, _ := strconv.Atoi(m3.ColLabels[i])
		if a >= b {
			t.Errorf("years out of order: %v", m3.ColLabels)
		}
	}
}

func TestEvidenceMapExports(t *testing.T) {
	p := openDemo(t)
	m, err := BuildEvidenceMap(p, EvidenceMapQuery{Rows: query.DimCountry, Cols: query.DimSector})
	if err != nil {
		t.Fatal(err)
	}
	var svg bytes.Buffer
	if err := WriteEvidenceMapSVG(&svg, m, DefaultMapStyle()); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(svg.Bytes()))
	rects := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "rect" {
			rects++
		}
	}
	if want := 1 + (len(m.RowLabels)+1)*(len(m.ColLabels)+1); rects != want {
		t.Errorf("SVG has %d rects, want %d", rects, want)
	}
	if !strings.Contains(svg.String(), "Lao PDR") {
		t.Error("SVG lacks a row label")
	}
	var pic bytes.Buffer
	if err := WriteEvidenceMapPNG(&pic, m, DefaultMapStyle()); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&pic)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 200 {
		t.Errorf("PNG is %v", b)
	}
	var book bytes.Buffer
	if err := WriteEvidenceMapXLSX(&book, m, DefaultMapStyle()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Map", "Rigor", "Studies"}) {
		t.Errorf("sheets %v", got)
	}
	r, c := slices.Index(m.RowLabels, "Cambodia"), slices.Index(m.ColLabels, "Agriculture")
	addr, _ := excelize.CoordinatesToCellName(c+2, r+2)
	if v, _ := f.GetCellValue("Map", addr); v != strconv.Itoa(m.Cells[r][c].N()) {
		t.Errorf("Map!%s = %q, want %d", addr, v, m.Cells[r][c].N())
	}
	if v, _ := f.GetCellValue("Rigor", addr); v != m.Cells[r][c].RigorMark() {
		t.Errorf("Rigor!%s = %q", addr, v)
	}
	rows, _ := f.GetRows("Studies")
	cells := 0
	for r := range m.Cells {
		for c := range m.Cells[r] {
			cells += m.Cells[r][c].N()
		}
	}
	if len(rows) != cells+1 {
		t.Errorf("Studies sheet has %d rows, want %d", len(rows), cells+1)
	}
}

func TestShadeAndColours(t *testing.T) {
	if Shade(0, 5) != 0 || Shade(5, 5) != 1 || Shade(1, 5) <= 0.15 || Shade(3, 0) != 0 {
		t.Error("shade scale")
	}
	st := DefaultMapStyle()
	if fill, _ := st.CellColor(0); fill != st.Background {
		t.Errorf("empty fill %v", fill)
	}
	if fill, text := st.CellColor(1); fill.R != st.Fill.R || text.R != 0xff {
		t.Errorf("full cell %v text %v", fill, text)
	}
}

// TestEvidenceMapXLSXEscapesFormulas: labels and study titles that a
// spreadsheet would run as formulas are escaped in every sheet.
func TestEvidenceMapXLSXEscapesFormulas(t *testing.T) {
	m := &EvidenceMap{Rows: "country", Cols: "sector", RowLabels: []string{"=cmd|' /C calc'!A0"}, ColLabels: []string{"@sector"},
		Cells: [][]MapCell{{{Studies: []string{"s1"}}}}, RowTotals: []MapCell{{Studies: []string{"s1"}}},
		ColTotals: []MapCell{{Studies: []string{"s1"}}}, Total: MapCell{Studies: []string{"s1"}}, Max: 1,
		Studies: map[string]MapStudy{"s1": {GUID: "s1", Title: "+HYPERLINK(\"http://x\")", Year: 2020}}}
	var book bytes.Buffer
	if err := WriteEvidenceMapXLSX(&book, m, DefaultMapStyle()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, row := range rows {
			for _, c := range row {
				if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
					t.Errorf("%s: cell %q starts like a formula", sheet, c)
				}
			}
		}
	}
	if v, _ := f.GetCellValue("Map", "A2"); v != "'=cmd|' /C calc'!A0" {
		t.Errorf("Map!A2 = %q", v)
	}
	if v, _ := f.GetCellValue("Studies", "C2"); v != `'+HYPERLINK("http://x")` {
		t.Errorf("Studies!C2 = %q", v)
	}
}
