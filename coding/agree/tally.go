package agree

import (
	"cmp"
	"math/bits"
	"slices"
)

// pattern is one coder vector of a unitised unit: which coders reviewed the
// study (present) and which of them coded the unit (coded, a subset).
type pattern struct{ present, coded uint64 }

// Tally is unitised reliability data in compact form: the total weight
// (characters, segments or study-code pairs) of every distinct coder vector.
// Its coefficient methods build the equivalent weighted Data and use the
// general functions, so a run of 1,000 identical characters counts exactly
// as 1,000 one-character units would.
type Tally struct {
	coders []string
	w      map[pattern]float64
}

func newTally(coders []string) *Tally {
	return &Tally{coders: coders, w: make(map[pattern]float64)}
}

func (t *Tally) add(p pattern, w float64) {
	if w > 0 {
		t.w[p] += w
	}
}

// Units is the total weight of all units in the tally.
func (t *Tally) Units() float64 {
	var s float64
	for _, w := range t.w {
		s += w
	}
	return s
}

// Coded is the total weight of units that at least one coder coded.
func (t *Tally) Coded() float64 {
	var s float64
	for p, w := range t.w {
		if p.coded != 0 {
			s += w
		}
	}
	return s
}

// Pairable is the total weight of units at least two coders could code
// (they reviewed the study): the units the coefficients rest on. A unit
// only one coder reviewed is counted in Units but carries no agreement.
func (t *Tally) Pairable() float64 {
	var s float64
	for p, w := range t.w {
		if bits.OnesCount64(p.present) >= 2 {
			s += w
		}
	}
	return s
}

// Unanimous is the total weight of units that every coder who reviewed the
// study treated alike (all coded it or none did).
func (t *Tally) Unanimous() float64 {
	var s float64
	for p, w := range t.w {
		if p.coded == 0 || p.coded == p.present {
			s += w
		}
	}
	return s
}

// Data returns the tally as weighted binary reliability data: one unit per
// distinct coder vector, value 1 where the coder coded the unit, 0 where the
// coder reviewed the study but did not code it, missing where the coder did
// not review the study; the unit's weight is the vector's total weight.
func (t *Tally) Data() *Data {
	keys := make([]pattern, 0, len(t.w))
	for p := range t.w {
		keys = append(keys, p)
	}
	slices.SortFunc(keys, func(a, b pattern) int {
		if c := cmp.Compare(a.present, b.present); c != 0 {
			return c
		}
		return cmp.Compare(a.coded, b.coded)
	})
	d := &Data{Coders: t.coders, Values: make([][]float64, len(keys)), Weights: make([]float64, len(keys))}
	for u, p := range keys {
		row := make([]float64, len(t.coders))
		for c := range row {
			bit := uint64(1) << c
			switch {
			case p.present&bit == 0:
				row[c] = Missing
			case p.coded&bit != 0:
				row[c] = 1
			}
		}
		d.Values[u] = row
		d.Weights[u] = t.w[p]
	}
	return d
}

// Percent is pairwise percent agreement over the tally's units.
func (t *Tally) Percent() (Estimate, error) { return PercentAgreement(t.Data()) }

// Alpha is Krippendorff's alpha (nominal, binary) over the tally's units.
func (t *Tally) Alpha() (Estimate, error) { return Alpha(t.Data(), Nominal) }

// Fleiss is Fleiss' kappa over the tally's units.
func (t *Tally) Fleiss() (Estimate, error) { return FleissKappa(t.Data()) }

// Cohen is Cohen's kappa between coders a and b over the tally's units.
func (t *Tally) Cohen(a, b int) (Estimate, error) { return CohenKappa(t.Data(), a, b) }

// Kappa is Cohen's kappa when exactly two coders are compared and Fleiss'
// kappa otherwise.
func (t *Tally) Kappa() (Estimate, error) {
	d := t.Data()
	if len(t.coders) == 2 {
		return CohenKappa(d, 0, 1)
	}
	return FleissKappa(d)
}

// Summary holds the usual coefficients of one tally; a coefficient that is
// undefined is NaN and its error is set.
type Summary struct {
	// Units counts every unit; Pairable those at least two coders could
	// code, on which the coefficients rest; Coded those anyone coded;
	// Unanimous those every reviewing coder treated alike.
	Units, Pairable, Coded, Unanimous float64
	Percent, Alpha, Kappa             Estimate
	PercentErr                        error
	AlphaErr                          error
	KappaErr                          error
	// Interval is the bootstrapped interval of Alpha (NaN and not Applies
	// when no bootstrap was asked for or it does not apply).
	Interval AlphaInterval
}

// Summary computes units, percent agreement, alpha and kappa at once.
func (t *Tally) Summary() Summary { return t.SummaryWith(BootstrapOptions{}) }

// SummaryWith is Summary with the interval of alpha bootstrapped with b
// (no bootstrap when b.Resamples is 0).
func (t *Tally) SummaryWith(b BootstrapOptions) Summary {
	d := t.Data()
	s := Summary{Units: t.Units(), Pairable: t.Pairable(), Coded: t.Coded(), Unanimous: t.Unanimous()}
	s.Percent, s.PercentErr = PercentAgreement(d)
	s.Alpha, s.AlphaErr = Alpha(d, Nominal)
	if len(t.coders) == 2 {
		s.Kappa, s.KappaErr = CohenKappa(d, 0, 1)
	} else {
		s.Kappa, s.KappaErr = FleissKappa(d)
	}
	level := b.Level
	if level == 0 {
		level = 0.95
	}
	s.Interval = notApplicable(s.Alpha.Value, level)
	if b.Resamples > 0 && s.AlphaErr == nil {
		if iv, err := BootstrapAlpha(d, Nominal, b); err == nil {
			s.Interval = iv
		}
	}
	return s
}
