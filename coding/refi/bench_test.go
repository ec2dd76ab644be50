package refi

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

const (
	benchSources   = 500
	benchChars     = 60_000
	benchCodings   = 25_000
	benchCodeCount = 200
)

// synthProject builds benchSources texts of about benchChars code points and
// benchCodings codings (one per selection) by two users over benchCodeCount codes.
func synthProject() (*Project, map[string][]byte) {
	rng := rand.New(rand.NewPCG(1, 2))
	id := func() string { return uuid.Must(uuid.NewRandomFromReader(rngReader{rng})).String() }
	words := strings.Fields("evidence trial outcome cohort bias randomised effect size confidence interval " +
		"patients élève naïve Größe 研究 méta-analyse risk harm benefit follow-up placebo")
	users := []User{{GUID: id(), Name: "Ann"}, {GUID: id(), Name: "Bo"}}
	p := &Project{Name: "bench", Origin: "bench", Users: users}
	var codes []string
	for i := 0; i < benchCodeCount/10; i++ {
		parent := &Code{GUID: id(), Name: fmt.Sprintf("theme %d", i), IsCodable: true, Color: "#336699"}
		for j := 0; j < 9; j++ {
			c := &Code{GUID: id(), Name: fmt.Sprintf("code %d.%d", i, j), IsCodable: true}
			parent.Children = append(parent.Children, c)
			codes = append(codes, c.GUID)
		}
		codes = append(codes, parent.GUID)
		p.Codes = append(p.Codes, parent)
	}
	files := map[string][]byte{}
	perSource := benchCodings / benchSources
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for s := 0; s < benchSources; s++ {
		var sb strings.Builder
		n := 0
		for n < benchChars {
			w := words[rng.IntN(len(words))]
			sb.WriteString(w)
			n += utf8.RuneCountInString(w) + 1
			if rng.IntN(15) == 0 {
				sb.WriteByte('\n')
			} else {
				sb.WriteByte(' ')
			}
		}
		ts := &TextSource{GUID: id(), Name: fmt.Sprintf("study-%03d.txt", s), Stamp: Stamp{CreatingUser: users[0].GUID, Created: at}}
		for k := 0; k < perSource; k++ {
			start := rng.IntN(n - 500)
			u := users[k%2].GUID
			ts.Selections = append(ts.Selections, PlainTextSelection{GUID: id(), Start: start, End: start + 20 + rng.IntN(400),
				Stamp:   Stamp{CreatingUser: u, Created: at},
				Codings: []Coding{{GUID: id(), CodeGUID: codes[rng.IntN(len(codes))], CreatingUser: u, Created: at}}})
		}
		p.TextSources = append(p.TextSources, ts)
		files[ts.GUID+".txt"] = []byte(sb.String())
	}
	return p, files
}

type rngReader struct{ r *rand.Rand }

func (r rngReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}

// peakHeap samples live heap bytes until stop is called and returns the
// peak above the level at start, in MB.
func peakHeap() (stop func() float64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
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
				if v := s[0].Value.Uint64(); v > peak {
					peak = v
				}
			}
		}
	}()
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak-base) / (1 << 20)
	}
}

func BenchmarkWriteQDPX(b *testing.B) {
	p, files := synthProject()
	out := filepath.Join(b.TempDir(), "bench.qdpx")
	b.ReportAllocs()
	b.ResetTimer()
	stop, cpu0 := peakHeap(), cpuTime()
	for b.Loop() {
		if err := WriteQDPXFile(context.Background(), out, p, BytesOpener(files), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(stop(), "peak-heap-MB")
	if st, err := os.Stat(out); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
	}
}

func BenchmarkReadQDPX(b *testing.B) {
	p, files := synthProject()
	out := filepath.Join(b.TempDir(), "bench.qdpx")
	if err := WriteQDPXFile(context.Background(), out, p, BytesOpener(files), nil); err != nil {
		b.Fatal(err)
	}
	p, files = nil, nil
	b.ReportAllocs()
	b.ResetTimer()
	stop, cpu0 := peakHeap(), cpuTime()
	for b.Loop() {
		q, err := ReadQDPX(out)
		if err != nil {
			b.Fatal(err)
		}
		st := q.Project.Stats()
		if st.TextSources != benchSources || st.Codings != benchCodings {
			b.Fatalf("read %d sources, %d codings", st.TextSources, st.Codings)
		}
		// An import reads every text once, one at a time.
		for _, ts := range q.Project.TextSources {
			if _, err := q.Text(ts); err != nil {
				b.Fatal(err)
			}
		}
		q.Close()
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(stop(), "peak-heap-MB")
}
