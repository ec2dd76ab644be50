package query

import (
	"fmt"
	"slices"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// FrequencyQuery selects what CodeFrequencies counts. Zero fields do not filter.
type FrequencyQuery struct {
	Kind       string             // only codes of this kind
	Coders     []string           // only these coders' codings
	Filter     coding.StudyFilter // only studies passing this filter
	AllStudies bool               // count every study, not only reportable ones (see Reportable)
}

// Frequency is how often one code is applied. Codings count coded items:
// passages and area codings alike (Areas says how many are areas).
type Frequency struct {
	Code            string `json:"code"`              // code GUID
	Name            string `json:"name"`              // code name
	Path            string `json:"path"`              // code path
	Kind            string `json:"kind"`              // code kind
	Depth           int    `json:"depth"`             // 0 for a top-level code
	Codings         int    `json:"codings"`           // codings (passages and areas) with exactly this code
	Studies         int    `json:"studies"`           // distinct studies with such codings
	CodingsWithSubs int    `json:"codings_with_subs"` // codings with this code or a sub-code
	StudiesWithSubs int    `json:"studies_with_subs"` // distinct studies with such codings
	Areas           int    `json:"areas"`             // of Codings, the area codings
}

// CodeFrequencies counts codings and studies per code (and including
// sub-codes), for every code in display order, in one pass over the
// project's coding index.
func CodeFrequencies(p *corpus.Project, q FrequencyQuery) ([]Frequency, error) {
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return nil, err
	}
	scope, _, err := studyScope(p, nil, q.Filter)
	if err != nil {
		return nil, err
	}
	ix, err := loadCodingIndex(p)
	if err != nil {
		return nil, fmt.Errorf("code frequencies: %w", err)
	}
	// Tallies by code number, over study numbers of the index.
	type tally struct {
		own, subs, areas      int
		ownStudy, subsStudies map[int32]bool
	}
	tallies := make([]*tally, len(ix.codes))
	inScope := make([]bool, len(ix.studies))
	for i, g := range ix.studies {
		s, ok := scope[g]
		inScope[i] = ok && (q.AllStudies || coding.Reportable(s.Status))
	}
	coderOK := make([]bool, len(ix.coders))
	for i, g := range ix.coders {
		coderOK[i] = len(q.Coders) == 0 || slices.Contains(q.Coders, g)
	}
	// byGUID collects the tallies of codes and their ancestors by code GUID.
	byGUID := map[string]*tally{}
	get := func(code string) *tally {
		x := byGUID[code]
		if x == nil {
			x = &tally{ownStudy: map[int32]bool{}, subsStudies: map[int32]bool{}}
			byGUID[code] = x
		}
		return x
	}
	chains := make([][]*tally, len(ix.codes)) // code number -> tallies of its ancestors and itself
	for k := range ix.guids {
		st, c := ix.study[k], ix.code[k]
		if !inScope[st] || !coderOK[ix.coder[k]] {
			continue
		}
		if tallies[c] == nil {
			g := ix.codes[c]
			tallies[c] = get(g)
			for _, a := range append(t.Ancestors(g), g) {
				chains[c] = append(chains[c], get(a))
			}
		}
		x := tallies[c]
		x.own++
		if k >= ix.areasFrom {
			x.areas++
		}
		x.ownStudy[st] = true
		for _, y := range chains[c] {
			y.subs++
			y.subsStudies[st] = true
		}
	}
	var out []Frequency
	for _, c := range t.Codes {
		if q.Kind != "" && !strings.EqualFold(c.Kind, q.Kind) {
			continue
		}
		f := Frequency{Code: c.GUID, Name: c.Name, Path: t.Path(c.GUID), Kind: c.Kind, Depth: t.Depth(c.GUID)}
		if x := byGUID[c.GUID]; x != nil {
			f.Codings, f.Studies = x.own, len(x.ownStudy)
			f.CodingsWithSubs, f.StudiesWithSubs = x.subs, len(x.subsStudies)
			f.Areas = x.areas
		}
		out = append(out, f)
	}
	return out, nil
}
