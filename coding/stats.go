package coding

import (
	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
)

// ProjectStats counts what a project holds: corpus's figures (studies,
// pages, coders...) and coding's.
type ProjectStats struct {
	corpus.Stats
	Codes      int // codes in the codebook
	Codings    int // coded passages
	Areas      int // area codings (coded rectangles of pages)
	Appraisals int // rigor appraisals
	Memos      int // memos
}

// Stats counts the project's contents (see corpus.Project.Stats).
func Stats(p *corpus.Project) (ProjectStats, error) {
	st, err := p.Stats()
	return ProjectStats{Stats: st, Codes: st.Counts[schema.CountCodes], Codings: st.Counts[schema.CountCodings],
		Areas:      st.Counts[schema.CountAreas],
		Appraisals: st.Counts[schema.CountAppraisals], Memos: st.Counts[schema.CountMemos]}, err
}
