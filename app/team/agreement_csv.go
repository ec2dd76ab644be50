package team

import (
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/internal/cellsafe"
)

// writeAgreementCSV writes an agreement result as CSV: the overall row, one
// row per code and per study, then the appraisal rows. Undefined
// coefficients are left empty. A failed export leaves no file behind.
func writeAgreementCSV(path string, res *agreement.Result) error {
	err := ui.WriteFileAtomic(path, func(f *os.File) error { return agreementCSV(f, res) })
	if err != nil {
		return fmt.Errorf("export agreement: %w", err)
	}
	return nil
}

// agreementCSV writes the rows of writeAgreementCSV to f.
func agreementCSV(f io.Writer, res *agreement.Result) error {
	w := cellsafe.NewWriter(f)
	num := func(v float64, prec int) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ""
		}
		return strconv.FormatFloat(v, 'f', prec, 64)
	}
	w.Write([]string{"section", "key", "name", "unit", "absent", "units", "pairable", "coded", "unanimous", "krippendorff_alpha",
		"alpha_low", "alpha_high", "p_alpha_below_0_667", "p_alpha_below_0_8", "resamples", "cohen_kappa", "fleiss_kappa", "weighted_kappa",
		"percent"})
	boots := strconv.Itoa(res.Resamples)
	row := func(section string, r agreement.Row) {
		w.Write([]string{section, r.Key, r.Name, res.Unit, res.Absent, num(r.Units, 0), num(r.Pairable, 0), num(r.Coded, 0),
			num(r.Unanimous, 0), num(r.Alpha, 4), num(r.AlphaLow, 4), num(r.AlphaHigh, 4), num(r.BelowTentative, 4),
			num(r.BelowReliable, 4), boots, num(r.Cohen, 4), num(r.Fleiss, 4), "", num(r.Percent, 4)})
	}
	row("overall", res.Overall)
	for _, r := range res.ByCode {
		row("code", r)
	}
	for _, r := range res.ByStudy {
		row("study", r)
	}
	for _, a := range res.Appraisal {
		w.Write([]string{"appraisal", a.Key, a.Name, "study", "", strconv.Itoa(a.Units), strconv.Itoa(a.Units), "", "",
			num(a.Alpha, 4), num(a.AlphaLow, 4), num(a.AlphaHigh, 4), num(a.BelowTentative, 4), num(a.BelowReliable, 4),
			boots, "", "", num(a.Kappa, 4), num(a.Percent, 4)})
	}
	w.Flush()
	return w.Error()
}
