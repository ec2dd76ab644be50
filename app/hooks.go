package app

import (
	"fmt"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// extraCommand adds a menu item from a feature file.
type extraCommand struct {
	menu string
	cmd  *command
}

// appraisalStatuses returns the per-study appraisal status text for the study list.
func (wb *Workbench) appraisalStatuses(p *corpus.Project) map[string]string {
	st, err := coding.AppraisalStatuses(p)
	if err != nil {
		return nil
	}
	out := make(map[string]string, len(st))
	for study, s := range st {
		switch {
		case s.Consensus != coding.ProgressNone:
			out[study] = "consensus appraisal " + s.Consensus
		case s.Complete > 0:
			out[study] = fmt.Sprintf("appraised by %d of %d", s.Complete, s.Reviewers)
		case s.Reviewers > 0:
			out[study] = "appraisal in progress"
		}
	}
	return out
}
