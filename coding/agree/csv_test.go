package agree

import (
	"errors"
	"strings"
	"testing"
)

// The Krippendorff (2011) 4 x 12 example as a units x coders CSV file.
const krippCSV = "\ufeffunit,A,B,C,D\n" +
	"u1,1,1,,1\n" +
	"u2,2,2,3,2\n" +
	"u3,3,3,3,3\n" +
	"u4,3,3,3,3\n" +
	"u5,2,2,2,2\n" +
	"u6,1,2,3,4\n" +
	"u7,4,4,4,4\n" +
	"u8,1,1,2,1\n" +
	"u9,2,2,2,2\n" +
	"u10,,5,5,5\n" +
	"u11,,,1,1\n" +
	"u12, ,3,,\n"

func TestReadCSVNumeric(t *testing.T) {
	d, err := ReadCSV(strings.NewReader(krippCSV))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Coders) != 4 || len(d.Units) != 12 || d.Labels != nil || d.Units[11] != "u12" {
		t.Fatalf("read %v coders %v units labels %v", d.Coders, d.Units, d.Labels)
	}
	if !IsMissing(d.Values[11][0]) || d.Values[11][1] != 3 {
		t.Errorf("row u12 = %v", d.Values[11])
	}
	for _, tc := range []struct {
		m    Metric
		want float64
	}{{Nominal, 0.743}, {Ordinal, 0.815}, {Interval, 0.849}} {
		est, err := Alpha(d, tc.m)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "csv alpha "+tc.m.String(), est.Value, tc.want, tol)
	}
}

func TestReadCSVLabels(t *testing.T) {
	in := "unit;ann;bob\nstudy 1;low;low\nstudy 2;high;medium\nstudy 3;NA;high\nstudy 4;medium;medium\n"
	d, err := ReadCSVWith(strings.NewReader(in), CSVOptions{Comma: ';', Missing: []string{"NA"}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Ordered || strings.Join(d.Labels, ",") != "low,high,medium" {
		t.Errorf("labels %v ordered %v; want first-appearance order, unordered", d.Labels, d.Ordered)
	}
	if _, err := Alpha(d, Ordinal); !errors.Is(err, ErrUnordered) {
		t.Errorf("ordinal alpha on unordered labels: %v", err)
	}
	if _, err := Alpha(d, Nominal); err != nil {
		t.Errorf("nominal alpha: %v", err)
	}
	d, err = ReadCSVWith(strings.NewReader(in), CSVOptions{Comma: ';', Missing: []string{"NA"}, Order: []string{"low", "medium", "high"}})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Ordered || d.Values[1][0] != 2 || d.Values[1][1] != 1 || !IsMissing(d.Values[2][0]) {
		t.Errorf("ordered values %v", d.Values)
	}
	// Ordered labels give the same ordinal alpha as the equivalent ranks.
	ranks := byCoder([]string{"ann", "bob"}, []float64{0, 2, m, 1}, []float64{0, 1, 2, 1})
	a, err1 := Alpha(d, Ordinal)
	b, err2 := Alpha(ranks, Ordinal)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	near(t, "ordinal alpha of labels", a.Value, b.Value, 1e-12)
	w, err := WeightedKappa(d, 0, 1, Linear)
	if err != nil {
		t.Fatal(err)
	}
	// Three ordered categories low < medium < high, ranks 0..2; units 1, 2
	// and 4 are complete: (low,low), (high,medium), (medium,medium). By hand
	// with disagreement |i-j|/2: observed .5 * 1/3 = 1/6; margins ann 1/3
	// each, bob 1/3, 2/3, 0; expected 1/9 + 1/18 + 1/9 + 1/9 = 7/18; so
	// kappa_w = 1 - (1/6)/(7/18) = 4/7.
	near(t, "linear kappa on ordered labels", w.Value, 4.0/7, 1e-12)
	if w.Units != 3 {
		t.Errorf("units = %d, want 3", w.Units)
	}
}

func TestReadCSVErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in   string
		opt        CSVOptions
		line, col  int
		msgContain string
	}{
		{"empty", "", CSVOptions{}, 1, 0, "empty"},
		{"no coders", "unit\nu1\n", CSVOptions{}, 1, 0, "coder column"},
		{"duplicate coder", "unit,A,A\nu1,1,2\n", CSVOptions{}, 1, 3, "already named"},
		{"blank coder", "unit,A, \nu1,1,2\n", CSVOptions{}, 1, 3, "empty coder"},
		{"short row", "unit,A,B\nu1,1,2\nu2,1\n", CSVOptions{}, 3, 0, "number of cells"},
		{"bad quote", "unit,A,B\nu1,1,2\nu2,\"1,2\n", CSVOptions{}, 3, 0, ""},
		{"duplicate unit", "unit,A,B\nu1,1,2\nu1,1,2\n", CSVOptions{}, 3, 1, "already given on line 2"},
		{"empty unit", "unit,A,B\n,1,2\n", CSVOptions{}, 2, 1, "empty unit"},
		{"no rows", "unit,A,B\n", CSVOptions{}, 2, 0, "no unit rows"},
		{"unknown label", "unit,A,B\nu1,low,high\nu2,low,huge\n", CSVOptions{Order: []string{"low", "high"}}, 3, 8, "huge"},
	} {
		_, err := ReadCSVWith(strings.NewReader(tc.in), tc.opt)
		var ce *CSVError
		if !errors.As(err, &ce) {
			t.Errorf("%s: error %v is not a *CSVError", tc.name, err)
			continue
		}
		if ce.Line != tc.line || (tc.col != 0 && ce.Column != tc.col) || !strings.Contains(ce.Error(), tc.msgContain) {
			t.Errorf("%s: %q (line %d col %d), want line %d col %d containing %q", tc.name, ce.Error(), ce.Line, ce.Column, tc.line, tc.col, tc.msgContain)
		}
	}
}
