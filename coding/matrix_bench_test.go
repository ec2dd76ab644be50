package coding

import (
	"io"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the process's user+system CPU time, so per-operation CPU
// cost can be reported next to wall time on a shared, loaded machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU milliseconds per operation since c0.
func reportCPU(b *testing.B, c0 time.Duration) {
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/1000/float64(b.N), "ms-cpu/op")
}

// BenchmarkMatrix measures the queries of the analysis screens on a
// 500-study, 30,000-page, 50,000-coding project: the themes x sector matrix
// (the 200 ms target), other dimensions, code frequencies, segment queries
// and exports.
func BenchmarkMatrix(b *testing.B) {
	t0 := time.Now()
	p, err := GenerateBenchProject(filepath.Join(b.TempDir(), "bench.ewb"), benchStudies, benchPages, benchCodings)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	gen := time.Since(t0)
	tree, err := LoadCodeTree(p)
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
	resetPeakRSS()
	// cold: the coding index is re-read from the file every time (the first
	// matrix after a change); otherwise it comes from the cache.
	matrix := func(name string, q MatrixQuery, cold bool) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var m *Matrix
			c0 := cpuTime()
			for i := 0; i < b.N; i++ {
				if cold {
					forgetCodingIndex()
				}
				if m, err = CodeMatrix(p, q); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, c0)
			b.ReportMetric(float64(m.Total.Codings), "codings-counted")
			b.ReportMetric(peakRSS()/(1<<20), "MB-peak-RSS")
			b.ReportMetric(gen.Seconds(), "s-generate")
		})
	}
	matrix("themes-x-sector-cold", MatrixQuery{Cols: DimSector, Kind: KindTheme}, true)
	matrix("themes-x-sector", MatrixQuery{Cols: DimSector, Kind: KindTheme}, false)
	matrix("themes-x-sector-all-studies-rollup", MatrixQuery{Cols: DimSector, Kind: KindTheme, RollUp: true, AllStudies: true}, false)
	matrix("all-codes-x-country", MatrixQuery{Cols: DimCountry, AllStudies: true}, false)
	matrix("all-codes-x-country-cold", MatrixQuery{Cols: DimCountry, AllStudies: true}, true)
	matrix("themes-x-coder", MatrixQuery{Cols: DimCoder, Kind: KindTheme}, false)
	b.Run("frequencies-cold", func(b *testing.B) {
		b.ReportAllocs()
		c0 := cpuTime()
		for i := 0; i < b.N; i++ {
			forgetCodingIndex()
			if _, err := CodeFrequencies(p, FrequencyQuery{}); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, c0)
	})
	b.Run("segments-one-code", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		c0 := cpuTime()
		for i := 0; i < b.N; i++ {
			segs, err := Segments(p, SegmentQuery{Codes: []string{debt.GUID}})
			if err != nil {
				b.Fatal(err)
			}
			n = len(segs)
		}
		reportCPU(b, c0)
		b.ReportMetric(float64(n), "segments")
	})
	b.Run("segments-same-paragraph", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		c0 := cpuTime()
		for i := 0; i < b.N; i++ {
			segs, err := Segments(p, SegmentQuery{Codes: []string{debt.GUID},
				Where: []Condition{{Code: recruit.GUID, Within: WithinParagraph}}})
			if err != nil {
				b.Fatal(err)
			}
			n = len(segs)
		}
		reportCPU(b, c0)
		b.ReportMetric(float64(n), "segments")
		b.ReportMetric(peakRSS()/(1<<20), "MB-peak-RSS")
	})
	m, err := CodeMatrix(p, MatrixQuery{Cols: DimSector, Kind: KindTheme})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("matrix-xlsx", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if err := WriteMatrixXLSX(io.Discard, m); err != nil {
				b.Fatal(err)
			}
		}
	})
	segs, err := Segments(p, SegmentQuery{Kind: KindTheme})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("segments-xlsx-all-themes", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if err := WriteSegmentsXLSX(io.Discard, segs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(segs)), "segments")
		b.ReportMetric(peakRSS()/(1<<20), "MB-peak-RSS")
	})
}
