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
	"github.com/evidence-workbench/workbench/coding"
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
	if len(recs) != want || recs[1][0] != "overall" || recs[1][3] != "sentence" || recs[len(recs)-1][0] != "appraisal" {
		t.Fatalf("csv has %d records (want %d): %v", len(recs), want, recs[:2])
	}
	if err := writeAgreementCSV(filepath.Join(t.TempDir(), "missing", "x.csv"), p.res); err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
}

func TestAgreementCells(t *testing.T) {
	nan := math.NaN()
	got := agreementCells(agreementRow("Wages", 1200, 300, 0.85, nan, 0.41, 0.4))
	want := []string{"Wages", "1,200", "300", "85.0%", "—", "0.410", "0.400"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("cells %v, want %v", got, want)
	}
}

func agreementRow(name string, units, coded, pc, cohen, fleiss, alpha float64) coding.AgreementRow {
	return coding.AgreementRow{Name: name, Units: units, Coded: coded, Percent: pc, Cohen: cohen, Fleiss: fleiss, Alpha: alpha}
}

// TestAgreementCSVEscapesFormulas: code and study names that a spreadsheet
// would run as formulas are escaped; negative coefficients stay numbers.
func TestAgreementCSVEscapesFormulas(t *testing.T) {
	res := &coding.AgreementResult{Unit: "sentence",
		Overall: coding.AgreementRow{Name: "All codes", Units: 4, Coded: 4, Percent: 0.5, Cohen: -0.25, Fleiss: -0.25, Alpha: -0.2},
		ByCode:  []coding.AgreementRow{{Key: "k", Name: "=HYPERLINK(\"http://x\")", Units: 4, Cohen: -0.5}},
		ByStudy: []coding.AgreementRow{{Key: "s", Name: "@study", Units: 4}}}
	var b strings.Builder
	if err := agreementCSV(&b, res); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[2][2] != `'=HYPERLINK("http://x")` || recs[3][2] != "'@study" || recs[1][8] != "-0.2500" || recs[2][8] != "-0.5000" {
		t.Errorf("records %q", recs)
	}
}
