package app

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// sharedFile is a file built once per test run and shared by the tests.
type sharedFile struct {
	once sync.Once
	path string
	err  error
}

// get builds the file with build on first use and returns its path.
func (s *sharedFile) get(tb testing.TB, name string, build func(path string) error) string {
	tb.Helper()
	s.once.Do(func() {
		dir, err := makeTempDir()
		if err != nil {
			s.err = err
			return
		}
		s.path = filepath.Join(dir, name)
		s.err = build(s.path)
	})
	if s.err != nil {
		tb.Fatal(s.err)
	}
	return s.path
}

var tempDirs []string

func makeTempDir() (string, error) {
	d, err := os.MkdirTemp("", "ewb-app-test-")
	tempDirs = append(tempDirs, d)
	return d, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
