package uitest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/benchgen"
	"github.com/evidence-workbench/workbench/internal/demo"
)

// shared is a project file built once per test binary and copied for each test.
type shared struct {
	once sync.Once
	path string
	err  error
}

var (
	tempMu   sync.Mutex
	tempDirs []string
	demoFile shared
	bench    shared
)

// Main runs a package's tests and removes the shared files afterwards: call
// it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	tempMu.Lock()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	tempMu.Unlock()
	os.Exit(code)
}

func (s *shared) get(tb testing.TB, name string, build func(path string) error) string {
	tb.Helper()
	s.once.Do(func() {
		d, err := os.MkdirTemp("", "ewb-app-test-")
		if err != nil {
			s.err = err
			return
		}
		tempMu.Lock()
		tempDirs = append(tempDirs, d)
		tempMu.Unlock()
		s.path = filepath.Join(d, name)
		s.err = build(s.path)
	})
	if s.err != nil {
		tb.Fatal(s.err)
	}
	return s.path
}

// DemoCopy returns a fresh copy of the demo project (built once per test binary).
func DemoCopy(tb testing.TB) string {
	tb.Helper()
	built := demoFile.get(tb, "demo.ewb", func(path string) error { return demo.Build(context.Background(), path) })
	return copyProject(tb, built)
}

// BenchProject returns the 500-study / 30,000-page / 50,000-coding project
// (built once per test binary; read it, do not change it).
func BenchProject(tb testing.TB) string {
	tb.Helper()
	return bench.get(tb, "bench.ewb", func(path string) error {
		p, err := benchgen.Create(path, 500, 30000, 50000)
		if err != nil {
			return err
		}
		return p.Close()
	})
}

func copyProject(tb testing.TB, from string) string {
	tb.Helper()
	p, err := corpus.Open(from, corpus.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer p.Close()
	path := filepath.Join(tb.TempDir(), filepath.Base(from))
	if err := p.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Identity saves a coder identity in a temporary config folder for the test
// and returns it.
func Identity(tb testing.TB, name string) corpus.Coder {
	tb.Helper()
	tb.Setenv("EWB_CONFIG_DIR", tb.TempDir())
	c := corpus.CoderNamed(name)
	if err := corpus.SaveIdentity(c); err != nil {
		tb.Fatal(err)
	}
	return c
}
