package merge

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding/agree"
	"github.com/evidence-workbench/workbench/coding/agreement"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/benchgen"
)

// benchDir holds the benchmark files, built once per test binary run and
// removed by TestMain.
var benchDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

const (
	benchStudies = 500
	benchPages   = 1500 // three pages of about 2,000 characters per study
	benchCodings = 25000
)

// benchFiles builds a master (the generated studies, no codings) and two
// reviewer files made from it, each with 25,000 codings: Ann's are the
// generator's; Bob's are the same passages moved three characters on, with
// their own GUIDs and coders, so every passage is a disagreement.
func benchFiles(b *testing.B) (master, a, bob string) {
	b.Helper()
	if benchDir != "" {
		return filepath.Join(benchDir, "master.ewb"), filepath.Join(benchDir, "ann.ewb"), filepath.Join(benchDir, "bob.ewb")
	}
	var p *corpus.Project
	dir, err := os.MkdirTemp("", "merge-bench-")
	if err != nil {
		b.Fatal(err)
	}
	benchDir = dir
	gen := filepath.Join(dir, "gen.ewb")
	p, err = benchgen.Create(gen, benchStudies, benchPages, benchCodings)
	if err != nil {
		b.Fatal(err)
	}
	p.Close()
	master, a, bob = filepath.Join(dir, "master.ewb"), filepath.Join(dir, "ann.ewb"), filepath.Join(dir, "bob.ewb")
	for _, f := range []string{master, a, bob} {
		copyFile(b, gen, f)
	}
	raw := func(path string, stmts ...string) {
		p, err := corpus.Open(path, corpus.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer p.Close()
		for _, s := range stmts {
			if _, err := p.DB().Exec(s); err != nil {
				b.Fatalf("%s: %v", s, err)
			}
		}
	}
	raw(master, `DELETE FROM codings`)
	raw(bob,
		`INSERT INTO coders(guid, name, created_at) SELECT 'e' || substr(guid, 2), replace(name, 'Bench', 'Second'), created_at FROM coders`,
		`UPDATE codings SET guid = substr(guid, 1, 14) || '4' || substr(guid, 16), coder = 'e' || substr(coder, 2)`,
		`UPDATE codings SET start = start + 3, "end" = "end" + 3 WHERE "end" + 3 <= (SELECT text_len FROM studies s WHERE s.guid = codings.study)`,
		`UPDATE codings SET quote = (SELECT substr(s.text, codings.start + 1, codings."end" - codings.start) FROM studies s WHERE s.guid = codings.study)`)
	return master, a, bob
}

func mergeBoth(b *testing.B, masterPath string, reviewers ...string) *corpus.Project {
	ctx := context.Background()
	m, err := corpus.Open(masterPath, corpus.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := m.SetCoder(lead); err != nil {
		b.Fatal(err)
	}
	for _, path := range reviewers {
		r, err := corpus.Open(path, corpus.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		plan, err := Plan(ctx, m, r)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := Apply(ctx, m, plan, Resolutions{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		r.Close()
		if rep.New.Codings != benchCodings {
			b.Fatalf("merged %d codings from %s, want %d", rep.New.Codings, path, benchCodings)
		}
	}
	return m
}

// BenchmarkMergeTwoReviewers merges two reviewer files of 500 studies and
// 25,000 codings each into a fresh copy of the master (plan and apply, both files).
func BenchmarkMergeTwoReviewers(b *testing.B) {
	master, a, bob := benchFiles(b)
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "m.ewb")
		copyFile(b, master, path)
		c0 := cpuTime()
		b.StartTimer()
		m := mergeBoth(b, path, a, bob)
		b.StopTimer()
		cpu += cpuTime() - c0
		m.Close()
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkAgreementMerged computes character-level agreement over all codes
// and the six coders of the merged project (50,000 codings, 500 studies),
// with per-code, per-study and appraisal rows: without the interval of alpha
// and with it bootstrapped from agree.DefaultResamples (1,000) resamples for
// every row, as wb agreement and the agreement window compute it.
func BenchmarkAgreementMerged(b *testing.B) {
	master, a, bob := benchFiles(b)
	path := filepath.Join(b.TempDir(), "m.ewb")
	copyFile(b, master, path)
	m := mergeBoth(b, path, a, bob)
	defer m.Close()
	for _, resamples := range []int{0, agree.DefaultResamples} {
		b.Run(fmt.Sprintf("resamples=%d", resamples), func(b *testing.B) {
			c0 := cpuTime()
			for i := 0; i < b.N; i++ {
				r, err := agreement.Compute(context.Background(), m, agreement.Options{Unit: agreement.UnitChar, Bootstrap: resamples})
				if err != nil {
					b.Fatal(err)
				}
				if len(r.Coders) != 6 || len(r.ByStudy) != benchStudies || math.IsNaN(r.Overall.AlphaLow) != (resamples == 0) {
					b.Fatalf("%d coders, %d studies, interval %v-%v", len(r.Coders), len(r.ByStudy), r.Overall.AlphaLow, r.Overall.AlphaHigh)
				}
			}
			b.ReportMetric((cpuTime()-c0).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(resamples), "resamples")
		})
	}
}

// BenchmarkDisagreementsMerged lists the reconciliation items (passage
// disagreements with quotes and codings, and decisions) of the merged project.
func BenchmarkDisagreementsMerged(b *testing.B) {
	master, a, bob := benchFiles(b)
	path := filepath.Join(b.TempDir(), "m.ewb")
	copyFile(b, master, path)
	m := mergeBoth(b, path, a, bob)
	defer m.Close()
	b.ResetTimer()
	c0 := cpuTime()
	n := 0
	for i := 0; i < b.N; i++ {
		items, err := Items(context.Background(), m, agreement.Options{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(items)
	}
	b.ReportMetric((cpuTime()-c0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(n), "items")
}
