package main

import (
	"encoding/json"
	"fmt"
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
	// Chance-corrected figures first, percent agreement last.
	csv := mustWB(t, "agreement", master, "--csv", "--coded-only", "--coders", "Ann,Bob")
	if !strings.HasPrefix(csv, "scope,key,name,units,pairable,coded,unanimous,alpha,alpha_low,alpha_high,p_alpha_below_0_667,p_alpha_below_0_8,resamples,cohen_kappa,fleiss_kappa,weighted_kappa,percent\n") ||
		!strings.Contains(csv, "overall,,All codes,60,60,60,20,-0.4875") || !strings.Contains(csv, ",0.3333333333333333\n") {
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

// TestAgreementVerbBasisAndInterval: the text says what the figures rest on
// and the missing-data rule, puts percent agreement last, and the
// bootstrapped interval is the same on every run.
func TestAgreementVerbBasisAndInterval(t *testing.T) {
	master, ann, bob, _, _ := teamFiles(t)
	mustWB(t, "merge", master, ann, bob, "--coder", "Lead")
	text := mustWB(t, "agreement", master)
	for _, want := range []string{"Missing data (--absent missing):", "is missing there",
		"Overall: 100 characters, 60 coded by anyone; statistics on the 100 both coders could code.", "1,000 resamples"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	header := text[strings.Index(text, "SCOPE"):]
	header = header[:strings.Index(header, "\n")]
	if a, p := strings.Index(header, "ALPHA"), strings.Index(header, "AGREE"); a < 0 || p < a || !strings.HasSuffix(header, "AGREE") {
		t.Errorf("percent agreement is not last: %q", header)
	}
	if zero := mustWB(t, "agreement", master, "--absent", "zero"); !strings.Contains(zero, `Missing data (--absent zero): A coder who coded nothing in a study has said "no"`) {
		t.Errorf("--absent zero:\n%s", zero)
	}
	if code, _, errOut := wb(t, "agreement", master, "--absent", "maybe"); code == 0 || !strings.Contains(errOut, "zero") {
		t.Errorf("bad --absent: %d %s", code, errOut)
	}
	first := mustWB(t, "agreement", master, "--json", "--bootstrap", "400")
	if again := mustWB(t, "agreement", master, "--json", "--bootstrap", "400"); again != first {
		t.Errorf("reruns differ:\n%s\n%s", first, again)
	}
	var r struct {
		Resamples   int    `json:"resamples"`
		Absent      string `json:"absent"`
		MissingRule string `json:"missing_rule"`
		Codings     []map[string]any
	}
	if err := json.Unmarshal([]byte(first), &r); err != nil {
		t.Fatal(err)
	}
	o := r.Codings[0]
	lo, ok1 := o["alpha_low"].(float64)
	hi, ok2 := o["alpha_high"].(float64)
	a := o["alpha"].(float64)
	if r.Resamples != 400 || r.Absent != "missing" || r.MissingRule == "" || !ok1 || !ok2 || !(lo <= a && a <= hi) ||
		o["pairable"].(float64) != 100 || o["p_alpha_below_0_8"] == nil {
		t.Errorf("json %+v %v", r, o)
	}
	none := mustWB(t, "agreement", master, "--json", "--bootstrap", "0")
	if !strings.Contains(none, `"alpha_low": null`) || !strings.Contains(none, `"resamples": 0`) {
		t.Errorf("--bootstrap 0:\n%s", none)
	}
}

// TestAgreementVerbDataWeightsAndWords: interval kappa weighs the values'
// distances (1, 2, 5: 0.648, not the rank-based 0.624); ordinal word labels
// without --order are refused with the labels named.
func TestAgreementVerbDataWeightsAndWords(t *testing.T) {
	dir := t.TempDir()
	a := []int{1, 1, 1, 1, 1, 1, 2, 2, 5, 5, 5, 5, 5, 5, 5}
	b := []int{1, 1, 2, 2, 2, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}
	var sb strings.Builder
	sb.WriteString("unit,A,B\n")
	for i := range a {
		fmt.Fprintf(&sb, "u%d,%d,%d\n", i, a[i], b[i])
	}
	values := filepath.Join(dir, "values.csv")
	words := filepath.Join(dir, "words.csv")
	if err := os.WriteFile(values, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(words, []byte("unit,A,B\nu1,high,high\nu2,low,medium\nu3,medium,medium\nu4,low,low\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustWB(t, "agreement", "--data", values, "--level", "interval")
	if !strings.Contains(out, "Kappa A-B (quadratic)") || !strings.Contains(out, "0.648") || strings.Contains(out, "0.624") {
		t.Errorf("interval kappa:\n%s", out)
	}
	if strings.Index(out, "Percent agreement") < strings.Index(out, "Mean pairwise kappa") {
		t.Errorf("percent agreement before the chance-corrected figures:\n%s", out)
	}
	code, stdout, errOut := wb(t, "agreement", "--data", words, "--level", "ordinal")
	if code == 0 || strings.Contains(stdout, "-") || !strings.Contains(errOut, `"high", "low", "medium"`) || !strings.Contains(errOut, "--order") {
		t.Errorf("ordinal words without --order: exit %d\n%s\n%s", code, stdout, errOut)
	}
	if code, _, errOut := wb(t, "agreement", "--data", words, "--level", "interval"); code == 0 || !strings.Contains(errOut, "needs numbers") {
		t.Errorf("interval words: exit %d %s", code, errOut)
	}
	ok := mustWB(t, "agreement", "--data", words, "--level", "ordinal", "--order", "low,medium,high")
	if !strings.Contains(ok, "Krippendorff's alpha (ordinal)") || strings.Contains(ok, "alpha (ordinal)  -") {
		t.Errorf("ordinal words with --order:\n%s", ok)
	}
}
