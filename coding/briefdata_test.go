package coding

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/corpus"
)

// openDemo builds the demo project in a temporary directory and opens it.
func openDemo(tb testing.TB) *corpus.Project {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "demo.ewb")
	if err := BuildDemo(context.Background(), path); err != nil {
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
	d, err := BriefDataContext(context.Background(), p, BriefDataOptions{Progress: func(done, total int) { steps = append(steps, done) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != briefStages || steps[len(steps)-1] != briefStages {
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
	byTitle := map[string]brief.Study{}
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
	themes := map[string]brief.Theme{}
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
		if q.Coder != DemoCoder.Name {
			t.Errorf("coder %q", q.Coder)
		}
		want, ok := wantPage[collapse(q.Text)]
		if !ok {
			t.Errorf("quote %q (%s) not in the manifest", q.Text, th.Name)
		} else if q.Page != want {
			t.Errorf("quote %q on page %d, manifest says %d", q.Text, q.Page, want)
		}
	}
	b, err := brief.Build(d, brief.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Scope.Studies.N != len(m.Studies) || len(b.Themes) == 0 {
		t.Fatalf("brief: %d studies, %d sector theme lists", b.Scope.Studies.N, len(b.Themes))
	}
	var md bytes.Buffer
	if err := brief.Render(&md, b, brief.Markdown, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "Debt bondage") {
		t.Errorf("markdown lacks the demo's themes:\n%.2000s", md.String())
	}
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestReportedAppraisalRule(t *testing.T) {
	p := MustProject(t)
	tree := apCodebook(t, p)
	crit := criteriaOf(tree)
	study := MustStudy(t, p, "Two reviewers", "Some text of a study.\fPage two text.")
	judgeAll := func(c corpus.Coder, j func(i int) string) {
		apAs(t, p, c)
		for i, cr := range crit {
			apJudge(t, p, study, cr.GUID, j(i))
		}
	}
	// Ann meets everything (high); Ben fails two core criteria (low).
	judgeAll(apAnn, func(int) string { return Met })
	rep, err := ReportedAppraisals(p)
	if err != nil {
		t.Fatal(err)
	}
	if r := rep[study]; r.Rating != RatingHigh || r.Reviewers != 1 || r.Consensus {
		t.Fatalf("one reviewer: %+v", r)
	}
	judgeAll(apBen, func(i int) string {
		if crit[i].Core {
			return NotMet
		}
		return PartlyMet
	})
	rep, _ = ReportedAppraisals(p)
	r := rep[study]
	if r.Rating != RatingLow || r.Reviewers != 2 {
		t.Fatalf("two reviewers disagreeing: %+v, want the conservative low", r)
	}
	core := crit[slicesIndexCore(crit)]
	if r.Judgements[core.GUID] != NotMet {
		t.Errorf("core criterion %q: %q, want the worse judgement", core.Name, r.Judgements[core.GUID])
	}
	// A third reviewer rating medium makes the median medium.
	carl := corpus.Coder{GUID: "33333333-3333-3333-3333-333333333333", Name: "Carl"}
	judgeAll(carl, func(i int) string {
		if i == 0 && !crit[0].Core {
			return NotMet
		}
		if crit[i].Core && i == slicesIndexCore(crit) {
			return NotMet
		}
		return Met
	})
	rep, _ = ReportedAppraisals(p)
	if r := rep[study]; r.Reviewers != 3 || r.Rating != RatingMedium {
		t.Fatalf("three reviewers: %+v, want the median medium", r)
	}
	// The consensus appraisal wins, with its override.
	js := map[string]Judgement{}
	for _, cr := range crit {
		js[cr.GUID] = Judgement{Criterion: cr.GUID, Judgement: Met}
	}
	if _, err := SaveConsensusAppraisal(p, Appraisal{Study: study, Judgements: js, Override: RatingMedium, OverrideReason: "small sample"}); err != nil {
		t.Fatal(err)
	}
	rep, _ = ReportedAppraisals(p)
	if r := rep[study]; !r.Consensus || r.Rating != RatingMedium || r.Judgements[core.GUID] != Met || r.Reviewers != 3 {
		t.Fatalf("consensus: %+v", r)
	}
	d, err := BriefData(p)
	if err != nil {
		t.Fatal(err)
	}
	if d.Reviewers != 3 || !d.Studies[0].Consensus || d.Studies[0].Rating != RatingMedium {
		t.Fatalf("brief data: reviewers %d study %+v", d.Reviewers, d.Studies[0])
	}
	if d.Studies[0].Status != corpus.StatusToScreen {
		t.Errorf("a study to screen is passed as %q", d.Studies[0].Status)
	}
}

func slicesIndexCore(crit []Criterion) int {
	for i, c := range crit {
		if c.Core {
			return i
		}
	}
	return -1
}

func TestConservativeMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"high"}, "high"},
		{[]string{"high", "low"}, "low"},
		{[]string{"low", "high", "medium"}, "medium"},
		{[]string{"high", "high", "medium", "low"}, "medium"},
		{[]string{"bogus", "high"}, "high"},
	} {
		if got := conservativeMedian(tc.in, RatingOrder); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestBriefQuotesPreferConsensusAndAgreement(t *testing.T) {
	p := MustProject(t)
	tree := apCodebook(t, p)
	debt := apCode(t, tree, "Debt bondage")
	wages := apCode(t, tree, "Wage withholding")
	text := "Workers owed the broker money for months.\n\nThe boss kept wages.\fOn page two the debt grew again.\n\nNobody could leave."
	a := MustStudy(t, p, "Study A", text)
	b := MustStudy(t, p, "Study B", text)
	for _, c := range []corpus.Coder{apAnn, apBen} {
		apAs(t, p, c)
		for _, s := range []string{a, b} {
			apApply(t, p, s, debt, 0, 41)
			if c == apAnn {
				apApply(t, p, s, wages, 43, 63)
			}
			apApply(t, p, s, debt, 64, 96)
		}
	}
	// The lead's consensus coding of study A supersedes the reviewers' there.
	if _, err := p.DB().Exec(`INSERT INTO codings(guid, study, code, start, "end", quote, coder, created_at, consensus)
		VALUES ('c0000000-0000-4000-8000-000000000001', ?, ?, 64, 96, 'On page two the debt grew again.', ?, '2026-01-01T00:00:00Z', 1)`,
		a, debt, apAnn.GUID); err != nil {
		t.Fatal(err)
	}
	d, err := BriefData(p)
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
	if d.Reviewers != 2 || d.Agreement == nil {
		t.Fatalf("reviewers %d agreement %v", d.Reviewers, d.Agreement)
	}
	if d.Agreement.Coefficient != "Krippendorff's alpha" || d.Agreement.Value >= 1 {
		t.Errorf("agreement with one passage coded by one reviewer only: %+v", d.Agreement)
	}
	d, _ = BriefDataContext(context.Background(), p, BriefDataOptions{SkipAgreement: true})
	if d.Agreement != nil {
		t.Error("SkipAgreement computed the agreement")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := BriefDataContext(ctx, p, BriefDataOptions{}); err == nil {
		t.Error("a cancelled context still gave brief data")
	}
}
