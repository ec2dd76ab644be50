package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Benchmarks over a generated corpus of research reports (see gen_test.go).
// The corpus is built once per `go test` run (sync.Once, temp directory):
// 30,000 pages by default, or WB_BENCH_PAGES pages.
//
//	go test ./corpus/search -run '^$' -bench . -benchtime 20x -timeout 60m

const benchPagesPerStudy = 60

type benchFixture struct {
	root             string
	ix               *Index
	bare             bleve.Index
	pages, chunks    int
	textBytes        int64
	build, bareBuild time.Duration
	buildCPU         time.Duration // process CPU time (user+system) during our build
	buildHeapMB      float64       // peak heap in use during the build, above the pre-generated corpus
	peakRSSMB        float64       // process peak resident set after both builds
	indexBytes       int64
	bareBytes        int64
	textFile         string
	sample           []Chunk // chunks for incremental updates
	sampleStudy      []Chunk // all chunks of one study
	err              error
}

var (
	benchOnce sync.Once
	benchFix  *benchFixture
)

func benchPages() int {
	if v, err := strconv.Atoi(os.Getenv("WB_BENCH_PAGES")); err == nil && v >= benchPagesPerStudy {
		return v
	}
	return 30000
}

// benchCorpus generates the corpus chunks (with codes) in memory.
func benchCorpus(pages int) (chunks []Chunk, text []string) {
	r := rand.New(rand.NewPCG(7, 8))
	g := &genZipf{r: r, zs: map[int]*rand.Zipf{}}
	genCorpus(pages/benchPagesPerStudy, benchPagesPerStudy, 1, func(s genStudy) bool {
		full := strings.Join(s.pages, "\f")
		cs := ChunkStudy(s.info, full, nil)
		for i := range cs {
			cs[i].Codes = genChunkCodes(r, g)
		}
		chunks = append(chunks, cs...)
		text = append(text, full)
		return true
	})
	return chunks, text
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}

// heapSampler records the peak HeapInuse until stopped.
func heapSampler() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(25 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); <-finished; return peak.Load() }
}

func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func bareDoc(c Chunk) map[string]interface{} {
	return map[string]interface{}{
		"text": c.Text, "title": c.Title, "study": c.Study, "country": c.Countries, "sector": c.Sectors,
		"method": c.Method, "rigor": c.Rigor, "code": c.Codes, "year": float64(c.Year), "page": float64(c.Page),
	}
}

func buildBenchFixture() *benchFixture {
	f := &benchFixture{pages: benchPages()}
	var err error
	if f.root, err = os.MkdirTemp("", "wb-search-bench-"); err != nil {
		f.err = err
		return f
	}
	chunks, texts := benchCorpus(f.pages)
	f.chunks = len(chunks)
	for _, t := range texts {
		f.textBytes += int64(len(t))
	}
	f.textFile = filepath.Join(f.root, "corpus.txt")
	if f.err = os.WriteFile(f.textFile, []byte(strings.Join(texts, "\f")), 0o600); f.err != nil {
		return f
	}
	texts = nil
	for _, c := range chunks {
		if c.Study == chunks[0].Study {
			f.sampleStudy = append(f.sampleStudy, c)
		}
	}
	for i := 0; i < len(chunks); i += len(chunks)/50 + 1 {
		f.sample = append(f.sample, chunks[i])
	}

	// our index
	dir := filepath.Join(f.root, "wb")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	stop := heapSampler()
	start, cpu0 := time.Now(), cpuTime()
	if f.ix, f.err = Open(dir); f.err != nil {
		stop()
		return f
	}
	f.err = f.ix.Rebuild(context.Background(), func(yield func(Chunk) bool) error {
		for _, c := range chunks {
			if !yield(c) {
				return nil
			}
		}
		return nil
	}, nil)
	if f.err == nil {
		f.err = f.ix.SetGeneration(1)
	}
	if f.err == nil {
		f.err = f.ix.Close()
	}
	f.build = time.Since(start)
	f.buildCPU = cpuTime() - cpu0
	f.buildHeapMB = float64(stop()-base) / (1 << 20)
	if f.err != nil {
		return f
	}
	f.indexBytes = dirSize(dir)
	if f.ix, f.err = Open(dir); f.err != nil {
		return f
	}

	// bare bleve: default mapping, same chunks, same batch size
	bareDir := filepath.Join(f.root, "bare")
	start = time.Now()
	if f.bare, f.err = bleve.NewUsing(bareDir, bleve.NewIndexMapping(), scorch.Name, scorch.Name, nil); f.err != nil {
		return f
	}
	b := f.bare.NewBatch()
	for _, c := range chunks {
		if f.err = b.Index(c.ID, bareDoc(c)); f.err != nil {
			return f
		}
		if b.Size() >= batchSize {
			if f.err = f.bare.Batch(b); f.err != nil {
				return f
			}
			b.Reset()
		}
	}
	if f.err = f.bare.Batch(b); f.err != nil {
		return f
	}
	f.bareBuild = time.Since(start)
	f.bareBytes = dirSize(bareDir)
	f.peakRSSMB = peakRSSMB()
	// let the bare index's merges and persistence finish, so that they do
	// not run during (and slow down) the query benchmarks
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(time.Second) {
		m, _ := f.bare.StatsMap()["index"].(map[string]interface{})
		if busy, ok := m["index_bgthreads_active"].(bool); !ok || !busy {
			break
		}
	}
	runtime.GC()
	return f
}

func fixture(b *testing.B) *benchFixture {
	b.Helper()
	benchOnce.Do(func() { benchFix = buildBenchFixture() })
	if benchFix.err != nil {
		b.Fatalf("build benchmark corpus: %v", benchFix.err)
	}
	return benchFix
}

// TestMain removes the benchmark corpus after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchFix != nil {
		if benchFix.ix != nil {
			_ = benchFix.ix.Close()
		}
		if benchFix.bare != nil {
			_ = benchFix.bare.Close()
		}
		if benchFix.root != "" {
			_ = os.RemoveAll(benchFix.root)
		}
	}
	os.Exit(code)
}

// BenchmarkBuild reports the once-per-run build of the corpus (ns/op is the
// build time of our index); pages/s must be >= 1000.
func BenchmarkBuild(b *testing.B) {
	f := fixture(b)
	for b.Loop() {
	}
	b.ReportMetric(float64(f.build.Nanoseconds()), "ns/op")
	b.ReportMetric(float64(f.pages)/f.build.Seconds(), "pages/s")
	b.ReportMetric(float64(f.textBytes)/(1<<20)/f.build.Seconds(), "MB/s")
	b.ReportMetric(float64(f.pages)/f.buildCPU.Seconds(), "pages/cpu-s")
	b.ReportMetric(float64(f.pages)/f.bareBuild.Seconds(), "bare-pages/s")
	b.ReportMetric(f.buildHeapMB, "build-heap-MB")
	b.ReportMetric(f.peakRSSMB, "peak-RSS-MB")
	b.ReportMetric(float64(f.indexBytes)/float64(f.textBytes), "size/text")
	b.ReportMetric(float64(f.bareBytes)/float64(f.textBytes), "bare-size/text")
	b.ReportMetric(float64(f.chunks), "chunks")
	b.Logf("%d pages, %d chunks, %.1f MB text, index %.1f MB, bare %.1f MB", f.pages, f.chunks,
		float64(f.textBytes)/(1<<20), float64(f.indexBytes)/(1<<20), float64(f.bareBytes)/(1<<20))
}

func percentile(d []time.Duration, p float64) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[int(p*float64(len(s)-1))]
}

// logSlowest logs the queries with the highest median latency.
func logSlowest(b *testing.B, lat []time.Duration, hitsPer []int, text func(i int) string) {
	n := len(benchQueries)
	type q struct {
		i   int
		med time.Duration
	}
	var qs []q
	for i := 0; i < n; i++ {
		var l []time.Duration
		for k := i; k < len(lat); k += n {
			l = append(l, lat[k])
		}
		qs = append(qs, q{i, percentile(l, 0.5)})
	}
	sort.Slice(qs, func(a, c int) bool { return qs[a].med > qs[c].med })
	for _, x := range qs[:5] {
		b.Logf("%8.1f ms %6d hits  %s", float64(x.med.Microseconds())/1000, hitsPer[x.i], text(x.i))
	}
}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportLatencies(b *testing.B, lat []time.Duration, hits int, cpu time.Duration) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(cpu)/float64(len(lat)), "cpu-ms/query")
	b.ReportMetric(ms(percentile(lat, 0.5)), "p50-ms")
	b.ReportMetric(ms(percentile(lat, 0.95)), "p95-ms")
	b.ReportMetric(ms(percentile(lat, 1)), "max-ms")
	b.ReportMetric(float64(hits)/float64(len(lat)), "hits/query")
}

// BenchmarkQueries runs the 50 fixed queries (one op = 50 queries) with
// snippets, match offsets, facets and study grouping.
func BenchmarkQueries(b *testing.B) {
	f := fixture(b)
	ctx := context.Background()
	var lat []time.Duration
	hits := 0
	hitsPer := make([]int, len(benchQueries))
	cpu0 := cpuTime()
	for b.Loop() {
		for i, q := range benchQueries {
			t := time.Now()
			res, err := f.ix.Search(ctx, q.ours, Options{Size: 50})
			lat = append(lat, time.Since(t))
			if err != nil {
				b.Fatalf("%s: %v", q.ours, err)
			}
			hits += res.Total
			hitsPer[i] = res.Total
		}
	}
	reportLatencies(b, lat, hits, cpuTime()-cpu0)
	logSlowest(b, lat, hitsPer, func(i int) string { return benchQueries[i].ours })
}

// BenchmarkQueriesBare runs the same queries on a bleve index with the
// default mapping, as query-string queries with bleve's HTML highlighter
// and the equivalent facets.
func BenchmarkQueriesBare(b *testing.B) {
	f := fixture(b)
	var lat []time.Duration
	hits := 0
	lo, mid, hi := 2000.0, 2010.0, 2030.0
	hitsPer := make([]int, len(benchQueries))
	cpu0 := cpuTime()
	for b.Loop() {
		for i, q := range benchQueries {
			t := time.Now()
			req := bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q.bare), 50, 0, false)
			req.Highlight = bleve.NewHighlight()
			req.Fields = []string{"study", "title", "year", "page"}
			for _, name := range []string{"country", "sector", "method", "code", "rigor"} {
				req.AddFacet(name, bleve.NewFacetRequest(name, 30))
			}
			yf := bleve.NewFacetRequest("year", 3)
			yf.AddNumericRange("2000s", &lo, &mid)
			yf.AddNumericRange("2010s", &mid, &hi)
			req.AddFacet("year", yf)
			res, err := f.bare.Search(req)
			lat = append(lat, time.Since(t))
			if err != nil {
				b.Fatalf("%s: %v", q.bare, err)
			}
			hits += int(res.Total)
			hitsPer[i] = int(res.Total)
		}
	}
	reportLatencies(b, lat, hits, cpuTime()-cpu0)
	logSlowest(b, lat, hitsPer, func(i int) string { return benchQueries[i].bare })
}

// BenchmarkIncrementalCoding re-indexes the one chunk a new coding falls in.
func BenchmarkIncrementalCoding(b *testing.B) {
	f := fixture(b)
	i := 0
	for b.Loop() {
		c := f.sample[i%len(f.sample)]
		c.Codes = append(append([]string(nil), c.Codes...), fmt.Sprintf("bench code %d", i))
		if err := f.ix.UpdateChunks([]Chunk{c}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkUpdateStudy replaces all chunks of one 60-page study.
func BenchmarkUpdateStudy(b *testing.B) {
	f := fixture(b)
	for b.Loop() {
		if err := f.ix.UpdateStudy(f.sampleStudy[0].Study, f.sampleStudy); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(f.sampleStudy)), "chunks")
}

// BenchmarkGrepFloor times `grep -c` over the same text, as a floor for the
// build rate (pages/s) of a plain scan.
func BenchmarkGrepFloor(b *testing.B) {
	f := fixture(b)
	for b.Loop() {
		out, err := exec.Command("grep", "-c", "debt bondage", f.textFile).Output()
		if err != nil {
			b.Fatalf("grep: %v", err)
		}
		if n, _ := strconv.Atoi(strings.TrimSpace(string(out))); n == 0 {
			b.Fatal("grep found nothing")
		}
	}
	per := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(f.pages)/per, "pages/s")
	b.ReportMetric(float64(f.textBytes)/(1<<20)/per, "MB/s")
}
