package exchange

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/xuri/excelize/v2"
)

func readCSVString(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("exported CSV does not parse: %v\n%s", err, s)
	}
	return recs
}

func openXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("exported XLSX does not open: %v", err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func cell(t *testing.T, x *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := x.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestExportSegments(t *testing.T) {
	f := codingtest.NewFixture(t)
	segs, err := query.Segments(f.P, query.SegmentQuery{Codes: []string{f.Movement, f.Debt}})
	if err != nil {
		t.Fatal(err)
	}
	segs = append(segs, query.Segment{StudyTitle: "=HYPERLINK(\"x\")", Quote: "- a bullet", Memo: "-5"})
	var buf bytes.Buffer
	if err := WriteSegmentsCSV(&buf, segs); err != nil {
		t.Fatal(err)
	}
	recs := readCSVString(t, buf.String())
	if len(recs) != 6 || strings.Join(recs[0], ",") != "study,study_guid,code,code_guid,coder,page,start,end,quote,memo,coding_guid" {
		t.Fatalf("CSV %v", recs)
	}
	if r := recs[2]; r[0] != "Alpha fields" || r[2] != "Themes/Restricted movement" || r[5] != "2" || r[8] != "Workers could not leave the farm." {
		t.Fatalf("row %v", r)
	}
	if r := recs[5]; r[0] != `'=HYPERLINK("x")` || r[8] != "'- a bullet" || r[9] != "-5" {
		t.Fatalf("formula defusing %v", r)
	}
	buf.Reset()
	if err := WriteSegmentsXLSX(&buf, segs); err != nil {
		t.Fatal(err)
	}
	x := openXLSX(t, buf.Bytes())
	if got := x.GetSheetList(); len(got) != 1 || got[0] != "Segments" {
		t.Fatalf("sheets %v", got)
	}
	if cell(t, x, "Segments", "A1") != "study" || cell(t, x, "Segments", "C3") != "Themes/Restricted movement" ||
		cell(t, x, "Segments", "F3") != "2" || cell(t, x, "Segments", "I3") != "Workers could not leave the farm." ||
		cell(t, x, "Segments", "A6") != `'=HYPERLINK("x")` || cell(t, x, "Segments", "I6") != "'- a bullet" {
		t.Fatal("XLSX cells differ from the segments")
	}
	if typ, _ := x.GetCellType("Segments", "F3"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Fatalf("page cell type %v", typ)
	}
}

func TestExportFrequencies(t *testing.T) {
	f := codingtest.NewFixture(t)
	// A table of study A coded with Debt bondage: counted, and said to be an area.
	if _, err := coding.ApplyArea(f.P, coding.PageArea{Study: f.A, Rect: coding.Rect{X0: 10, Y0: 10, X1: 100, Y1: 60}, Label: "table"}, f.Debt, ""); err != nil {
		t.Fatal(err)
	}
	fs, err := query.CodeFrequencies(f.P, query.FrequencyQuery{Kind: coding.KindTheme, AllStudies: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteFrequenciesCSV(&buf, fs); err != nil {
		t.Fatal(err)
	}
	recs := readCSVString(t, buf.String())
	if len(recs) != len(fs)+1 || recs[1][0] != "Themes" || recs[1][4] != "9" || recs[0][6] != "areas" {
		t.Fatalf("frequencies CSV %v", recs[:2])
	}
	for i, fr := range fs {
		want := "0"
		if fr.Code == f.Debt {
			want = "1"
		}
		if recs[i+1][6] != want {
			t.Errorf("%s: areas %q, want %s", fr.Path, recs[i+1][6], want)
		}
	}
	buf.Reset()
	if err := WriteFrequenciesXLSX(&buf, fs); err != nil {
		t.Fatal(err)
	}
	x := openXLSX(t, buf.Bytes())
	rows, _ := x.GetRows("Frequencies")
	if len(rows) != len(fs)+1 || rows[0][2] != "codings" {
		t.Fatalf("XLSX rows %d", len(rows))
	}
	for i, fr := range fs {
		if rows[i+1][0] != fr.Path {
			t.Fatalf("row %d = %v, want %s", i+1, rows[i+1], fr.Path)
		}
	}
}

func TestExportMatrix(t *testing.T) {
	f := codingtest.NewFixture(t)
	m, err := query.CodeMatrix(f.P, query.MatrixQuery{Cols: query.DimSector, Codes: []string{f.Debt, f.Recruit}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteMatrixCSV(&buf, m); err != nil {
		t.Fatal(err)
	}
	recs := readCSVString(t, buf.String())
	want := [][]string{
		{"code", "Agriculture codings", "Agriculture studies", "Domestic work codings", "Domestic work studies", "total codings", "total studies"},
		{"Themes/Debt bondage", "2", "2", "1", "1", "2", "2"},
		{"Themes/Recruitment and deception", "2", "2", "1", "1", "2", "2"},
		{"total", "4", "2", "2", "1", "4", "2"},
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Fatalf("matrix CSV row %d = %v, want %v", i, recs[i], want[i])
		}
	}
	buf.Reset()
	if err := WriteMatrixXLSX(&buf, m); err != nil {
		t.Fatal(err)
	}
	x := openXLSX(t, buf.Bytes())
	if got := x.GetSheetList(); strings.Join(got, ",") != "Codings,Studies" {
		t.Fatalf("sheets %v", got)
	}
	checks := map[string]string{"A1": "code", "B1": "Agriculture", "C1": "Domestic work", "D1": "total",
		"A2": "Themes/Debt bondage", "B2": "2", "C2": "1", "D2": "2", "A4": "total", "B4": "4", "D4": "4"}
	for ref, v := range checks {
		if got := cell(t, x, "Codings", ref); got != v {
			t.Errorf("Codings!%s = %q, want %q", ref, got, v)
		}
	}
	if got := cell(t, x, "Studies", "B4"); got != "2" {
		t.Errorf("Studies!B4 = %q", got)
	}
}
