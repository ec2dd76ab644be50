package index

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/internal/benchgen"
)

// BenchmarkSearchIndexUpdate measures keeping the search index in step on a
// 500-study, 30,000-page, 50,000-coding project: the full rebuild (once, as
// a metric), the incremental update after one coding (the coding itself is
// not timed), and Update(nil) after an undo, which diffs every study.
func BenchmarkSearchIndexUpdate(b *testing.B) {
	p, err := benchgen.Create(filepath.Join(b.TempDir(), "bench.ewb"), benchgen.Studies, benchgen.Pages, benchgen.Codings)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	t0 := time.Now()
	s, err := Open(b.Context(), p, b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rebuild := time.Since(t0)
	docs, _ := s.Index().DocCount()
	studies, err := p.Studies()
	if err != nil {
		b.Fatal(err)
	}
	codes, err := coding.Codebook(p)
	if err != nil {
		b.Fatal(err)
	}
	pct := func(lat []time.Duration, q float64) float64 {
		slices.Sort(lat)
		return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
	}
	b.Run("after-coding", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(3, 4))
		lat := make([]time.Duration, 0, b.N)
		flush := make([]time.Duration, 0, b.N)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			st := studies[rng.IntN(len(studies))]
			start := rng.IntN(st.TextLen - 400)
			_, err := coding.ApplyCodeSpans(p, codes[rng.IntN(len(codes))].GUID,
				[]coding.CodingSpan{{Study: st.GUID, Start: start, End: start + 20 + rng.IntN(300)}}, "")
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			t := time.Now()
			if err := s.Update(b.Context(), []string{st.GUID}); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t))
			b.StopTimer()
			t = time.Now()
			if err := s.Flush(); err != nil {
				b.Fatal(err)
			}
			flush = append(flush, time.Since(t))
			b.StartTimer()
		}
		b.StopTimer()
		b.ReportMetric(pct(lat, 0.5), "ms-p50")
		b.ReportMetric(pct(lat, 0.99), "ms-p99")
		b.ReportMetric(pct(flush, 0.5), "ms-flush-p50")
		b.ReportMetric(rebuild.Seconds(), "s-rebuild")
		b.ReportMetric(float64(docs), "chunks")
	})
	b.Run("after-undo-diff", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		st := studies[len(studies)/2]
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			if _, err := coding.ApplyCodeSpans(p, codes[i%len(codes)].GUID, []coding.CodingSpan{{Study: st.GUID, Start: i % 1000, End: i%1000 + 30}}, ""); err != nil {
				b.Fatal(err)
			}
			if err := s.Update(b.Context(), []string{st.GUID}); err != nil {
				b.Fatal(err)
			}
			if _, err := p.Undo(b.Context()); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			t := time.Now()
			if err := s.Update(b.Context(), nil); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t))
		}
		b.StopTimer()
		b.ReportMetric(pct(lat, 0.5), "ms-p50")
		b.ReportMetric(pct(lat, 0.99), "ms-p99")
	})
}
