package query

import (
	"errors"
	"slices"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// queryFixture is a small coded project:
//
//	study A (agriculture, Nepal, qualitative, 2015, included), two pages:
//	  page 1 "Recruiters lied about wages. Debts grew.\n\nPassports were taken."
//	  page 2 "Workers could not leave the farm."
//	study B (domestic work + agriculture, India, mixed, 2020, coding)
//	study C (construction, to screen) — not reportable
func segIDs(segs []Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.Coding
	}
	return out
}

func TestSegments(t *testing.T) {
	f := codingtest.NewFixture(t)
	tests := []struct {
		name string
		q    SegmentQuery
		want []string
	}{
		{"one code, all studies", SegmentQuery{Codes: []string{f.Debt}}, []string{f.ADebt, f.BDebt, f.CDebt}},
		{"or", SegmentQuery{Codes: []string{f.Docs, f.Movement}}, []string{f.ADocs, f.AMove}},
		{"study", SegmentQuery{Codes: []string{f.Debt}, Studies: []string{f.B}}, []string{f.BDebt}},
		{"coder", SegmentQuery{Coders: []string{testkit.Ben.GUID}}, []string{f.BRecruitBen}},
		{"attribute", SegmentQuery{Codes: []string{f.Debt}, Filter: coding.StudyFilter{Sector: "agriculture"}}, []string{f.ADebt, f.BDebt}},
		{"reportable", SegmentQuery{Codes: []string{f.Debt}, Filter: coding.StudyFilter{Reportable: true, Method: "mixed"}}, []string{f.BDebt}},
		{"overlaps", SegmentQuery{Codes: []string{f.Recruit}, Where: []Condition{{Code: f.Wages}}}, []string{f.ARecruit}},
		{"overlap is symmetric", SegmentQuery{Codes: []string{f.Wages}, Where: []Condition{{Code: f.Recruit, Within: WithinOverlap}}}, []string{f.AWages}},
		{"adjacent is not overlap", SegmentQuery{Codes: []string{f.Debt}, Where: []Condition{{Code: f.Recruit}}}, nil},
		{"same paragraph", SegmentQuery{Codes: []string{f.Debt}, Where: []Condition{{Code: f.Recruit, Within: WithinParagraph}}}, []string{f.ADebt, f.BDebt}},
		{"next paragraph is not the same", SegmentQuery{Codes: []string{f.Docs}, Where: []Condition{{Code: f.Debt, Within: WithinParagraph}}}, nil},
		{"page break ends a paragraph", SegmentQuery{Codes: []string{f.Movement}, Where: []Condition{{Code: f.Docs, Within: WithinParagraph}}}, nil},
		{"same study (and)", SegmentQuery{Codes: []string{f.Debt}, Where: []Condition{{Code: f.Recruit, Within: WithinStudy}}}, []string{f.ADebt, f.BDebt}},
		{"not in study", SegmentQuery{Codes: []string{f.Debt}, Where: []Condition{{Code: f.Recruit, Within: WithinStudy, Not: true}}}, []string{f.CDebt}},
		{"not overlapping", SegmentQuery{Codes: []string{f.Recruit}, Where: []Condition{{Code: f.Wages, Not: true}}}, []string{f.BRecruitBen}},
		{"conditions use the coder filter", SegmentQuery{Codes: []string{f.Recruit}, Coders: []string{testkit.Ben.GUID},
			Where: []Condition{{Code: f.Debt, Within: WithinStudy}}}, nil},
		{"and + not", SegmentQuery{Codes: []string{f.Debt}, Where: []Condition{{Code: f.Recruit, Within: WithinStudy},
			{Code: f.Docs, Within: WithinStudy, Not: true}}}, []string{f.BDebt}},
		{"a code does not co-occur with itself", SegmentQuery{Codes: []string{f.Docs}, Where: []Condition{{Code: f.Docs, Within: WithinStudy}}}, nil},
		{"kind", SegmentQuery{Kind: coding.KindRigor}, nil},
		{"subcodes", SegmentQuery{Codes: []string{codingtest.Code(t, f.Tree, "Themes")}, Subcodes: true, Studies: []string{f.B}}, []string{f.BDebt, f.BRecruitBen}},
		{"parent without subcodes", SegmentQuery{Codes: []string{codingtest.Code(t, f.Tree, "Themes")}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs, err := Segments(f.P, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := segIDs(segs); !slices.Equal(got, tt.want) {
				t.Fatalf("got %d segments %v, want %v", len(got), got, tt.want)
			}
		})
	}
	segs, _ := Segments(f.P, SegmentQuery{Codes: []string{f.Movement, f.Debt}, Studies: []string{f.A}})
	if len(segs) != 2 {
		t.Fatalf("%d segments", len(segs))
	}
	d, m := segs[0], segs[1]
	if d.Page != 1 || m.Page != 2 || m.Quote != "Workers could not leave the farm." || m.CodePath != "Themes/Restricted movement" ||
		m.CoderName != "Ann" || m.StudyTitle != "Alpha fields" || m.Start != 64 || m.End != 97 {
		t.Fatalf("segments %+v / %+v", d, m)
	}
	if _, err := Segments(f.P, SegmentQuery{Codes: []string{"missing"}}); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("missing code: %v", err)
	}
	if _, err := Segments(f.P, SegmentQuery{Where: []Condition{{Code: f.Debt, Within: "sentence"}}}); !errors.Is(err, ErrInvalidQuery) {
		t.Fatalf("bad within: %v", err)
	}
}

func TestCodeFrequencies(t *testing.T) {
	f := codingtest.NewFixture(t)
	freq := func(q FrequencyQuery) map[string]Frequency {
		fs, err := CodeFrequencies(f.P, q)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]Frequency{}
		for _, x := range fs {
			out[x.Name] = x
		}
		return out
	}
	all := freq(FrequencyQuery{Kind: coding.KindTheme, AllStudies: true})
	if d := all["Debt bondage"]; d.Codings != 3 || d.Studies != 3 || d.CodingsWithSubs != 3 {
		t.Fatalf("debt %+v", d)
	}
	if th := all["Themes"]; th.Codings != 0 || th.CodingsWithSubs != 8 || th.StudiesWithSubs != 3 || th.Depth != 0 {
		t.Fatalf("themes %+v", th)
	}
	if _, ok := all["Sampling explained"]; ok {
		t.Fatal("kind filter let a rigor code through")
	}
	rep := freq(FrequencyQuery{Kind: coding.KindTheme})
	if d := rep["Debt bondage"]; d.Codings != 2 || d.Studies != 2 {
		t.Fatalf("reportable debt %+v", d)
	}
	if r := freq(FrequencyQuery{Coders: []string{testkit.Ben.GUID}})["Recruitment and deception"]; r.Codings != 1 || r.Studies != 1 {
		t.Fatalf("Ben's recruitment %+v", r)
	}
	if a := freq(FrequencyQuery{Filter: coding.StudyFilter{Country: "Nepal"}})["Themes"]; a.CodingsWithSubs != 5 || a.StudiesWithSubs != 1 {
		t.Fatalf("Nepal themes %+v", a)
	}
	if n := len(freq(FrequencyQuery{})); n != len(f.Tree.Codes) {
		t.Fatalf("%d frequencies for %d codes", n, len(f.Tree.Codes))
	}
}

func TestCodeMatrix(t *testing.T) {
	f := codingtest.NewFixture(t)
	m, err := CodeMatrix(f.P, MatrixQuery{Cols: DimSector, Kind: coding.KindTheme})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Cols, []string{"Agriculture", "Domestic work"}) {
		t.Fatalf("cols %v (construction is only in a study to screen)", m.Cols)
	}
	row := func(name string) int {
		for i, r := range m.Rows {
			if r.Name == name {
				return i
			}
		}
		t.Fatalf("no row %s", name)
		return -1
	}
	debt := row("Debt bondage")
	// Debt: A (agriculture) and B (agriculture + domestic work).
	if c := m.Cells[debt][0]; c.Codings != 2 || c.Studies != 2 || !slices.Contains(c.CodingGUIDs, f.BDebt) || !slices.Contains(c.StudyGUIDs, f.A) {
		t.Fatalf("debt x agriculture %+v", c)
	}
	if c := m.Cells[debt][1]; c.Codings != 1 || c.Studies != 1 || c.CodingGUIDs[0] != f.BDebt {
		t.Fatalf("debt x domestic %+v", c)
	}
	// Totals count a coding once though B's sits in two columns.
	if rt := m.RowTotals[debt]; rt.Codings != 2 || rt.Studies != 2 {
		t.Fatalf("debt total %+v", rt)
	}
	if ct := m.ColTotals[0]; ct.Codings != 7 || ct.Studies != 2 {
		t.Fatalf("agriculture total %+v", ct)
	}
	if m.Total.Codings != 7 || m.Total.Studies != 2 {
		t.Fatalf("grand total %+v", m.Total)
	}
	if c := m.Cells[row("Themes")][0]; c.Codings != 0 {
		t.Fatalf("themes without roll-up %+v", c)
	}
	up, _ := CodeMatrix(f.P, MatrixQuery{Cols: DimSector, Kind: coding.KindTheme, RollUp: true})
	if c := up.Cells[row("Themes")][0]; c.Codings != 7 || c.Studies != 2 {
		t.Fatalf("themes rolled up %+v", c)
	}
	if up.Total.Codings != 7 {
		t.Fatalf("roll-up double counted: %+v", up.Total)
	}
	all, _ := CodeMatrix(f.P, MatrixQuery{Cols: DimSector, Codes: []string{f.Debt}, AllStudies: true})
	if len(all.Rows) != 1 || !slices.Equal(all.Cols, []string{"Agriculture", "Construction", "Domestic work"}) || all.Total.Codings != 3 {
		t.Fatalf("all studies: rows %d cols %v total %+v", len(all.Rows), all.Cols, all.Total)
	}
	tests := []struct {
		cols string
		want []string
	}{
		{DimCountry, []string{"India", "Nepal"}},
		{DimMethod, []string{"mixed", "qualitative"}},
		{DimYear, []string{"2015", "2020"}},
		{DimStatus, []string{"included", "coding"}},
		{DimCoder, []string{"Ann", "Ben"}},
		{DimLanguage, []string{NotRecorded}},
	}
	for _, tt := range tests {
		m, err := CodeMatrix(f.P, MatrixQuery{Cols: tt.cols, Kind: coding.KindTheme})
		if err != nil || !slices.Equal(m.Cols, tt.want) {
			t.Errorf("%s: cols %v, %v", tt.cols, m.Cols, err)
		}
	}
	byCoder, _ := CodeMatrix(f.P, MatrixQuery{Cols: DimCoder, Codes: []string{f.Recruit}})
	if byCoder.Cells[0][0].Codings != 1 || byCoder.Cells[0][1].CodingGUIDs[0] != f.BRecruitBen {
		t.Fatalf("recruitment by coder %+v", byCoder.Cells[0])
	}
	withYear, _ := CodeMatrix(f.P, MatrixQuery{Cols: DimYear, Codes: []string{f.Debt}, AllStudies: true})
	if !slices.Equal(withYear.Cols, []string{"2015", "2020", NotRecorded}) {
		t.Fatalf("year cols %v", withYear.Cols)
	}
	if _, err := CodeMatrix(f.P, MatrixQuery{Cols: "colour"}); !errors.Is(err, ErrInvalidQuery) {
		t.Fatalf("bad dimension: %v", err)
	}
	if _, err := CodeMatrix(f.P, MatrixQuery{Cols: DimSector, Codes: []string{"missing"}}); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("missing code: %v", err)
	}
	empty, err := CodeMatrix(f.P, MatrixQuery{Cols: DimSector, Kind: coding.KindTheme, Filter: coding.StudyFilter{Country: "Peru"}})
	if err != nil || len(empty.Cols) != 0 || empty.Total.Codings != 0 || len(empty.Rows) == 0 {
		t.Fatalf("empty matrix %+v %v", empty, err)
	}
}

func TestCodingIndexFollowsChanges(t *testing.T) {
	f := codingtest.NewFixture(t)
	count := func(p *corpus.Project) int {
		m, err := CodeMatrix(p, MatrixQuery{Cols: DimSector, Codes: []string{f.Debt}, AllStudies: true})
		if err != nil {
			t.Fatal(err)
		}
		return m.Total.Codings
	}
	if n := count(f.P); n != 3 {
		t.Fatalf("debt codings %d", n)
	}
	extra := codingtest.Apply(t, f.P, f.B, f.Debt, 26, 30)
	if n := count(f.P); n != 4 {
		t.Fatalf("after coding: %d", n)
	}
	freq, _ := CodeFrequencies(f.P, FrequencyQuery{AllStudies: true})
	for _, fr := range freq {
		if fr.Code == f.Debt && fr.Codings != 4 {
			t.Fatalf("frequencies after coding %+v", fr)
		}
	}
	testkit.Undo(t, f.P)
	if n := count(f.P); n != 3 {
		t.Fatalf("after undo: %d", n)
	}
	testkit.Redo(t, f.P)
	if err := coding.RemoveCoding(f.P, extra); err != nil {
		t.Fatal(err)
	}
	if n := count(f.P); n != 3 {
		t.Fatalf("after removal: %d", n)
	}
	// Another project is never answered from the first one's index.
	g := codingtest.NewFixture(t)
	codingtest.Apply(t, g.P, g.A, g.Debt, 1, 5)
	if m, _ := CodeMatrix(g.P, MatrixQuery{Cols: DimSector, Codes: []string{g.Debt}, AllStudies: true}); m.Total.Codings != 4 {
		t.Fatalf("other project debt %d", m.Total.Codings)
	}
	if n := count(f.P); n != 3 {
		t.Fatalf("back to the first project: %d", n)
	}
}

func TestSegmentsOfMatrixCell(t *testing.T) {
	f := codingtest.NewFixture(t)
	m, err := CodeMatrix(f.P, MatrixQuery{Cols: DimSector, Codes: []string{f.Debt, f.Recruit}})
	if err != nil {
		t.Fatal(err)
	}
	cell := m.Cells[0][0] // debt x agriculture
	segs, err := Segments(f.P, SegmentQuery{Codings: cell.CodingGUIDs})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(segIDs(segs), []string{f.ADebt, f.BDebt}) {
		t.Fatalf("cell segments %v", segIDs(segs))
	}
	// Other filters still apply.
	segs, _ = Segments(f.P, SegmentQuery{Codings: []string{f.ADebt, f.BRecruitBen}, Coders: []string{testkit.Ben.GUID}})
	if !slices.Equal(segIDs(segs), []string{f.BRecruitBen}) {
		t.Fatalf("coder filter on codings %v", segIDs(segs))
	}
	segs, _ = Segments(f.P, SegmentQuery{Codings: []string{f.ADebt, f.ARecruit}, Codes: []string{f.Recruit}})
	if !slices.Equal(segIDs(segs), []string{f.ARecruit}) {
		t.Fatalf("code filter on codings %v", segIDs(segs))
	}
	segs, _ = Segments(f.P, SegmentQuery{Codings: []string{f.ADebt, f.ARecruit}, Where: []Condition{{Code: f.Recruit, Within: WithinParagraph}}})
	if !slices.Equal(segIDs(segs), []string{f.ADebt}) {
		t.Fatalf("condition on codings %v", segIDs(segs))
	}
}
