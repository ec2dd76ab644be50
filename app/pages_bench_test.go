package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

// pageBenchDocs are the files of the page-view benchmarks (../shared/corpus):
// a 17-page journal paper and a 65-page report with maps and scans, as in
// corpus/pdfpage's benchmarks.
var pageBenchDocs = []string{"plumb_issue-316-example.pdf", "plumb_chelsea_pdta.pdf"}

// pageBench is a page panel alone in a window 1400 units wide (the test
// driver's scale is 1: 1400 px), over a project holding one study.
type pageBench struct {
	a     *uitest.App
	w     fyne.Window
	panel *pagePanel
	study corpus.Study
	text  *corpus.Text
}

func newPageBench(b *testing.B, file string) *pageBench {
	b.Helper()
	src := filepath.Join("..", "..", "shared", "corpus", file)
	if _, err := os.Stat(src); err != nil {
		b.Skip("../shared/corpus is not here:", err)
	}
	if err := pdfpage.Warm(context.Background()); err != nil {
		b.Skip("the page renderer does not start here:", err)
	}
	coder := uitest.Identity(b, "Bench")
	path := filepath.Join(b.TempDir(), "pages.ewb")
	p, err := corpus.Create(path, "Pages")
	if err != nil {
		b.Fatal(err)
	}
	p.SetCoder(coder)
	res, err := p.Import(context.Background(), []string{src}, corpus.ImportOptions{}, nil)
	p.Close()
	if err != nil || len(res) != 1 || res[0].Study == "" {
		b.Fatalf("import %s: %v %+v", file, err, res)
	}
	a := uitest.New(b)
	h := uitest.NewHost(b, a, path, coder)
	pb := &pageBench{a: a, panel: newPagePanel(h, h, pageHooks{})}
	if pb.study, err = h.Project().Study(res[0].Study); err != nil {
		b.Fatal(err)
	}
	if pb.text, err = h.Project().Text(res[0].Study); err != nil {
		b.Fatal(err)
	}
	pb.w = a.NewWindow("pages")
	pb.w.SetContent(pb.panel.build())
	pb.w.Resize(fyne.NewSize(1400, 900))
	pb.panel.setShown(true)
	b.Cleanup(func() { pb.panel.stop(); pb.w.Close() })
	return pb
}

// shown waits until the pages on screen are drawn (their images and boxes
// arrived and their canvas objects are in place), then paints the window
// with the test driver's software painter; it returns the times from start
// to each.
func (pb *pageBench) shown(b *testing.B, start time.Time) (drawn, painted time.Duration) {
	pb.a.WaitFor(b, "the page on screen", func() bool { return pb.panel.view.PageCount() > 0 && pb.panel.view.Ready() })
	drawn = time.Since(start)
	pb.w.Canvas().Capture()
	return drawn, time.Since(start)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchmarkPageViewFirstPage measures opening a study in the page view
// after the renderer's warm-up: reading its PDF from the project, opening
// it, laying the pages out, rendering the first page at fit width (1,400
// px wide) and its character boxes, and painting the window. Each round
// closes the document, which drops its cached pages.
func BenchmarkPageViewFirstPage(b *testing.B) {
	for _, file := range pageBenchDocs {
		b.Run(file, func(b *testing.B) {
			pb := newPageBench(b, file)
			var drawn, painted, worst time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				pb.panel.clear()
				pb.a.Settle(b)
				b.StartTimer()
				start := time.Now()
				pb.panel.setStudy(pb.study, pb.text)
				d, p := pb.shown(b, start)
				drawn, painted, worst = drawn+d, painted+p, max(worst, p)
				b.StopTimer()
				pb.a.Settle(b) // the prefetch of the next page, outside the timing
				b.StartTimer()
			}
			b.ReportMetric(ms(drawn)/float64(b.N), "ms-drawn")
			b.ReportMetric(ms(painted)/float64(b.N), "ms-painted")
			b.ReportMetric(ms(worst), "ms-worst")
		})
	}
}

// BenchmarkPageViewFlip measures turning to a page that is not cached (three
// pages on, past the next page the view draws ahead) at fit width in the
// 1,400-px window: the render off the UI goroutine, its arrival and the
// window's paint. It reports the mean and the worst flip.
func BenchmarkPageViewFlip(b *testing.B) {
	for _, file := range pageBenchDocs {
		b.Run(file, func(b *testing.B) {
			pb := newPageBench(b, file)
			pb.panel.setStudy(pb.study, pb.text)
			pb.shown(b, time.Now())
			pb.a.Settle(b)
			n := pb.panel.view.PageCount()
			var drawn, painted, worst time.Duration
			page := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				page += 3
				if page >= n { // round again on a fresh document: nothing cached
					b.StopTimer()
					pb.panel.clear()
					pb.panel.setStudy(pb.study, pb.text)
					pb.shown(b, time.Now())
					pb.a.Settle(b)
					page = 3 % n
					b.StartTimer()
				}
				start := time.Now()
				pb.panel.view.ShowPage(page)
				d, p := pb.shown(b, start)
				drawn, painted, worst = drawn+d, painted+p, max(worst, p)
				b.StopTimer()
				pb.a.Settle(b)
				b.StartTimer()
			}
			b.ReportMetric(ms(drawn)/float64(b.N), "ms-drawn")
			b.ReportMetric(ms(painted)/float64(b.N), "ms-painted")
			b.ReportMetric(ms(worst), "ms-worst")
			bytes, bound, _ := pdfpage.Default().CacheStats()
			b.ReportMetric(float64(bytes)/(1<<20), "MB-cache")
			b.ReportMetric(float64(bound)/(1<<20), "MB-bound")
		})
	}
}
