package brief

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/query"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/benchgen"
	"github.com/evidence-workbench/workbench/internal/testkit"
	"github.com/google/uuid"
)

// benchAppraise adds appraisals to a generated project in one bulk
// transaction: two reviewers judge every criterion of every study at
// random, and every third study also has a consensus appraisal.
func benchAppraise(p *corpus.Project) error {
	crit, err := coding.Criteria(p)
	if err != nil {
		return err
	}
	studies, err := p.Studies()
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(7, 11))
	tx, err := p.DB().Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	at := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339Nano)
	n := 0
	add := func(study, coder string, consensus int) error {
		n++
		ag := uuid.NewSHA1(benchgen.Namespace, fmt.Appendf(nil, "appraisal/%d", n)).String()
		if _, err := tx.Exec(`INSERT INTO appraisals(guid, study, coder, consensus, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			ag, study, coder, consensus, at, at); err != nil {
			return err
		}
		for i, c := range crit {
			j := coding.Judgements[min(rng.IntN(6), 3)] // met more often than the rest
			jg := uuid.NewSHA1(benchgen.Namespace, fmt.Appendf(nil, "judgement/%d/%d", n, i)).String()
			if _, err := tx.Exec(`INSERT INTO judgements(guid, appraisal, criterion, judgement) VALUES (?, ?, ?, ?)`, jg, ag, c.GUID, j); err != nil {
				return err
			}
		}
		return nil
	}
	for i, s := range studies {
		for _, c := range benchgen.Coders[:2] {
			if err := add(s.GUID, c.GUID, 0); err != nil {
				return err
			}
		}
		if i%3 == 0 {
			if err := add(s.GUID, benchgen.Coders[2].GUID, 1); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// BenchmarkBriefFromProject measures the path from a 500-study, 30,000-page,
// 50,000-coding project with appraisals to a brief: the FromProject adapter
// (with and without the inter-coder agreement), Build, Build + Render per
// format, and the evidence map with its exports.
func BenchmarkBriefFromProject(b *testing.B) {
	t0 := time.Now()
	p, err := benchgen.Create(filepath.Join(b.TempDir(), "bench.ewb"), benchgen.Studies, benchgen.Pages, benchgen.Codings)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	if err := benchAppraise(p); err != nil {
		b.Fatal(err)
	}
	b.Logf("project generated and appraised in %v", time.Since(t0))
	ctx := context.Background()
	data, err := FromProject(ctx, p, ProjectOptions{SkipAgreement: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d studies, %d criteria, %d themes, %d quotes, %d reviewers", len(data.Studies), len(data.Criteria),
		len(data.Themes), len(data.Quotes), data.Reviewers)
	report := func(b *testing.B) { b.ReportMetric(testkit.PeakRSS()/(1<<20), "peakRSS-MiB") }
	b.Run("adapter", func(b *testing.B) {
		c0 := testkit.CPUTime()
		for b.Loop() {
			if _, err := FromProject(ctx, p, ProjectOptions{SkipAgreement: true}); err != nil {
				b.Fatal(err)
			}
		}
		testkit.ReportCPU(b, c0)
		report(b)
	})
	b.Run("adapter+agreement", func(b *testing.B) {
		c0 := testkit.CPUTime()
		for b.Loop() {
			d, err := FromProject(ctx, p, ProjectOptions{})
			if err != nil {
				b.Fatal(err)
			}
			if d.Agreement == nil {
				b.Fatal("no agreement")
			}
		}
		testkit.ReportCPU(b, c0)
		report(b)
	})
	// The whole path of "wb brief -o F" on the project: read it with the
	// agreement, build the brief, render it.
	for _, f := range Formats {
		b.Run("brief/"+string(f), func(b *testing.B) {
			c0 := testkit.CPUTime()
			for b.Loop() {
				d, err := FromProject(ctx, p, ProjectOptions{})
				if err != nil {
					b.Fatal(err)
				}
				br, err := Build(d, Filter{})
				if err != nil {
					b.Fatal(err)
				}
				if br.Scope.Agreement == nil {
					b.Fatal("no agreement in the brief")
				}
				if err := Render(io.Discard, br, f, ""); err != nil {
					b.Fatal(err)
				}
			}
			testkit.ReportCPU(b, c0)
			report(b)
		})
	}
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			if _, err := Build(data, Filter{}); err != nil {
				b.Fatal(err)
			}
		}
		report(b)
	})
	for _, f := range Formats {
		b.Run("build+render/"+string(f), func(b *testing.B) {
			for b.Loop() {
				br, err := Build(data, Filter{})
				if err != nil {
					b.Fatal(err)
				}
				if err := Render(io.Discard, br, f, ""); err != nil {
					b.Fatal(err)
				}
			}
			report(b)
		})
	}
	for _, q := range []EvidenceMapQuery{{Rows: query.DimCountry, Cols: query.DimSector}, {Rows: DimTheme, Cols: query.DimSector}} {
		b.Run("map/"+q.Rows+"x"+q.Cols, func(b *testing.B) {
			for b.Loop() {
				if _, err := BuildEvidenceMap(p, q); err != nil {
					b.Fatal(err)
				}
			}
			report(b)
		})
	}
	m, err := BuildEvidenceMap(p, EvidenceMapQuery{Rows: DimTheme, Cols: query.DimCountry})
	if err != nil {
		b.Fatal(err)
	}
	st := DefaultMapStyle()
	for _, x := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"png", func(w io.Writer) error { return WriteEvidenceMapPNG(w, m, st) }},
		{"svg", func(w io.Writer) error { return WriteEvidenceMapSVG(w, m, st) }},
		{"xlsx", func(w io.Writer) error { return WriteEvidenceMapXLSX(w, m, st) }},
	} {
		b.Run("map-export/"+x.name, func(b *testing.B) {
			for b.Loop() {
				if err := x.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
