package brief

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/demo"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// openDemo builds the demo project in a temporary directory and opens it.
func openDemo(tb testing.TB) *corpus.Project {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "demo.ewb")
	if err := demo.Build(context.Background(), path); err != nil {
		tb.Fatal(err)
	}
	p, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	return p
}

func TestBriefDataFromDemo(t *testing.T) {
	p := openDemo(t)
	m, _ := assets.DemoManifest()
	var steps []int
	d, err := FromProject(context.Background(), p, ProjectOptions{Progress: func(done, total int) { steps = append(steps, done) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != projectStages || steps[len(steps)-1] != projectStages {
		t.Errorf("progress steps %v", steps)
	}
	if d.Project != p.Name() || len(d.Studies) != len(m.Studies) {
		t.Fatalf("project %q with %d studies", d.Project, len(d.Studies))
	}
	if len(d.Criteria) != 9 {
		t.Errorf("%d criteria, want the 9 of the trafficking codebook", len(d.Criteria))
	}
	if d.Reviewers != 1 || d.Agreement != nil {
		t.Errorf("reviewers %d agreement %v", d.Reviewers, d.Agreement)
	}
	byTitle := map[string]Study{}
	for _, s := range d.Studies {
		byTitle[s.Title] = s
		if s.Status != corpus.StatusIncluded {
			t.Errorf("%q status %q: every demo study is reportable", s.Title, s.Status)
		}
	}
	first := byTitle[m.Studies[0].Title]
	if first.Rating == "" || first.Consensus || len(first.Judgements) != len(m.Appraisals[0].Criteria) {
		t.Errorf("appraised study: rating %q consensus %v judgements %v", first.Rating, first.Consensus, first.Judgements)
	}
	if s := byTitle[m.Studies[1].Title]; s.Rating != "" || len(s.Judgements) != 0 {
		t.Errorf("unappraised study has rating %q", s.Rating)
	}
	if strings.Join(first.Countries, ",") != "Cambodia,Thailand" || first.Year != 2021 || first.SampleSize != 336 {
		t.Errorf("attributes %+v", first)
	}
	// Every theme coding of the manifest is a quote on the page the manifest gives.
	themes := map[string]Theme{}
	for _, th := range d.Themes {
		themes[th.CodeGUID] = th
		if th.Parent != "" {
			t.Errorf("theme %q has parent %q; the demo themes sit under a grouping code", th.Name, th.Parent)
		}
	}
	wantPage := map[string]int{}
	for _, s := range m.Studies {
		for _, c := range s.Codings {
			wantPage[collapse(c.Quote)] = c.Page
		}
	}
	if len(d.Quotes) == 0 {
		t.Fatal("no quotes")
	}
	for _, q := range d.Quotes {
		th, ok := themes[q.CodeGUID]
		if !ok {
			t.Fatalf("quote of non-theme code %s", q.CodeGUID)
		}
		if q.Coder != demo.Coder.Name {
			t.Errorf("coder %q", q.Coder)
		}
		want, ok := wantPage[collapse(q.Text)]
		if !ok {
			t.Errorf("quote %q (%s) not in the manifest", q.Text, th.Name)
		} else if q.Page != want {
			t.Errorf("quote %q on page %d, manifest says %d", q.Text, q.Page, want)
		}
	}
	b, err := Build(d, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Scope.Studies.N != len(m.Studies) || len(b.Themes) == 0 {
		t.Fatalf("brief: %d studies, %d sector theme lists", b.Scope.Studies.N, len(b.Themes))
	}
	var md bytes.Buffer
	if err := Render(&md, b, Markdown, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "Debt bondage") {
		t.Errorf("markdown lacks the demo's themes:\n%.2000s", md.String())
	}
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestBriefQuotesPreferConsensusAndAgreement(t *testing.T) {
	p := testkit.Project(t)
	tree := codingtest.Codebook(t, p)
	debt := codingtest.Code(t, tree, "Debt bondage")
	wages := codingtest.Code(t, tree, "Wage withholding")
	text := "Workers owed the broker money for months.\n\nThe boss kept wages.\fOn page two the debt grew again.\n\nNobody could leave."
	a := testkit.Study(t, p, "Study A", text)
	b := testkit.Study(t, p, "Study B", text)
	notIncluded := testkit.Study(t, p, "Study C, not included", text)
	codingtest.Status(t, p, corpus.StatusIncluded, a, b)
	for _, c := range []corpus.Coder{testkit.Ann, testkit.Ben} {
		testkit.As(t, p, c)
		for _, s := range []string{a, b} {
			codingtest.Apply(t, p, s, debt, 0, 41)
			if c == testkit.Ann {
				codingtest.Apply(t, p, s, wages, 43, 63)
			}
			codingtest.Apply(t, p, s, debt, 64, 96)
		}
		codingtest.Apply(t, p, notIncluded, wages, 0, 41) // double-coded, but not reportable
	}
	// The lead's consensus coding of study A supersedes the reviewers' there.
	if _, err := p.DB().Exec(`INSERT INTO codings(guid, study, code, start, "end", quote, coder, created_at, consensus)
		VALUES ('c0000000-0000-4000-8000-000000000001', ?, ?, 64, 96, 'On page two the debt grew again.', ?, '2026-01-01T00:00:00Z', 1)`,
		a, debt, testkit.Ann.GUID); err != nil {
		t.Fatal(err)
	}
	d, err := FromProject(context.Background(), p, ProjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var inA, inB int
	for _, q := range d.Quotes {
		switch q.StudyGUID {
		case a:
			inA++
			if !q.Consensus || q.Page != 2 || q.Text != "On page two the debt grew again." {
				t.Errorf("study A quote %+v", q)
			}
		case b:
			inB++
			if q.Start == 64 && q.Page != 2 || q.Start == 0 && q.Page != 1 {
				t.Errorf("study B quote on page %d at %d", q.Page, q.Start)
			}
		}
	}
	if inA != 1 || inB != 5 {
		t.Errorf("quotes: %d of A (want the consensus one), %d of B (want both reviewers' 5)", inA, inB)
	}
	if d.Reviewers != 2 || d.Coders != 2 || d.Appraisers != 0 || d.Agreement == nil {
		t.Fatalf("reviewers %d (%d coders, %d appraisers) agreement %v", d.Reviewers, d.Coders, d.Appraisers, d.Agreement)
	}
	want := []string{a, b}
	slices.Sort(want)
	// Agreement only over the reportable studies two reviewers coded; study
	// A counts although the lead reconciled it (the reviewers' own codings
	// are compared).
	if d.Agreement.Coefficient != "Krippendorff's alpha" || d.Agreement.Value >= 1 || !slices.Equal(d.Agreement.Studies, want) || d.Agreement.Units != 6 {
		t.Errorf("agreement with one passage coded by one reviewer only: %+v", d.Agreement)
	}
	byStudy := map[string]int{}
	for _, rc := range d.ReviewerCodings {
		byStudy[rc.Study] += rc.Codings
	}
	if byStudy[a] != 5 || byStudy[b] != 5 || byStudy[notIncluded] != 2 {
		t.Errorf("reviewer codings %v", byStudy)
	}
	d, _ = FromProject(context.Background(), p, ProjectOptions{SkipAgreement: true})
	if d.Agreement != nil {
		t.Error("SkipAgreement computed the agreement")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := FromProject(ctx, p, ProjectOptions{}); err == nil {
		t.Error("a cancelled context still gave brief data")
	}
}
