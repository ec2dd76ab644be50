package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2"
)

// keyStudies holds the JSON table of indexed studies' metadata.
var keyStudies = []byte("wb_studies")

// studyMeta is the study-level metadata kept once per study (not per chunk)
// for study facets and result groups.
type studyMeta struct {
	Title     string   `json:"t,omitempty"`
	Year      int      `json:"y,omitempty"`
	Countries []string `json:"c,omitempty"`
	Sectors   []string `json:"s,omitempty"`
	Method    string   `json:"m,omitempty"`
	Rigor     string   `json:"r,omitempty"`
	Field     string   `json:"f,omitempty"` // text field of the study's chunks
}

func metaOf(c Chunk) studyMeta {
	return studyMeta{Title: c.Title, Year: c.Year, Countries: c.Countries, Sectors: c.Sectors, Method: c.Method, Rigor: c.Rigor,
		Field: textFieldFor(c.Lang, c.Script)}
}

func (m studyMeta) equal(o studyMeta) bool {
	return m.Title == o.Title && m.Year == o.Year && m.Method == o.Method && m.Rigor == o.Rigor && m.Field == o.Field &&
		slices.Equal(m.Countries, o.Countries) && slices.Equal(m.Sectors, o.Sectors)
}

// loadStudies reads the study table from the index.
func loadStudies(idx bleve.Index) (map[string]studyMeta, error) {
	b, err := idx.GetInternal(keyStudies)
	if err != nil {
		return nil, err
	}
	studies := map[string]studyMeta{}
	if len(b) == 0 {
		return studies, nil
	}
	if err := json.Unmarshal(b, &studies); err != nil {
		return nil, fmt.Errorf("study table: %w", err)
	}
	return studies, nil
}

// studiesJSON encodes the study table; the caller holds ix.smu.
func (ix *Index) studiesJSON() []byte {
	b, err := json.Marshal(ix.studies)
	if err != nil { // cannot happen for strings and ints
		panic(err)
	}
	return b
}

// noteStudies records the metadata of the chunks' studies and reports
// whether the table changed; the caller holds ix.smu.
func (ix *Index) noteStudies(chunks []Chunk) bool {
	changed := false
	for _, c := range chunks {
		m := metaOf(c)
		if old, ok := ix.studies[c.Study]; !ok || !old.equal(m) {
			ix.studies[c.Study] = m
			changed = true
		}
	}
	return changed
}

// searchFields returns the text fields that hold any study's text (all of
// them for an empty table), so that queries skip empty fields.
func (ix *Index) searchFields() []string {
	ix.smu.RLock()
	defer ix.smu.RUnlock()
	used := map[string]bool{}
	for _, m := range ix.studies {
		used[m.Field] = true
		if len(used) == len(textFields) {
			break
		}
	}
	var out []string
	for _, f := range textFields {
		if used[f] || used[""] {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return textFields
	}
	return out
}

// studyFacets turns the per-study chunk counts of a result into facet
// counts over the study table: how many matching studies (and chunks of
// them) have each country, sector, method, year and rigor.
func (ix *Index) studyFacets(perStudy map[string]int, perCode map[string]codeCount, size int) map[string][]FacetCount {
	type acc struct{ studies, chunks int }
	counts := map[string]map[string]*acc{}
	add := func(facet, value string, studies, chunks int) {
		if value == "" {
			return
		}
		m := counts[facet]
		if m == nil {
			m = map[string]*acc{}
			counts[facet] = m
		}
		a := m[value]
		if a == nil {
			a = &acc{}
			m[value] = a
		}
		a.studies += studies
		a.chunks += chunks
	}
	ix.smu.RLock()
	for study, n := range perStudy {
		m, ok := ix.studies[study]
		if !ok {
			continue
		}
		for _, c := range m.Countries {
			add(FacetCountry, c, 1, n)
		}
		for _, s := range m.Sectors {
			add(FacetSector, s, 1, n)
		}
		add(FacetMethod, m.Method, 1, n)
		add(FacetRigor, m.Rigor, 1, n)
		if m.Year != 0 {
			add(FacetYear, strconv.Itoa(m.Year), 1, n)
		}
	}
	ix.smu.RUnlock()
	for code, cc := range perCode {
		add(FacetCode, code, cc.studies, cc.chunks)
	}
	out := map[string][]FacetCount{}
	for _, facet := range facetsReturned {
		var list []FacetCount
		for v, a := range counts[facet] {
			list = append(list, FacetCount{Value: v, Studies: a.studies, Chunks: a.chunks})
		}
		sort.Slice(list, func(i, j int) bool {
			a, b := list[i], list[j]
			if facet == FacetYear {
				return a.Value > b.Value
			}
			if a.Studies != b.Studies {
				return a.Studies > b.Studies
			}
			if a.Chunks != b.Chunks {
				return a.Chunks > b.Chunks
			}
			return a.Value < b.Value
		})
		if len(list) > size {
			list = list[:size]
		}
		out[facet] = list
	}
	return out
}
