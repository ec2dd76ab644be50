package ui

import (
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/corpus"
)

// BaseName is the project's file name without its extension ("review"
// when no project is open), the start of the names suggested for exports.
func BaseName(p *corpus.Project) string {
	if p == nil {
		return "review"
	}
	return strings.TrimSuffix(filepath.Base(p.Path()), corpus.Extension)
}
