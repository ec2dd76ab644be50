package agree

import (
	"context"
	"errors"
	"math"
	"testing"
)

// binomCDF is P(K <= k) for K ~ Binomial(n, p).
func binomCDF(k, n int, p float64) float64 {
	var s float64
	for i := 0; i <= k; i++ {
		lg, _ := math.Lgamma(float64(n + 1))
		l1, _ := math.Lgamma(float64(i + 1))
		l2, _ := math.Lgamma(float64(n - i + 1))
		s += math.Exp(lg - l1 - l2 + float64(i)*math.Log(p) + float64(n-i)*math.Log1p(-p))
	}
	return s
}

// TestBootstrapAlphaKrippendorff2011 bootstraps nominal alpha of the 4 x 12
// example. KALPHA's number of draws is min(25 Q, n (m-1)/2) = min(25 Q, 60)
// = 60 (Q >= 5, the five diagonal cells). At nominal level every drawn pair
// either agrees (difference 0) or not (1) and disagrees with probability Do,
// so sum delta over the M draws is Binomial(M, Do) and alpha* = 1 - K/(M De):
// its quantiles and its probability of falling below 0.8 are known exactly,
// and 20,000 resamples must come close to them.
func TestBootstrapAlphaKrippendorff2011(t *testing.T) {
	d := krippendorff2011C()
	est, err := Alpha(d, Nominal)
	if err != nil {
		t.Fatal(err)
	}
	const x = 20000
	b, err := BootstrapAlpha(d, Nominal, BootstrapOptions{Resamples: x, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if b.Draws != 60 || b.Resamples != x || b.Level != 0.95 || !b.Applies() {
		t.Fatalf("interval %+v", b)
	}
	near(t, "alpha", b.Alpha, est.Value, 1e-12)
	do, de := est.Observed, est.Expected
	alphaOf := func(k int) float64 { return 1 - float64(k)/(60*de) }
	// The exact 2.5% and 97.5% points: K's 97.5% and 2.5% quantiles.
	quantile := func(q float64) int {
		for k := 0; k <= 60; k++ {
			if binomCDF(k, 60, do) >= q {
				return k
			}
		}
		return 60
	}
	kHi, kLo := quantile(0.975), quantile(0.025)
	if got, lo, hi := b.Lower, alphaOf(kHi+1), alphaOf(kHi-1); got < lo-1e-12 || got > hi+1e-12 {
		t.Errorf("lower bound %.4f, exact %.4f (one step either side allowed)", got, alphaOf(kHi))
	}
	if got, lo, hi := b.Upper, alphaOf(kLo+1), alphaOf(kLo-1); got < lo-1e-12 || got > hi+1e-12 {
		t.Errorf("upper bound %.4f, exact %.4f (one step either side allowed)", got, alphaOf(kLo))
	}
	// P(alpha* < f) = P(K > (1-f) M De).
	below := func(f float64) float64 {
		kMax := int(math.Floor((1 - f) * 60 * de))
		if float64(kMax) == (1-f)*60*de {
			kMax-- // alpha* = f exactly is not below f
		}
		return 1 - binomCDF(kMax, 60, do)
	}
	near(t, "P(alpha < 0.8)", b.BelowReliable, below(FloorReliable), 0.015)
	near(t, "P(alpha < 0.667)", b.BelowTentative, below(FloorTentative), 0.015)
	if !(b.Lower < est.Value && est.Value < b.Upper) || b.BelowTentative > b.BelowReliable {
		t.Errorf("interval %+v around %v", b, est.Value)
	}

	// The same seed gives the same figures; another seed others.
	again, _ := BootstrapAlpha(d, Nominal, BootstrapOptions{Resamples: x, Seed: 7})
	other, _ := BootstrapAlpha(d, Nominal, BootstrapOptions{Resamples: x, Seed: 8})
	if again != b {
		t.Errorf("rerun differs: %+v vs %+v", again, b)
	}
	if other.BelowReliable == b.BelowReliable && other.Lower == b.Lower && other.Upper == b.Upper {
		t.Errorf("another seed gives the very same figures %+v", other)
	}
	// Every level: the interval holds the data's alpha.
	for _, m := range []Metric{Ordinal, Interval, Ratio} {
		b, err := BootstrapAlpha(d, m, BootstrapOptions{Resamples: 2000, Seed: 1})
		a, _ := Alpha(d, m)
		if err != nil || b.Alpha != a.Value || !(b.Lower <= a.Value && a.Value <= b.Upper) || b.Lower < -1 || b.Upper > 1 {
			t.Errorf("%s: %+v, %v (alpha %v)", m, b, err, a.Value)
		}
	}
}

// TestBootstrapAlphaWeights: a unit of weight w is w copies of itself for
// the bootstrap too (same coincidences, same draws).
func TestBootstrapAlphaWeights(t *testing.T) {
	base := krippendorff2011C()
	weights := []float64{3, 1, 2, 1, 1, 4, 1, 1, 2, 1, 1, 1}
	copies := &Data{Coders: base.Coders}
	for u, row := range base.Values {
		for range int(weights[u]) {
			copies.Values = append(copies.Values, row)
		}
	}
	weighted := &Data{Coders: base.Coders, Values: base.Values, Weights: weights}
	opt := BootstrapOptions{Resamples: 500, Seed: 3}
	a, err1 := BootstrapAlpha(weighted, Ordinal, opt)
	b, err2 := BootstrapAlpha(copies, Ordinal, opt)
	if err1 != nil || err2 != nil || a.Draws != b.Draws || math.Abs(a.Lower-b.Lower) > 1e-9 || math.Abs(a.BelowReliable-b.BelowReliable) > 1e-9 {
		t.Errorf("weighted %+v %v, copies %+v %v", a, err1, b, err2)
	}
}

// TestBootstrapAlphaEdges: perfect agreement is not bootstrapped (as in
// KALPHA); samples of a single category count as 0, not as perfect; bad
// options and undefined alpha are errors.
func TestBootstrapAlphaEdges(t *testing.T) {
	perfect := byCoder([]string{"A", "B"}, []float64{1, 2, 2, 1}, []float64{1, 2, 2, 1})
	b, err := BootstrapAlpha(perfect, Nominal, BootstrapOptions{Resamples: 100})
	if err != nil || b.Applies() || b.Alpha != 1 || !math.IsNaN(b.Lower) || !math.IsNaN(b.BelowReliable) {
		t.Errorf("perfect agreement: %+v %v", b, err)
	}
	// (1,1), (1,2), (1,2): one non-empty diagonal cell holding p = 2/6;
	// M = min(25*3, 3) = 3 draws, all three on the diagonal with chance 1/27.
	// Those samples have one category only: 0, never 1.
	thin := byCoder([]string{"A", "B"}, []float64{1, 1, 1}, []float64{1, 2, 2})
	b, err = BootstrapAlpha(thin, Nominal, BootstrapOptions{Resamples: 27000, Seed: 5})
	if err != nil || b.Draws != 3 {
		t.Fatalf("thin: %+v %v", b, err)
	}
	near(t, "thin alpha", b.Alpha, -0.25, 1e-12)
	if b.Upper >= 1 {
		t.Errorf("a sample of one category counts as perfect agreement: %+v", b)
	}
	if _, err := BootstrapAlpha(thin, Nominal, BootstrapOptions{Resamples: 1}); !errors.Is(err, ErrInvalidData) {
		t.Errorf("one resample: %v", err)
	}
	if _, err := BootstrapAlpha(thin, Nominal, BootstrapOptions{Resamples: 10, Level: 1.5}); !errors.Is(err, ErrInvalidData) {
		t.Errorf("level 1.5: %v", err)
	}
	flat := byCoder([]string{"A", "B"}, []float64{1, 1}, []float64{1, 1})
	if _, err := BootstrapAlpha(flat, Nominal, BootstrapOptions{Resamples: 10}); !errors.Is(err, ErrNoVariation) {
		t.Errorf("no variation: %v", err)
	}
}

// TestTallySummaryBasis: a study only one coder reviewed adds units but no
// pairable ones, and the summary bootstraps alpha only when asked.
func TestTallySummaryBasis(t *testing.T) {
	c := &Corpus{Coders: []string{"A", "B"}, Studies: []Study{
		{ID: "s1", Length: 20, Spans: []Span{{"x", 0, 0, 10}, {"x", 1, 5, 15}}},
		{ID: "s2", Length: 30, Coders: []int{0}, Spans: []Span{{"x", 0, 0, 10}}},
	}}
	u, err := Unitise(context.Background(), c, UnitiseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := u.Overall.Summary()
	if s.Units != 50 || s.Pairable != 20 || s.Coded != 25 || s.Interval.Applies() || !math.IsNaN(s.Interval.Lower) {
		t.Errorf("summary %+v", s)
	}
	b := u.Overall.SummaryWith(BootstrapOptions{Resamples: 200, Seed: 1})
	direct, _ := BootstrapAlpha(u.Overall.Data(), Nominal, BootstrapOptions{Resamples: 200, Seed: 1})
	if !b.Interval.Applies() || b.Interval != direct || b.Alpha.Value != s.Alpha.Value {
		t.Errorf("bootstrapped summary %+v, direct %+v", b.Interval, direct)
	}
}
