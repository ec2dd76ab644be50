package brief

import (
	"sort"
	"strings"
)

// notReported labels studies that leave an attribute empty.
const notReported = "Not reported"

// Ratings in brief order.
var ratingOrder = []string{"high", "medium", "low", ""}

// normRating maps a rating to "high", "medium", "low" or "".
func normRating(r string) string {
	switch strings.ToLower(strings.TrimSpace(r)) {
	case "high", "strong":
		return "high"
	case "medium", "moderate":
		return "medium"
	case "low", "weak":
		return "low"
	}
	return ""
}

func ratingRank(r string) int {
	switch r {
	case "high":
		return 3
	case "medium":
		return 2
	case "low":
		return 1
	}
	return 0
}

// key normalises a name for matching: lower case, single spaces.
func key(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func keySet(list []string) map[string]bool {
	if len(list) == 0 {
		return nil
	}
	m := make(map[string]bool, len(list))
	for _, s := range list {
		if k := key(s); k != "" {
			m[k] = true
		}
	}
	return m
}

// Build computes the brief for the studies of data that match f. It returns
// ErrNoStudies (a *NoMatchError when a sector, country or method matches no
// included study) when no included study matches and a *FilterError for an
// unusable filter. data is not modified.
func Build(data Data, f Filter) (*Brief, error) {
	if err := validate(&f); err != nil {
		return nil, err
	}
	sel, err := selectStudies(&data, f)
	if err != nil {
		return nil, err
	}
	if sel.n == 0 {
		return nil, ErrNoStudies
	}
	refs, cites := citations(sel.studies, f.Citation)
	b := &Brief{
		Title:       strings.TrimSpace(data.Title),
		Project:     strings.TrimSpace(data.Project),
		Date:        strings.TrimSpace(data.Date),
		FilterNotes: sel.notes,
		ScopeKey:    ScopeKey(f),
		References:  refs,
		Caps:        Caps{MaxThemes: max(f.MaxThemes, 0), MaxQuotes: max(f.MaxQuotes, 0)},
		index:       map[string]int{},
	}
	b.ScopeLabel = scopeLabel(sel)
	if b.Title == "" {
		b.Title = "Evidence brief"
		if b.Project != "" {
			b.Title += ": " + b.Project
		}
		if b.ScopeKey != "" {
			b.Title += " — " + b.ScopeLabel
		}
	}
	for _, st := range sel.studies {
		method := ""
		if key(st.Method) != "" {
			method = sel.label(st.Method)
		}
		b.Studies = append(b.Studies, StudyRef{GUID: st.GUID, Citation: cites[st.GUID],
			Title: strings.Join(strings.Fields(st.Title), " "), Rating: sel.rating[st.GUID], Year: st.Year,
			Countries: sel.attrs(st.Countries, nil), Sectors: sel.attrs(st.Sectors, nil), Method: method,
			SampleSize: max(st.SampleSize, 0), Population: strings.Join(strings.Fields(st.Population), " ")})
	}
	sort.Slice(b.Studies, func(i, j int) bool {
		ci, cj := strings.ToLower(b.Studies[i].Citation), strings.ToLower(b.Studies[j].Citation)
		if ci != cj {
			return ci < cj
		}
		return b.Studies[i].GUID < b.Studies[j].GUID
	})
	for i, s := range b.Studies {
		b.index[s.GUID] = i
	}
	b.Scope = buildScope(&data, sel)
	b.Flow = buildFlow(&data, sel)
	b.Map = buildMap(sel)
	b.Methods = buildMethods(sel)
	b.Rigor = buildRigor(&data, sel)
	var codes map[string]*codeStudies
	b.Themes, codes = buildThemes(&data, sel, cites)
	b.Scope.Codings = countCodings(codes)
	b.Findings = buildFindings(&data, sel, b, codes)
	b.Gaps = buildGaps(&data, b, sel, cites, codes)
	b.KeyFindings = authorSection(&data, TextKeyFindings, b.ScopeKey, func() []string { return draftKeyFindings(b) })
	b.Recommendations = authorSection(&data, TextRecommendations, b.ScopeKey, func() []string { return draftRecommendations(b) })
	return b, nil
}

// joinAnd joins "a, b and c".
func joinAnd(v []string) string {
	switch len(v) {
	case 0:
		return ""
	case 1:
		return v[0]
	}
	return strings.Join(v[:len(v)-1], ", ") + " and " + v[len(v)-1]
}

// tally collects studies per label.
type tally map[string]map[string]bool

func (t tally) add(label, guid string) {
	m := t[label]
	if m == nil {
		m = map[string]bool{}
		t[label] = m
	}
	m[guid] = true
}

func countOf(set map[string]bool) Count {
	c := Count{N: len(set), Studies: make([]string, 0, len(set))}
	for g := range set {
		c.Studies = append(c.Studies, g)
	}
	sort.Strings(c.Studies)
	return c
}

func countList(guids []string) Count {
	c := Count{N: len(guids), Studies: append([]string{}, guids...)}
	sort.Strings(c.Studies)
	return c
}

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) * 100 / float64(of)
}

// labeled sorts a tally most frequent first, then by label, with
// "Not reported" last.
func (t tally) labeled(total int) []Labeled {
	out := make([]Labeled, 0, len(t))
	for l, set := range t {
		c := countOf(set)
		out = append(out, Labeled{Label: l, Count: c, Percent: pct(c.N, total)})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Label == notReported) != (b.Label == notReported) {
			return b.Label == notReported
		}
		if a.N != b.N {
			return a.N > b.N
		}
		return strings.ToLower(a.Label) < strings.ToLower(b.Label)
	})
	return out
}
