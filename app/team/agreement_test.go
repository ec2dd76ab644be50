package team

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/coding/merge"
)

// mergedTeam opens the team scenario's master in a stand-in main window
// with both reviewers' files merged in.
func mergedTeam(t *testing.T) (*uitest.App, *uitest.Host, *teamScenario) {
	t.Helper()
	sc := newTeamScenario(t)
	a, h := newHost(t, sc.master)
	master := h.Project()
	for _, path := range []string{sc.a, sc.b} {
		f, err := planReviewerFile(context.Background(), master, path, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = merge.Apply(context.Background(), master, f.plan, f.resolutions(), nil)
		f.cleanup()
		if err != nil {
			t.Fatal(err)
		}
	}
	h.Changed(nil)
	return a, h, sc
}

func TestAgreementWindow(t *testing.T) {
	a, h, _ := mergedTeam(t)
	p := showAgreement(h, h)
	p.run()
	a.Settle(t)
	if p.res == nil {
		t.Fatalf("no agreement computed: %q", p.message.Text)
	}
	// With no coders ticked, everyone who coded is compared and then ticked.
	if len(p.res.Coders) != 3 || len(p.coders.Selected) != 3 {
		t.Fatalf("coders %v, ticked %v", p.res.Coders, p.coders.Selected)
	}
	if pc := p.res.Overall.Percent; math.IsNaN(pc) || pc <= 0 || pc > 1 {
		t.Fatalf("overall percent %v", pc)
	}
	if rows, cols := p.byCode.Length(); rows == 0 || cols != len(agreementColumns) {
		t.Fatalf("by-code table %d×%d", rows, cols)
	}
	if rows, _ := p.byStudy.Length(); rows == 0 {
		t.Fatal("by-study table is empty")
	}
	if !strings.Contains(p.overall.Text, "3 coders") || strings.Contains(p.overall.Text, "Cohen") {
		t.Fatalf("overall %q (Cohen's kappa needs two coders)", p.overall.Text)
	}
	// Alpha with its interval comes first, percent agreement last; the line
	// says what the figures rest on and the missing-data rule.
	txt, basis := p.overall.Text, p.basis.Text
	if a, pc := strings.Index(txt, "Krippendorff's α"), strings.Index(txt, "percent agreement"); a < 0 || pc < a ||
		!strings.Contains(txt, "95% interval") || !strings.Contains(basis, "statistics on the") ||
		!strings.Contains(basis, agreement.MissingRule(agreement.AbsentMissing)) || !strings.Contains(basis, "1,000 bootstrap resamples") {
		t.Fatalf("overall %q\n%q", txt, basis)
	}
	if p.res.Resamples != agree.DefaultResamples || math.IsNaN(p.res.Overall.AlphaLow) || p.res.Overall.Pairable == 0 {
		t.Fatalf("overall row %+v, %d resamples", p.res.Overall, p.res.Resamples)
	}
	if agreementColumns[len(agreementColumns)-1] != "% agreement" || agreementColumns[4] != "Krippendorff's α" ||
		appraisalColumns[len(appraisalColumns)-1] != "% agreement" {
		t.Fatalf("columns %v / %v", agreementColumns, appraisalColumns)
	}
	// A coder who coded nothing in a study: "said no" instead of missing.
	pairable := p.res.Overall.Pairable
	p.absent.SetSelected(agreementAbsent[1].label)
	test.Tap(p.runBtn)
	a.Settle(t)
	if p.res.Absent != agreement.AbsentZero || p.res.Overall.Pairable <= pairable || !strings.Contains(p.basis.Text, agreement.MissingRule(agreement.AbsentZero)) {
		t.Fatalf("absent zero: %q, pairable %v (was %v), %q", p.res.Absent, p.res.Overall.Pairable, pairable, p.basis.Text)
	}
	p.absent.SetSelected(agreementAbsent[0].label)
	// The two reviewers only, by sentence: Cohen's kappa is defined.
	p.coders.SetSelected([]string{"Reviewer A", "Reviewer B"})
	p.unit.SetSelected("Sentence")
	p.codedOnly.SetChecked(true)
	test.Tap(p.runBtn)
	a.Settle(t)
	if p.res.Unit != "sentence" || len(p.res.Coders) != 2 || math.IsNaN(p.res.Overall.Cohen) || !strings.Contains(p.overall.Text, "Cohen") {
		t.Fatalf("two coders: unit %s, %d coders, cohen %v, %q", p.res.Unit, len(p.res.Coders), p.res.Overall.Cohen, p.overall.Text)
	}
	if len(p.res.Appraisal) == 0 || p.res.Appraisal[0].Units == 0 {
		t.Fatalf("appraisal rows %+v", p.res.Appraisal)
	}
	// A change saved elsewhere marks the figures as out of date.
	h.Changed(nil)
	if !strings.Contains(p.message.Text, "Compute to update") {
		t.Fatalf("after a change: %q", p.message.Text)
	}
	// One coder is refused.
	p.coders.SetSelected([]string{"Reviewer A"})
	p.run()
	if !strings.Contains(p.message.Text, "two coders") || p.computing.Busy() {
		t.Fatalf("one coder: %q", p.message.Text)
	}

	out := filepath.Join(t.TempDir(), "agreement.csv")
	if err := writeAgreementCSV(out, p.res); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := 2 + len(p.res.ByCode) + len(p.res.ByStudy) + len(p.res.Appraisal)
	if len(recs) != want || recs[1][0] != "overall" || recs[1][3] != "sentence" || recs[1][4] != "missing" ||
		recs[0][9] != "krippendorff_alpha" || recs[0][14] != "resamples" || recs[1][14] != "1000" || recs[0][len(recs[0])-1] != "percent" || recs[len(recs)-1][0] != "appraisal" {
		t.Fatalf("csv has %d records (want %d): %v", len(recs), want, recs[:2])
	}
	if err := writeAgreementCSV(filepath.Join(t.TempDir(), "missing", "x.csv"), p.res); err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
}

func TestAgreementCells(t *testing.T) {
	nan := math.NaN()
	r := agreement.Row{Name: "Wages", Units: 1200, Pairable: 900, Coded: 300, Alpha: 0.4, AlphaLow: 0.3, AlphaHigh: 0.5,
		BelowTentative: 1, BelowReliable: 1, Cohen: nan, Fleiss: 0.41, Percent: 0.85}
	got := agreementCells(r)
	want := []string{"Wages", "1,200", "900", "300", "0.400", "0.300 – 0.500", "1.000", "1.000", "—", "0.410", "85.0%"}
	if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(agreementColumns) {
		t.Fatalf("cells %v, want %v", got, want)
	}
	r.AlphaLow, r.AlphaHigh = nan, nan
	if got := agreementCells(r); got[5] != "—" {
		t.Fatalf("no interval: %v", got)
	}
}

// TestAgreementCSVEscapesFormulas: code and study names that a spreadsheet
// would run as formulas are escaped; negative coefficients stay numbers.
func TestAgreementCSVEscapesFormulas(t *testing.T) {
	res := &agreement.Result{Unit: "sentence",
		Overall: agreement.Row{Name: "All codes", Units: 4, Coded: 4, Percent: 0.5, Cohen: -0.25, Fleiss: -0.25, Alpha: -0.2},
		ByCode:  []agreement.Row{{Key: "k", Name: "=HYPERLINK(\"http://x\")", Units: 4, Cohen: -0.5}},
		ByStudy: []agreement.Row{{Key: "s", Name: "@study", Units: 4}}}
	var b strings.Builder
	if err := agreementCSV(&b, res); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	if recs[2][2] != `'=HYPERLINK("http://x")` || recs[3][2] != "'@study" ||
		recs[1][col["krippendorff_alpha"]] != "-0.2000" || recs[2][col["cohen_kappa"]] != "-0.5000" {
		t.Errorf("records %q", recs)
	}
}
