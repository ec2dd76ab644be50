package app

import (
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/evidence-workbench/workbench/app/internal/uitest"
)

// BenchmarkOpenLargeProject measures, on the 500-study project, the time
// from creating the main window to its first content (the empty shell) and
// to a usable study list (project opened, studies listed, codebook loaded).
func BenchmarkOpenLargeProject(b *testing.B) {
	path := uitest.BenchProject(b)
	uitest.Identity(b, "Bench")
	a := uitest.New(b)
	var firstContent, usable time.Duration
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		w := a.NewWindow("bench")
		w.Resize(fyne.NewSize(1280, 800))
		wb := New(a, w)
		firstContent += time.Since(start)
		wb.Start(path)
		a.WaitFor(b, "the study list and codebook", func() bool {
			return len(wb.studies.shown) > 0 && len(wb.codebook.codes) > 0
		})
		usable += time.Since(start)
		if len(wb.studies.shown) != 500 {
			b.Fatalf("study list has %d studies", len(wb.studies.shown))
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak {
			peak = ms.HeapInuse
		}
		wb.Close()
		w.Close()
	}
	b.ReportMetric(float64(firstContent.Microseconds())/1000/float64(b.N), "ms-first-content")
	b.ReportMetric(float64(usable.Microseconds())/1000/float64(b.N), "ms-usable-list")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-heap-peak")
}
