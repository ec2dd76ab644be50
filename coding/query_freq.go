package coding

import (
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/corpus"
)

// FrequencyQuery selects what CodeFrequencies counts. Zero fields do not filter.
type FrequencyQuery struct {
	Kind       string      // only codes of this kind
	Coders     []string    // only these coders' codings
	Filter     StudyFilter // only studies passing this filter
	AllStudies bool        // count every study, not only reportable ones (see Reportable)
}

// Frequency is how often one code is applied.
type Frequency struct {
	Code            string `json:"code"`              // code GUID
	Name            string `json:"name"`              // code name
	Path            string `json:"path"`              // code path
	Kind            string `json:"kind"`              // code kind
	Depth           int    `json:"depth"`             // 0 for a top-level code
	Codings         int    `json:"codings"`           // codings with exactly this code
	Studies         int    `json:"studies"`           // distinct studies with such codings
	CodingsWithSubs int    `json:"codings_with_subs"` // codings with this code or a sub-code
	StudiesWithSubs int    `json:"studies_with_subs"` // distinct studies with such codings
}

// CodeFrequencies counts codings and studies per code (and including
// sub-codes), for every code in display order, with one aggregate query.
func CodeFrequencies(p *corpus.Project, q FrequencyQuery) ([]Frequency, error) {
	t, err := LoadCodeTree(p)
	if err != nil {
		return nil, err
	}
	scope, _, err := studyScope(p, nil, q.Filter)
	if err != nil {
		return nil, err
	}
	sqlq := `SELECT code, study, COUNT(*) FROM codings`
	var args []any
	if len(q.Coders) > 0 {
		w, a := inList("coder", q.Coders)
		sqlq += " WHERE " + w
		args = a
	}
	rows, err := p.DB().Query(sqlq+` GROUP BY code, study`, args...)
	if err != nil {
		return nil, fmt.Errorf("code frequencies: %w", err)
	}
	defer rows.Close()
	type tally struct {
		own, subs             int
		ownStudy, subsStudies map[string]bool
	}
	tallies := map[string]*tally{}
	get := func(code string) *tally {
		x := tallies[code]
		if x == nil {
			x = &tally{ownStudy: map[string]bool{}, subsStudies: map[string]bool{}}
			tallies[code] = x
		}
		return x
	}
	for rows.Next() {
		var code, study string
		var n int
		if err := rows.Scan(&code, &study, &n); err != nil {
			return nil, fmt.Errorf("code frequencies: %w", err)
		}
		s, ok := scope[study]
		if !ok || !q.AllStudies && !Reportable(s.Status) {
			continue
		}
		x := get(code)
		x.own += n
		x.ownStudy[study] = true
		for _, g := range append(t.Ancestors(code), code) {
			y := get(g)
			y.subs += n
			y.subsStudies[study] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("code frequencies: %w", err)
	}
	var out []Frequency
	for _, c := range t.Codes {
		if q.Kind != "" && !strings.EqualFold(c.Kind, q.Kind) {
			continue
		}
		f := Frequency{Code: c.GUID, Name: c.Name, Path: t.Path(c.GUID), Kind: c.Kind, Depth: t.Depth(c.GUID)}
		if x := tallies[c.GUID]; x != nil {
			f.Codings, f.Studies = x.own, len(x.ownStudy)
			f.CodingsWithSubs, f.StudiesWithSubs = x.subs, len(x.subsStudies)
		}
		out = append(out, f)
	}
	return out, nil
}
