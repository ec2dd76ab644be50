package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/internal/cellsafe"
)

func init() {
	register(&verb{
		name: "agreement", args: "FILE  |  --data RATINGS.csv", nargs: [2]int{0, 1},
		summary: "inter-coder agreement of a project's codings and appraisals, or of a ratings table",
		help: `With FILE: agreement of the reviewers' codings (consensus codings are left out) overall, per code
and per study: Krippendorff's alpha with its bootstrapped 95% interval and the probabilities that it
is below 0.667 and 0.8, Cohen's kappa (two coders), Fleiss' kappa, then percent agreement, with units
of --unit char (default), sentence, paragraph or study (was the code used in the study at all).
Each row says how many units there are, how many at least two coders could code (the statistics
rest on those) and how many anyone coded. --absent sets what a coder who coded nothing at all in a
study said: missing (default: they are left out there) or zero (they said "no" to every code).
--coded-only leaves out units nobody coded. Then the agreement of the rigor appraisals per
criterion on the ordinal scale met > partly met > not met > not reported (ordinal alpha and, for two
coders, linearly weighted kappa) and of the overall ratings high > medium > low.

With --data RATINGS.csv (no FILE): a units x coders table (header "unit,CODER,CODER,...", one row
per unit, empty cells missing) at --level nominal, ordinal, interval or ratio. Pairwise kappa is
weighted linearly on the ranks of the scale at ordinal level (every category of --order, or every
whole number from the smallest to the largest value, used or not) and quadratically on the values'
distances at interval and ratio level. Ordinal data given as words need --order.

The interval of alpha is Krippendorff's bootstrap as in Hayes and Krippendorff's KALPHA, with a
fixed seed (reruns agree); --bootstrap sets the resamples (0 skips it).`,
		opts: func() options { return &agreementOptions{} },
	})
}

// agreementOptions are the flags of wb agreement.
type agreementOptions struct {
	coders, unit, code, study string
	codedOnly, csv            bool
	absent                    string
	bootstrap                 int
	data, level, order        string
	metric                    agree.Metric // --level, set by check
}

func (o *agreementOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.coders, "coders", "", "compare these coders (names or GUIDs, comma-separated; default all who coded)")
	fs.StringVar(&o.unit, "unit", "char", "unit of agreement: char, sentence, paragraph or study")
	fs.StringVar(&o.code, "code", "", "only this code (name, path or GUID)")
	fs.StringVar(&o.study, "study", "", "only this study (GUID or title prefix)")
	fs.BoolVar(&o.codedOnly, "coded-only", false, "leave out units no coder coded")
	fs.StringVar(&o.absent, "absent", agreement.AbsentMissing, "a coder who coded nothing in a study: missing there, or zero (said no)")
	fs.IntVar(&o.bootstrap, "bootstrap", agree.DefaultResamples, "bootstrap resamples for the 95% interval of alpha (0 skips it)")
	fs.BoolVar(&o.csv, "csv", false, "print CSV")
	fs.StringVar(&o.data, "data", "", "ratings table (CSV) to analyse instead of a project")
	fs.StringVar(&o.level, "level", "nominal", "level of measurement for --data: nominal, ordinal, interval or ratio")
	fs.StringVar(&o.order, "order", "", "category labels from lowest to highest, comma-separated (--data with ordinal word labels)")
}

// check normalises --unit, reads --level and checks --bootstrap and --absent.
func (o *agreementOptions) check() error {
	var err error
	if o.unit, err = agreement.ParseUnit(o.unit); err != nil {
		return err
	}
	if o.metric, err = agree.ParseMetric(o.level); err != nil {
		return err
	}
	if o.bootstrap < 0 || o.bootstrap == 1 {
		return usageError("--bootstrap %d: give a number of resamples of at least 2, or 0 to skip the interval", o.bootstrap)
	}
	o.absent, err = agreement.ParseAbsent(o.absent)
	return err
}

// unitMeaning says what one unit of agreement is, for the text output.
func unitMeaning(unit string) string {
	switch unit {
	case agreement.UnitSentence, agreement.UnitParagraph:
		return "each " + agreement.UnitNoun(unit, 1) + " of the study texts, for each code: coded by a coder when one of their codings touches it"
	case agreement.UnitStudy:
		return "each study and code: did the coder use the code anywhere in the study"
	}
	return "each character of the study texts, for each code"
}

// coef formats a coefficient ("-" when undefined).
func coef(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

// csvCoef formats a coefficient for CSV (empty when undefined).
func csvCoef(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// jsonCoef is a coefficient for JSON (null when undefined).
func jsonCoef(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

func (o *agreementOptions) run(c *call) error {
	if o.data != "" {
		if len(c.args) > 0 {
			return fmt.Errorf("give either a project FILE or --data, not both")
		}
		return o.runData(c)
	}
	if len(c.args) != 1 {
		return usageError("expected FILE (or --data RATINGS.csv)")
	}
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	study := ""
	if o.study != "" {
		st, err := p.ResolveStudy(o.study)
		if err != nil {
			return err
		}
		study = st.GUID
	}
	r, err := agreement.Compute(c.ctx, p, agreement.Options{Coders: splitComma(o.coders), Unit: o.unit,
		Code: o.code, Study: study, CodedOnly: o.codedOnly, Absent: o.absent, Bootstrap: o.bootstrap})
	if err != nil {
		return err
	}
	if len(r.Coders) < 2 {
		return exitError{code: 1, msg: "agreement needs at least two coders with codings or appraisals"}
	}
	type scoped struct {
		scope string
		row   agreement.Row
	}
	rows := []scoped{{"overall", r.Overall}}
	for _, x := range r.ByCode {
		rows = append(rows, scoped{"code", x})
	}
	for _, x := range r.ByStudy {
		rows = append(rows, scoped{"study", x})
	}
	names := make([]string, len(r.Coders))
	for i, cd := range r.Coders {
		names[i] = cd.Name
	}
	switch {
	case c.json:
		out := map[string]any{"unit": r.Unit, "coders": names, "coded_only": o.codedOnly, "out_of_text": r.OutOfText,
			"absent": r.Absent, "missing_rule": agreement.MissingRule(r.Absent), "resamples": r.Resamples, "interval_level": 0.95}
		var rs, as []map[string]any
		for _, x := range rows {
			rs = append(rs, map[string]any{"scope": x.scope, "key": x.row.Key, "name": x.row.Name, "units": x.row.Units,
				"pairable": x.row.Pairable, "coded": x.row.Coded, "unanimous": x.row.Unanimous, "basis": r.Basis(x.row),
				"alpha": jsonCoef(x.row.Alpha), "alpha_low": jsonCoef(x.row.AlphaLow), "alpha_high": jsonCoef(x.row.AlphaHigh),
				"p_alpha_below_0_667": jsonCoef(x.row.BelowTentative), "p_alpha_below_0_8": jsonCoef(x.row.BelowReliable),
				"cohen_kappa": jsonCoef(x.row.Cohen), "fleiss_kappa": jsonCoef(x.row.Fleiss), "percent": jsonCoef(x.row.Percent)})
		}
		for _, a := range r.Appraisal {
			as = append(as, map[string]any{"key": a.Key, "name": a.Name, "units": a.Units, "alpha_ordinal": jsonCoef(a.Alpha),
				"alpha_low": jsonCoef(a.AlphaLow), "alpha_high": jsonCoef(a.AlphaHigh),
				"p_alpha_below_0_667": jsonCoef(a.BelowTentative), "p_alpha_below_0_8": jsonCoef(a.BelowReliable),
				"weighted_kappa": jsonCoef(a.Kappa), "percent": jsonCoef(a.Percent)})
		}
		out["codings"], out["appraisal"] = rs, as
		return c.printJSON(out)
	case o.csv:
		w := cellsafe.NewWriter(c.stdout)
		w.Write([]string{"scope", "key", "name", "units", "pairable", "coded", "unanimous", "alpha", "alpha_low", "alpha_high",
			"p_alpha_below_0_667", "p_alpha_below_0_8", "resamples", "cohen_kappa", "fleiss_kappa", "weighted_kappa", "percent"})
		boots := strconv.Itoa(r.Resamples)
		for _, x := range rows {
			w.Write([]string{x.scope, x.row.Key, x.row.Name, csvCoef(x.row.Units), csvCoef(x.row.Pairable), csvCoef(x.row.Coded),
				csvCoef(x.row.Unanimous), csvCoef(x.row.Alpha), csvCoef(x.row.AlphaLow), csvCoef(x.row.AlphaHigh),
				csvCoef(x.row.BelowTentative), csvCoef(x.row.BelowReliable), boots, csvCoef(x.row.Cohen), csvCoef(x.row.Fleiss), "",
				csvCoef(x.row.Percent)})
		}
		for _, a := range r.Appraisal {
			w.Write([]string{"appraisal", a.Key, a.Name, strconv.Itoa(a.Units), strconv.Itoa(a.Units), "", "", csvCoef(a.Alpha),
				csvCoef(a.AlphaLow), csvCoef(a.AlphaHigh), csvCoef(a.BelowTentative), csvCoef(a.BelowReliable), boots, "", "",
				csvCoef(a.Kappa), csvCoef(a.Percent)})
		}
		w.Flush()
		return w.Error()
	}
	fmt.Fprintf(c.stdout, "Agreement of %s, unit %s", strings.Join(names, ", "), r.Unit)
	if o.codedOnly {
		fmt.Fprint(c.stdout, " (coded units only)")
	}
	fmt.Fprintln(c.stdout)
	fmt.Fprintf(c.stdout, "Units: %s.\n", unitMeaning(r.Unit))
	fmt.Fprintf(c.stdout, "Missing data (--absent %s): %s\n", r.Absent, agreement.MissingRule(r.Absent))
	fmt.Fprintf(c.stdout, "Overall: %s.\n", r.Basis(r.Overall))
	if r.Resamples > 0 {
		fmt.Fprintf(c.stdout, "Interval: 95%% bootstrap interval of alpha, %s resamples (KALPHA's method, fixed seed); P<.667 and P<.8: chance that alpha is below those floors.\n",
			agreement.Count(float64(r.Resamples)))
	}
	fmt.Fprintln(c.stdout)
	w := c.table()
	fmt.Fprintln(w, "SCOPE\tNAME\tUNITS\tCOMPARED\tCODED\tALPHA\t95% INTERVAL\tP<.667\tP<.8\tCOHEN\tFLEISS\tAGREE")
	for _, x := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", x.scope, clip(x.row.Name, 50), agreement.Count(x.row.Units),
			agreement.Count(x.row.Pairable), agreement.Count(x.row.Coded), coef(x.row.Alpha), interval(x.row.AlphaLow, x.row.AlphaHigh),
			coef(x.row.BelowTentative), coef(x.row.BelowReliable), coef(x.row.Cohen), coef(x.row.Fleiss), coef(x.row.Percent))
	}
	w.Flush()
	fmt.Fprintln(c.stdout, "COMPARED: units at least two coders could code; every statistic rests on them. Report ALPHA with its interval;")
	fmt.Fprintln(c.stdout, "AGREE (percent agreement) counts units nobody coded as agreement: it is high even when alpha is low.")
	if r.OutOfText > 0 {
		fmt.Fprintf(c.stdout, "%d codings lie outside their study text and were left out (run wb check)\n", r.OutOfText)
	}
	if len(r.Appraisal) > 0 {
		fmt.Fprintln(c.stdout, "\nAppraisal (ordinal: met > partly met > not met > not reported; ratings high > medium > low)")
		w = c.table()
		fmt.Fprintln(w, "CRITERION\tSTUDIES\tALPHA\t95% INTERVAL\tP<.667\tP<.8\tKAPPA(LINEAR)\tAGREE")
		for _, a := range r.Appraisal {
			fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", clip(a.Name, 50), a.Units, coef(a.Alpha), interval(a.AlphaLow, a.AlphaHigh),
				coef(a.BelowTentative), coef(a.BelowReliable), coef(a.Kappa), coef(a.Percent))
		}
		w.Flush()
	}
	return nil
}

// interval formats a bootstrapped interval ("-" when there is none).
func interval(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "-"
	}
	return coef(lo) + " to " + coef(hi)
}

// runData analyses the ratings table of --data with agree.Summarise.
func (o *agreementOptions) runData(c *call) error {
	path, m, boot := o.data, o.metric, o.bootstrap
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	d, err := agree.ReadCSVWith(f, agree.CSVOptions{Order: splitComma(o.order)})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	rep, err := agree.Summarise(d, m)
	switch {
	case errors.Is(err, agree.ErrUnordered):
		return exitError{code: 2, msg: fmt.Sprintf("%s: the values are words (%s), so their order is not known. "+
			"Give it for ordinal agreement, lowest first, with --order, e.g. --order %q (put them in their real order), or use --level nominal.",
			path, quoted(d.Labels), strings.Join(d.Labels, ","))}
	case errors.Is(err, agree.ErrNotNumeric):
		return exitError{code: 2, msg: fmt.Sprintf("%s: %s level needs numbers, and the values are words (%s). "+
			"Use --level ordinal with --order, or --level nominal.", path, m, quoted(d.Labels))}
	case err != nil:
		return fmt.Errorf("%s: %w", path, err)
	}
	iv := agree.AlphaInterval{Lower: math.NaN(), Upper: math.NaN(), BelowTentative: math.NaN(), BelowReliable: math.NaN()}
	if boot > 0 && rep.AlphaErr == nil {
		if iv, err = agree.BootstrapAlpha(d, m, agree.BootstrapOptions{Resamples: boot, Seed: 1}); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	on := "ranks of the scale"
	if m == agree.Interval || m == agree.Ratio {
		on = "distances between the values"
	}
	if c.json {
		pairs := make([]map[string]any, len(rep.Pairs))
		for i, pr := range rep.Pairs {
			pairs[i] = map[string]any{"a": d.Coders[pr.A], "b": d.Coders[pr.B], "kappa": jsonCoef(pr.Kappa.Value),
				"percent": jsonCoef(pr.Percent.Value)}
		}
		return c.printJSON(map[string]any{"level": rep.Metric.String(), "coders": d.Coders, "units": rep.Units,
			"pairable": rep.Pairable, "missing": rep.Missing, "alpha": jsonCoef(rep.Alpha.Value),
			"alpha_low": jsonCoef(iv.Lower), "alpha_high": jsonCoef(iv.Upper), "interval_level": 0.95,
			"p_alpha_below_0_667": jsonCoef(iv.BelowTentative), "p_alpha_below_0_8": jsonCoef(iv.BelowReliable),
			"resamples": iv.Resamples, "draws": iv.Draws, "fleiss_kappa": jsonCoef(rep.Fleiss.Value),
			"kappa_weighting": rep.Weighting.String(), "kappa_weights_on": on, "pairs": pairs, "mean_kappa": jsonCoef(rep.MeanKappa),
			"percent": jsonCoef(rep.Percent.Value)})
	}
	w := c.table()
	fmt.Fprintf(w, "Coders\t%d (%s)\n", rep.Coders, strings.Join(d.Coders, ", "))
	fmt.Fprintf(w, "Units\t%d (%d that at least two coders rated, %d missing values)\n", rep.Units, rep.Pairable, rep.Missing)
	fmt.Fprintf(w, "Krippendorff's alpha (%s)\t%s\n", rep.Metric, coef(rep.Alpha.Value))
	if iv.Applies() {
		fmt.Fprintf(w, "  95%% interval\t%s (%s bootstrap resamples of %s pairs, fixed seed)\n", interval(iv.Lower, iv.Upper),
			agreement.Count(float64(iv.Resamples)), agreement.Count(float64(iv.Draws)))
		fmt.Fprintf(w, "  P(alpha < 0.667)\t%s\n", coef(iv.BelowTentative))
		fmt.Fprintf(w, "  P(alpha < 0.8)\t%s\n", coef(iv.BelowReliable))
	}
	fmt.Fprintf(w, "Fleiss' kappa (nominal)\t%s\n", coef(rep.Fleiss.Value))
	for _, pr := range rep.Pairs {
		fmt.Fprintf(w, "Kappa %s-%s (%s)\t%s\n", d.Coders[pr.A], d.Coders[pr.B], rep.Weighting, coef(pr.Kappa.Value))
	}
	fmt.Fprintf(w, "Mean pairwise kappa\t%s\n", coef(rep.MeanKappa))
	fmt.Fprintf(w, "Percent agreement\t%s\n", coef(rep.Percent.Value))
	if rep.Weighting != agree.Unweighted {
		fmt.Fprintf(w, "(kappa weights on the %s)\n", on)
	}
	return w.Flush()
}

// quoted lists labels in quotes.
func quoted(labels []string) string {
	q := make([]string, len(labels))
	for i, l := range labels {
		q[i] = strconv.Quote(l)
	}
	return strings.Join(q, ", ")
}
