package agree

import (
	"fmt"
	"math"
)

// Weighting selects the agreement weights of Cohen's weighted kappa for
// ordered categories 0..k-1.
type Weighting int

// Weightings for WeightedKappa and KappaTable.
const (
	Unweighted Weighting = iota // only identical categories agree (Cohen 1960)
	Linear                      // agreement 1 - |i-j|/(k-1) (Cicchetti-Allison)
	Quadratic                   // agreement 1 - (i-j)^2/(k-1)^2 (Fleiss-Cohen)
)

// String returns the lower-case name of the weighting.
func (w Weighting) String() string {
	switch w {
	case Unweighted:
		return "unweighted"
	case Linear:
		return "linear"
	case Quadratic:
		return "quadratic"
	}
	return fmt.Sprintf("Weighting(%d)", int(w))
}

// PercentAgreement is the pairwise percent agreement: over all units, the
// (weighted) share of pairs of coders who both rated the unit that gave it
// the same value. Pairs are pooled over units, so units rated by more coders
// count more; with no missing values this equals the mean per-unit pairwise
// agreement (Fleiss' P-bar). Observed equals Value; Expected is NaN; N is
// the weighted number of coder pairs.
func PercentAgreement(d *Data) (Estimate, error) {
	if err := d.Validate(); err != nil {
		return undefined(err)
	}
	if len(d.Coders) < 2 {
		return undefined(ErrTooFewCoders)
	}
	var agree, pairs float64
	units := 0
	for u, row := range d.Values {
		w := d.weight(u)
		if w == 0 {
			continue
		}
		var a, p float64
		for i, x := range row {
			if IsMissing(x) {
				continue
			}
			for _, y := range row[i+1:] {
				if IsMissing(y) {
					continue
				}
				p++
				if x == y {
					a++
				}
			}
		}
		if p > 0 {
			units++
			agree += w * a
			pairs += w * p
		}
	}
	if pairs == 0 {
		return undefined(ErrNoPairable)
	}
	v := agree / pairs
	return Estimate{Value: v, Observed: v, Expected: math.NaN(), Units: units, N: pairs}, nil
}

// CohenKappa is Cohen's (1960) kappa between coders a and b (column
// indices). Units where either coder has no value are left out (listwise).
func CohenKappa(d *Data, a, b int) (Estimate, error) {
	return WeightedKappa(d, a, b, Unweighted)
}

// WeightedKappa is Cohen's (1968) weighted kappa between coders a and b with
// linear or quadratic weights over ordered categories, the weights taken from
// the categories' ranks on the declared scale as WeightedKappaAt does at
// ordinal level. Unweighted is Cohen's (1960) kappa, for any categories.
// Units where either coder has no value are left out.
func WeightedKappa(d *Data, a, b int, w Weighting) (Estimate, error) {
	m := Ordinal
	if w == Unweighted {
		m = Nominal
	}
	return WeightedKappaAt(d, a, b, w, m)
}

// WeightedKappaAt is Cohen's weighted kappa between coders a and b with the
// agreement weights of w placed on the scale of level m:
//
//   - ordinal: the ranks of the declared scale, categories nobody used
//     included: every label of ordered labelled data, or for whole numbers
//     every whole number from the smallest to the largest value used (so
//     values 1, 2 and 5 sit on the ranks of 1 to 5); other numbers are
//     ranked among the values used;
//   - interval and ratio: the values themselves, so the weight of a
//     disagreement grows with the distance between the two values (numeric
//     labels are read as numbers);
//   - nominal: only Unweighted applies.
//
// Linear weights are |x-y|/span and quadratic ((x-y)/span)^2, span being the
// length of the scale; kappa itself does not depend on the span. Units where
// either coder has no value are left out.
func WeightedKappaAt(d *Data, a, b int, w Weighting, m Metric) (Estimate, error) {
	if err := d.Validate(); err != nil {
		return undefined(err)
	}
	if len(d.Coders) < 2 {
		return undefined(ErrTooFewCoders)
	}
	if err := d.coderIndex(a); err != nil {
		return undefined(err)
	}
	if err := d.coderIndex(b); err != nil {
		return undefined(err)
	}
	if w < Unweighted || w > Quadratic {
		return undefined(fmt.Errorf("%w: unknown weighting %d", ErrInvalidData, int(w)))
	}
	cats := d.categories([]int{a, b})
	var pos []float64
	span := 1.0
	if w != Unweighted {
		var err error
		if pos, span, err = kappaScale(d, cats, m); err != nil {
			return undefined(fmt.Errorf("weighted kappa (%s): %w", m, err))
		}
	}
	table := make([][]float64, len(cats))
	for i := range table {
		table[i] = make([]float64, len(cats))
	}
	units := 0
	for u, row := range d.Values {
		x, y, wt := row[a], row[b], d.weight(u)
		if IsMissing(x) || IsMissing(y) || wt == 0 {
			continue
		}
		units++
		table[index(cats, x)][index(cats, y)] += wt
	}
	if units == 0 {
		return undefined(ErrNoPairable)
	}
	k := len(cats)
	v := make([][]float64, k)
	for i := range v {
		v[i] = make([]float64, k)
		for j := range v[i] {
			switch {
			case i == j:
			case w == Unweighted:
				v[i][j] = 1
			case w == Linear:
				v[i][j] = math.Abs(pos[i]-pos[j]) / span
			default:
				x := (pos[i] - pos[j]) / span
				v[i][j] = x * x
			}
		}
	}
	est, err := kappaTable(table, v, 1)
	est.Units = units
	return est, err
}

// kappaScale places the categories cats (sorted) on the scale of metric m
// for kappa weights: their positions and the length of the whole scale.
func kappaScale(d *Data, cats []float64, m Metric) (pos []float64, span float64, err error) {
	pos = make([]float64, len(cats))
	lo, hi := math.Inf(1), math.Inf(-1)
	switch {
	case m == Nominal:
		return nil, 0, ErrUnordered
	case d.Labels != nil && m == Ordinal:
		if !d.Ordered {
			return nil, 0, ErrUnordered
		}
		copy(pos, cats) // label indices are the ranks; the scale has every label
		lo, hi = 0, float64(len(d.Labels)-1)
	case d.Labels != nil: // interval, ratio: the labels' numbers
		if !labelsNumeric(d.Labels) {
			return nil, 0, ErrNotNumeric
		}
		vals := labelValues(d.Labels)
		for i, c := range cats {
			pos[i] = vals[int(c)]
		}
		for _, v := range vals {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	case m == Ordinal && !wholeNumbers(cats):
		for i := range cats {
			pos[i] = float64(i)
		}
		lo, hi = 0, float64(len(cats)-1)
	default: // numbers at interval or ratio level, or whole numbers at ordinal level
		copy(pos, cats)
		if len(cats) > 0 {
			lo, hi = cats[0], cats[len(cats)-1]
		}
	}
	span = hi - lo
	if !(span > 0) {
		span = 1
	}
	return pos, span, nil
}

// wholeNumbers reports whether every value is a whole number.
func wholeNumbers(vs []float64) bool {
	for _, v := range vs {
		if v != math.Trunc(v) {
			return false
		}
	}
	return true
}

// KappaTable computes Cohen's kappa from a k x k contingency table of counts
// or proportions (rows: first coder's category, columns: second coder's),
// with the categories taken in table order for the weighting.
func KappaTable(table [][]float64, w Weighting) (Estimate, error) {
	k := len(table)
	dis := make([][]float64, k)
	for i := range dis {
		dis[i] = make([]float64, k)
		for j := range dis[i] {
			dis[i][j] = disagreementWeight(w, i, j, k)
		}
	}
	return KappaTableWeights(table, dis)
}

func disagreementWeight(w Weighting, i, j, k int) float64 {
	if i == j {
		return 0
	}
	switch w {
	case Linear:
		return math.Abs(float64(i-j)) / float64(k-1)
	case Quadratic:
		x := float64(i-j) / float64(k-1)
		return x * x
	}
	return 1
}

// KappaTableWeights computes Cohen's (1968) weighted kappa from a k x k
// contingency table and a k x k matrix of disagreement weights v (zero on
// the diagonal, larger for graver disagreements; any positive scale):
// kappa_w = 1 - sum v_ij p_ij / sum v_ij p_i. p_.j. Observed and Expected in
// the result are the weighted agreements 1 - sum v p / max v and
// 1 - sum v e / max v, so unweighted kappa reports the usual Po and Pe.
func KappaTableWeights(table, v [][]float64) (Estimate, error) {
	return kappaTable(table, v, 0)
}

// kappaTable is KappaTableWeights with Observed and Expected scaled by
// vscale, the largest possible disagreement weight (0: the largest weight
// in v).
func kappaTable(table, v [][]float64, vscale float64) (Estimate, error) {
	k := len(table)
	if k == 0 {
		return undefined(ErrNoPairable)
	}
	if len(v) != k {
		return undefined(fmt.Errorf("%w: %d weight rows for a %d x %d table", ErrInvalidData, len(v), k, k))
	}
	rows := make([]float64, k)
	cols := make([]float64, k)
	var n, vmax float64
	for i := range table {
		if len(table[i]) != k || len(v[i]) != k {
			return undefined(fmt.Errorf("%w: row %d of the table or weights is not of length %d", ErrInvalidData, i+1, k))
		}
		for j, x := range table[i] {
			if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
				return undefined(fmt.Errorf("%w: table cell (%d,%d) = %v", ErrInvalidData, i+1, j+1, x))
			}
			if vij := v[i][j]; vij < 0 || math.IsNaN(vij) || math.IsInf(vij, 0) {
				return undefined(fmt.Errorf("%w: weight (%d,%d) = %v", ErrInvalidData, i+1, j+1, vij))
			}
			rows[i] += x
			cols[j] += x
			n += x
			vmax = math.Max(vmax, v[i][j])
		}
	}
	if n == 0 {
		return undefined(ErrNoPairable)
	}
	if vscale <= 0 {
		vscale = vmax
	}
	var obs, exp float64
	for i := range table {
		for j, x := range table[i] {
			obs += v[i][j] * x / n
			exp += v[i][j] * rows[i] / n * cols[j] / n
		}
	}
	est := Estimate{N: n, Observed: 1, Expected: 1}
	if vscale > 0 {
		est.Observed = 1 - obs/vscale
		est.Expected = 1 - exp/vscale
	}
	if exp == 0 {
		est.Value = math.NaN()
		return est, fmt.Errorf("kappa: %w", ErrNoVariation)
	}
	est.Value = 1 - obs/exp
	return est, nil
}

// FleissKappa is Fleiss' (1971) kappa for any number of coders on nominal
// categories. Units rated by fewer than two coders are left out; units may
// be rated by different numbers of coders, each unit's agreement P_u then
// uses its own number of ratings and the category shares p_j pool all
// ratings (with equal numbers this is exactly Fleiss' statistic).
func FleissKappa(d *Data) (Estimate, error) {
	if err := d.Validate(); err != nil {
		return undefined(err)
	}
	if len(d.Coders) < 2 {
		return undefined(ErrTooFewCoders)
	}
	cats := d.categories(nil)
	counts := make([][]float64, 0, len(d.Values))
	weights := make([]float64, 0, len(d.Values))
	for u, row := range d.Values {
		w := d.weight(u)
		if w == 0 {
			continue
		}
		c := make([]float64, len(cats))
		m := 0
		for _, v := range row {
			if !IsMissing(v) {
				c[index(cats, v)]++
				m++
			}
		}
		if m >= 2 {
			counts = append(counts, c)
			weights = append(weights, w)
		}
	}
	return FleissCounts(counts, weights)
}

// FleissCounts is Fleiss' kappa from per-unit category counts: counts[u][j]
// is how many coders put unit u in category j. weights may be nil (all 1).
// Units with fewer than two ratings are left out.
func FleissCounts(counts [][]float64, weights []float64) (Estimate, error) {
	if weights != nil && len(weights) != len(counts) {
		return undefined(fmt.Errorf("%w: %d weights for %d units", ErrInvalidData, len(weights), len(counts)))
	}
	var k int
	if len(counts) > 0 {
		k = len(counts[0])
	}
	pj := make([]float64, k)
	var sumP, sumW, ratings float64
	units := 0
	for u, row := range counts {
		if len(row) != k {
			return undefined(fmt.Errorf("%w: unit %d has %d categories, want %d", ErrInvalidData, u+1, len(row), k))
		}
		w := 1.0
		if weights != nil {
			w = weights[u]
			if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
				return undefined(fmt.Errorf("%w: unit %d has weight %v", ErrInvalidData, u+1, w))
			}
		}
		var m, same float64
		for j, x := range row {
			if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
				return undefined(fmt.Errorf("%w: unit %d category %d count %v", ErrInvalidData, u+1, j+1, x))
			}
			m += x
			same += x * (x - 1)
		}
		if m < 2 || w <= 0 {
			continue
		}
		units++
		sumP += w * same / (m * (m - 1))
		sumW += w
		for j, x := range row {
			pj[j] += w * x
		}
		ratings += w * m
	}
	if units == 0 {
		return undefined(ErrNoPairable)
	}
	pbar := sumP / sumW
	var pe float64
	for _, x := range pj {
		p := x / ratings
		pe += p * p
	}
	est := Estimate{Observed: pbar, Expected: pe, Units: units, N: sumW}
	if pe >= 1 {
		est.Value = math.NaN()
		return est, fmt.Errorf("fleiss kappa: %w", ErrNoVariation)
	}
	est.Value = (pbar - pe) / (1 - pe)
	return est, nil
}
