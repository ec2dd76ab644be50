package search

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestExpBuild(t *testing.T) {
	if os.Getenv("WB_EXP") == "" {
		t.Skip()
	}
	chunks, _ := benchCorpus(6000)
	if v := os.Getenv("WB_BATCH"); v != "" {
		batchSize, _ = strconv.Atoi(v)
	}
	dir := filepath.Join(t.TempDir(), "x")
	c0, w0 := cpuTime(), time.Now()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	err = ix.Rebuild(context.Background(), func(yield func(Chunk) bool) error {
		for _, c := range chunks {
			if !yield(c) {
				return nil
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c1, w1 := cpuTime(), time.Now()
	ix.Close()
	c2, w2 := cpuTime(), time.Now()
	t.Logf("rebuild wall %v cpu %v; close wall %v cpu %v; size %d", w1.Sub(w0), c1-c0, w2.Sub(w1), c2-c1, dirSize(dir))
	// analysis only
	c0, w0 = cpuTime(), time.Now()
	m, _ := newMapping()
	a := m.AnalyzerNamed("en")
	n := 0
	for _, c := range chunks {
		n += len(a.Analyze([]byte(c.Text)))
	}
	t.Logf("analysis only wall %v cpu %v tokens %d", time.Since(w0), cpuTime()-c0, n)
}
