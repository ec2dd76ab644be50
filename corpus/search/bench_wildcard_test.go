package search

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// BenchmarkWildcard runs prefix queries over the benchmark corpus (30,000
// pages): the broad ones are refused by the expansion bounds (see
// MaxTermExpansion) after counting the index's words, the narrow ones run.
// "words" is how many different words the query's prefixes stand for in
// the fields searched (counted without a bound), "refused" is 1 when the
// query was refused as too broad. Before the bounds, 800 "a*" took 28 s and
// 2.4 GB.
func BenchmarkWildcard(b *testing.B) {
	f := fixture(b)
	ctx := context.Background()
	for _, bq := range []struct{ name, q string }{
		{"800x-a*", strings.Repeat("a* ", 800)},
		{"a*", "a*"},
		{"20x-re*", strings.Repeat("re* ", 20)},
		{"recruit*", "recruit*"},
		{"plantation*-palm", "plantation* palm"},
	} {
		b.Run(bq.name, func(b *testing.B) {
			pq, err := ParseQuery(bq.q)
			if err != nil {
				b.Fatal(err)
			}
			words := 0
			f.ix.mu.RLock()
			_, exps, err := f.ix.compile(pq)
			if err == nil {
				idx, _ := f.ix.current()
				for _, e := range exps {
					n, cerr := countWords(idx, nil, e, 1<<30)
					if cerr != nil {
						err = cerr
					}
					words += n
				}
			}
			f.ix.mu.RUnlock()
			if err != nil {
				b.Fatal(err)
			}
			var res *Results
			for b.Loop() {
				res, err = f.ix.Search(ctx, bq.q, Options{Size: 50})
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
		})
	}
}
