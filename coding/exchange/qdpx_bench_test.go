package exchange

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/benchgen"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// qdpxPeakHeap samples the live heap every millisecond until the returned
// function is called, which gives the peak above the level at the start, in MB.
func qdpxPeakHeap() func() float64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	peak := base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(s)
				peak = max(peak, s[0].Value.Uint64())
			}
		}
	}()
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak-base) / (1 << 20)
	}
}

// BenchmarkQDPX exports a generated 500-study, 30,000-page, 25,000-coding
// project as a .qdpx and imports that archive into a new empty project.
func BenchmarkQDPX(b *testing.B) {
	dir := b.TempDir()
	p, err := benchgen.Create(filepath.Join(dir, "bench.ewb"), 500, 30000, 25000)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	out := filepath.Join(dir, "bench.qdpx")
	ctx := context.Background()

	b.Run("export", func(b *testing.B) {
		b.ReportAllocs()
		stop, c0 := qdpxPeakHeap(), testkit.CPUTime()
		for b.Loop() {
			if err := ExportQDPX(ctx, p, out, nil); err != nil {
				b.Fatal(err)
			}
		}
		testkit.ReportCPU(b, c0)
		b.ReportMetric(stop(), "peak-heap-MB")
		if st, err := os.Stat(out); err == nil {
			b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
		}
	})
	if _, err := os.Stat(out); err != nil {
		if err := ExportQDPX(ctx, p, out, nil); err != nil {
			b.Fatal(err)
		}
	}

	b.Run("import", func(b *testing.B) {
		b.ReportAllocs()
		var peak float64
		var cpu time.Duration
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			dst, err := corpus.Create(filepath.Join(b.TempDir(), "in"+strconv.Itoa(i)+".ewb"), "Imported")
			if err == nil {
				err = dst.SetCoder(corpus.CoderNamed("Importer"))
			}
			if err != nil {
				b.Fatal(err)
			}
			stop, c0 := qdpxPeakHeap(), testkit.CPUTime()
			b.StartTimer()
			rep, err := ImportQDPX(ctx, dst, out, nil)
			b.StopTimer()
			cpu += testkit.CPUTime() - c0
			peak = max(peak, stop())
			if err != nil {
				b.Fatal(err)
			}
			if rep.StudiesAdded != 500 || rep.Codings != 25000 || len(rep.Warnings) != 0 {
				b.Fatalf("imported %d studies, %d codings; warnings %q", rep.StudiesAdded, rep.Codings, rep.Warnings)
			}
			dst.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "ms-cpu/op")
		b.ReportMetric(peak, "peak-heap-MB")
	})
}
