package agreement

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

var agrBob = corpus.Coder{GUID: "22222222-2222-2222-2222-222222222222", Name: "Bob"}

// agrAs runs fn with c as the current coder, then restores testkit.Ann.
func agrAs(tb testing.TB, p *corpus.Project, c corpus.Coder, fn func()) {
	tb.Helper()
	if err := p.SetCoder(c); err != nil {
		tb.Fatal(err)
	}
	fn()
	if err := p.SetCoder(testkit.Ann); err != nil {
		tb.Fatal(err)
	}
}

func agrCode(tb testing.TB, p *corpus.Project, study, code string, start, end int) coding.Coding {
	tb.Helper()
	c, err := coding.ApplyCode(p, study, code, start, end, "")
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func agrNear(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.IsNaN(want) != math.IsNaN(got) || !math.IsNaN(want) && math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.9f, want %.9f", what, got, want)
	}
}

// agreementProject: study S1 of 100 characters, Ann codes X on [0,40), Bob
// on [20,60); study S2 only Ann codes (Bob is missing there, not "did not
// code"); a consensus coding that must be ignored.
func agreementProject(t *testing.T) (p *corpus.Project, s1, s2, x string) {
	p = testkit.Project(t)
	s1 = testkit.Study(t, p, "S1", strings.Repeat("abcdefghij", 10))
	s2 = testkit.Study(t, p, "S2", strings.Repeat("klmnopqrst", 5))
	x, err := coding.CreateCode(p, coding.Code{Name: "X"})
	if err != nil {
		t.Fatal(err)
	}
	agrCode(t, p, s1, x, 0, 40)
	agrCode(t, p, s2, x, 0, 10)
	agrAs(t, p, agrBob, func() { agrCode(t, p, s1, x, 20, 60) })
	err = p.Do("consensus", func(tx *corpus.Tx) error {
		return tx.Insert("codings", corpus.Row{"guid": "c0000000-0000-0000-0000-000000000000", "study": s1, "code": x,
			"start": int64(70), "end": int64(80), "coder": testkit.Ann.GUID, "created_at": tx.Stamp(), "consensus": int64(1)})
	})
	if err != nil {
		t.Fatal(err)
	}
	return p, s1, s2, x
}

func TestAgreementCharacterLevel(t *testing.T) {
	p, s1, _, x := agreementProject(t)
	ctx := context.Background()
	r, err := Compute(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Coders) != 2 || r.Coders[0].Name != "Ann" || r.Coders[1].Name != "Bob" {
		t.Fatalf("coders %v", r.Coders)
	}
	// S1: 20 chars both, 20 Ann only, 20 Bob only, 40 neither; S2 has Ann only (not pairable).
	o := r.Overall
	if o.Units != 150 || o.Coded != 70 {
		t.Errorf("units %v coded %v", o.Units, o.Coded)
	}
	agrNear(t, "percent", o.Percent, 0.6)
	agrNear(t, "cohen", o.Cohen, 1.0/6)    // po .6, pe .4*.4+.6*.6 = .52
	agrNear(t, "fleiss", o.Fleiss, 1.0/6)  // same pooled marginals
	agrNear(t, "alpha", o.Alpha, 41.0/240) // 1 - 199*80/(2*80*120)
	if len(r.ByCode) != 1 || r.ByCode[0].Key != x || r.ByCode[0].Name != "X" {
		t.Fatalf("by code %+v", r.ByCode)
	}
	if len(r.ByStudy) != 2 || r.ByStudy[0].Key != s1 || r.ByStudy[0].Name != "S1" {
		t.Fatalf("by study %+v", r.ByStudy)
	}
	agrNear(t, "S1 percent", r.ByStudy[0].Percent, 0.6)
	agrNear(t, "S2 percent", r.ByStudy[1].Percent, math.NaN())

	r, err = Compute(ctx, p, Options{CodedOnly: true, Coders: []string{"bob", testkit.Ann.GUID}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Coders[0].Name != "Bob" || r.Overall.Units != 70 {
		t.Errorf("coded only: coders %v units %v", r.Coders, r.Overall.Units)
	}
	agrNear(t, "coded-only percent", r.Overall.Percent, 1.0/3)
	agrNear(t, "coded-only cohen", r.Overall.Cohen, -0.5) // po 1/3, pe 4/9+1/9

	if _, err := Compute(ctx, p, Options{Coders: []string{"Zoe"}}); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("unknown coder: %v", err)
	}
	if _, err := Compute(ctx, p, Options{Unit: "word"}); !errors.Is(err, ErrUnit) {
		t.Errorf("bad unit: %v", err)
	}
}

func TestAgreementSegmentsAndStudy(t *testing.T) {
	p := testkit.Project(t)
	text := "One two. Three four! Five six? seven. Eight\n\nnine ten"
	s := testkit.Study(t, p, "S", text)
	x, _ := coding.CreateCode(p, coding.Code{Name: "X"})
	y, _ := coding.CreateCode(p, coding.Code{Name: "Y"})
	off := func(w string) int { return len([]rune(text[:strings.Index(text, w)])) }
	want := []int{0, off("Three"), off("Five"), off("Eight"), off("nine")}
	if got := agree.SentenceStarts(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("sentence starts %v, want %v", got, want)
	}
	// Ann: X on "two" (sentence 0) and "Five six? seven" (sentence 2); Bob: X on "Three" (sentence 1)
	// and "seven" (sentence 2); Ann Y on "nine" only.
	agrCode(t, p, s, x, off("two"), off("two")+3)
	agrCode(t, p, s, x, off("Five"), off("seven")+5)
	agrCode(t, p, s, y, off("nine"), off("nine")+4)
	agrAs(t, p, agrBob, func() {
		agrCode(t, p, s, x, off("Three"), off("Three")+5)
		agrCode(t, p, s, x, off("seven"), off("seven")+5)
	})
	ctx := context.Background()
	r, err := Compute(ctx, p, Options{Unit: "sentences", Code: "X"})
	if err != nil {
		t.Fatal(err)
	}
	// 5 sentences: (1,0) (0,1) (1,1) (0,0) (0,0) -> 3/5 agree.
	if r.Overall.Units != 5 || len(r.ByCode) != 1 {
		t.Fatalf("sentence units %v codes %d", r.Overall.Units, len(r.ByCode))
	}
	agrNear(t, "sentence percent", r.Overall.Percent, 0.6)
	// Paragraphs: "...Eight" and "nine ten": X (1,1) (0,0).
	r, err = Compute(ctx, p, Options{Unit: UnitParagraph, Code: x})
	if err != nil {
		t.Fatal(err)
	}
	if r.Overall.Units != 2 {
		t.Fatalf("paragraph units %v", r.Overall.Units)
	}
	agrNear(t, "paragraph percent", r.Overall.Percent, 1)
	// Study level, all codes: X (1,1), Y (1,0).
	r, err = Compute(ctx, p, Options{Unit: UnitStudy})
	if err != nil {
		t.Fatal(err)
	}
	if r.Overall.Units != 2 || len(r.ByCode) != 2 {
		t.Fatalf("study units %v", r.Overall.Units)
	}
	agrNear(t, "study percent", r.Overall.Percent, 0.5)
	agrNear(t, "study X", r.ByCode[0].Percent, 1)
	agrNear(t, "study Y", r.ByCode[1].Percent, 0)
}

func TestAppraisalAgreementAndDisagreements(t *testing.T) {
	p, s1, s2, x := agreementProject(t)
	crit, err := coding.CreateCode(p, coding.Code{Name: "Sampling explained", Kind: coding.KindRigor})
	if err != nil {
		t.Fatal(err)
	}
	judge := func(study, j string) {
		if err := coding.SetJudgement(p, study, crit, j, ""); err != nil {
			t.Fatal(err)
		}
	}
	judge(s1, coding.Met)
	judge(s2, coding.NotMet)
	agrAs(t, p, agrBob, func() { judge(s1, coding.Met); judge(s2, coding.NotReported) })
	ctx := context.Background()
	r, err := Compute(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var row AppraisalRow
	for _, a := range r.Appraisal {
		if a.Key == crit {
			row = a
		}
	}
	if row.Name != "Sampling explained" || row.Units != 2 {
		t.Fatalf("appraisal rows %+v", r.Appraisal)
	}
	agrNear(t, "judgement percent", row.Percent, 0.5)
	// Ordinal alpha: n0=2, n2=1, n3=1; delta(2,3)=1; Do=2/4; De=2*(2*2.25+2*6.25+1)/12=3.
	agrNear(t, "judgement alpha", row.Alpha, 5.0/6)
	// Linear weights over 4 categories: po=(1+2/3)/2, pe=(1+0+1/3+2/3)/4.
	agrNear(t, "judgement kappa", row.Kappa, 2.0/3)
	// Overall ratings by the rule (one core criterion): S1 high/high, S2 low/low.
	if len(r.Appraisal) < 2 || r.Appraisal[1].Key != "rating" || r.Appraisal[1].Units != 2 || r.Appraisal[1].Percent != 1 || r.Appraisal[1].Alpha != 1 {
		t.Errorf("rating agreement %+v", r.Appraisal)
	}
	// Bootstrapped: the criterion's alpha gets an interval; perfect
	// agreement (the ratings) is not bootstrapped.
	boot, err := Compute(ctx, p, Options{Bootstrap: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range boot.Appraisal {
		switch {
		case a.Key == crit && !(a.AlphaLow <= a.Alpha && a.Alpha <= a.AlphaHigh && a.BelowReliable >= 0):
			t.Errorf("criterion interval %+v", a)
		case a.Key == "rating" && !math.IsNaN(a.AlphaLow):
			t.Errorf("perfect agreement bootstrapped: %+v", a)
		}
	}

	ds, err := Disagreements(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 3 {
		t.Fatalf("disagreements %+v", ds)
	}
	a, b, c := ds[0], ds[1], ds[2]
	if a.Item != PassageItem(s1, x, 0, 20) || a.Quote != strings.Repeat("abcdefghij", 2) || !reflect.DeepEqual(a.CodedBy, []string{"Ann"}) ||
		!reflect.DeepEqual(a.NotCodedBy, []string{"Bob"}) || len(a.Codings) != 1 || a.StudyTitle != "S1" || a.CodeName != "X" {
		t.Errorf("first disagreement %+v", a)
	}
	if b.Start != 40 || b.End != 60 || !reflect.DeepEqual(b.CodedBy, []string{"Bob"}) || len(b.Codings) != 1 || b.Codings[0] == a.Codings[0] {
		t.Errorf("second disagreement %+v", b)
	}
	if c.Kind != DisagreeAppraisal || c.Item != AppraisalItem(s2, crit) || c.Judgements["Ann"] != coding.NotMet || c.Judgements["Bob"] != coding.NotReported {
		t.Errorf("appraisal disagreement %+v", c)
	}
}

// TestAgreementBasisAbsentBootstrap: the units the figures rest on, the
// missing-data rule for a coder who coded nothing in a study, and the
// bootstrapped interval of alpha, reproducible run after run.
func TestAgreementBasisAbsentBootstrap(t *testing.T) {
	p, _, s2, _ := agreementProject(t)
	ctx := context.Background()
	r, err := Compute(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// S2 (50 characters) only Ann coded: Bob is missing there by default.
	o := r.Overall
	if r.Absent != AbsentMissing || o.Units != 150 || o.Pairable != 100 || o.Coded != 70 {
		t.Fatalf("basis: absent %q units %v pairable %v coded %v", r.Absent, o.Units, o.Pairable, o.Coded)
	}
	if got, want := r.Basis(o), "150 characters, 70 coded by anyone; statistics on the 100 both coders could code"; got != want {
		t.Errorf("basis %q, want %q", got, want)
	}
	if r.Resamples != 0 || !math.IsNaN(o.AlphaLow) || !math.IsNaN(o.BelowReliable) {
		t.Errorf("an interval without a bootstrap: %+v", o)
	}
	if !strings.Contains(MissingRule(AbsentMissing), "missing there") || !strings.Contains(MissingRule(AbsentZero), `"no" to every code`) {
		t.Errorf("rules %q / %q", MissingRule(AbsentMissing), MissingRule(AbsentZero))
	}

	// --absent zero: Bob said "no" to all of S2. 150 characters: both 20,
	// Ann only 30, Bob only 20, neither 80. Agreement 100/150; Cohen: Ann
	// codes 1/3, Bob 4/15, pe = 26/45, kappa = (30/45-26/45)/(19/45) = 4/19.
	z, err := Compute(ctx, p, Options{Absent: "zero", Bootstrap: 500})
	if err != nil {
		t.Fatal(err)
	}
	if z.Absent != AbsentZero || z.Overall.Pairable != 150 || z.Resamples != 500 {
		t.Fatalf("zero: %+v", z.Overall)
	}
	agrNear(t, "zero percent", z.Overall.Percent, 2.0/3)
	agrNear(t, "zero cohen", z.Overall.Cohen, 4.0/19)
	for _, st := range z.ByStudy {
		if st.Key == s2 {
			agrNear(t, "S2 percent", st.Percent, 0.8)
		}
	}
	zo := z.Overall
	if !(zo.AlphaLow < zo.Alpha && zo.Alpha < zo.AlphaHigh) || zo.BelowTentative < 0 || zo.BelowTentative > zo.BelowReliable || zo.BelowReliable > 1 {
		t.Errorf("interval %v [%v, %v], P %v %v", zo.Alpha, zo.AlphaLow, zo.AlphaHigh, zo.BelowTentative, zo.BelowReliable)
	}
	again, err := Compute(ctx, p, Options{Absent: "zero", Bootstrap: 500})
	if err != nil {
		t.Fatal(err)
	}
	if a := again.Overall; a.AlphaLow != zo.AlphaLow || a.AlphaHigh != zo.AlphaHigh || a.BelowReliable != zo.BelowReliable {
		t.Errorf("rerun differs: %+v vs %+v", a, zo)
	}
	if _, err := Compute(ctx, p, Options{Absent: "sometimes"}); !errors.Is(err, ErrAbsent) {
		t.Errorf("bad rule: %v", err)
	}
}
