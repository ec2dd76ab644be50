package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/xuri/excelize/v2"
)

func TestMatrixVerb(t *testing.T) {
	f := newReviewFixture(t)
	out := mustWB(t, "matrix", f.path, "--rows", "code", "--cols", "sector", "--kind", "theme")
	if !strings.Contains(out, "Agriculture") || !strings.Contains(out, "Domestic work") || !strings.Contains(out, "codings/studies") {
		t.Fatalf("matrix:\n%s", out)
	}
	var m query.Matrix
	if err := json.Unmarshal([]byte(mustWB(t, "matrix", f.path, "--cols", "country", "--json")), &m); err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Cols, ",") != "India,Nepal" || m.Total.Codings != 5 || m.Total.Studies != 2 {
		t.Fatalf("country matrix cols %v total %+v", m.Cols, m.Total)
	}
	for r, row := range m.Rows {
		if row.Name == "Debt bondage" {
			c := m.Cells[r][1]
			if c.Codings != 1 || len(c.CodingGUIDs) != 1 || c.CodingGUIDs[0] != f.debtA {
				t.Fatalf("debt x Nepal %+v", c)
			}
		}
	}
	// Only reportable studies count unless --all: excluding Beta drops it.
	mustWB(t, "status", f.path, "--add-reason", "Wrong population")
	mustWB(t, "status", f.path, "--study", "Beta", "--set", "excluded", "--reason", "wrong population")
	json.Unmarshal([]byte(mustWB(t, "matrix", f.path, "--cols", "country", "--json")), &m)
	if strings.Join(m.Cols, ",") != "Nepal" {
		t.Fatalf("after exclusion cols %v", m.Cols)
	}
	json.Unmarshal([]byte(mustWB(t, "matrix", f.path, "--cols", "status", "--all", "--coder", "Ben", "--json")), &m)
	// Columns list every value among the studies in scope, even without codings.
	if strings.Join(m.Cols, ",") != "included,excluded" || m.Total.Codings != 1 || m.ColTotals[0].Codings != 0 || m.ColTotals[1].Codings != 1 {
		t.Fatalf("Ben by status: cols %v total %+v", m.Cols, m.Total)
	}
	dir := t.TempDir()
	xlsxPath, csvPath := filepath.Join(dir, "m.xlsx"), filepath.Join(dir, "m.csv")
	mustWB(t, "matrix", f.path, "--cols", "method", "--all", "--code", "Debt bondage", "--code", "Recruitment and deception", "--xlsx", xlsxPath, "--csv", csvPath)
	x, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	want := map[string]string{"B1": "mixed", "C1": "qualitative", "A2": "Themes/Debt bondage", "B2": "1", "C2": "1", "D2": "2", "B3": "1"}
	for ref, v := range want {
		if got, _ := x.GetCellValue("Codings", ref); got != v {
			t.Errorf("Codings!%s = %q, want %q", ref, got, v)
		}
	}
	if b, _ := os.ReadFile(csvPath); !strings.HasPrefix(string(b), "code,mixed codings,mixed studies,qualitative codings") {
		t.Fatalf("csv:\n%s", b)
	}
	if code, _, errOut := wb(t, "matrix", f.path, "--cols", "colour"); code != 1 || !strings.Contains(errOut, "colour") {
		t.Fatalf("bad cols: %d %s", code, errOut)
	}
	if code, _, errOut := wb(t, "matrix", f.path, "--rows", "study"); code != 2 || !strings.Contains(errOut, "rows are codes") {
		t.Fatalf("bad rows: %d %s", code, errOut)
	}
}
