package benchgen

import (
	"context"
	"crypto/rand"
	"path/filepath"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

// BenchmarkQuickCheck measures the check a project passes before it is
// opened for writing, on the 500-study benchmark project (its source
// "PDFs" are small placeholders) and on the same project with a 2 MB PDF
// per study (1.1 GB, as a real review's file), against SQLite's full
// quick_check, and the whole open for writing (check included).
func BenchmarkQuickCheck(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.ewb")
	p, err := Create(path, Studies, Pages, Codings)
	if err != nil {
		b.Fatal(err)
	}
	p.Close()
	run := func(b *testing.B) {
		b.Run("QuickCheck", func(b *testing.B) {
			r := mustOpenRO(b, path)
			for b.Loop() {
				if problems, err := corpus.QuickCheck(context.Background(), r.DB()); err != nil || len(problems) > 0 {
					b.Fatal(problems, err)
				}
			}
		})
		b.Run("sqlite-quick_check", func(b *testing.B) {
			r := mustOpenRO(b, path)
			for b.Loop() {
				var s string
				if err := r.DB().QueryRow(`PRAGMA quick_check`).Scan(&s); err != nil || s != "ok" {
					b.Fatal(s, err)
				}
			}
		})
		b.Run("Open-for-writing", func(b *testing.B) {
			for b.Loop() {
				p, err := corpus.Open(path, corpus.Options{})
				if err != nil {
					b.Fatal(err)
				}
				p.Close()
			}
		})
	}
	b.Run("placeholder-PDFs", run)
	// Real PDFs: 2 MB each.
	w, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		b.Fatal(err)
	}
	tx, err := w.DB().Begin()
	if err != nil {
		b.Fatal(err)
	}
	guids, _ := corpus.QueryStrings(tx, `SELECT guid FROM sources`)
	pdf := make([]byte, 2<<20)
	for _, g := range guids {
		rand.Read(pdf)
		if _, err := tx.Exec(`UPDATE sources SET data = ?, size = ? WHERE guid = ?`, pdf, len(pdf), g); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	w.Close()
	b.Run("2MB-PDFs", run)
}

func mustOpenRO(b *testing.B, path string) *corpus.Project {
	b.Helper()
	r, err := corpus.Open(path, corpus.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { r.Close() })
	return r
}
