package app

import (
	"github.com/evidence-workbench/workbench/corpus"
)

// extraCommand adds a menu item from a feature file.
type extraCommand struct {
	menu string
	cmd  *command
}

// appraisalStatuses returns the per-study appraisal status text for the study list.
func (wb *Workbench) appraisalStatuses(p *corpus.Project) map[string]string {
	return nil
}
