package demo

import (
	"fmt"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// demoAppraisal records a demo appraisal by the demo coder, linking each
// criterion to the study's passages coded with it.
func demoAppraisal(p *corpus.Project, study string, a assets.DemoAppraisal) error {
	if study == "" {
		return fmt.Errorf("demo appraisal names %s, which is not a demo PDF", a.File)
	}
	for _, j := range a.Criteria {
		code, err := coding.ResolveCode(p, j.Criterion)
		if err != nil {
			return fmt.Errorf("demo appraisal of %s: %w", a.File, err)
		}
		if err := coding.SetJudgement(p, study, code.GUID, j.Judgement, j.Justification); err != nil {
			return fmt.Errorf("demo appraisal of %s: %w", a.File, err)
		}
		evidence, err := coding.Codings(p, coding.CodingFilter{Study: study, Code: code.GUID})
		if err != nil {
			return err
		}
		if len(evidence) > 0 {
			ids := make([]string, len(evidence))
			for i, c := range evidence {
				ids[i] = c.GUID
			}
			if err := coding.LinkEvidence(p, study, code.GUID, ids...); err != nil {
				return err
			}
		}
	}
	return nil
}
