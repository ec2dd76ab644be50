package agree

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

// syntheticCorpus builds studies x length characters coded by coders with
// codes codes, spansPerCoder spans per coder in total. Coders agree in
// part: each study has shared "true" passages that every coder codes with
// probability 0.85 and jittered boundaries; the rest of each coder's spans
// are private. Segments (paragraphs) start every 300-600 characters.
func syntheticCorpus(studies, length, coders, codes, spansPerCoder int) *Corpus {
	r := rand.New(rand.NewPCG(2026, 11))
	c := &Corpus{}
	for i := range coders {
		c.Coders = append(c.Coders, fmt.Sprintf("coder%d", i+1))
	}
	codeNames := make([]string, codes)
	for i := range codeNames {
		codeNames[i] = fmt.Sprintf("code-%02d", i)
	}
	perStudy := spansPerCoder / studies
	clamp := func(x int) int { return max(0, min(length, x)) }
	for s := range studies {
		st := Study{ID: fmt.Sprintf("study-%03d", s), Length: length}
		for p := 0; p < length; p += 300 + r.IntN(300) {
			st.Segments = append(st.Segments, p)
		}
		shared := perStudy * 3 / 4
		for range shared {
			code := codeNames[r.IntN(codes)]
			a := r.IntN(length)
			b := a + 80 + r.IntN(1500)
			for coder := range coders {
				if r.Float64() < 0.85 {
					st.Spans = append(st.Spans, Span{Code: code, Coder: coder,
						Start: clamp(a + r.IntN(61) - 30), End: clamp(b + r.IntN(61) - 30)})
				}
			}
		}
		for coder := range coders {
			for range perStudy - shared*85/100 {
				a := r.IntN(length)
				st.Spans = append(st.Spans, Span{Code: codeNames[r.IntN(codes)], Coder: coder,
					Start: a, End: clamp(a + 20 + r.IntN(1200))})
			}
		}
		c.Studies = append(c.Studies, st)
	}
	return c
}

var benchCorpus = sync.OnceValue(func() *Corpus { return syntheticCorpus(500, 60000, 3, 40, 25000) })

func benchUnitise(b *testing.B, level Level) {
	c := benchCorpus()
	spans := 0
	for _, st := range c.Studies {
		spans += len(st.Spans)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		u, err := Unitise(context.Background(), c, UnitiseOptions{Level: level}, nil)
		if err != nil {
			b.Fatal(err)
		}
		// The whole report: overall, per code and per study coefficients.
		if s := u.Overall.Summary(); s.AlphaErr != nil {
			b.Fatal(s.AlphaErr)
		}
		for _, t := range u.ByCode {
			t.Summary()
		}
		for _, t := range u.ByStudy {
			t.Summary()
		}
	}
	b.ReportMetric(float64(spans)/float64(len(c.Coders)), "spans/coder")
}

// BenchmarkUnitiseCharacter: 500 studies x 60,000 characters x 3 coders x
// 40 codes, about 25,000 spans per coder, character level, with overall,
// per-code and per-study summaries.
func BenchmarkUnitiseCharacter(b *testing.B) { benchUnitise(b, CharacterLevel) }

// BenchmarkUnitiseSegment is the same corpus at segment (paragraph) level.
func BenchmarkUnitiseSegment(b *testing.B) { benchUnitise(b, SegmentLevel) }

// BenchmarkUnitiseStudy is the same corpus at study level.
func BenchmarkUnitiseStudy(b *testing.B) { benchUnitise(b, StudyLevel) }

// BenchmarkDisagreements lists every disagreement passage of the corpus.
func BenchmarkDisagreements(b *testing.B) {
	c := benchCorpus()
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		d, err := Disagreements(context.Background(), c, UnitiseOptions{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		n = len(d)
	}
	b.ReportMetric(float64(n), "passages")
}
