package agree

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestUnitiseHand: coder A codes [0,10), B codes [5,15) of a 20-character
// text. By hand: 5 characters A only, 5 both, 5 B only, 5 neither, so
// percent agreement 0.5, Cohen's kappa (0.5-0.5)/(1-0.5) = 0, and with
// CodedOnly 5/15 agreement.
func TestUnitiseHand(t *testing.T) {
	c := &Corpus{Coders: []string{"A", "B"}, Studies: []Study{{ID: "s1", Length: 20,
		Spans: []Span{{"x", 0, 0, 10}, {"x", 1, 5, 15}}}}}
	u, err := Unitise(context.Background(), c, UnitiseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := u.Overall.Summary()
	if s.Units != 20 || s.Coded != 15 || s.Unanimous != 10 {
		t.Errorf("units %v coded %v unanimous %v, want 20 15 10", s.Units, s.Coded, s.Unanimous)
	}
	near(t, "percent", s.Percent.Value, 0.5, 1e-12)
	near(t, "kappa", s.Kappa.Value, 0, 1e-12)
	u, err = Unitise(context.Background(), c, UnitiseOptions{CodedOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pa, _ := u.Overall.Percent()
	near(t, "percent coded only", pa.Value, 1.0/3, 1e-12)

	d, err := Disagreements(context.Background(), c, UnitiseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Disagreement{
		{Study: "s1", Code: "x", Start: 0, End: 5, CodedBy: []string{"A"}, NotCodedBy: []string{"B"}},
		{Study: "s1", Code: "x", Start: 10, End: 15, CodedBy: []string{"B"}, NotCodedBy: []string{"A"}},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("disagreements = %+v\nwant %+v", d, want)
	}
}

// randomCorpus makes small random coding data with overlapping spans of one
// coder, coders who did not review some studies, segments and empty spans.
func randomCorpus(r *rand.Rand, coders int) *Corpus {
	c := &Corpus{Codes: []string{"unused"}}
	for i := range coders {
		c.Coders = append(c.Coders, fmt.Sprintf("c%d", i))
	}
	for s := range 6 {
		st := Study{ID: fmt.Sprintf("s%d", s), Length: 1 + r.IntN(120)}
		for p := r.IntN(15); p < st.Length; p += 1 + r.IntN(30) {
			st.Segments = append(st.Segments, p)
		}
		if s%3 == 1 {
			st.Coders = []int{0, 1} // the others did not review it
		}
		for range r.IntN(25) {
			a := r.IntN(st.Length + 1)
			b := a + r.IntN(st.Length-a+1)
			coder := r.IntN(coders)
			if st.Coders != nil && coder > 1 {
				coder = r.IntN(2)
			}
			st.Spans = append(st.Spans, Span{Code: fmt.Sprintf("k%d", r.IntN(3)), Coder: coder, Start: a, End: b})
		}
		c.Studies = append(c.Studies, st)
	}
	return c
}

// naiveUnits builds per-unit reliability data the slow way (one row per
// character, segment or study-code pair) for one study and code filter.
func naiveUnits(c *Corpus, level Level, codedOnly bool, study, code string) *Data {
	d := &Data{Coders: c.Coders}
	codes := map[string]bool{"unused": true}
	for _, st := range c.Studies {
		for _, sp := range st.Spans {
			codes[sp.Code] = true
		}
	}
	for _, st := range c.Studies {
		if study != "" && st.ID != study {
			continue
		}
		present := make([]bool, len(c.Coders))
		for i := range present {
			present[i] = st.Coders == nil
		}
		for _, ci := range st.Coders {
			present[ci] = true
		}
		for _, sp := range st.Spans {
			if sp.End > sp.Start {
				present[sp.Coder] = true
			}
		}
		for k := range codes {
			if code != "" && k != code {
				continue
			}
			coded := func(coder, a, b int) bool { // any span overlapping [a,b)
				for _, sp := range st.Spans {
					if sp.Code == k && sp.Coder == coder && sp.Start < b && sp.End > a && sp.End > sp.Start {
						return true
					}
				}
				return false
			}
			var units [][2]int
			switch level {
			case CharacterLevel:
				for i := range st.Length {
					units = append(units, [2]int{i, i + 1})
				}
			case SegmentLevel:
				segs := st.Segments
				if len(segs) == 0 || segs[0] != 0 {
					segs = append([]int{0}, segs...)
				}
				for i, s := range segs {
					e := st.Length
					if i+1 < len(segs) {
						e = segs[i+1]
					}
					units = append(units, [2]int{s, e})
				}
			case StudyLevel:
				units = [][2]int{{0, st.Length}}
			}
			for _, un := range units {
				row := make([]float64, len(c.Coders))
				anyCoded := false
				for ci := range row {
					switch {
					case !present[ci]:
						row[ci] = Missing
					case coded(ci, un[0], un[1]):
						row[ci] = 1
						anyCoded = true
					}
				}
				if codedOnly && !anyCoded {
					continue
				}
				d.Values = append(d.Values, row)
			}
		}
	}
	return d
}

func sameEstimate(t *testing.T, name string, got Estimate, gerr error, want Estimate, werr error) {
	t.Helper()
	if (gerr == nil) != (werr == nil) {
		t.Errorf("%s: err %v, naive err %v", name, gerr, werr)
		return
	}
	if werr == nil && math.Abs(got.Value-want.Value) > 1e-9 {
		t.Errorf("%s: %.12f, naive %.12f", name, got.Value, want.Value)
	}
}

// TestUnitiseMatchesNaive compares the run-weighted tallies with the same
// coefficients computed over one unit per character / segment / study-code.
func TestUnitiseMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := range 40 {
		coders := 2 + iter%3
		c := randomCorpus(r, coders)
		for _, level := range []Level{CharacterLevel, SegmentLevel, StudyLevel} {
			for _, codedOnly := range []bool{false, true} {
				u, err := Unitise(context.Background(), c, UnitiseOptions{Level: level, CodedOnly: codedOnly}, nil)
				if err != nil {
					t.Fatal(err)
				}
				check := func(name string, tally *Tally, naive *Data) {
					var w float64
					for range naive.Values {
						w++
					}
					if tally.Units() != w {
						t.Fatalf("%s: %v units, naive %v", name, tally.Units(), w)
					}
					a, aerr := tally.Alpha()
					b, berr := Alpha(naive, Nominal)
					sameEstimate(t, name+" alpha", a, aerr, b, berr)
					a, aerr = tally.Percent()
					b, berr = PercentAgreement(naive)
					sameEstimate(t, name+" percent", a, aerr, b, berr)
					a, aerr = tally.Fleiss()
					b, berr = FleissKappa(naive)
					sameEstimate(t, name+" fleiss", a, aerr, b, berr)
					a, aerr = tally.Cohen(0, 1)
					b, berr = CohenKappa(naive, 0, 1)
					sameEstimate(t, name+" cohen", a, aerr, b, berr)
				}
				tag := fmt.Sprintf("iter %d %s codedOnly=%v", iter, level, codedOnly)
				check(tag+" overall", u.Overall, naiveUnits(c, level, codedOnly, "", ""))
				for i, code := range u.Codes {
					check(tag+" code "+code, u.ByCode[i], naiveUnits(c, level, codedOnly, "", code))
				}
				for i, st := range u.Studies {
					check(tag+" study "+st, u.ByStudy[i], naiveUnits(c, level, codedOnly, st, ""))
				}
			}
		}
		checkDisagreements(t, c)
	}
}

// checkDisagreements compares Disagreements with a per-character scan.
func checkDisagreements(t *testing.T, c *Corpus) {
	t.Helper()
	got, err := Disagreements(context.Background(), c, UnitiseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []Disagreement
	for si, st := range c.Studies {
		present := make([]bool, len(c.Coders))
		for i := range present {
			present[i] = st.Coders == nil
		}
		for _, ci := range st.Coders {
			present[ci] = true
		}
		for _, sp := range st.Spans {
			if sp.End > sp.Start {
				present[sp.Coder] = true
			}
		}
		var passages []Disagreement
		for _, code := range []string{"k0", "k1", "k2", "unused"} {
			prev := ""
			for i := range st.Length + 1 {
				var by, notBy []string
				if i < st.Length {
					for ci, name := range c.Coders {
						coded := false
						for _, sp := range st.Spans {
							if sp.Code == code && sp.Coder == ci && sp.Start <= i && i < sp.End {
								coded = true
							}
						}
						if coded {
							by = append(by, name)
						} else if present[ci] {
							notBy = append(notBy, name)
						}
					}
				}
				key := ""
				if len(by) > 0 && len(notBy) > 0 {
					key = fmt.Sprint(by)
				}
				if key != prev && prev != "" {
					passages[len(passages)-1].End = i
				}
				if key != prev && key != "" {
					passages = append(passages, Disagreement{Study: st.ID, StudyIndex: si, Code: code, Start: i, CodedBy: by, NotCodedBy: notBy})
				}
				prev = key
			}
		}
		sortPassages(passages)
		want = append(want, passages...)
	}
	if len(got) != len(want) {
		t.Fatalf("%d disagreements, naive %d", len(got), len(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("disagreement %d = %+v, naive %+v", i, got[i], want[i])
		}
	}
}

func sortPassages(p []Disagreement) {
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && less(p[j], p[j-1]); j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
}

func less(a, b Disagreement) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	if a.Code != b.Code {
		return a.Code < b.Code
	}
	return a.End < b.End
}

func TestUnitiseErrors(t *testing.T) {
	ctx := context.Background()
	base := func() *Corpus {
		return &Corpus{Coders: []string{"A", "B"}, Studies: []Study{{ID: "s", Length: 10, Spans: []Span{{"x", 0, 2, 4}}}}}
	}
	c := base()
	c.Studies[0].Spans[0].End = 11
	if _, err := Unitise(ctx, c, UnitiseOptions{}, nil); !errors.Is(err, ErrBadSpan) {
		t.Errorf("span past the end: %v", err)
	}
	c = base()
	c.Studies[0].Spans[0].Coder = 7
	if _, err := Disagreements(ctx, c, UnitiseOptions{}, nil); !errors.Is(err, ErrBadSpan) {
		t.Errorf("unknown coder: %v", err)
	}
	c = base()
	c.Studies[0].Segments = []int{0, 5, 5}
	if _, err := Unitise(ctx, c, UnitiseOptions{Level: SegmentLevel}, nil); !errors.Is(err, ErrInvalidData) {
		t.Errorf("repeated segment start: %v", err)
	}
	if _, err := Unitise(ctx, base(), UnitiseOptions{Coders: []int{1}}, nil); !errors.Is(err, ErrTooFewCoders) {
		t.Errorf("one coder: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Unitise(cancelled, base(), UnitiseOptions{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	// All text uncoded by everyone: agreement is perfect but alpha undefined.
	c = base()
	c.Studies[0].Spans = nil
	c.Codes = []string{"x"}
	u, err := Unitise(ctx, c, UnitiseOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s := u.Overall.Summary(); s.Percent.Value != 1 || !errors.Is(s.AlphaErr, ErrNoVariation) || !math.IsNaN(s.Alpha.Value) {
		t.Errorf("nobody coded: %+v", s)
	}
	u, err = Unitise(ctx, c, UnitiseOptions{CodedOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Overall.Alpha(); !errors.Is(err, ErrNoPairable) {
		t.Errorf("coded only, nobody coded: %v", err)
	}
}

// TestUnitiseCoderSubset: comparing coders 0 and 2 of three must equal a
// corpus that only ever had those two coders.
func TestUnitiseCoderSubset(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 10 {
		c := randomCorpus(r, 3)
		sub := &Corpus{Coders: []string{c.Coders[0], c.Coders[2]}, Codes: c.Codes}
		for _, st := range c.Studies {
			s2 := Study{ID: st.ID, Length: st.Length, Segments: st.Segments}
			if st.Coders != nil {
				s2.Coders = []int{0} // studies reviewed by coders 0 and 1 only
			}
			for _, sp := range st.Spans {
				switch sp.Coder {
				case 0:
					s2.Spans = append(s2.Spans, sp)
				case 2:
					sp.Coder = 1
					s2.Spans = append(s2.Spans, sp)
				default:
					sp.Coder, sp.Start, sp.End = 0, 0, 0 // keeps the code known, codes nothing
					s2.Spans = append(s2.Spans, sp)
				}
			}
			sub.Studies = append(sub.Studies, s2)
		}
		var calls []Progress
		a, err := Unitise(context.Background(), c, UnitiseOptions{Coders: []int{0, 2}}, func(p Progress) { calls = append(calls, p) })
		if err != nil {
			t.Fatal(err)
		}
		if len(calls) != len(c.Studies) || calls[len(calls)-1] != (Progress{len(c.Studies), len(c.Studies)}) {
			t.Errorf("progress calls %v", calls)
		}
		b, err := Unitise(context.Background(), sub, UnitiseOptions{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(a.Overall.Data()) != fmt.Sprint(b.Overall.Data()) { // NaN != NaN for DeepEqual
			t.Fatalf("subset tally %+v\nwant %+v", a.Overall.Data(), b.Overall.Data())
		}
		da, err1 := Disagreements(context.Background(), c, UnitiseOptions{Coders: []int{0, 2}}, nil)
		db, err2 := Disagreements(context.Background(), sub, UnitiseOptions{}, nil)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(da, db) {
			t.Fatalf("subset disagreements differ (%v, %v): %d vs %d", err1, err2, len(da), len(db))
		}
	}
}
