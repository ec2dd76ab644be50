package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAgreementVerb(t *testing.T) {
	master, ann, bob, _, _ := teamFiles(t)
	mustWB(t, "merge", master, ann, bob, "--coder", "Lead")
	out := mustWB(t, "agreement", master, "--json")
	var r struct {
		Coders  []string
		Codings []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(r.Coders) != 2 || r.Codings[0]["scope"] != "overall" {
		t.Fatalf("agreement %s", out)
	}
	// 100 characters: 20 both, 40 one coder only, 40 neither.
	if p := r.Codings[0]["percent"].(float64); math.Abs(p-0.6) > 1e-9 {
		t.Errorf("percent %v", p)
	}
	if k := r.Codings[0]["cohen_kappa"].(float64); math.Abs(k-1.0/6) > 1e-9 {
		t.Errorf("kappa %v", k)
	}
	csv := mustWB(t, "agreement", master, "--csv", "--coded-only", "--coders", "Ann,Bob")
	if !strings.HasPrefix(csv, "scope,key,name,units") || !strings.Contains(csv, "overall,,All codes,60,60,20,0.333") {
		t.Errorf("csv:\n%s", csv)
	}
	one := mustWB(t, "agreement", master, "--study", "study", "--csv")
	if strings.Count(one, "\n") != 4 || !strings.Contains(one, "study,") {
		t.Errorf("one study:\n%s", one)
	}
	table := mustWB(t, "agreement", master, "--unit", "study")
	if !strings.Contains(table, "unit study") || !strings.Contains(table, "Study one") {
		t.Errorf("table:\n%s", table)
	}
	if code, _, errOut := wb(t, "agreement", master, "--unit", "word"); code == 0 || !strings.Contains(errOut, "sentence") {
		t.Errorf("bad unit: %d %s", code, errOut)
	}
	if code, _, _ := wb(t, "agreement"); code != 2 {
		t.Errorf("no file and no --data: %d", code)
	}
	// A code named like a formula is escaped in the CSV; negative
	// coefficients stay numbers.
	mustWB(t, "codebook", master, "--coder", "Lead", "--edit", "X", "--name", "=HYPERLINK(\"http://x\")")
	csv = mustWB(t, "agreement", master, "--csv")
	if !strings.Contains(csv, `"'=HYPERLINK(""http://x"")"`) || strings.Contains(csv, `,"=HYPERLINK`) {
		t.Errorf("formula not escaped:\n%s", csv)
	}
}

func TestAgreementVerbData(t *testing.T) {
	// Krippendorff (2011) reliability data: 4 coders, 12 units.
	data := "unit,A,B,C,D\nu1,1,1,,1\nu2,2,2,3,2\nu3,3,3,3,3\nu4,3,3,3,3\nu5,2,2,2,2\nu6,1,2,3,4\n" +
		"u7,4,4,4,4\nu8,1,1,2,1\nu9,2,2,2,2\nu10,,5,5,5\nu11,,,1,1\nu12,,3,,\n"
	path := filepath.Join(t.TempDir(), "ratings.csv")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustWB(t, "agreement", "--data", path, "--level", "nominal")
	if !strings.Contains(out, "Krippendorff's alpha (nominal)  0.743") {
		t.Errorf("nominal:\n%s", out)
	}
	out = mustWB(t, "agreement", "--data", path, "--level", "interval", "--json")
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if a := r["alpha"].(float64); math.Abs(a-0.849) > 0.0005 || r["units"].(float64) != 12 {
		t.Errorf("interval: %v", r)
	}
	if code, _, _ := wb(t, "agreement", "--data", path, "--level", "fuzzy"); code == 0 {
		t.Error("bad level accepted")
	}
}
