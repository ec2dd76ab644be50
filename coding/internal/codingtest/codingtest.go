// Package codingtest holds the test helpers of coding's sub-packages
// (exchange, query, brief, index): codebooks, codings, judgements and
// statuses that fail the test on error, and the demo project. Only tests
// import it. coding's own tests cannot (coding/internal/codingtest imports
// coding) and keep their helpers in their _test.go files.
package codingtest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/demo"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// Demo builds the demo project in a temporary folder and opens it for
// writing, with the demo's coder as the current coder; it is closed when the
// test ends.
func Demo(tb testing.TB) *corpus.Project {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "demo.ewb")
	if err := demo.Build(context.Background(), path); err != nil {
		tb.Fatal(err)
	}
	p := testkit.Open(tb, path)
	testkit.As(tb, p, demo.Coder)
	return p
}

// Codebook applies the default template and returns its code tree.
func Codebook(tb testing.TB, p *corpus.Project) *coding.CodeTree {
	tb.Helper()
	if _, err := coding.ApplyTemplate(p, assets.DefaultTemplate()); err != nil {
		tb.Fatal(err)
	}
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// Code resolves a code reference or fails.
func Code(tb testing.TB, t *coding.CodeTree, ref string) string {
	tb.Helper()
	c, err := t.Resolve(ref)
	if err != nil {
		tb.Fatal(err)
	}
	return c.GUID
}

// NewCode creates a theme code named name under parent and returns its GUID.
func NewCode(tb testing.TB, p *corpus.Project, parent, name string) string {
	tb.Helper()
	g, err := coding.CreateCode(p, coding.Code{Parent: parent, Name: name, Color: "#1f6f8b", Kind: coding.KindTheme})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// Paths returns the codebook as "path" strings in display order, joined by ", ".
func Paths(tb testing.TB, p *corpus.Project) string {
	tb.Helper()
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, c := range t.Codes {
		out = append(out, t.Path(c.GUID))
	}
	return strings.Join(out, ", ")
}

// Apply codes [start, end) of a study with a code and returns the coding GUID.
func Apply(tb testing.TB, p *corpus.Project, study, code string, start, end int) string {
	tb.Helper()
	c, err := coding.ApplyCode(p, study, code, start, end, "")
	if err != nil {
		tb.Fatalf("apply code %d:%d: %v", start, end, err)
	}
	return c.GUID
}

// Judge records a judgement (justified "because") or fails.
func Judge(tb testing.TB, p *corpus.Project, study, criterion, j string) {
	tb.Helper()
	if err := coding.SetJudgement(p, study, criterion, j, "because"); err != nil {
		tb.Fatal(err)
	}
}

// Status sets studies' review status (not excluded) or fails.
func Status(tb testing.TB, p *corpus.Project, status string, studies ...string) {
	tb.Helper()
	if err := coding.SetStatus(p, studies, status, ""); err != nil {
		tb.Fatal(err)
	}
}

// RichCodebook builds a small codebook with every field set.
func RichCodebook(tb testing.TB, p *corpus.Project) {
	tb.Helper()
	r, err := coding.CreateCode(p, coding.Code{Name: "Rigor", Kind: coding.KindRigor, Color: "#1f6f8b", Definition: "How sound a study is.\n\nTwo paragraphs."})
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range []coding.Code{
		{Parent: r, Name: "Sampling, explained", Kind: coding.KindRigor, Color: "#2a9d8f", Definition: "Sampling \"described\".", Inclusion: "Any sampling text.", Exclusion: "Sample size only."},
		{Parent: r, Name: "Law/Policy", Kind: coding.KindRigor, Color: "#e76f51", Exclusion: "Opinion."},
	} {
		if _, err := coding.CreateCode(p, c); err != nil {
			tb.Fatal(err)
		}
	}
	s, err := coding.CreateCode(p, coding.Code{Name: "Sector", Kind: coding.KindSector, Color: "#264653"})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := coding.CreateCode(p, coding.Code{Parent: s, Name: "Fishing", Kind: coding.KindSector, Color: "#457b9d", Inclusion: "Boats; ports."}); err != nil {
		tb.Fatal(err)
	}
}

// CodebookDump renders every code's fields in display order, one line each
// (with its GUID first when withGUID).
func CodebookDump(tb testing.TB, p *corpus.Project, withGUID bool) string {
	tb.Helper()
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for _, c := range t.Codes {
		if withGUID {
			b.WriteString(c.GUID + " ")
		}
		b.WriteString(strings.Join([]string{t.Path(c.GUID), c.Kind, c.Color, c.Definition, c.Inclusion, c.Exclusion}, "|") + "\n")
	}
	return b.String()
}
