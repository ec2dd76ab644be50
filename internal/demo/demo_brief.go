package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// Sources of the demo's import runs, as the screening flow of its brief
// shows them.
const (
	DemoSource    = "Demo search: NGO and academic reports"
	PartnerSource = "Partner organisations' shared folder"
)

// recordImports records the demo's import run, then imports two of its
// PDFs again as a partner's folder would bring them: duplicates the
// project removes at import (by SHA-256), as the screening flow counts.
func recordImports(ctx context.Context, p *corpus.Project, results []corpus.ImportResult) error {
	if _, err := coding.RecordImport(p, DemoSource, results); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "ewb-demo-partner-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var again []string
	for _, name := range assets.DemoFiles()[:2] {
		data, err := assets.DemoPDF(name)
		if err != nil {
			return err
		}
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, data, 0o600); err != nil {
			return err
		}
		again = append(again, f)
	}
	dups, err := p.Import(ctx, again, corpus.ImportOptions{}, nil)
	if err != nil {
		return fmt.Errorf("demo import: %w", err)
	}
	_, err = coding.RecordImport(p, PartnerSource, dups)
	return err
}

// demoJudgements are the confidence judgements the demo's reviewer has
// recorded so far; the other findings show the automatic summary, not yet
// judged.
var demoJudgements = []coding.Confidence{
	{Theme: "Wage withholding", Level: coding.ConfidenceModerate, Limitations: coding.ConcernModerate,
		Explanation: "Five studies in four sectors and four countries describe it consistently, but only one of them has been appraised for rigor."},
	{Theme: "Debt bondage", Level: coding.ConfidenceModerate, Adequacy: coding.ConcernMinor,
		Explanation: "Four studies, including the one rated high for rigor, show recruitment debt tying workers to employers; there is little on domestic work and fishing."},
	{Theme: "Reintegration", Level: coding.ConfidenceVeryLow,
		Explanation: "One study of men returned from fishing vessels to Cambodia, not yet appraised."},
}

// Texts the demo's author has written for the whole review's brief.
const (
	demoKeyFindings = `Recruitment debt and withheld wages are the most widely reported means of control: they appear in studies of every sector and every country of the review.

- Employers and brokers keep workers' passports in agriculture and domestic work, and live-in domestic workers are rarely allowed out alone.
- Few people with indicators of trafficking are identified at the border, and fewer are referred to assistance.
- Most of the evidence has not yet been appraised for rigor, so confidence in these findings is at best moderate.`
	demoRecommendations = `- Fund studies of agriculture and fishing in Lao PDR and Viet Nam, where the map shows no evidence.
- Ask researchers to report how participants were sampled and how consent was obtained: the appraised study shows how much this matters.
- Appraise the remaining nine studies before the brief is published, and revisit the confidence in each finding.`
)

// recordBriefTexts records the demo's confidence judgements and the key
// findings and recommendations of its brief.
func recordBriefTexts(p *corpus.Project) error {
	for _, j := range demoJudgements {
		code, err := coding.ResolveCode(p, j.Theme)
		if err != nil {
			return fmt.Errorf("demo confidence: %w", err)
		}
		j.Theme = code.GUID
		if err := coding.SetConfidence(p, j); err != nil {
			return fmt.Errorf("demo confidence: %w", err)
		}
	}
	if err := coding.SetMemo(p, coding.MemoKeyFindings, "", demoKeyFindings); err != nil {
		return err
	}
	return coding.SetMemo(p, coding.MemoRecommendations, "", demoRecommendations)
}
