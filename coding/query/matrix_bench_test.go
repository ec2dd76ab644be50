package query_test

import (
	"io"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/internal/benchgen"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// BenchmarkMatrix measures the queries of the analysis screens on a
// 500-study, 30,000-page, 50,000-coding project: the themes x sector matrix
// (the 200 ms target), other dimensions, code frequencies, segment queries
// and exports.
func BenchmarkMatrix(b *testing.B) {
	t0 := time.Now()
	p, err := benchgen.Create(filepath.Join(b.TempDir(), "bench.ewb"), benchgen.Studies, benchgen.Pages, benchgen.Codings)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	gen := time.Since(t0)
	tree, err := coding.LoadCodeTree(p)
	if err != nil {
		b.Fatal(err)
	}
	debt, err := tree.Resolve("Debt bondage")
	if err != nil {
		b.Fatal(err)
	}
	recruit, err := tree.Resolve("Recruitment and deception")
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	testkit.ResetPeakRSS()
	// cold: the coding index is re-read from the file every time (the first
	// matrix after a change); otherwise it comes from the cache.
	matrix := func(name string, q query.MatrixQuery, cold bool) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var m *query.Matrix
			c0 := testkit.CPUTime()
			for i := 0; i < b.N; i++ {
				if cold {
					query.ForgetCodingIndex()
				}
				if m, err = query.CodeMatrix(p, q); err != nil {
					b.Fatal(err)
				}
			}
			testkit.ReportCPU(b, c0)
			b.ReportMetric(float64(m.Total.Codings), "codings-counted")
			b.ReportMetric(testkit.PeakRSS()/(1<<20), "MB-peak-RSS")
			b.ReportMetric(gen.Seconds(), "s-generate")
		})
	}
	matrix("themes-x-sector-cold", query.MatrixQuery{Cols: query.DimSector, Kind: coding.KindTheme}, true)
	matrix("themes-x-sector", query.MatrixQuery{Cols: query.DimSector, Kind: coding.KindTheme}, false)
	matrix("themes-x-sector-all-studies-rollup", query.MatrixQuery{Cols: query.DimSector, Kind: coding.KindTheme, RollUp: true, AllStudies: true}, false)
	matrix("all-codes-x-country", query.MatrixQuery{Cols: query.DimCountry, AllStudies: true}, false)
	matrix("all-codes-x-country-cold", query.MatrixQuery{Cols: query.DimCountry, AllStudies: true}, true)
	matrix("themes-x-coder", query.MatrixQuery{Cols: query.DimCoder, Kind: coding.KindTheme}, false)
	b.Run("frequencies-cold", func(b *testing.B) {
		b.ReportAllocs()
		c0 := testkit.CPUTime()
		for i := 0; i < b.N; i++ {
			query.ForgetCodingIndex()
			if _, err := query.CodeFrequencies(p, query.FrequencyQuery{}); err != nil {
				b.Fatal(err)
			}
		}
		testkit.ReportCPU(b, c0)
	})
	b.Run("segments-one-code", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		c0 := testkit.CPUTime()
		for i := 0; i < b.N; i++ {
			segs, err := query.Segments(p, query.SegmentQuery{Codes: []string{debt.GUID}})
			if err != nil {
				b.Fatal(err)
			}
			n = len(segs)
		}
		testkit.ReportCPU(b, c0)
		b.ReportMetric(float64(n), "segments")
	})
	b.Run("segments-same-paragraph", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		c0 := testkit.CPUTime()
		for i := 0; i < b.N; i++ {
			segs, err := query.Segments(p, query.SegmentQuery{Codes: []string{debt.GUID},
				Where: []query.Condition{{Code: recruit.GUID, Within: query.WithinParagraph}}})
			if err != nil {
				b.Fatal(err)
			}
			n = len(segs)
		}
		testkit.ReportCPU(b, c0)
		b.ReportMetric(float64(n), "segments")
		b.ReportMetric(testkit.PeakRSS()/(1<<20), "MB-peak-RSS")
	})
	m, err := query.CodeMatrix(p, query.MatrixQuery{Cols: query.DimSector, Kind: coding.KindTheme})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("matrix-xlsx", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if err := exchange.WriteMatrixXLSX(io.Discard, m); err != nil {
				b.Fatal(err)
			}
		}
	})
	segs, err := query.Segments(p, query.SegmentQuery{Kind: coding.KindTheme})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("segments-xlsx-all-themes", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if err := exchange.WriteSegmentsXLSX(io.Discard, segs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(segs)), "segments")
		b.ReportMetric(testkit.PeakRSS()/(1<<20), "MB-peak-RSS")
	})
}
