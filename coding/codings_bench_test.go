package coding_test

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/benchgen"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// BenchmarkApplyCode measures coding a passage durably (one action with
// undo record, WAL, synchronous=FULL) on a 500-study, 30,000-page,
// 50,000-coding project, with per-operation median and 99th percentile,
// and a few reads the codebook panel and reader do on that project.
func BenchmarkApplyCode(b *testing.B) {
	t0 := time.Now()
	p, err := benchgen.Create(filepath.Join(b.TempDir(), "bench.ewb"), benchgen.Studies, benchgen.Pages, benchgen.Codings)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	gen := time.Since(t0)
	var fileSize float64
	if fi, err := os.Stat(p.Path()); err == nil {
		fileSize = float64(fi.Size())
	}
	studies, err := p.Studies()
	if err != nil {
		b.Fatal(err)
	}
	codes, err := coding.Codebook(p)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	testkit.ResetPeakRSS()

	// latencies runs op b.N times and reports the median and 99th percentile.
	// prep, when not nil, runs untimed before each op.
	latencies := func(b *testing.B, prep func(i int) error, op func(i int, rng *rand.Rand) error) {
		rng := rand.New(rand.NewPCG(1, 2))
		lat := make([]time.Duration, 0, b.N)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if prep != nil {
				b.StopTimer()
				if err := prep(i); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			t := time.Now()
			err := op(i, rng)
			lat = append(lat, time.Since(t))
			if err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		slices.Sort(lat)
		pct := func(q float64) float64 {
			return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
		}
		b.ReportMetric(pct(0.5), "ms-p50")
		b.ReportMetric(pct(0.99), "ms-p99")
	}
	b.Run("apply", func(b *testing.B) {
		latencies(b, nil, func(i int, rng *rand.Rand) error {
			s := studies[rng.IntN(len(studies))]
			start := rng.IntN(s.TextLen - 400)
			end := start + 20 + rng.IntN(380)
			_, err := coding.ApplyCode(p, s.GUID, codes[rng.IntN(len(codes))].GUID, start, end, "")
			if errors.Is(err, coding.ErrDuplicateCoding) {
				return nil
			}
			return err
		})
		b.ReportMetric(testkit.PeakRSS()/(1<<20), "MB-peak-RSS")
		b.ReportMetric(gen.Seconds(), "s-generate")
		b.ReportMetric(fileSize/(1<<20), "MB-file")
	})
	// The floor under the same load: one durable single-row insert
	// transaction on the same file, without validation or undo record.
	b.Run("baseline-insert", func(b *testing.B) {
		if _, err := p.DB().Exec(`CREATE TABLE IF NOT EXISTS bench_baseline (guid TEXT PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
			b.Fatal(err)
		}
		latencies(b, nil, func(i int, rng *rand.Rand) error {
			tx, err := p.DB().Begin()
			if err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO bench_baseline VALUES (?, ?)`, strconv.Itoa(i)+"-"+strconv.Itoa(b.N)+"-"+strconv.Itoa(rng.Int()), "x"); err != nil {
				tx.Rollback()
				return err
			}
			return tx.Commit()
		})
	})
	b.Run("counts", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := coding.CodeCounts(p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("codings-of-study", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := coding.CodingsOfStudy(p, studies[i%len(studies)].GUID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("verify-study", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := coding.VerifyCodings(p, studies[i%len(studies)].GUID); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Re-anchoring a study's ~100 codings after re-extraction shifted its
	// text and changed line breaks (rolled back after each run).
	b.Run("reanchor-study", func(b *testing.B) {
		s := studies[len(studies)/2]
		old, err := p.Text(s.GUID)
		if err != nil {
			b.Fatal(err)
		}
		newText := "Preface added by the new extractor.\n\n" + strings.ReplaceAll(old.String, ". ", ".\n")
		errRollback := errors.New("rollback")
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var lost []coding.Coding
			err := p.Do("Re-extract", func(tx *corpus.Tx) error {
				if err := tx.ReplaceText(s.GUID, newText, []int{0}, nil, corpus.ExtractOK, ""); err != nil {
					return err
				}
				if lost, err = coding.Reanchor(tx, s.GUID, old.String, newText); err != nil {
					return err
				}
				return errRollback
			})
			if err != errRollback || len(lost) != 0 {
				b.Fatalf("%v, %d lost", err, len(lost))
			}
		}
	})
	b.Run("undo", func(b *testing.B) {
		s := studies[0]
		latencies(b, func(i int) error {
			_, err := coding.ApplyCode(p, s.GUID, codes[0].GUID, i%1000, i%1000+50, "")
			return err
		}, func(int, *rand.Rand) error {
			_, err := p.Undo(b.Context())
			return err
		})
	})
}
