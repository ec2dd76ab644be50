package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/internal/cellsafe"
)

func init() {
	register(&verb{
		name: "agreement", args: "FILE  |  --data RATINGS.csv", nargs: [2]int{0, 1},
		summary: "inter-coder agreement of a project's codings and appraisals, or of a ratings table",
		help: `With FILE: agreement of the reviewers' codings (consensus codings are left out) overall, per code
and per study: percent agreement, Cohen's kappa (two coders), Fleiss' kappa and Krippendorff's alpha,
with units of --unit char (default), sentence, paragraph or study (was the code used in the study at
all). --coded-only leaves out units nobody coded. Then the agreement of the rigor appraisals per
criterion on the ordinal scale met > partly met > not met > not reported (ordinal alpha and, for two
coders, linearly weighted kappa) and of the overall ratings high > medium > low.

With --data RATINGS.csv (no FILE): a units x coders table (header "unit,CODER,CODER,...", one row
per unit, empty cells missing) at --level nominal, ordinal, interval or ratio; --order lists
category labels in order for ordinal data given as words.`,
		opts: func() options { return &agreementOptions{} },
	})
}

// agreementOptions are the flags of wb agreement.
type agreementOptions struct {
	coders, unit, code, study string
	codedOnly, csv            bool
	data, level, order        string
	metric                    agree.Metric // --level, set by check
}

func (o *agreementOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.coders, "coders", "", "compare these coders (names or GUIDs, comma-separated; default all who coded)")
	fs.StringVar(&o.unit, "unit", "char", "unit of agreement: char, sentence, paragraph or study")
	fs.StringVar(&o.code, "code", "", "only this code (name, path or GUID)")
	fs.StringVar(&o.study, "study", "", "only this study (GUID or title prefix)")
	fs.BoolVar(&o.codedOnly, "coded-only", false, "leave out units no coder coded")
	fs.BoolVar(&o.csv, "csv", false, "print CSV")
	fs.StringVar(&o.data, "data", "", "ratings table (CSV) to analyse instead of a project")
	fs.StringVar(&o.level, "level", "nominal", "level of measurement for --data: nominal, ordinal, interval or ratio")
	fs.StringVar(&o.order, "order", "", "category labels in order, comma-separated (--data with ordinal word labels)")
}

// check normalises --unit and reads --level.
func (o *agreementOptions) check() error {
	var err error
	if o.unit, err = coding.ParseUnit(o.unit); err != nil {
		return err
	}
	o.metric, err = agree.ParseMetric(o.level)
	return err
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
	r, err := coding.Agreement(c.ctx, p, coding.AgreementOptions{Coders: splitComma(o.coders), Unit: o.unit,
		Code: o.code, Study: study, CodedOnly: o.codedOnly})
	if err != nil {
		return err
	}
	if len(r.Coders) < 2 {
		return exitError{code: 1, msg: "agreement needs at least two coders with codings or appraisals"}
	}
	rows := []struct {
		scope string
		row   coding.AgreementRow
	}{{"overall", r.Overall}}
	for _, x := range r.ByCode {
		rows = append(rows, struct {
			scope string
			row   coding.AgreementRow
		}{"code", x})
	}
	for _, x := range r.ByStudy {
		rows = append(rows, struct {
			scope string
			row   coding.AgreementRow
		}{"study", x})
	}
	names := make([]string, len(r.Coders))
	for i, cd := range r.Coders {
		names[i] = cd.Name
	}
	switch {
	case c.json:
		out := map[string]any{"unit": r.Unit, "coders": names, "coded_only": o.codedOnly, "out_of_text": r.OutOfText}
		var rs, as []map[string]any
		for _, x := range rows {
			rs = append(rs, map[string]any{"scope": x.scope, "key": x.row.Key, "name": x.row.Name, "units": x.row.Units,
				"coded": x.row.Coded, "unanimous": x.row.Unanimous, "percent": jsonCoef(x.row.Percent),
				"cohen_kappa": jsonCoef(x.row.Cohen), "fleiss_kappa": jsonCoef(x.row.Fleiss), "alpha": jsonCoef(x.row.Alpha)})
		}
		for _, a := range r.Appraisal {
			as = append(as, map[string]any{"key": a.Key, "name": a.Name, "units": a.Units, "percent": jsonCoef(a.Percent),
				"alpha_ordinal": jsonCoef(a.Alpha), "weighted_kappa": jsonCoef(a.Kappa)})
		}
		out["codings"], out["appraisal"] = rs, as
		return c.printJSON(out)
	case o.csv:
		w := cellsafe.NewWriter(c.stdout)
		w.Write([]string{"scope", "key", "name", "units", "coded", "unanimous", "percent", "cohen_kappa", "fleiss_kappa", "alpha", "weighted_kappa"})
		for _, x := range rows {
			w.Write([]string{x.scope, x.row.Key, x.row.Name, csvCoef(x.row.Units), csvCoef(x.row.Coded), csvCoef(x.row.Unanimous),
				csvCoef(x.row.Percent), csvCoef(x.row.Cohen), csvCoef(x.row.Fleiss), csvCoef(x.row.Alpha), ""})
		}
		for _, a := range r.Appraisal {
			w.Write([]string{"appraisal", a.Key, a.Name, strconv.Itoa(a.Units), "", "", csvCoef(a.Percent), "", "", csvCoef(a.Alpha), csvCoef(a.Kappa)})
		}
		w.Flush()
		return w.Error()
	}
	fmt.Fprintf(c.stdout, "Agreement of %s, unit %s", strings.Join(names, ", "), r.Unit)
	if o.codedOnly {
		fmt.Fprint(c.stdout, " (coded units only)")
	}
	fmt.Fprintln(c.stdout)
	w := c.table()
	fmt.Fprintln(w, "SCOPE\tNAME\tUNITS\tCODED\tAGREE\tCOHEN\tFLEISS\tALPHA")
	for _, x := range rows {
		fmt.Fprintf(w, "%s\t%s\t%.0f\t%.0f\t%s\t%s\t%s\t%s\n", x.scope, clip(x.row.Name, 50), x.row.Units, x.row.Coded,
			coef(x.row.Percent), coef(x.row.Cohen), coef(x.row.Fleiss), coef(x.row.Alpha))
	}
	w.Flush()
	if r.OutOfText > 0 {
		fmt.Fprintf(c.stdout, "%d codings lie outside their study text and were left out (run wb check)\n", r.OutOfText)
	}
	if len(r.Appraisal) > 0 {
		fmt.Fprintln(c.stdout, "\nAppraisal (ordinal: met > partly met > not met > not reported; ratings high > medium > low)")
		w = c.table()
		fmt.Fprintln(w, "CRITERION\tSTUDIES\tAGREE\tALPHA\tKAPPA(LINEAR)")
		for _, a := range r.Appraisal {
			fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\n", clip(a.Name, 50), a.Units, coef(a.Percent), coef(a.Alpha), coef(a.Kappa))
		}
		w.Flush()
	}
	return nil
}

// runData analyses the ratings table of --data with agree.Summarise.
func (o *agreementOptions) runData(c *call) error {
	path := o.data
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	d, err := agree.ReadCSVWith(f, agree.CSVOptions{Order: splitComma(o.order)})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	rep, err := agree.Summarise(d, o.metric)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if c.json {
		pairs := make([]map[string]any, len(rep.Pairs))
		for i, pr := range rep.Pairs {
			pairs[i] = map[string]any{"a": d.Coders[pr.A], "b": d.Coders[pr.B], "percent": jsonCoef(pr.Percent.Value),
				"kappa": jsonCoef(pr.Kappa.Value)}
		}
		return c.printJSON(map[string]any{"level": rep.Metric.String(), "coders": d.Coders, "units": rep.Units,
			"pairable": rep.Pairable, "missing": rep.Missing, "percent": jsonCoef(rep.Percent.Value),
			"alpha": jsonCoef(rep.Alpha.Value), "fleiss_kappa": jsonCoef(rep.Fleiss.Value),
			"kappa_weighting": rep.Weighting.String(), "pairs": pairs, "mean_kappa": jsonCoef(rep.MeanKappa)})
	}
	w := c.table()
	fmt.Fprintf(w, "Coders\t%d (%s)\n", rep.Coders, strings.Join(d.Coders, ", "))
	fmt.Fprintf(w, "Units\t%d (%d pairable, %d missing values)\n", rep.Units, rep.Pairable, rep.Missing)
	fmt.Fprintf(w, "Percent agreement\t%s\n", coef(rep.Percent.Value))
	fmt.Fprintf(w, "Krippendorff's alpha (%s)\t%s\n", rep.Metric, coef(rep.Alpha.Value))
	fmt.Fprintf(w, "Fleiss' kappa (nominal)\t%s\n", coef(rep.Fleiss.Value))
	for _, pr := range rep.Pairs {
		fmt.Fprintf(w, "Kappa %s-%s (%s)\t%s\n", d.Coders[pr.A], d.Coders[pr.B], rep.Weighting, coef(pr.Kappa.Value))
	}
	fmt.Fprintf(w, "Mean pairwise kappa\t%s\n", coef(rep.MeanKappa))
	return w.Flush()
}
