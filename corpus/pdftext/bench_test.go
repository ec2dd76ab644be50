package pdftext

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// parallel runs fn over names on n workers.
func parallel(names []string, n int, fn func(name string)) {
	ch := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range ch {
				fn(name)
			}
		}()
	}
	for _, name := range names {
		ch <- name
	}
	close(ch)
	wg.Wait()
}

var medianRE = regexp.MustCompile(`MEDIAN\tword-F1 ([0-9.]+)\tbigram-F1 ([0-9.]+)`)

// cpuTime is the user and system CPU time of this process (RUSAGE_SELF) or
// of its finished children (RUSAGE_CHILDREN).
func cpuTime(who int) time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(who, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSSMB reads the process's peak resident set size (Linux), or 0.
func peakRSSMB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkCorpusFidelity extracts every corpus file on all cores, writes
// OURDIR/NAME.txt (OURDIR = $PDFTEXT_OUT or a temp dir), scores report and paper
// files with the corpus's fidelity.py, and compares throughput with pdftotext
// run one process per core on the same files: each iteration runs both, one
// after the other, so that both meet the same load.
func BenchmarkCorpusFidelity(b *testing.B) {
	files := corpusFiles(b)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	out := os.Getenv("PDFTEXT_OUT")
	if out == "" {
		out = b.TempDir()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		b.Fatal(err)
	}
	cores := runtime.NumCPU()
	_, errPT := exec.LookPath("pdftotext")
	tmp := b.TempDir()
	var pages, refPages int
	var ours, theirs, oursCPU, theirsCPU time.Duration
	paths := map[ReadPath]int{} // which object layer read the files
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var mu sync.Mutex
		start := time.Now()
		cpu0 := cpuTime(syscall.RUSAGE_SELF)
		parallel(names, cores, func(name string) {
			doc, err := ExtractFile(context.Background(), filepath.Join(corpusDir, name+".pdf"), Options{})
			if err != nil {
				return
			}
			_ = os.WriteFile(filepath.Join(out, name+".txt"), []byte(doc.Text), 0o644)
			mu.Lock()
			pages += len(doc.Pages)
			if i == 0 {
				paths[doc.Path]++
			}
			mu.Unlock()
		})
		ours += time.Since(start)
		oursCPU += cpuTime(syscall.RUSAGE_SELF) - cpu0
		if errPT != nil {
			continue
		}
		b.StopTimer()
		start = time.Now()
		cpu0 = cpuTime(syscall.RUSAGE_CHILDREN)
		parallel(names, cores, func(name string) {
			dst := filepath.Join(tmp, name+".txt")
			if exec.Command("pdftotext", filepath.Join(corpusDir, name+".pdf"), dst).Run() != nil {
				return
			}
			data, _ := os.ReadFile(dst)
			mu.Lock()
			refPages += strings.Count(string(data), "\f")
			mu.Unlock()
		})
		theirs += time.Since(start)
		theirsCPU += cpuTime(syscall.RUSAGE_CHILDREN) - cpu0
		b.StartTimer()
	}
	b.StopTimer()
	ourRate := float64(pages) / ours.Seconds()
	for _, p := range []ReadPath{ReadLibrary, ReadLibraryRepaired, ReadOwn, ReadRebuilt} {
		b.ReportMetric(float64(paths[p]), "files-"+p.String())
	}
	b.ReportMetric(ourRate, "pages/s")
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
	if errPT == nil {
		theirRate := float64(refPages) / theirs.Seconds()
		b.ReportMetric(theirRate, "pdftotext-pages/s")
		b.ReportMetric(ourRate/theirRate, "speedup")
		// CPU time is what load from other programs disturbs least.
		ourCPURate, theirCPURate := float64(pages)/oursCPU.Seconds(), float64(refPages)/theirsCPU.Seconds()
		b.ReportMetric(ourCPURate, "pages/cpu-s")
		b.ReportMetric(theirCPURate, "pdftotext-pages/cpu-s")
		b.ReportMetric(ourCPURate/theirCPURate, "cpu-speedup")
	} else {
		b.Log("pdftotext not installed: no throughput comparison")
	}

	var scored []string
	for _, n := range names {
		if c := files[n]; c == "report" || c == "paper" {
			scored = append(scored, n)
		}
	}
	if _, err := exec.LookPath("python3"); err == nil {
		args := append([]string{filepath.Join(corpusDir, "fidelity.py"), filepath.Join(corpusDir, "ref"), out}, scored...)
		res, err := exec.Command("python3", args...).Output()
		if m := medianRE.FindSubmatch(res); err == nil && m != nil {
			w, _ := strconv.ParseFloat(string(m[1]), 64)
			bg, _ := strconv.ParseFloat(string(m[2]), 64)
			b.ReportMetric(w, "word-F1")
			b.ReportMetric(bg, "bigram-F1")
		} else {
			b.Logf("fidelity.py: %v", err)
		}
	}
}

// BenchmarkExtractLectureScript extracts the 117-page pdfLaTeX lecture script on
// one goroutine (pages/s without parallelism).
func BenchmarkExtractLectureScript(b *testing.B) {
	corpusFiles(b)
	data, err := os.ReadFile(filepath.Join(corpusDir, "pypdf_GeoTopo-komprimiert.pdf"))
	if err != nil {
		b.Skip("lecture script absent")
	}
	b.ReportAllocs()
	b.ResetTimer()
	pages := 0
	for i := 0; i < b.N; i++ {
		doc, err := Extract(context.Background(), data, Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages += len(doc.Pages)
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
