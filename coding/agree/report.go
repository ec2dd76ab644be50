package agree

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// PairResult is the agreement of one pair of coders.
type PairResult struct {
	A, B       int // coder indices into Data.Coders, A < B
	Percent    Estimate
	PercentErr error
	// Kappa is Cohen's kappa for the pair, weighted as Report.Weighting says.
	Kappa    Estimate
	KappaErr error
}

// Report gathers every coefficient that suits reliability data at one level
// of measurement, as the "agreement" command prints it. A coefficient that
// is undefined for the data is NaN with its error set.
type Report struct {
	Metric   Metric
	Coders   int
	Units    int // rows in the table
	Pairable int // units with values from at least two coders
	Missing  int // missing cells
	// Percent is pairwise percent agreement on identical values.
	Percent    Estimate
	PercentErr error
	// Alpha is Krippendorff's alpha with the report's metric.
	Alpha    Estimate
	AlphaErr error
	// Fleiss is Fleiss' kappa, treating values as nominal categories.
	Fleiss    Estimate
	FleissErr error
	// Weighting is the kappa weighting of Pairs: unweighted for nominal,
	// linear for ordinal (on the ranks of the declared scale), quadratic for
	// interval and ratio data (on the values' distances); see WeightedKappaAt.
	Weighting Weighting
	// Pairs holds every pair of coders, in order (0,1), (0,2), ..., (1,2), ...
	Pairs []PairResult
	// MeanKappa is the mean of the defined pairwise kappas (Light's kappa
	// when unweighted); NaN when none is defined.
	MeanKappa float64
}

// Summarise computes a Report for d at level m. It fails when the data are
// malformed, have fewer than two coders, or do not suit the level: category
// labels without an order at ordinal level (ErrUnordered) or labels that are
// not numbers at interval or ratio level (ErrNotNumeric); the error names the
// labels found. Coefficients undefined for the data are reported inside the
// Report.
func Summarise(d *Data, m Metric) (*Report, error) {
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("agreement: %w", err)
	}
	if len(d.Coders) < 2 {
		return nil, fmt.Errorf("agreement: %w", ErrTooFewCoders)
	}
	if m < Nominal || m > Ratio {
		return nil, fmt.Errorf("agreement: %w: unknown metric %d", ErrInvalidData, int(m))
	}
	if d.Labels != nil {
		switch {
		case m == Ordinal && !d.Ordered:
			return nil, fmt.Errorf("agreement (ordinal): %w; found %s", ErrUnordered, quoteLabels(d.Labels))
		case (m == Interval || m == Ratio) && !labelsNumeric(d.Labels):
			return nil, fmt.Errorf("agreement (%s): %w; found %s", m, ErrNotNumeric, quoteLabels(d.Labels))
		}
	}
	r := &Report{Metric: m, Coders: len(d.Coders), Units: len(d.Values), MeanKappa: math.NaN()}
	for _, row := range d.Values {
		n := 0
		for _, v := range row {
			if IsMissing(v) {
				r.Missing++
			} else {
				n++
			}
		}
		if n >= 2 {
			r.Pairable++
		}
	}
	r.Percent, r.PercentErr = PercentAgreement(d)
	r.Alpha, r.AlphaErr = Alpha(d, m)
	r.Fleiss, r.FleissErr = FleissKappa(d)
	switch m {
	case Ordinal:
		r.Weighting = Linear
	case Interval, Ratio:
		r.Weighting = Quadratic
	}
	var sum float64
	defined := 0
	for a := range d.Coders {
		for b := a + 1; b < len(d.Coders); b++ {
			p := PairResult{A: a, B: b}
			p.Percent, p.PercentErr = PercentAgreement(columns(d, a, b))
			p.Kappa, p.KappaErr = WeightedKappaAt(d, a, b, r.Weighting, m)
			if p.KappaErr == nil {
				sum += p.Kappa.Value
				defined++
			}
			r.Pairs = append(r.Pairs, p)
		}
	}
	if defined > 0 {
		r.MeanKappa = sum / float64(defined)
	}
	return r, nil
}

// columns returns the data restricted to coders a and b.
func columns(d *Data, a, b int) *Data {
	out := &Data{Coders: []string{d.Coders[a], d.Coders[b]}, Units: d.Units, Weights: d.Weights,
		Labels: d.Labels, Ordered: d.Ordered, Values: make([][]float64, len(d.Values))}
	for u, row := range d.Values {
		out.Values[u] = []float64{row[a], row[b]}
	}
	return out
}

// quoteLabels lists labels in quotes, separated by commas.
func quoteLabels(labels []string) string {
	q := make([]string, len(labels))
	for i, l := range labels {
		q[i] = strconv.Quote(l)
	}
	return strings.Join(q, ", ")
}
