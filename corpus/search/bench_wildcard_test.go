package search

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkWildcard runs prefix queries over the benchmark corpus (30,000
// pages): the broad ones are refused by the expansion bounds (see
// MaxTermExpansion) after counting the index's words, the narrow ones run.
// "words" and "postings" are what the query's distinct prefixes stand for
// in the fields searched (counted without a bound), "refused" is 1 when the
// query was refused as too broad, "peak-heap-MB" the live heap's high-water
// mark above the start (sampled every 25 ms). Before the bounds, 800 "a*" took 28 s and
// 2.4 GB; repeated terms are now searched once.
func BenchmarkWildcard(b *testing.B) {
	f := fixture(b)
	ctx := context.Background()
	for _, bq := range []struct{ name, q string }{
		{"800x-a*", strings.Repeat("a* ", 800)},
		{"a*", "a*"},
		{"re*", "re*"},
		{"a*-to-z*", "a* b* c* d* e* f* g* h* i* j* k* l* m* n* o* p* q* r* s* t* u* v* w* x* y* z*"},
		{"a*-to-f*", "a* b* c* d* e* f*"},
		{"recruit*", "recruit*"},
		{"plantation*-palm", "plantation* palm"},
	} {
		b.Run(bq.name, func(b *testing.B) {
			pq, err := ParseQuery(bq.q)
			if err != nil {
				b.Fatal(err)
			}
			words, postings := 0, uint64(0)
			f.ix.mu.RLock()
			_, exps, err := f.ix.compile(pq)
			if err == nil {
				idx, _ := f.ix.current()
				for _, e := range exps {
					n, occ, cerr := countWords(idx, nil, e, 1<<30, 1<<62)
					if cerr != nil {
						err = cerr
					}
					words += n
					postings += occ
				}
			}
			f.ix.mu.RUnlock()
			if err != nil {
				b.Fatal(err)
			}
			var res *Results
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			base := ms.HeapInuse
			stop, cpu0, runs := heapSampler(), cpuTime(), 0
			for b.Loop() {
				res, err = f.ix.Search(ctx, bq.q, Options{Size: 50})
				runs++
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(runs), "cpu-ms/op")
			if peak := stop(); peak > base {
				b.ReportMetric(float64(peak-base)/(1<<20), "peak-heap-MB")
			}
			refused := 0.0
			switch {
			case errors.Is(err, ErrQueryTooBroad):
				refused = 1
			case err != nil:
				b.Fatal(err)
			default:
				b.ReportMetric(float64(res.Total), "hits")
			}
			b.ReportMetric(refused, "refused")
			b.ReportMetric(float64(words), "words")
			b.ReportMetric(float64(postings), "postings")
		})
	}
}
