package agree

import (
	"errors"
	"strings"
	"testing"
)

// table125 is a two-coder table on the values 1, 2 and 5 (15 units):
// (1,1) x2, (1,2) x3, (1,5), (2,5) x2, (5,5) x7.
func table125() *Data {
	return byCoder([]string{"A", "B"},
		[]float64{1, 1, 1, 1, 1, 1, 2, 2, 5, 5, 5, 5, 5, 5, 5},
		[]float64{1, 1, 2, 2, 2, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5})
}

// TestWeightedKappaValueDistances: at interval level the weights come from
// the distances between the values, not from their ranks. By hand, with
// quadratic disagreement (x-y)^2: the observed sum is 3*1 + 16 + 2*9 = 37
// over 15 units; rows 6, 2, 7 and columns 2, 3, 10 give the chance sum
// 6*163 + 2*92 + 7*59 = 1575 over 15*15 pairs, 7 per unit; so kappa =
// 1 - (37/15)/7 = 68/105 = 0.648. With the ranks 0, 1, 2 instead (what
// the values used to be weighted by) quadratic kappa is 0.624.
func TestWeightedKappaValueDistances(t *testing.T) {
	d := table125()
	// Observed and chance sums of (x-y)^2, per unit.
	obs := (3*1.0 + 16 + 2*9) / 15
	rows := map[float64]float64{1: 6, 2: 2, 5: 7}
	cols := map[float64]float64{1: 2, 2: 3, 5: 10}
	var exp float64
	for x, nx := range rows {
		for y, ny := range cols {
			exp += nx * ny * (x - y) * (x - y) / 225
		}
	}
	want := 1 - obs/exp
	near(t, "by hand", want, 68.0/105, 1e-12)
	for _, m := range []Metric{Interval, Ratio} {
		est, err := WeightedKappaAt(d, 0, 1, Quadratic, m)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "quadratic kappa "+m.String(), est.Value, 0.648, tol)
		near(t, "quadratic kappa exact "+m.String(), est.Value, want, 1e-12)
	}
	// The rank-based figure the values must not give.
	rank, _ := KappaTable([][]float64{{2, 3, 1}, {0, 0, 2}, {0, 0, 7}}, Quadratic)
	near(t, "rank-based quadratic kappa", rank.Value, 0.624, tol)

	// Summarise at interval level uses the values' distances too.
	r, err := Summarise(d, Interval)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "report kappa", r.Pairs[0].Kappa.Value, want, 1e-12)

	// Ordinal: whole numbers sit on the full range 1..5, so the unused 3 and
	// 4 count and the ranks of 1, 2, 5 are 0, 1, 4: linear weights equal
	// the value distances.
	lin, err := WeightedKappaAt(d, 0, 1, Linear, Ordinal)
	if err != nil {
		t.Fatal(err)
	}
	linVal, _ := WeightedKappaAt(d, 0, 1, Linear, Interval)
	near(t, "ordinal = full range", lin.Value, linVal.Value, 1e-12)
	if old, _ := KappaTable([][]float64{{2, 3, 1}, {0, 0, 2}, {0, 0, 7}}, Linear); abs(old.Value-lin.Value) < 1e-3 {
		t.Errorf("ordinal kappa %v ignores the unused categories 3 and 4", lin.Value)
	}
	// The same scale declared as ordered labels, three of five used.
	labelled := &Data{Coders: d.Coders, Labels: []string{"none", "low", "some", "much", "all"}, Ordered: true}
	code := map[float64]float64{1: 0, 2: 1, 5: 4}
	for _, row := range d.Values {
		labelled.Values = append(labelled.Values, []float64{code[row[0]], code[row[1]]})
	}
	for _, w := range []Weighting{Linear, Quadratic} {
		a, err1 := WeightedKappaAt(labelled, 0, 1, w, Ordinal)
		b, err2 := WeightedKappaAt(d, 0, 1, w, Ordinal)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		near(t, "declared scale "+w.String(), a.Value, b.Value, 1e-12)
	}
	// Numbers that are not whole are ranked among the values used.
	half := byCoder([]string{"A", "B"}, []float64{0.5, 1.5, 2.5, 0.5}, []float64{0.5, 2.5, 2.5, 1.5})
	hr, _ := WeightedKappaAt(half, 0, 1, Linear, Ordinal)
	ht, _ := KappaTable([][]float64{{1, 1, 0}, {0, 0, 1}, {0, 0, 1}}, Linear)
	near(t, "ranked half steps", hr.Value, ht.Value, 1e-12)

	// Weights need an order or numbers.
	words := &Data{Coders: d.Coders, Labels: []string{"x", "y"}, Values: [][]float64{{0, 1}, {1, 1}}}
	if _, err := WeightedKappaAt(words, 0, 1, Quadratic, Interval); !errors.Is(err, ErrNotNumeric) {
		t.Errorf("interval weights on words: %v", err)
	}
	if _, err := WeightedKappaAt(words, 0, 1, Linear, Ordinal); !errors.Is(err, ErrUnordered) {
		t.Errorf("ordinal weights on unordered words: %v", err)
	}
	if _, err := WeightedKappaAt(d, 0, 1, Linear, Nominal); !errors.Is(err, ErrUnordered) {
		t.Errorf("weights at nominal level: %v", err)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestSummariseWordLabels: ordinal statistics of words without an order,
// and interval statistics of words, are refused with the labels named.
func TestSummariseWordLabels(t *testing.T) {
	d, err := ReadCSV(strings.NewReader("unit,A,B\nu1,agree,agree\nu2,neutral,agree\nu3,disagree,neutral\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Summarise(d, Nominal); err != nil {
		t.Fatalf("nominal: %v", err)
	}
	_, err = Summarise(d, Ordinal)
	if !errors.Is(err, ErrUnordered) || !strings.Contains(err.Error(), `"agree", "neutral", "disagree"`) {
		t.Errorf("ordinal without an order: %v", err)
	}
	if _, err := Summarise(d, Interval); !errors.Is(err, ErrNotNumeric) || !strings.Contains(err.Error(), `"neutral"`) {
		t.Errorf("interval on words: %v", err)
	}
	o, err := ReadCSVWith(strings.NewReader("unit,A,B\nu1,agree,agree\nu2,neutral,agree\nu3,disagree,neutral\n"),
		CSVOptions{Order: []string{"disagree", "neutral", "agree"}})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := Summarise(o, Ordinal); err != nil || r.AlphaErr != nil {
		t.Errorf("ordinal with an order: %v %+v", err, r)
	}
}
