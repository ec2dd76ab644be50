package coding_test

import (
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/brief"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// TestReportedAppraisalRule checks the rule with one, two and three
// reviewers and a consensus, and that a brief reads the reported appraisal.
func TestReportedAppraisalRule(t *testing.T) {
	p := testkit.Project(t)
	tree := codingtest.Codebook(t, p)
	crit := coding.CriteriaOf(tree)
	study := testkit.Study(t, p, "Two reviewers", "Some text of a study.\fPage two text.")
	judgeAll := func(c corpus.Coder, j func(i int) string) {
		testkit.As(t, p, c)
		for i, cr := range crit {
			codingtest.Judge(t, p, study, cr.GUID, j(i))
		}
	}
	// Ann meets everything (high); Ben fails two core criteria (low).
	judgeAll(testkit.Ann, func(int) string { return coding.Met })
	rep, err := coding.ReportedAppraisals(p)
	if err != nil {
		t.Fatal(err)
	}
	if r := rep[study]; r.Rating != coding.RatingHigh || r.Reviewers != 1 || r.Consensus {
		t.Fatalf("one reviewer: %+v", r)
	}
	judgeAll(testkit.Ben, func(i int) string {
		if crit[i].Core {
			return coding.NotMet
		}
		return coding.PartlyMet
	})
	rep, _ = coding.ReportedAppraisals(p)
	r := rep[study]
	if r.Rating != coding.RatingLow || r.Reviewers != 2 {
		t.Fatalf("two reviewers disagreeing: %+v, want the conservative low", r)
	}
	core := crit[slicesIndexCore(crit)]
	if r.Judgements[core.GUID] != coding.NotMet {
		t.Errorf("core criterion %q: %q, want the worse judgement", core.Name, r.Judgements[core.GUID])
	}
	// A third reviewer rating medium makes the median medium.
	carl := corpus.Coder{GUID: "33333333-3333-3333-3333-333333333333", Name: "Carl"}
	judgeAll(carl, func(i int) string {
		if i == 0 && !crit[0].Core {
			return coding.NotMet
		}
		if crit[i].Core && i == slicesIndexCore(crit) {
			return coding.NotMet
		}
		return coding.Met
	})
	rep, _ = coding.ReportedAppraisals(p)
	if r := rep[study]; r.Reviewers != 3 || r.Rating != coding.RatingMedium {
		t.Fatalf("three reviewers: %+v, want the median medium", r)
	}
	// The consensus appraisal wins, with its override.
	js := map[string]coding.Judgement{}
	for _, cr := range crit {
		js[cr.GUID] = coding.Judgement{Criterion: cr.GUID, Judgement: coding.Met}
	}
	if _, err := coding.SaveConsensusAppraisal(p, coding.Appraisal{Study: study, Judgements: js, Override: coding.RatingMedium, OverrideReason: "small sample"}); err != nil {
		t.Fatal(err)
	}
	rep, _ = coding.ReportedAppraisals(p)
	if r := rep[study]; !r.Consensus || r.Rating != coding.RatingMedium || r.Judgements[core.GUID] != coding.Met || r.Reviewers != 3 {
		t.Fatalf("consensus: %+v", r)
	}
	d, err := brief.FromProject(t.Context(), p, brief.ProjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Reviewers != 3 || !d.Studies[0].Consensus || d.Studies[0].Rating != coding.RatingMedium {
		t.Fatalf("brief data: reviewers %d study %+v", d.Reviewers, d.Studies[0])
	}
	if d.Studies[0].Status != corpus.StatusToScreen {
		t.Errorf("a study to screen is passed as %q", d.Studies[0].Status)
	}
}

func slicesIndexCore(crit []coding.Criterion) int {
	for i, c := range crit {
		if c.Core {
			return i
		}
	}
	return -1
}
