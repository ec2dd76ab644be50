package agree

import (
	"errors"
	"math"
	"testing"
)

func TestSummarise(t *testing.T) {
	d := krippendorff2011C()
	r, err := Summarise(d, Interval)
	if err != nil {
		t.Fatal(err)
	}
	if r.Units != 12 || r.Pairable != 11 || r.Missing != 7 || len(r.Pairs) != 6 || r.Weighting != Quadratic {
		t.Fatalf("report %+v", r)
	}
	near(t, "alpha", r.Alpha.Value, 0.849, tol)
	// Pair A-B: units 1-9 both present, disagree only on unit 6 (1 vs 2).
	ab := r.Pairs[0]
	if ab.A != 0 || ab.B != 1 {
		t.Fatalf("first pair %d-%d", ab.A, ab.B)
	}
	near(t, "A-B percent", ab.Percent.Value, 8.0/9, 1e-12)
	want, _ := WeightedKappa(d, 0, 1, Quadratic)
	near(t, "A-B kappa", ab.Kappa.Value, want.Value, 1e-12)
	var mean float64
	for _, p := range r.Pairs {
		mean += p.Kappa.Value / 6
	}
	near(t, "mean kappa", r.MeanKappa, mean, 1e-12)

	if _, err := Summarise(&Data{Coders: []string{"solo"}, Values: [][]float64{{1}}}, Nominal); !errors.Is(err, ErrTooFewCoders) {
		t.Errorf("single coder: %v", err)
	}
	// Undefined coefficients stay inside the report.
	flat := byCoder([]string{"A", "B"}, []float64{1, 1}, []float64{1, 1})
	r, err = Summarise(flat, Nominal)
	if err != nil {
		t.Fatal(err)
	}
	if r.Percent.Value != 1 || !errors.Is(r.AlphaErr, ErrNoVariation) || !math.IsNaN(r.MeanKappa) {
		t.Errorf("flat report %+v", r)
	}
}

func TestParseNames(t *testing.T) {
	for _, m := range []Metric{Nominal, Ordinal, Interval, Ratio} {
		if got, err := ParseMetric(" " + m.String() + " "); err != nil || got != m {
			t.Errorf("ParseMetric(%q) = %v, %v", m.String(), got, err)
		}
	}
	for _, l := range []Level{CharacterLevel, SegmentLevel, StudyLevel} {
		if got, err := ParseLevel(l.String()); err != nil || got != l {
			t.Errorf("ParseLevel(%q) = %v, %v", l.String(), got, err)
		}
	}
	if _, err := ParseMetric("cardinal"); err == nil {
		t.Error("ParseMetric accepted cardinal")
	}
	if _, err := ParseLevel("word"); err == nil {
		t.Error("ParseLevel accepted word")
	}
	if _, err := FleissCounts([][]float64{{1, 1}}, []float64{math.NaN()}); !errors.Is(err, ErrInvalidData) {
		t.Errorf("NaN weight: %v", err)
	}
}
