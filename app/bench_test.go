package app

import (
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/benchgen"
)

var benchFile sharedFile

// benchProject generates the 500-study / 30,000-page / 50,000-coding
// project once per run.
func benchProject(b *testing.B) string {
	b.Helper()
	return benchFile.get(b, "bench.ewb", func(path string) error {
		p, err := benchgen.Create(path, 500, 30000, 50000)
		if err != nil {
			return err
		}
		return p.Close()
	})
}

// BenchmarkOpenLargeProject measures, on the 500-study project, the time
// from creating the main window to its first content (the empty shell) and
// to a usable study list (project opened, studies listed, codebook loaded).
func BenchmarkOpenLargeProject(b *testing.B) {
	path := benchProject(b)
	b.Setenv("EWB_CONFIG_DIR", b.TempDir())
	corpus.SaveIdentity(corpus.CoderNamed("Bench"))
	a := test.NewTempApp(b)
	var firstContent, usable time.Duration
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		w := a.NewWindow("bench")
		w.Resize(fyne.NewSize(1280, 800))
		wb := New(a, w)
		firstContent += time.Since(start)
		opened := make(chan error, 1)
		codebook := make(chan struct{}, 1)
		wb.opened = func(_ *corpus.Project, err error) { opened <- err }
		wb.codebook.loaded = func() {
			select {
			case codebook <- struct{}{}:
			default:
			}
		}
		wb.Start(path)
		if err := <-opened; err != nil {
			b.Fatal(err)
		}
		<-codebook
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
