package query

import (
	"slices"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
)

// areaFixture adds area codings to study A of the query fixture: a table
// coded Wages on page 1, a figure coded Debt on page 2, and two Movement
// areas on page 2, one overlapping the figure and one apart from it.
type areaFixture struct {
	*codingtest.Fixture
	wagesTable, debtFigure, moveOver, moveApart string
}

func newAreaFixture(t *testing.T) areaFixture {
	t.Helper()
	f := areaFixture{Fixture: codingtest.NewFixture(t)}
	add := func(page int, r coding.Rect, label, code string) string {
		a, err := coding.ApplyArea(f.P, coding.PageArea{Study: f.A, Page: page, Rect: r, PageW: 612, PageH: 792, Label: label}, code, "")
		if err != nil {
			t.Fatal(err)
		}
		return a.GUID
	}
	f.wagesTable = add(0, coding.Rect{X0: 72, Y0: 400, X1: 540, Y1: 600}, "table", f.Wages)
	f.debtFigure = add(1, coding.Rect{X0: 72, Y0: 100, X1: 300, Y1: 300}, "figure", f.Debt)
	f.moveOver = add(1, coding.Rect{X0: 250, Y0: 250, X1: 400, Y1: 350}, "", f.Movement)
	f.moveApart = add(1, coding.Rect{X0: 72, Y0: 500, X1: 300, Y1: 700}, "photo", f.Movement)
	return f
}

func TestSegmentsWithAreas(t *testing.T) {
	f := newAreaFixture(t)
	tests := []struct {
		name string
		q    SegmentQuery
		want []string
	}{
		{"areas are segments, at their page's place", SegmentQuery{Codes: []string{f.Wages}}, []string{f.wagesTable, f.AWages}},
		{"a passage on the area's page overlaps it", SegmentQuery{Codes: []string{f.Debt}, Where: []Condition{{Code: f.Wages}}}, []string{f.ADebt}},
		{"an area overlaps the passages of its page", SegmentQuery{Codes: []string{f.Wages}, Where: []Condition{{Code: f.Docs}}}, []string{f.wagesTable}},
		{"areas overlap when their rectangles do", SegmentQuery{Codes: []string{f.Movement}, Where: []Condition{{Code: f.Debt}}}, []string{f.AMove, f.moveOver}},
		{"areas of a page share its paragraph", SegmentQuery{Codes: []string{f.Movement}, Where: []Condition{{Code: f.Debt, Within: WithinParagraph}}},
			[]string{f.AMove, f.moveOver, f.moveApart}},
		{"not overlapping", SegmentQuery{Codes: []string{f.Movement}, Where: []Condition{{Code: f.Debt, Not: true}}}, []string{f.moveApart}},
		{"another page is not near", SegmentQuery{Codes: []string{f.Debt}, Studies: []string{f.A}, Where: []Condition{{Code: f.Movement, Within: WithinParagraph}}},
			[]string{f.debtFigure}},
		{"same study", SegmentQuery{Codes: []string{f.Movement}, Where: []Condition{{Code: f.Wages, Within: WithinStudy}}},
			[]string{f.AMove, f.moveOver, f.moveApart}},
		{"a matrix cell's areas", SegmentQuery{Codings: []string{f.debtFigure, f.ADebt}}, []string{f.ADebt, f.debtFigure}},
		{"coder", SegmentQuery{Codes: []string{f.Movement}, Coders: []string{"nobody"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs, err := Segments(f.P, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := segIDs(segs); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v\nwant %v", got, tt.want)
			}
		})
	}
	segs, err := Segments(f.P, SegmentQuery{Codings: []string{f.debtFigure}})
	if err != nil || len(segs) != 1 {
		t.Fatalf("%v %v", segs, err)
	}
	s := segs[0]
	want := AreaPlace{Page: 2, X0: 72, Y0: 100, X1: 300, Y1: 300, Label: "figure"}
	// Page 2 of A is "Workers could not leave the farm." from code point 64.
	if s.Area == nil || *s.Area != want || s.Page != 2 || s.Quote != "figure on p. 2" || s.Start != 64 || s.End != 97 ||
		s.StudyTitle != "Alpha fields" || s.CodePath != "Themes/Debt bondage" {
		t.Fatalf("area segment %+v (area %+v)", s, s.Area)
	}
	if r := s.Area.Rect(); r != (coding.Rect{X0: 72, Y0: 100, X1: 300, Y1: 300}) {
		t.Fatalf("rect %v", r)
	}
}

func TestFrequenciesAndMatrixCountAreas(t *testing.T) {
	f := newAreaFixture(t)
	fs, err := CodeFrequencies(f.P, FrequencyQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Frequency{}
	for _, x := range fs {
		got[x.Code] = x
	}
	// Movement: A's passage and two areas, one study. Debt (reportable
	// studies A and B): two passages and the figure.
	if m := got[f.Movement]; m.Codings != 3 || m.Areas != 2 || m.Studies != 1 {
		t.Errorf("movement %+v", m)
	}
	if d := got[f.Debt]; d.Codings != 3 || d.Areas != 1 || d.Studies != 2 {
		t.Errorf("debt %+v", d)
	}
	m, err := CodeMatrix(f.P, MatrixQuery{Cols: DimSector, Codes: []string{f.Wages, f.Movement}})
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(m.Cols, "Agriculture")
	cell := m.Cells[1][col]
	if cell.Codings != 3 || cell.Studies != 1 || !slices.Contains(cell.CodingGUIDs, f.moveApart) {
		t.Fatalf("movement x agriculture %+v", cell)
	}
	// The cell's GUIDs open its segments, areas included.
	segs, err := Segments(f.P, SegmentQuery{Codings: cell.CodingGUIDs})
	if err != nil || len(segs) != 3 {
		t.Fatalf("cell segments %v %v", segIDs(segs), err)
	}
	if m.Total.Codings != 5 {
		t.Fatalf("total %+v", m.Total)
	}
}
