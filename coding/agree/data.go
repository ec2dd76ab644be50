package agree

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Sentinel errors for data on which a coefficient is undefined or that is
// malformed. Functions wrap them with context; test with errors.Is.
var (
	// ErrTooFewCoders means fewer than two coders are present.
	ErrTooFewCoders = errors.New("at least two coders are needed")
	// ErrNoPairable means no unit has values from at least two coders.
	ErrNoPairable = errors.New("no unit was coded by at least two coders")
	// ErrNoVariation means every value is the same category, so agreement
	// expected by chance is perfect and the chance-corrected coefficient is 0/0.
	ErrNoVariation = errors.New("all values are identical, so the coefficient is undefined")
	// ErrInvalidData means the table is malformed (ragged rows, bad weights, ...).
	ErrInvalidData = errors.New("invalid reliability data")
	// ErrUnordered means an ordinal statistic was asked of unordered labels.
	ErrUnordered = errors.New("the categories have no order; give an explicit order for ordinal statistics")
	// ErrNotNumeric means an interval or ratio statistic was asked of category labels.
	ErrNotNumeric = errors.New("the values are category labels, not numbers")
	// ErrNegativeRatio means the ratio metric met a negative value.
	ErrNegativeRatio = errors.New("the ratio metric needs values of zero or more")
)

// Data is reliability data: a table of values with one row per unit (a
// study, a passage, a rating item) and one column per coder.
//
// Values[u][c] is coder c's value for unit u. A missing value (the coder did
// not rate that unit) is NaN; use Missing and IsMissing. When Labels is nil
// the values are numbers. When Labels is non-nil the values are category
// indices into Labels (0, 1, ...), and Ordered tells whether the order of
// Labels is meaningful (ordinal) or arbitrary (nominal only).
//
// Weights, when non-nil, gives every unit a non-negative weight; a unit of
// weight w counts as w copies of itself in every coefficient. Nil means
// weight 1 for every unit.
type Data struct {
	Coders  []string    // coder names, one per column
	Units   []string    // unit names, one per row; may be nil
	Values  [][]float64 // Values[unit][coder]; NaN = missing
	Weights []float64   // per-unit weights; nil = all 1
	Labels  []string    // category labels when values are label indices; nil for numbers
	Ordered bool        // Labels are in a meaningful (ordinal) order
}

// Missing is the value of a missing cell in Data.Values (a NaN).
var Missing = math.NaN()

// IsMissing reports whether v marks a missing cell.
func IsMissing(v float64) bool { return math.IsNaN(v) }

// Estimate is the result of one agreement coefficient.
type Estimate struct {
	// Value is the coefficient; NaN when it is undefined (the error says why).
	Value float64
	// Observed is the observed agreement (percent agreement and the kappa
	// family) or the observed disagreement Do (Krippendorff's alpha).
	Observed float64
	// Expected is the agreement expected by chance (kappa family) or the
	// expected disagreement De (alpha); NaN for percent agreement.
	Expected float64
	// Units is the number of units (rows) that contributed.
	Units int
	// N is the weighted count behind the estimate: pairable values for
	// alpha, units for kappa, coder pairs for percent agreement.
	N float64
}

func undefined(err error) (Estimate, error) {
	return Estimate{Value: math.NaN(), Observed: math.NaN(), Expected: math.NaN()}, err
}

// Validate checks that the table is rectangular, that weights are finite and
// non-negative and that label indices are whole numbers within Labels.
func (d *Data) Validate() error {
	if d == nil {
		return fmt.Errorf("%w: no data", ErrInvalidData)
	}
	if d.Units != nil && len(d.Units) != len(d.Values) {
		return fmt.Errorf("%w: %d unit names for %d rows", ErrInvalidData, len(d.Units), len(d.Values))
	}
	if d.Weights != nil && len(d.Weights) != len(d.Values) {
		return fmt.Errorf("%w: %d weights for %d rows", ErrInvalidData, len(d.Weights), len(d.Values))
	}
	for u, row := range d.Values {
		if len(row) != len(d.Coders) {
			return fmt.Errorf("%w: row %d has %d values for %d coders", ErrInvalidData, u+1, len(row), len(d.Coders))
		}
		if d.Weights != nil {
			if w := d.Weights[u]; w < 0 || math.IsInf(w, 0) || math.IsNaN(w) {
				return fmt.Errorf("%w: row %d has weight %v", ErrInvalidData, u+1, w)
			}
		}
		for c, v := range row {
			if IsMissing(v) {
				continue
			}
			if math.IsInf(v, 0) {
				return fmt.Errorf("%w: row %d, coder %d: infinite value", ErrInvalidData, u+1, c+1)
			}
			if d.Labels != nil && (v != math.Trunc(v) || v < 0 || int(v) >= len(d.Labels)) {
				return fmt.Errorf("%w: row %d, coder %d: %v is not a label index", ErrInvalidData, u+1, c+1, v)
			}
		}
	}
	return nil
}

// weight returns unit u's weight.
func (d *Data) weight(u int) float64 {
	if d.Weights == nil {
		return 1
	}
	return d.Weights[u]
}

// categories returns the sorted distinct values present in the table
// (restricted to the coders in cols when cols is non-nil). For labelled data
// it returns every label index, so categories nobody used still count.
func (d *Data) categories(cols []int) []float64 {
	if d.Labels != nil {
		cats := make([]float64, len(d.Labels))
		for i := range cats {
			cats[i] = float64(i)
		}
		return cats
	}
	seen := make(map[float64]struct{})
	for u, row := range d.Values {
		if d.weight(u) == 0 {
			continue
		}
		if cols == nil {
			for _, v := range row {
				if !IsMissing(v) {
					seen[v] = struct{}{}
				}
			}
			continue
		}
		for _, c := range cols {
			if v := row[c]; !IsMissing(v) {
				seen[v] = struct{}{}
			}
		}
	}
	cats := make([]float64, 0, len(seen))
	for v := range seen {
		cats = append(cats, v)
	}
	sort.Float64s(cats)
	return cats
}

// index returns v's position in the sorted slice cats (v must be present).
func index(cats []float64, v float64) int {
	return sort.SearchFloat64s(cats, v)
}

// coderIndex checks a coder column number.
func (d *Data) coderIndex(c int) error {
	if c < 0 || c >= len(d.Coders) {
		return fmt.Errorf("%w: coder %d out of range (have %d)", ErrInvalidData, c, len(d.Coders))
	}
	return nil
}

// Label returns the display text of value v: its label for labelled data,
// the number otherwise, "" for missing.
func (d *Data) Label(v float64) string {
	if IsMissing(v) {
		return ""
	}
	if d.Labels != nil && v >= 0 && int(v) < len(d.Labels) && v == math.Trunc(v) {
		return d.Labels[int(v)]
	}
	return fmt.Sprint(v)
}
