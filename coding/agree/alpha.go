package agree

import (
	"fmt"
	"math"
	"strings"
)

// Metric is the level of measurement that sets Krippendorff's difference
// function between two values.
type Metric int

// Levels of measurement for Alpha.
const (
	Nominal  Metric = iota // any difference counts fully
	Ordinal                // rank differences, using how often the categories in between occur
	Interval               // squared numeric difference
	Ratio                  // squared difference relative to the sum ((a-b)/(a+b))^2
)

// String returns the lower-case name of the metric.
func (m Metric) String() string {
	switch m {
	case Nominal:
		return "nominal"
	case Ordinal:
		return "ordinal"
	case Interval:
		return "interval"
	case Ratio:
		return "ratio"
	}
	return fmt.Sprintf("Metric(%d)", int(m))
}

// ParseMetric turns "nominal", "ordinal", "interval" or "ratio" (any case)
// into a Metric.
func ParseMetric(s string) (Metric, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "nominal":
		return Nominal, nil
	case "ordinal":
		return Ordinal, nil
	case "interval":
		return Interval, nil
	case "ratio":
		return Ratio, nil
	}
	return 0, fmt.Errorf("unknown level of measurement %q (want nominal, ordinal, interval or ratio)", s)
}

// Alpha computes Krippendorff's alpha for the reliability data with the given
// metric, following Krippendorff (2011) "Computing Krippendorff's
// Alpha-Reliability": values in units with fewer than two values are not
// pairable and are ignored; each pairable unit u with m_u values adds every
// ordered pair of its values to the coincidence matrix with weight
// w_u/(m_u-1); alpha = 1 - (n-1) * sum o_ck d_ck / sum n_c n_k d_ck.
//
// Observed in the result is Do and Expected is De; N is the (weighted)
// number of pairable values n. Alpha is undefined (NaN, ErrNoVariation) when
// every pairable value is the same.
func Alpha(d *Data, m Metric) (Estimate, error) {
	if err := d.Validate(); err != nil {
		return undefined(err)
	}
	if len(d.Coders) < 2 {
		return undefined(ErrTooFewCoders)
	}
	if m < Nominal || m > Ratio {
		return undefined(fmt.Errorf("%w: unknown metric %d", ErrInvalidData, int(m)))
	}
	if d.Labels != nil {
		if (m == Interval || m == Ratio) && !labelsNumeric(d.Labels) {
			return undefined(fmt.Errorf("alpha (%s): %w", m, ErrNotNumeric))
		}
		if m == Ordinal && !d.Ordered {
			return undefined(fmt.Errorf("alpha (ordinal): %w", ErrUnordered))
		}
	}
	cats := d.categories(nil)
	// Numeric value of each category for interval and ratio metrics.
	vals := cats
	if d.Labels != nil && (m == Interval || m == Ratio) {
		vals = labelValues(d.Labels)
	}
	if m == Ratio {
		for _, v := range vals {
			if v < 0 {
				return undefined(fmt.Errorf("alpha (ratio): %w", ErrNegativeRatio))
			}
		}
	}
	// First pass: category totals n_c over pairable units.
	nc := make([]float64, len(cats))
	units := 0
	idx := make([]int, 0, len(d.Coders))
	for u, row := range d.Values {
		w := d.weight(u)
		idx = pairable(row, cats, idx[:0])
		if len(idx) < 2 || w == 0 {
			continue
		}
		units++
		for _, c := range idx {
			nc[c] += w
		}
	}
	if units == 0 {
		return undefined(ErrNoPairable)
	}
	delta := deltaFunc(m, vals, nc)
	// Second pass: observed disagreement.
	var obs float64
	for u, row := range d.Values {
		w := d.weight(u)
		idx = pairable(row, cats, idx[:0])
		if len(idx) < 2 || w == 0 {
			continue
		}
		var s float64
		for i, a := range idx {
			for _, b := range idx[i+1:] {
				s += 2 * delta(a, b)
			}
		}
		obs += w * s / float64(len(idx)-1)
	}
	var n float64
	for _, x := range nc {
		n += x
	}
	exp := expectedSum(m, vals, nc, delta)
	est := Estimate{Units: units, N: n, Observed: obs / n}
	if n > 1 {
		est.Expected = exp / (n * (n - 1))
	}
	if exp <= 0 || n <= 1 {
		est.Value = math.NaN()
		return est, fmt.Errorf("alpha (%s): %w", m, ErrNoVariation)
	}
	est.Value = 1 - (n-1)*obs/exp
	return est, nil
}

// pairable appends the category index of every present value in row.
func pairable(row []float64, cats []float64, idx []int) []int {
	for _, v := range row {
		if !IsMissing(v) {
			idx = append(idx, index(cats, v))
		}
	}
	return idx
}

// deltaFunc returns the squared difference function between category
// indices for metric m.
func deltaFunc(m Metric, vals, nc []float64) func(a, b int) float64 {
	switch m {
	case Ordinal:
		cum := make([]float64, len(nc)+1) // cum[i] = n_0 + ... + n_{i-1}
		for i, x := range nc {
			cum[i+1] = cum[i] + x
		}
		return func(a, b int) float64 {
			if a == b {
				return 0
			}
			if a > b {
				a, b = b, a
			}
			s := cum[b+1] - cum[a] - (nc[a]+nc[b])/2
			return s * s
		}
	case Interval:
		return func(a, b int) float64 {
			x := vals[a] - vals[b]
			return x * x
		}
	case Ratio:
		return func(a, b int) float64 {
			if a == b || vals[a]+vals[b] == 0 {
				return 0
			}
			x := (vals[a] - vals[b]) / (vals[a] + vals[b])
			return x * x
		}
	default:
		return func(a, b int) float64 {
			if a == b {
				return 0
			}
			return 1
		}
	}
}

// expectedSum returns sum over c,k of n_c n_k delta(c,k).
func expectedSum(m Metric, vals, nc []float64, delta func(a, b int) float64) float64 {
	var n float64
	for _, x := range nc {
		n += x
	}
	switch m {
	case Nominal:
		s := n * n
		for _, x := range nc {
			s -= x * x
		}
		return s
	case Interval:
		var mean float64
		for i, x := range nc {
			mean += x * vals[i]
		}
		mean /= n
		var ss float64
		for i, x := range nc {
			dv := vals[i] - mean
			ss += x * dv * dv
		}
		return 2 * n * ss
	}
	var s float64
	for a := range nc {
		if nc[a] == 0 {
			continue
		}
		for b := a + 1; b < len(nc); b++ {
			if nc[b] != 0 {
				s += 2 * nc[a] * nc[b] * delta(a, b)
			}
		}
	}
	return s
}
