package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/xuri/excelize/v2"
)

// reviewFixture is a closed project file with two coded studies:
// "Alpha fields" (Agriculture, Nepal, included) and "Beta homes"
// (Domestic work, India, coding), coded by Ann; Ben coded one passage.
type reviewFixture struct {
	path        string
	alpha, beta string
	debtA       string // Ann's "Debt bondage" coding in Alpha
}

func newReviewFixture(t *testing.T) reviewFixture {
	t.Helper()
	t.Setenv("EWB_CONFIG_DIR", t.TempDir())
	t.Setenv("EWB_CODER", "Ann")
	f := reviewFixture{path: filepath.Join(t.TempDir(), "review.ewb")}
	p, err := corpus.Create(f.path, "review")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(p.SetCoder(corpus.CoderNamed("Ann")))
	_, err = coding.ApplyTemplate(p, assets.DefaultTemplate())
	must(err)
	add := func(name, text string) string {
		var g string
		must(p.Do("Import", func(tx *corpus.Tx) error {
			var err error
			g, err = tx.AddStudy(corpus.NewStudy{FileName: name + ".pdf", PDF: []byte("%PDF " + name), Text: text,
				PageStarts: []int{0}, Attributes: corpus.Attributes{Title: name}})
			return err
		}))
		return g
	}
	f.alpha = add("Alpha fields", "Recruiters lied about wages. Debts grew.\n\nPassports were taken.")
	f.beta = add("Beta homes", "Debt kept maids in homes. Agents deceived them.")
	must(coding.SetAttributes(p, f.alpha, corpus.Attributes{Title: "Alpha fields", Sectors: []string{"Agriculture"}, Countries: []string{"Nepal"}, Method: "qualitative", Year: 2015}))
	must(coding.SetAttributes(p, f.beta, corpus.Attributes{Title: "Beta homes", Sectors: []string{"Domestic work"}, Countries: []string{"India"}, Method: "mixed", Year: 2020}))
	must(coding.SetStatus(p, []string{f.alpha}, "included", ""))
	must(coding.SetStatus(p, []string{f.beta}, "coding", ""))
	code := func(ref string) string {
		c, err := coding.ResolveCode(p, ref)
		must(err)
		return c.GUID
	}
	apply := func(study, ref string, s, e int) string {
		c, err := coding.ApplyCode(p, study, code(ref), s, e, "")
		must(err)
		return c.GUID
	}
	apply(f.alpha, "Recruitment and deception", 0, 28)
	f.debtA = apply(f.alpha, "Debt bondage", 29, 40)
	apply(f.alpha, "Document confiscation", 42, 63)
	apply(f.beta, "Debt bondage", 0, 25)
	apply(f.alpha, "Informed consent and do-no-harm", 0, 10)
	must(p.SetCoder(corpus.CoderNamed("Ben")))
	apply(f.beta, "Recruitment and deception", 26, 47)
	return f
}

func TestSegmentsVerb(t *testing.T) {
	f := newReviewFixture(t)
	out := mustWB(t, "segments", f.path, "--code", "Debt bondage")
	if !strings.Contains(out, "Debts grew.") || !strings.Contains(out, "Debt kept maids") || !strings.Contains(out, "2 segments") {
		t.Fatalf("segments:\n%s", out)
	}
	var segs []query.Segment
	jsonOut := mustWB(t, "segments", f.path, "--code", "Themes/Debt bondage", "--paragraph", "Recruitment and deception", "--json")
	if err := json.Unmarshal([]byte(jsonOut), &segs); err != nil || len(segs) != 2 {
		t.Fatalf("paragraph co-occurrence: %v\n%s", err, jsonOut)
	}
	jsonOut = mustWB(t, "segments", f.path, "--code", "Debt bondage", "--overlaps", "Recruitment and deception", "--json")
	if strings.TrimSpace(jsonOut) != "[]" {
		t.Fatalf("overlap: %s", jsonOut)
	}
	jsonOut = mustWB(t, "segments", f.path, "--code", "Debt bondage", "--not", "Document confiscation", "--json")
	if json.Unmarshal([]byte(jsonOut), &segs); len(segs) != 1 || segs[0].Study != f.beta {
		t.Fatalf("not: %s", jsonOut)
	}
	jsonOut = mustWB(t, "segments", f.path, "--coder", "Ben", "--json")
	if json.Unmarshal([]byte(jsonOut), &segs); len(segs) != 1 || segs[0].CoderName != "Ben" {
		t.Fatalf("coder: %s", jsonOut)
	}
	jsonOut = mustWB(t, "segments", f.path, "--kind", "theme", "--sector", "agriculture", "--study", "Alpha", "--json")
	if json.Unmarshal([]byte(jsonOut), &segs); len(segs) != 3 {
		t.Fatalf("kind + sector + study: %s", jsonOut)
	}
	dir := t.TempDir()
	csvPath, xlsxPath := filepath.Join(dir, "s.csv"), filepath.Join(dir, "s.xlsx")
	mustWB(t, "segments", f.path, "--code", "Debt bondage", "--csv", csvPath, "--xlsx", xlsxPath)
	b, err := os.ReadFile(csvPath)
	if err != nil || strings.Count(string(b), "\n") != 3 || !strings.Contains(string(b), "Themes/Debt bondage") {
		t.Fatalf("csv %v:\n%s", err, b)
	}
	x, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if v, _ := x.GetCellValue("Segments", "I2"); v != "Debts grew." {
		t.Fatalf("xlsx I2 = %q", v)
	}
	out = mustWB(t, "segments", f.path, "--frequencies", "--kind", "theme")
	if !strings.Contains(out, "Debt bondage") || !strings.Contains(out, "OF WHICH AREAS") {
		t.Fatalf("frequencies:\n%s", out)
	}
	if code, _, errOut := wb(t, "segments", f.path, "--code", "No such code"); code != 1 || !strings.Contains(errOut, "No such code") {
		t.Fatalf("unknown code: %d %s", code, errOut)
	}
	if code, _, errOut := wb(t, "segments", f.path, "--and", "Debt bondage", "--within", "sentence"); code != 1 || !strings.Contains(errOut, "sentence") {
		t.Fatalf("bad within: %d %s", code, errOut)
	}
}

func TestMyVerbsHelp(t *testing.T) {
	for _, v := range []string{"attributes", "status", "appraise", "segments", "matrix"} {
		code, out, _ := wb(t, v, "--help")
		if code != 0 || !strings.Contains(out, "Usage: wb "+v) || !strings.Contains(out, "--json") {
			t.Errorf("%s --help: %d %s", v, code, out)
		}
	}
}
