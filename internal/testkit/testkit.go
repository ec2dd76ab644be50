// Package testkit makes projects for tests and measures benchmarks: a
// project in a temporary folder with a ticking clock and a coder, studies
// from plain text, undo and redo that fail the test, row counts, and the
// process's peak memory and CPU time. Only tests import it; it depends on
// corpus alone, so every package's tests (coding's own included) can use it.
package testkit

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/corpus"
)

// Reviewers the tests code as. Project makes Ann the current coder.
var (
	Ann = corpus.Coder{GUID: "11111111-1111-1111-1111-111111111111", Name: "Ann"}
	Ben = corpus.Coder{GUID: "22222222-2222-2222-2222-222222222222", Name: "Ben"}
)

// Project makes a project in a temporary folder with a fixed, ticking clock
// (one second per reading from 2026-01-02 03:04:05 UTC) and Ann as the
// current coder. It is closed when the test ends.
func Project(tb testing.TB) *corpus.Project {
	tb.Helper()
	p, err := corpus.Create(filepath.Join(tb.TempDir(), "p"+corpus.Extension), "Test review")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	As(tb, p, Ann)
	return p
}

// Open opens an existing project file for writing; it is closed when the
// test ends.
func Open(tb testing.TB, path string) *corpus.Project {
	tb.Helper()
	p, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	return p
}

// As makes c the current coder.
func As(tb testing.TB, p *corpus.Project, c corpus.Coder) {
	tb.Helper()
	if err := p.SetCoder(c); err != nil {
		tb.Fatal(err)
	}
}

// Study adds a study titled name with the given text (pages split on "\f")
// and returns its GUID.
func Study(tb testing.TB, p *corpus.Project, name, text string) string {
	tb.Helper()
	var guid string
	starts := []int{0}
	n := 0
	for _, r := range text {
		n++
		if r == '\f' {
			starts = append(starts, n)
		}
	}
	err := p.Do("Import "+name, func(tx *corpus.Tx) error {
		var err error
		guid, err = tx.AddStudy(corpus.NewStudy{FileName: name + ".pdf", PDF: []byte("%PDF-1.4 " + name), Text: text,
			PageStarts: starts, Attributes: corpus.Attributes{Title: name, Year: 2020}})
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return guid
}

// GetStudy reads a study or fails.
func GetStudy(tb testing.TB, p *corpus.Project, guid string) corpus.Study {
	tb.Helper()
	s, err := p.Study(guid)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// Undo undoes the last action or fails the test.
func Undo(tb testing.TB, p *corpus.Project) {
	tb.Helper()
	if _, err := p.Undo(tb.Context()); err != nil {
		tb.Fatal(err)
	}
}

// Redo redoes the last undone action or fails the test.
func Redo(tb testing.TB, p *corpus.Project) {
	tb.Helper()
	if _, err := p.Redo(tb.Context()); err != nil {
		tb.Fatal(err)
	}
}

// CountRows counts the rows of a table matching an optional WHERE clause.
func CountRows(tb testing.TB, p *corpus.Project, table, where string, args ...any) int {
	tb.Helper()
	q := `SELECT COUNT(*) FROM ` + table
	if where != "" {
		q += ` WHERE ` + where
	}
	var n int
	if err := p.DB().QueryRow(q, args...).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// PeakRSS returns the process's peak resident set in bytes (Linux), or the
// Go runtime's obtained memory elsewhere.
func PeakRSS() float64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb * 1024
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.Sys)
}

// ResetPeakRSS restarts the peak measurement where the kernel allows it.
func ResetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// ReportCPU adds the CPU milliseconds per operation since c0 (a CPUTime
// reading) to a benchmark's metrics.
func ReportCPU(b *testing.B, c0 time.Duration) {
	b.ReportMetric(float64((CPUTime()-c0).Microseconds())/1000/float64(b.N), "ms-cpu/op")
}
