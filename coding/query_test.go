package coding

import (
	"errors"
	"slices"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

// queryFixture is a small coded project:
//
//	study A (agriculture, Nepal, qualitative, 2015, included), two pages:
//	  page 1 "Recruiters lied about wages. Debts grew.\n\nPassports were taken."
//	  page 2 "Workers could not leave the farm."
//	study B (domestic work + agriculture, India, mixed, 2020, coding)
//	study C (construction, to screen) — not reportable
type queryFixture struct {
	p                                     *corpus.Project
	tree                                  *CodeTree
	a, b, c                               string
	recruit, debt, docs, movement, wages  string
	aRecruit, aDebt, aDocs, aMove, aWages string
	bDebt, bRecruitBen, cDebt             string
}

func newQueryFixture(t *testing.T) *queryFixture {
	t.Helper()
	f := &queryFixture{p: MustProject(t)}
	p := f.p
	f.tree = apCodebook(t, p)
	f.recruit = apCode(t, f.tree, "Recruitment and deception")
	f.debt = apCode(t, f.tree, "Debt bondage")
	f.docs = apCode(t, f.tree, "Document confiscation")
	f.movement = apCode(t, f.tree, "Restricted movement")
	f.wages = apCode(t, f.tree, "Wage withholding")
	textA := "Recruiters lied about wages. Debts grew.\n\nPassports were taken.\fWorkers could not leave the farm."
	f.a = MustStudy(t, p, "Alpha fields", textA)
	f.b = MustStudy(t, p, "Beta homes", "Debt kept maids in homes. Agents deceived them.")
	f.c = MustStudy(t, p, "Gamma sites", "Debt on building sites.")
	set := func(s string, a corpus.Attributes, status string) {
		if err := SetAttributes(p, s, a); err != nil {
			t.Fatal(err)
		}
		apStatus(t, p, status, s)
	}
	set(f.a, corpus.Attributes{Title: "Alpha fields", Sectors: []string{"Agriculture"}, Countries: []string{"Nepal"}, Method: MethodQualitative, Year: 2015}, "included")
	set(f.b, corpus.Attributes{Title: "Beta homes", Sectors: []string{"Domestic work", "Agriculture"}, Countries: []string{"India"}, Method: MethodMixed, Year: 2020}, "coding")
	set(f.c, corpus.Attributes{Title: "Gamma sites", Sectors: []string{"Construction"}}, "to screen")
	f.aRecruit = apApply(t, p, f.a, f.recruit, 0, 28) // "Recruiters lied about wages."
	f.aWages = apApply(t, p, f.a, f.wages, 20, 27)    // "wages" inside it
	f.aDebt = apApply(t, p, f.a, f.debt, 29, 40)      // "Debts grew." same paragraph, no overlap
	f.aDocs = apApply(t, p, f.a, f.docs, 42, 63)      // "Passports were taken." next paragraph
	f.aMove = apApply(t, p, f.a, f.movement, 64, 97)  // page 2
	f.bDebt = apApply(t, p, f.b, f.debt, 0, 25)
	f.cDebt = apApply(t, p, f.c, f.debt, 0, 23)
	apAs(t, p, apBen)
	f.bRecruitBen = apApply(t, p, f.b, f.recruit, 26, 47)
	apAs(t, p, apAnn)
	return f
}

func segIDs(segs []Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.Coding
	}
	return out
}

func TestSegments(t *testing.T) {
	f := newQueryFixture(t)
	tests := []struct {
		name string
		q    SegmentQuery
		want []string
	}{
		{"one code, all studies", SegmentQuery{Codes: []string{f.debt}}, []string{f.aDebt, f.bDebt, f.cDebt}},
		{"or", SegmentQuery{Codes: []string{f.docs, f.movement}}, []string{f.aDocs, f.aMove}},
		{"study", SegmentQuery{Codes: []string{f.debt}, Studies: []string{f.b}}, []string{f.bDebt}},
		{"coder", SegmentQuery{Coders: []string{apBen.GUID}}, []string{f.bRecruitBen}},
		{"attribute", SegmentQuery{Codes: []string{f.debt}, Filter: StudyFilter{Sector: "agriculture"}}, []string{f.aDebt, f.bDebt}},
		{"reportable", SegmentQuery{Codes: []string{f.debt}, Filter: StudyFilter{Reportable: true, Method: "mixed"}}, []string{f.bDebt}},
		{"overlaps", SegmentQuery{Codes: []string{f.recruit}, Where: []Condition{{Code: f.wages}}}, []string{f.aRecruit}},
		{"overlap is symmetric", SegmentQuery{Codes: []string{f.wages}, Where: []Condition{{Code: f.recruit, Within: WithinOverlap}}}, []string{f.aWages}},
		{"adjacent is not overlap", SegmentQuery{Codes: []string{f.debt}, Where: []Condition{{Code: f.recruit}}}, nil},
		{"same paragraph", SegmentQuery{Codes: []string{f.debt}, Where: []Condition{{Code: f.recruit, Within: WithinParagraph}}}, []string{f.aDebt, f.bDebt}},
		{"next paragraph is not the same", SegmentQuery{Codes: []string{f.docs}, Where: []Condition{{Code: f.debt, Within: WithinParagraph}}}, nil},
		{"page break ends a paragraph", SegmentQuery{Codes: []string{f.movement}, Where: []Condition{{Code: f.docs, Within: WithinParagraph}}}, nil},
		{"same study (and)", SegmentQuery{Codes: []string{f.debt}, Where: []Condition{{Code: f.recruit, Within: WithinStudy}}}, []string{f.aDebt, f.bDebt}},
		{"not in study", SegmentQuery{Codes: []string{f.debt}, Where: []Condition{{Code: f.recruit, Within: WithinStudy, Not: true}}}, []string{f.cDebt}},
		{"not overlapping", SegmentQuery{Codes: []string{f.recruit}, Where: []Condition{{Code: f.wages, Not: true}}}, []string{f.bRecruitBen}},
		{"conditions use the coder filter", SegmentQuery{Codes: []string{f.recruit}, Coders: []string{apBen.GUID},
			Where: []Condition{{Code: f.debt, Within: WithinStudy}}}, nil},
		{"and + not", SegmentQuery{Codes: []string{f.debt}, Where: []Condition{{Code: f.recruit, Within: WithinStudy},
			{Code: f.docs, Within: WithinStudy, Not: true}}}, []string{f.bDebt}},
		{"a code does not co-occur with itself", SegmentQuery{Codes: []string{f.docs}, Where: []Condition{{Code: f.docs, Within: WithinStudy}}}, nil},
		{"kind", SegmentQuery{Kind: KindRigor}, nil},
		{"subcodes", SegmentQuery{Codes: []string{apCode(t, f.tree, "Themes")}, Subcodes: true, Studies: []string{f.b}}, []string{f.bDebt, f.bRecruitBen}},
		{"parent without subcodes", SegmentQuery{Codes: []string{apCode(t, f.tree, "Themes")}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs, err := Segments(f.p, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := segIDs(segs); !slices.Equal(got, tt.want) {
				t.Fatalf("got %d segments %v, want %v", len(got), got, tt.want)
			}
		})
	}
	segs, _ := Segments(f.p, SegmentQuery{Codes: []string{f.movement, f.debt}, Studies: []string{f.a}})
	if len(segs) != 2 {
		t.Fatalf("%d segments", len(segs))
	}
	d, m := segs[0], segs[1]
	if d.Page != 1 || m.Page != 2 || m.Quote != "Workers could not leave the farm." || m.CodePath != "Themes/Restricted movement" ||
		m.CoderName != "Ann" || m.StudyTitle != "Alpha fields" || m.Start != 64 || m.End != 97 {
		t.Fatalf("segments %+v / %+v", d, m)
	}
	if _, err := Segments(f.p, SegmentQuery{Codes: []string{"missing"}}); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("missing code: %v", err)
	}
	if _, err := Segments(f.p, SegmentQuery{Where: []Condition{{Code: f.debt, Within: "sentence"}}}); !errors.Is(err, ErrInvalidQuery) {
		t.Fatalf("bad within: %v", err)
	}
}

func TestCodeFrequencies(t *testing.T) {
	f := newQueryFixture(t)
	freq := func(q FrequencyQuery) map[string]Frequency {
		fs, err := CodeFrequencies(f.p, q)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]Frequency{}
		for _, x := range fs {
			out[x.Name] = x
		}
		return out
	}
	all := freq(FrequencyQuery{Kind: KindTheme, AllStudies: true})
	if d := all["Debt bondage"]; d.Codings != 3 || d.Studies != 3 || d.CodingsWithSubs != 3 {
		t.Fatalf("debt %+v", d)
	}
	if th := all["Themes"]; th.Codings != 0 || th.CodingsWithSubs != 8 || th.StudiesWithSubs != 3 || th.Depth != 0 {
		t.Fatalf("themes %+v", th)
	}
	if _, ok := all["Sampling explained"]; ok {
		t.Fatal("kind filter let a rigor code through")
	}
	rep := freq(FrequencyQuery{Kind: KindTheme})
	if d := rep["Debt bondage"]; d.Codings != 2 || d.Studies != 2 {
		t.Fatalf("reportable debt %+v", d)
	}
	if r := freq(FrequencyQuery{Coders: []string{apBen.GUID}})["Recruitment and deception"]; r.Codings != 1 || r.Studies != 1 {
		t.Fatalf("Ben's recruitment %+v", r)
	}
	if a := freq(FrequencyQuery{Filter: StudyFilter{Country: "Nepal"}})["Themes"]; a.CodingsWithSubs != 5 || a.StudiesWithSubs != 1 {
		t.Fatalf("Nepal themes %+v", a)
	}
	if n := len(freq(FrequencyQuery{})); n != len(f.tree.Codes) {
		t.Fatalf("%d frequencies for %d codes", n, len(f.tree.Codes))
	}
}

func TestCodeMatrix(t *testing.T) {
	f := newQueryFixture(t)
	m, err := CodeMatrix(f.p, MatrixQuery{Cols: DimSector, Kind: KindTheme})
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
	if c := m.Cells[debt][0]; c.Codings != 2 || c.Studies != 2 || !slices.Contains(c.CodingGUIDs, f.bDebt) || !slices.Contains(c.StudyGUIDs, f.a) {
		t.Fatalf("debt x agriculture %+v", c)
	}
	if c := m.Cells[debt][1]; c.Codings != 1 || c.Studies != 1 || c.CodingGUIDs[0] != f.bDebt {
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
	up, _ := CodeMatrix(f.p, MatrixQuery{Cols: DimSector, Kind: KindTheme, RollUp: true})
	if c := up.Cells[row("Themes")][0]; c.Codings != 7 || c.Studies != 2 {
		t.Fatalf("themes rolled up %+v", c)
	}
	if up.Total.Codings != 7 {
		t.Fatalf("roll-up double counted: %+v", up.Total)
	}
	all, _ := CodeMatrix(f.p, MatrixQuery{Cols: DimSector, Codes: []string{f.debt}, AllStudies: true})
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
		m, err := CodeMatrix(f.p, MatrixQuery{Cols: tt.cols, Kind: KindTheme})
		if err != nil || !slices.Equal(m.Cols, tt.want) {
			t.Errorf("%s: cols %v, %v", tt.cols, m.Cols, err)
		}
	}
	byCoder, _ := CodeMatrix(f.p, MatrixQuery{Cols: DimCoder, Codes: []string{f.recruit}})
	if byCoder.Cells[0][0].Codings != 1 || byCoder.Cells[0][1].CodingGUIDs[0] != f.bRecruitBen {
		t.Fatalf("recruitment by coder %+v", byCoder.Cells[0])
	}
	withYear, _ := CodeMatrix(f.p, MatrixQuery{Cols: DimYear, Codes: []string{f.debt}, AllStudies: true})
	if !slices.Equal(withYear.Cols, []string{"2015", "2020", NotRecorded}) {
		t.Fatalf("year cols %v", withYear.Cols)
	}
	if _, err := CodeMatrix(f.p, MatrixQuery{Cols: "colour"}); !errors.Is(err, ErrInvalidQuery) {
		t.Fatalf("bad dimension: %v", err)
	}
	if _, err := CodeMatrix(f.p, MatrixQuery{Cols: DimSector, Codes: []string{"missing"}}); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("missing code: %v", err)
	}
	empty, err := CodeMatrix(f.p, MatrixQuery{Cols: DimSector, Kind: KindTheme, Filter: StudyFilter{Country: "Peru"}})
	if err != nil || len(empty.Cols) != 0 || empty.Total.Codings != 0 || len(empty.Rows) == 0 {
		t.Fatalf("empty matrix %+v %v", empty, err)
	}
}

func TestCodingIndexFollowsChanges(t *testing.T) {
	f := newQueryFixture(t)
	count := func(p *corpus.Project) int {
		m, err := CodeMatrix(p, MatrixQuery{Cols: DimSector, Codes: []string{f.debt}, AllStudies: true})
		if err != nil {
			t.Fatal(err)
		}
		return m.Total.Codings
	}
	if n := count(f.p); n != 3 {
		t.Fatalf("debt codings %d", n)
	}
	extra := apApply(t, f.p, f.b, f.debt, 26, 30)
	if n := count(f.p); n != 4 {
		t.Fatalf("after coding: %d", n)
	}
	freq, _ := CodeFrequencies(f.p, FrequencyQuery{AllStudies: true})
	for _, fr := range freq {
		if fr.Code == f.debt && fr.Codings != 4 {
			t.Fatalf("frequencies after coding %+v", fr)
		}
	}
	MustUndo(t, f.p)
	if n := count(f.p); n != 3 {
		t.Fatalf("after undo: %d", n)
	}
	MustRedo(t, f.p)
	if err := RemoveCoding(f.p, extra); err != nil {
		t.Fatal(err)
	}
	if n := count(f.p); n != 3 {
		t.Fatalf("after removal: %d", n)
	}
	// Another project is never answered from the first one's index.
	g := newQueryFixture(t)
	apApply(t, g.p, g.a, g.debt, 1, 5)
	if m, _ := CodeMatrix(g.p, MatrixQuery{Cols: DimSector, Codes: []string{g.debt}, AllStudies: true}); m.Total.Codings != 4 {
		t.Fatalf("other project debt %d", m.Total.Codings)
	}
	if n := count(f.p); n != 3 {
		t.Fatalf("back to the first project: %d", n)
	}
}

func TestSegmentsOfMatrixCell(t *testing.T) {
	f := newQueryFixture(t)
	m, err := CodeMatrix(f.p, MatrixQuery{Cols: DimSector, Codes: []string{f.debt, f.recruit}})
	if err != nil {
		t.Fatal(err)
	}
	cell := m.Cells[0][0] // debt x agriculture
	segs, err := Segments(f.p, SegmentQuery{Codings: cell.CodingGUIDs})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(segIDs(segs), []string{f.aDebt, f.bDebt}) {
		t.Fatalf("cell segments %v", segIDs(segs))
	}
	// Other filters still apply.
	segs, _ = Segments(f.p, SegmentQuery{Codings: []string{f.aDebt, f.bRecruitBen}, Coders: []string{apBen.GUID}})
	if !slices.Equal(segIDs(segs), []string{f.bRecruitBen}) {
		t.Fatalf("coder filter on codings %v", segIDs(segs))
	}
	segs, _ = Segments(f.p, SegmentQuery{Codings: []string{f.aDebt, f.aRecruit}, Codes: []string{f.recruit}})
	if !slices.Equal(segIDs(segs), []string{f.aRecruit}) {
		t.Fatalf("code filter on codings %v", segIDs(segs))
	}
	segs, _ = Segments(f.p, SegmentQuery{Codings: []string{f.aDebt, f.aRecruit}, Where: []Condition{{Code: f.recruit, Within: WithinParagraph}}})
	if !slices.Equal(segIDs(segs), []string{f.aDebt}) {
		t.Fatalf("condition on codings %v", segIDs(segs))
	}
}
