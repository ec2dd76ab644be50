package agree

import (
	"errors"
	"math"
	"testing"
)

const tol = 5e-4 // published values are rounded to three decimals

func near(t *testing.T, name string, got, want, eps float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > eps {
		t.Errorf("%s = %.6f, want %.6f (±%g)", name, got, want, eps)
	}
}

// m is a short name for a missing cell in test tables.
var m = Missing

// byCoder builds Data from one slice per coder (the layout Krippendorff
// prints: observers as rows, units as columns).
func byCoder(coders []string, rows ...[]float64) *Data {
	d := &Data{Coders: coders}
	for u := range rows[0] {
		row := make([]float64, len(rows))
		for c := range rows {
			row[c] = rows[c][u]
		}
		d.Values = append(d.Values, row)
	}
	return d
}

// krippendorff2011C is the reliability data of Krippendorff, K. (2011).
// Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication Departmental Papers 43, the example for any number
// of observers with missing data: 4 observers x 12 units, values 1-5, 7 cells
// missing (unit 12 has a single value and is not pairable).
func krippendorff2011C() *Data {
	return byCoder([]string{"A", "B", "C", "D"},
		[]float64{1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m},
		[]float64{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3},
		[]float64{m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m},
		[]float64{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m},
	)
}

// TestAlphaKrippendorff2011 checks the published values for the 4 x 12
// example: nominal 0.743, ordinal 0.815, interval 0.849 and ratio 0.797
// (all four reported in Krippendorff 2011 for this table). They were re-derived
// independently (brute-force enumeration of all ordered value pairs within
// and across units in a separate script: 0.7434, 0.8154, 0.8491, 0.7974),
// and pairwiseAlpha below repeats that derivation in Go.
func TestAlphaKrippendorff2011(t *testing.T) {
	d := krippendorff2011C()
	for _, tc := range []struct {
		m    Metric
		want float64
	}{{Nominal, 0.743}, {Ordinal, 0.815}, {Interval, 0.849}, {Ratio, 0.797}} {
		est, err := Alpha(d, tc.m)
		if err != nil {
			t.Fatalf("%s: %v", tc.m, err)
		}
		near(t, "alpha "+tc.m.String(), est.Value, tc.want, tol)
		near(t, "alpha "+tc.m.String()+" vs pairwise", est.Value, pairwiseAlpha(d, tc.m), 1e-12)
		if est.N != 40 || est.Units != 11 {
			t.Errorf("%s: n = %v over %d units, want 40 pairable values over 11 units", tc.m, est.N, est.Units)
		}
	}
}

// pairwiseAlpha is an independent, deliberately naive alpha: Do is the mean
// difference over all ordered pairs of values within each pairable unit
// (each unit's pairs weighted 1/(m_u-1)), De over all ordered pairs of
// pairable values regardless of unit.
func pairwiseAlpha(d *Data, metric Metric) float64 {
	var units [][]float64
	var all []float64
	for _, row := range d.Values {
		var u []float64
		for _, v := range row {
			if !IsMissing(v) {
				u = append(u, v)
			}
		}
		if len(u) >= 2 {
			units = append(units, u)
			all = append(all, u...)
		}
	}
	count := map[float64]float64{}
	for _, v := range all {
		count[v]++
	}
	diff := func(a, b float64) float64 {
		switch metric {
		case Nominal:
			if a == b {
				return 0
			}
			return 1
		case Interval:
			return (a - b) * (a - b)
		case Ratio:
			return (a - b) * (a - b) / ((a + b) * (a + b))
		}
		lo, hi := math.Min(a, b), math.Max(a, b)
		var s float64
		for v, n := range count {
			if v >= lo && v <= hi {
				s += n
			}
		}
		s -= (count[a] + count[b]) / 2
		return s * s
	}
	n := float64(len(all))
	var do, de float64
	for _, u := range units {
		for i := range u {
			for j := range u {
				if i != j {
					do += diff(u[i], u[j]) / float64(len(u)-1)
				}
			}
		}
	}
	for i := range all {
		for j := range all {
			if i != j {
				de += diff(all[i], all[j])
			}
		}
	}
	return 1 - (do/n)/(de/(n*(n-1)))
}

// TestAlphaBinary is the first example of Krippendorff (2011): binary data, two
// observers, ten units, alpha = 0.095 (exactly 2/21, see below).
func TestAlphaBinary(t *testing.T) {
	d := byCoder([]string{"A", "B"},
		[]float64{0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
		[]float64{1, 1, 1, 0, 0, 1, 0, 0, 0, 0})
	est, err := Alpha(d, Nominal)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "alpha", est.Value, 0.095, tol)
	// o_01 = 4, n_0 = 14, n_1 = 6, n = 20: 1 - 19*4/(14*6) = 2/21.
	near(t, "alpha exact", est.Value, 2.0/21, 1e-12)
}

// TestAlphaWeightsEqualCopies: a unit of weight w must count as w copies.
func TestAlphaWeightsEqualCopies(t *testing.T) {
	base := krippendorff2011C()
	weights := []float64{3, 1, 2, 1, 1, 4, 1, 1, 2, 1, 1, 1}
	copies := &Data{Coders: base.Coders}
	for u, row := range base.Values {
		for range int(weights[u]) {
			copies.Values = append(copies.Values, row)
		}
	}
	weighted := &Data{Coders: base.Coders, Values: base.Values, Weights: weights}
	for _, metric := range []Metric{Nominal, Ordinal, Interval, Ratio} {
		a, err1 := Alpha(weighted, metric)
		b, err2 := Alpha(copies, metric)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		near(t, "weighted alpha "+metric.String(), a.Value, b.Value, 1e-12)
	}
	for _, f := range []func(*Data) (Estimate, error){PercentAgreement, FleissKappa} {
		a, _ := f(weighted)
		b, _ := f(copies)
		near(t, "weighted", a.Value, b.Value, 1e-12)
	}
	a, _ := WeightedKappa(weighted, 0, 3, Quadratic)
	b, _ := WeightedKappa(copies, 0, 3, Quadratic)
	near(t, "weighted kappa", a.Value, b.Value, 1e-12)
}

// fleiss1971 is the widely reproduced Fleiss (1971)-style example (also the
// worked example of Wikipedia's "Fleiss' kappa"): 10 subjects, 14 raters,
// 5 categories, given as per-subject category counts.
var fleiss1971 = [][]float64{
	{0, 0, 0, 0, 14},
	{0, 2, 6, 4, 2},
	{0, 0, 3, 5, 6},
	{0, 3, 9, 2, 0},
	{2, 2, 8, 1, 1},
	{7, 7, 0, 0, 0},
	{3, 2, 6, 3, 0},
	{2, 5, 3, 2, 2},
	{6, 5, 2, 1, 0},
	{0, 2, 2, 3, 7},
}

// TestFleiss checks P-bar = 0.378, P-e = 0.213, kappa = 0.210, both from the
// counts and from the equivalent units x raters table.
func TestFleiss(t *testing.T) {
	est, err := FleissCounts(fleiss1971, nil)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "P-bar", est.Observed, 0.378, tol)
	near(t, "P-e", est.Expected, 0.213, tol)
	near(t, "kappa", est.Value, 0.210, tol)

	raters := make([]string, 14)
	for i := range raters {
		raters[i] = string(rune('a' + i))
	}
	d := &Data{Coders: raters}
	for _, counts := range fleiss1971 {
		var row []float64
		for cat, n := range counts {
			for range int(n) {
				row = append(row, float64(cat+1))
			}
		}
		d.Values = append(d.Values, row)
	}
	est2, err := FleissKappa(d)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "kappa from table", est2.Value, est.Value, 1e-12)
	// With no missing values pairwise percent agreement is Fleiss' P-bar.
	pa, err := PercentAgreement(d)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "percent agreement", pa.Value, est.Observed, 1e-12)
}

// TestCohenKappa is the worked example of Wikipedia's "Cohen's kappa"
// (50 grant proposals; both yes 20, A yes/B no 5, A no/B yes 10, both no 15):
// po = 0.7, pe = 0.5, kappa = 0.4.
func TestCohenKappa(t *testing.T) {
	d := &Data{Coders: []string{"A", "B"}, Labels: []string{"yes", "no"}}
	add := func(n int, a, b float64) {
		for range n {
			d.Values = append(d.Values, []float64{a, b})
		}
	}
	add(20, 0, 0)
	add(5, 0, 1)
	add(10, 1, 0)
	add(15, 1, 1)
	add(3, 1, m) // listwise deletion: must not count
	est, err := CohenKappa(d, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "po", est.Observed, 0.7, 1e-12)
	near(t, "pe", est.Expected, 0.5, 1e-12)
	near(t, "kappa", est.Value, 0.4, 1e-12)
	if est.Units != 50 {
		t.Errorf("units = %d, want 50", est.Units)
	}
}

// cohen1968 is Table 1 of Cohen, J. (1968). Weighted kappa: Nominal scale
// agreement with provision for scaled disagreement or partial credit.
// Psychological Bulletin 70, 213-220: observed proportions of N = 200 cases
// (personality disorder, neurosis, psychosis), reproduced as data set
// `cohen` in the examples of R psych::cohen.kappa, and its disagreement
// weights (1, 3 and 6).
var (
	cohen1968 = [][]float64{
		{0.44, 0.07, 0.09},
		{0.05, 0.20, 0.05},
		{0.01, 0.03, 0.06},
	}
	cohen1968Weights = [][]float64{
		{0, 1, 3},
		{1, 0, 6},
		{3, 6, 0},
	}
)

// TestWeightedKappaCohen1968: Cohen reports kappa = .492 and weighted kappa
// = .348 (psych::cohen.kappa: "cohen reports .492 and .348"). By hand:
// rows .60 .30 .10, columns .50 .30 .20; po = .70, pe = .41, kappa = .29/.59;
// sum v*p = .90, sum v*e = 1.38, kappa_w = 1 - .90/1.38.
func TestWeightedKappaCohen1968(t *testing.T) {
	k, err := KappaTable(cohen1968, Unweighted)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "kappa", k.Value, 0.492, tol)
	near(t, "kappa exact", k.Value, 0.29/0.59, 1e-12)
	kw, err := KappaTableWeights(cohen1968, cohen1968Weights)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "weighted kappa", kw.Value, 0.348, tol)
	near(t, "weighted kappa exact", kw.Value, 1-0.90/1.38, 1e-12)

	// Linear and quadratic weights on the same table, by hand: adjacent
	// off-diagonal cells hold p = .20 and e = .42, the corner cells p = .10
	// and e = .17. Linear: 1 - (.5*.20+.10)/(.5*.42+.17) = 1 - .20/.38 = 9/19.
	// Quadratic: 1 - (.25*.20+.10)/(.25*.42+.17) = 1 - .15/.275 = 5/11.
	lin, _ := KappaTable(cohen1968, Linear)
	near(t, "linear", lin.Value, 9.0/19, 1e-12)
	quad, _ := KappaTable(cohen1968, Quadratic)
	near(t, "quadratic", quad.Value, 5.0/11, 1e-12)

	// The same through raw ratings (200 units) and WeightedKappa.
	d := &Data{Coders: []string{"B", "A"}}
	for i, row := range cohen1968 {
		for j, p := range row {
			for range int(math.Round(p * 200)) {
				d.Values = append(d.Values, []float64{float64(i + 1), float64(j + 1)})
			}
		}
	}
	for _, tc := range []struct {
		w    Weighting
		want float64
	}{{Unweighted, 0.29 / 0.59}, {Linear, 9.0 / 19}, {Quadratic, 5.0 / 11}} {
		est, err := WeightedKappa(d, 0, 1, tc.w)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "ratings "+tc.w.String(), est.Value, tc.want, 1e-12)
	}
}

// TestQuadraticKappaMoments checks quadratic weighted kappa against an
// independent identity (Schuster 2004): with integer scores 1..k and
// population moments, kappa_q = 2 s_xy / (s_x^2 + s_y^2 + (mean_x - mean_y)^2).
func TestQuadraticKappaMoments(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 3, 2, 4, 5, 1, 2, 3, 3, 4, 2, 5, 1, 1, 4, 3}
	y := []float64{1, 3, 3, 5, 4, 2, 2, 4, 5, 2, 1, 3, 4, 4, 2, 4, 1, 2, 5, 3}
	d := byCoder([]string{"x", "y"}, x, y)
	est, err := WeightedKappa(d, 0, 1, Quadratic)
	if err != nil {
		t.Fatal(err)
	}
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i] / n
		my += y[i] / n
	}
	var sxx, syy, sxy float64
	for i := range x {
		sxx += (x[i] - mx) * (x[i] - mx) / n
		syy += (y[i] - my) * (y[i] - my) / n
		sxy += (x[i] - mx) * (y[i] - my) / n
	}
	near(t, "quadratic kappa", est.Value, 2*sxy/(sxx+syy+(mx-my)*(mx-my)), 1e-12)
}

func TestDegenerate(t *testing.T) {
	same := byCoder([]string{"A", "B", "C"}, []float64{2, 2, 2}, []float64{2, 2, m}, []float64{2, 2, 2})
	single := &Data{Coders: []string{"A"}, Values: [][]float64{{1}, {2}}}
	empty := byCoder([]string{"A", "B"}, []float64{m, 1, m}, []float64{2, m, m})
	ragged := &Data{Coders: []string{"A", "B"}, Values: [][]float64{{1, 2}, {1}}}
	for _, tc := range []struct {
		name string
		d    *Data
		err  error
	}{{"no variation", same, ErrNoVariation}, {"single coder", single, ErrTooFewCoders},
		{"all missing", empty, ErrNoPairable}, {"ragged", ragged, ErrInvalidData}, {"nil", nil, ErrInvalidData}} {
		for name, f := range map[string]func(*Data) (Estimate, error){
			"alpha":  func(d *Data) (Estimate, error) { return Alpha(d, Ordinal) },
			"fleiss": FleissKappa,
			"cohen":  func(d *Data) (Estimate, error) { return CohenKappa(d, 0, 1) },
		} {
			if tc.d != nil && len(tc.d.Coders) < 2 && name == "cohen" {
				continue
			}
			est, err := f(tc.d)
			if !errors.Is(err, tc.err) || !math.IsNaN(est.Value) {
				t.Errorf("%s %s: value %v, err %v; want NaN and %v", tc.name, name, est.Value, err, tc.err)
			}
		}
	}
	// Percent agreement is defined without variation: everyone agrees.
	if est, err := PercentAgreement(same); err != nil || est.Value != 1 {
		t.Errorf("percent agreement without variation = %v, %v; want 1", est.Value, err)
	}
	if _, err := PercentAgreement(empty); !errors.Is(err, ErrNoPairable) {
		t.Errorf("percent agreement all missing: %v", err)
	}
	labels := &Data{Coders: []string{"A", "B"}, Labels: []string{"x", "y"}, Values: [][]float64{{0, 1}, {1, 1}}}
	if _, err := Alpha(labels, Interval); !errors.Is(err, ErrNotNumeric) {
		t.Errorf("interval alpha on labels: %v", err)
	}
	if _, err := Alpha(labels, Ordinal); !errors.Is(err, ErrUnordered) {
		t.Errorf("ordinal alpha on unordered labels: %v", err)
	}
	neg := byCoder([]string{"A", "B"}, []float64{-1, 2}, []float64{1, 2})
	if _, err := Alpha(neg, Ratio); !errors.Is(err, ErrNegativeRatio) {
		t.Errorf("ratio alpha with negatives: %v", err)
	}
	if _, err := CohenKappa(neg, 0, 5); !errors.Is(err, ErrInvalidData) {
		t.Errorf("coder out of range: %v", err)
	}
}
