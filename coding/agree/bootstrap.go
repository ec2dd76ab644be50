package agree

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// DefaultResamples is the number of bootstrap resamples the program draws
// for the interval of alpha unless told otherwise.
const DefaultResamples = 1000

// Krippendorff's (2004) conventional floors for alpha: data may be relied
// on from FloorReliable, and used for tentative conclusions only from
// FloorTentative.
const (
	FloorTentative = 0.667
	FloorReliable  = 0.8
)

// BootstrapOptions tune BootstrapAlpha.
type BootstrapOptions struct {
	// Resamples is the number of bootstrap samples X (at least 2).
	Resamples int
	// Seed fixes the random numbers, so the same data always give the same
	// interval.
	Seed uint64
	// Level is the confidence level of the interval; 0 means 0.95.
	Level float64
	// Draws is the number M of pairs of values drawn per sample; 0 means
	// KALPHA's choice, min(25 Q, n (m-1) / 2) (see BootstrapAlpha).
	Draws int
}

// AlphaInterval is the bootstrapped distribution of Krippendorff's alpha,
// summarised.
type AlphaInterval struct {
	Alpha        float64 // alpha of the data
	Lower, Upper float64 // the interval; NaN when bootstrapping does not apply
	Level        float64 // its confidence level, e.g. 0.95
	// Resamples is the number of bootstrap samples drawn; 0 when
	// bootstrapping does not apply (alpha exactly 0 or 1, as in KALPHA).
	Resamples int
	// Draws is the number of pairs of values drawn per sample.
	Draws int
	// BelowTentative and BelowReliable are the probabilities that alpha is
	// below FloorTentative (0.667) and FloorReliable (0.8): the shares of
	// bootstrapped alphas below them (KALPHA's q). NaN when not applicable.
	BelowTentative, BelowReliable float64
}

// Applies reports whether the interval was bootstrapped.
func (a AlphaInterval) Applies() bool { return a.Resamples > 0 }

// notApplicable is an interval that was not bootstrapped.
func notApplicable(alpha, level float64) AlphaInterval {
	nan := math.NaN()
	return AlphaInterval{Alpha: alpha, Lower: nan, Upper: nan, Level: level, BelowTentative: nan, BelowReliable: nan}
}

// BootstrapAlpha bootstraps the distribution of Krippendorff's alpha at
// level m the way Hayes and Krippendorff's KALPHA macro does, following
// Krippendorff, K. (2006, revised 2011), "Algorithm for bootstrapping a
// distribution of alpha" (the algorithm KALPHA implements; Hayes, A. F. and
// Krippendorff, K. (2007), "Answering the call for a standard reliability
// measure for coding data", Communication Methods and Measures 1, 77-89).
// KALPHA resamples pairs of values, not units:
//
//  1. From the observed coincidences o_ck (n pairable values) each unordered
//     pair of categories c <= k gets the probability p_cc = o_cc/n on the
//     diagonal and p_ck = 2 o_ck/n off it, with its difference delta_ck.
//  2. M pairs are drawn per sample, M = min(25 Q, n (m-1)/2), Q being the
//     number of non-empty cells of the coincidence matrix and m the number
//     of coders (n (m-1)/2 is the number of pairs the data hold when every
//     coder coded every unit).
//  3. Each of X samples draws M pairs with replacement by those
//     probabilities and gives alpha* = 1 - sum delta / (M De), De being the
//     expected disagreement of the data; alpha* below -1 counts as -1.
//  4. Samples that could only hold one category, whose alpha is undefined
//     rather than 1, are set to 0: all of alpha* = 1 when the data have one
//     non-empty diagonal cell, else round(X sum_c p_cc^M) of them.
//
// The interval is the percentile interval of the X values (KALPHA's
// indices), and BelowTentative and BelowReliable are the shares below 0.667
// and 0.8. When alpha is exactly 0 or 1 bootstrapping does not apply (as in
// KALPHA): the interval is NaN and Resamples 0. Errors are those of Alpha;
// the random numbers come from opt.Seed only, so reruns agree.
func BootstrapAlpha(d *Data, m Metric, opt BootstrapOptions) (AlphaInterval, error) {
	level := opt.Level
	if level == 0 {
		level = 0.95
	}
	if !(level > 0 && level < 1) {
		return notApplicable(math.NaN(), level), fmt.Errorf("%w: confidence level %v", ErrInvalidData, opt.Level)
	}
	if opt.Resamples < 2 {
		return notApplicable(math.NaN(), level), fmt.Errorf("%w: %d bootstrap resamples (at least 2)", ErrInvalidData, opt.Resamples)
	}
	co, err := coincidences(d, m)
	if err != nil {
		return notApplicable(math.NaN(), level), err
	}
	out := notApplicable(co.alpha, level)
	if co.alpha == 0 || co.alpha == 1 {
		return out, nil
	}
	// Step 1: the cells c <= k with their probabilities (cumulated) and differences.
	k := len(co.o)
	var cum, delta, diag []float64
	q := 0
	var p float64
	for c := range k {
		for j := c; j < k; j++ {
			if co.o[c][j] <= 0 {
				continue
			}
			q++
			if j != c {
				q++ // the matrix is symmetric: o_kc is non-empty too
			}
			pc := co.o[c][j] / co.n
			if j != c {
				pc *= 2
			} else {
				diag = append(diag, pc)
			}
			p += pc
			cum = append(cum, p)
			delta = append(delta, co.delta(c, j))
		}
	}
	cum[len(cum)-1] = math.Inf(1) // rounding: every draw falls in some cell
	// Step 2: M.
	mDraws := opt.Draws
	if mDraws <= 0 {
		mDraws = int(math.Min(25*float64(q), math.Round(co.n*float64(len(d.Coders)-1)/2)))
	}
	mDraws = max(mDraws, 1)
	out.Draws, out.Resamples = mDraws, opt.Resamples
	// Step 3: the samples.
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	scale := float64(mDraws) * co.de
	alphas := make([]float64, opt.Resamples)
	ones := 0
	for i := range alphas {
		var sum float64
		for range mDraws {
			r := rng.Float64()
			j := 0
			if len(cum) > 8 {
				j = sort.SearchFloat64s(cum, r)
				if j < len(cum) && cum[j] == r { // r on a boundary belongs to the next cell
					j++
				}
			} else {
				for cum[j] <= r {
					j++
				}
			}
			sum += delta[j]
		}
		a := 1 - sum/scale
		if a < -1 {
			a = -1
		}
		if a == 1 {
			ones++
		}
		alphas[i] = a
	}
	// Step 4: samples of a single category.
	slices.Sort(alphas)
	if ones > 0 {
		zero := ones
		if len(diag) > 1 {
			var s float64
			for _, pc := range diag {
				s += math.Pow(pc, float64(mDraws))
			}
			zero = min(ones, int(math.Round(float64(opt.Resamples)*s)))
		}
		for i := range zero {
			alphas[len(alphas)-1-i] = 0
		}
		slices.Sort(alphas)
	}
	// The interval (KALPHA's percentile indices, 1-based) and the q's.
	x := float64(opt.Resamples)
	tail := (1 - level) / 2
	lo := max(int(tail*x), 1)
	hi := min(int(math.Floor((1-tail)*x))+1, opt.Resamples)
	out.Lower, out.Upper = alphas[lo-1], alphas[hi-1]
	below := func(floor float64) float64 {
		return float64(sort.SearchFloat64s(alphas, floor)) / x
	}
	out.BelowTentative, out.BelowReliable = below(FloorTentative), below(FloorReliable)
	return out, nil
}

// coincidence holds the coincidence matrix of reliability data at one
// level of measurement and what alpha is computed from.
type coincidence struct {
	o     [][]float64 // o[c][k], symmetric
	n     float64     // pairable values
	delta func(a, b int) float64
	de    float64 // expected disagreement, sum n_c n_k delta / (n (n-1))
	alpha float64
}

// coincidences builds the coincidence matrix of d (Krippendorff 2011): each
// pairable unit u with m_u values adds every ordered pair of its values with
// weight w_u/(m_u-1). It fails where Alpha does.
func coincidences(d *Data, m Metric) (*coincidence, error) {
	est, err := Alpha(d, m) // validates, and is the reference value
	if err != nil {
		return nil, err
	}
	cats := d.categories(nil)
	vals := cats
	if d.Labels != nil && (m == Interval || m == Ratio) {
		vals = labelValues(d.Labels)
	}
	co := &coincidence{o: make([][]float64, len(cats)), alpha: est.Value}
	for i := range co.o {
		co.o[i] = make([]float64, len(cats))
	}
	idx := make([]int, 0, len(d.Coders))
	for u, row := range d.Values {
		w := d.weight(u)
		idx = pairable(row, cats, idx[:0])
		if len(idx) < 2 || w == 0 {
			continue
		}
		f := w / float64(len(idx)-1)
		for i, a := range idx {
			for j, b := range idx {
				if i != j {
					co.o[a][b] += f
				}
			}
		}
	}
	nc := make([]float64, len(cats))
	for c, row := range co.o {
		for _, x := range row {
			nc[c] += x
		}
		co.n += nc[c]
	}
	co.delta = deltaFunc(m, vals, nc)
	co.de = expectedSum(m, vals, nc, co.delta) / (co.n * (co.n - 1))
	return co, nil
}
