package brief

import (
	"fmt"
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

// selection is the working state of Build: the kept studies and their
// normalised attributes.
type selection struct {
	f        Filter
	studies  []*Study // kept, sorted by GUID
	byGUID   map[string]*Study
	rating   map[string]string
	sectors  map[string][]string // GUID -> display sectors (filtered)
	country  map[string][]string // GUID -> display countries (filtered)
	labels   map[string]string   // key -> first display spelling
	excluded []string
	n        int
}

func (s *selection) label(name string) string {
	k := key(name)
	if l, ok := s.labels[k]; ok {
		return l
	}
	l := strings.Join(strings.Fields(name), " ")
	s.labels[k] = l
	return l
}

// attrs returns the study's values for a multi-valued attribute restricted
// to the filter's set (nil: no restriction), deduplicated.
func (s *selection) attrs(values []string, only map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range values {
		k := key(v)
		if k == "" || seen[k] || (only != nil && !only[k]) {
			continue
		}
		seen[k] = true
		out = append(out, s.label(v))
	}
	if len(out) == 0 {
		out = []string{notReported}
	}
	sort.Strings(out)
	return out
}

func validate(f *Filter) error {
	switch key(f.MinRigor) {
	case "", "high", "medium", "low":
	default:
		return &FilterError{Field: "minimum rigor", Problem: fmt.Sprintf("%q is not high, medium or low", f.MinRigor)}
	}
	if _, err := ParseCitationStyle(string(f.Citation)); err != nil {
		return err
	}
	if f.YearFrom < 0 || f.YearTo < 0 {
		return &FilterError{Field: "year range", Problem: "cannot be negative"}
	}
	if f.YearFrom > 0 && f.YearTo > 0 && f.YearFrom > f.YearTo {
		return &FilterError{Field: "year range", Problem: fmt.Sprintf("starts (%d) after it ends (%d)", f.YearFrom, f.YearTo)}
	}
	if f.MaxThemes < 0 || f.MaxQuotes < 0 || f.ThinBelow < 0 {
		return &FilterError{Field: "limits", Problem: "cannot be negative"}
	}
	if f.MaxThemes == 0 {
		f.MaxThemes = 5
	}
	if f.MaxQuotes == 0 {
		f.MaxQuotes = 2
	}
	if f.ThinBelow == 0 {
		f.ThinBelow = 3
	}
	return nil
}

func selectStudies(data *Data, f Filter) *selection {
	sel := &selection{f: f, byGUID: map[string]*Study{}, rating: map[string]string{},
		sectors: map[string][]string{}, country: map[string][]string{}, labels: map[string]string{}}
	sectors, countries, methods := keySet(f.Sectors), keySet(f.Countries), keySet(f.Methods)
	minRank := ratingRank(key(f.MinRigor))
	all := make([]*Study, 0, len(data.Studies))
	seen := map[string]bool{}
	for i := range data.Studies {
		st := &data.Studies[i]
		if st.GUID == "" || seen[st.GUID] {
			continue
		}
		seen[st.GUID] = true
		all = append(all, st)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].GUID < all[j].GUID })
	for _, st := range all {
		if key(st.Status) != "included" {
			sel.excluded = append(sel.excluded, st.GUID)
			continue
		}
		r := normRating(st.Rating)
		switch {
		case sectors != nil && !anyIn(st.Sectors, sectors),
			countries != nil && !anyIn(st.Countries, countries),
			methods != nil && !methods[key(st.Method)],
			(f.YearFrom > 0 || f.YearTo > 0) && st.Year <= 0,
			f.YearFrom > 0 && st.Year < f.YearFrom,
			f.YearTo > 0 && st.Year > f.YearTo,
			minRank > 0 && ratingRank(r) < minRank,
			f.ConsensusOnly && !st.Consensus:
			continue
		}
		sel.studies = append(sel.studies, st)
		sel.byGUID[st.GUID] = st
		sel.rating[st.GUID] = r
	}
	// Labels are fixed in GUID order so spelling choices are reproducible.
	for _, st := range sel.studies {
		sel.sectors[st.GUID] = sel.attrs(st.Sectors, sectors)
		sel.country[st.GUID] = sel.attrs(st.Countries, countries)
	}
	sel.n = len(sel.studies)
	return sel
}

func anyIn(values []string, set map[string]bool) bool {
	for _, v := range values {
		if set[key(v)] {
			return true
		}
	}
	return false
}

// Build computes the brief for the studies of data that match f. It returns
// ErrNoStudies when no included study matches and a *FilterError for an
// unusable filter. data is not modified.
func Build(data Data, f Filter) (*Brief, error) {
	if err := validate(&f); err != nil {
		return nil, err
	}
	sel := selectStudies(&data, f)
	if sel.n == 0 {
		return nil, ErrNoStudies
	}
	refs, cites := citations(sel.studies, f.Citation)
	b := &Brief{
		Title:       strings.TrimSpace(data.Title),
		Project:     strings.TrimSpace(data.Project),
		Date:        strings.TrimSpace(data.Date),
		FilterNotes: filterNotes(f),
		References:  refs,
		index:       map[string]int{},
	}
	if b.Title == "" {
		b.Title = "Evidence brief"
		if b.Project != "" {
			b.Title += ": " + b.Project
		}
	}
	for _, st := range sel.studies {
		b.Studies = append(b.Studies, StudyRef{GUID: st.GUID, Citation: cites[st.GUID],
			Title: strings.Join(strings.Fields(st.Title), " "), Rating: sel.rating[st.GUID]})
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
	b.Map = buildMap(sel)
	b.Methods = buildMethods(sel)
	b.Rigor = buildRigor(&data, sel)
	var codes map[string]*codeStudies
	b.Themes, codes = buildThemes(&data, sel, cites)
	b.Gaps = buildGaps(b, sel, f, cites, codes)
	return b, nil
}

func filterNotes(f Filter) []string {
	var out []string
	list := func(label string, v []string) {
		if len(v) > 0 {
			c := append([]string(nil), v...)
			sort.Strings(c)
			out = append(out, label+" "+joinAnd(c)+".")
		}
	}
	list("Sectors limited to", f.Sectors)
	list("Countries limited to", f.Countries)
	list("Methods limited to", f.Methods)
	switch {
	case f.YearFrom > 0 && f.YearTo > 0:
		out = append(out, fmt.Sprintf("Studies published %d to %d.", f.YearFrom, f.YearTo))
	case f.YearFrom > 0:
		out = append(out, fmt.Sprintf("Studies published from %d.", f.YearFrom))
	case f.YearTo > 0:
		out = append(out, fmt.Sprintf("Studies published up to %d.", f.YearTo))
	}
	switch key(f.MinRigor) {
	case "high":
		out = append(out, "Only studies rated high for rigor.")
	case "medium":
		out = append(out, "Only studies rated medium or high for rigor.")
	case "low":
		out = append(out, "Only studies with a rigor rating.")
	}
	if f.ConsensusOnly {
		out = append(out, "Only consensus appraisals and consensus codings.")
	}
	return out
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
