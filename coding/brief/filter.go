package brief

import (
	"fmt"
	"sort"
	"strings"
)

// selection is the working state of Build: the kept studies and their
// normalised attributes.
type selection struct {
	f           Filter
	all         []*Study // every study of the project, sorted by GUID
	included    []string // GUIDs of the included studies
	studies     []*Study // kept, sorted by GUID
	filteredOut []string // included studies the filter leaves out
	byGUID      map[string]*Study
	rating      map[string]string
	sectors     map[string][]string // GUID -> display sectors (filtered)
	country     map[string][]string // GUID -> display countries (filtered)
	labels      map[string]string   // key -> first display spelling
	// frameCountries and frameSectors are the review's frame: the countries
	// and sectors of every included study and of the filter, as labels.
	frameCountries, frameSectors []string
	// notes are the filter's plain sentences with the studies each left out.
	notes []string
	n     int
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
// to the filter's set (nil: no restriction), deduplicated, "Not reported"
// when there is none.
func (s *selection) attrs(values []string, only map[string]bool) []string {
	var out []string
	for _, v := range values {
		k := key(v)
		if k == "" || (only != nil && !only[k]) {
			continue
		}
		l := s.label(v)
		dup := false
		for _, o := range out {
			if o == l {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return []string{notReported}
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
	if f.MaxThemes < NoLimit || f.MaxQuotes < NoLimit || f.ThinBelow < 0 {
		return &FilterError{Field: "limits", Problem: "cannot be negative (use -1 for no limit)"}
	}
	if f.MaxThemes == 0 {
		f.MaxThemes = DefaultMaxThemes
	}
	if f.MaxQuotes == 0 {
		f.MaxQuotes = DefaultMaxQuotes
	}
	if f.ThinBelow == 0 {
		f.ThinBelow = 3
	}
	return nil
}

// criterion is one test of the filter with the phrase that describes it.
type criterion struct {
	note string
	keep func(st *Study) bool
}

func selectStudies(data *Data, f Filter) (*selection, error) {
	sel := &selection{f: f, byGUID: map[string]*Study{}, rating: map[string]string{},
		sectors: map[string][]string{}, country: map[string][]string{}, labels: map[string]string{}}
	seen := map[string]bool{}
	for i := range data.Studies {
		st := &data.Studies[i]
		if st.GUID == "" || seen[st.GUID] {
			continue
		}
		seen[st.GUID] = true
		sel.all = append(sel.all, st)
	}
	sort.Slice(sel.all, func(i, j int) bool { return sel.all[i].GUID < sel.all[j].GUID })
	// The frame: every included study's countries and sectors, labelled in
	// GUID order so spelling choices are reproducible.
	var inc []*Study
	frameC, frameS := map[string]bool{}, map[string]bool{}
	knownM := map[string]bool{}
	for _, st := range sel.all {
		if key(st.Status) != "included" {
			continue
		}
		inc = append(inc, st)
		sel.included = append(sel.included, st.GUID)
		for _, c := range sel.attrs(st.Countries, nil) {
			frameC[c] = c != notReported
		}
		for _, s := range sel.attrs(st.Sectors, nil) {
			frameS[s] = s != notReported
		}
		if k := key(st.Method); k != "" {
			knownM[k] = true
			sel.label(st.Method)
		}
	}
	known := func(m map[string]bool) map[string]bool {
		out := map[string]bool{}
		for l, ok := range m {
			if ok {
				out[key(l)] = true
			}
		}
		return out
	}
	for _, c := range []struct {
		field  string
		values []string
		known  map[string]bool
	}{{"sector", f.Sectors, known(frameS)}, {"country", f.Countries, known(frameC)}, {"method", f.Methods, knownM}} {
		if err := checkValues(sel, c.field, c.values, c.known); err != nil {
			return nil, err
		}
	}
	for _, c := range f.Countries {
		if key(c) != "" {
			frameC[sel.label(c)] = true
		}
	}
	for _, s := range f.Sectors {
		if key(s) != "" {
			frameS[sel.label(s)] = true
		}
	}
	for c, ok := range frameC {
		if ok {
			sel.frameCountries = append(sel.frameCountries, c)
		}
	}
	for s, ok := range frameS {
		if ok {
			sel.frameSectors = append(sel.frameSectors, s)
		}
	}
	sortNames(sel.frameCountries)
	sortNames(sel.frameSectors)

	tests := filterTests(sel, f)
	out := make([]int, len(tests))
	for _, st := range inc {
		keep := true
		for i, t := range tests {
			if !t.keep(st) {
				out[i]++
				keep = false
			}
		}
		if !keep {
			sel.filteredOut = append(sel.filteredOut, st.GUID)
			continue
		}
		sel.studies = append(sel.studies, st)
		sel.byGUID[st.GUID] = st
		sel.rating[st.GUID] = normRating(st.Rating)
	}
	studies := func(n int) string { return plural(n, "study", "studies") }
	for i, t := range tests {
		sel.notes = append(sel.notes, fmt.Sprintf("%s: %d of %d included %s left out.", t.note, out[i], len(inc), studies(len(inc))))
	}
	if len(tests) > 1 {
		sel.notes = append(sel.notes, fmt.Sprintf("Together the filters leave out %d of %d included %s; this brief covers %d.",
			len(sel.filteredOut), len(inc), studies(len(inc)), len(sel.studies)))
	}
	sectors, countries := keySet(f.Sectors), keySet(f.Countries)
	for _, st := range sel.studies {
		sel.sectors[st.GUID] = sel.attrs(st.Sectors, sectors)
		sel.country[st.GUID] = sel.attrs(st.Countries, countries)
	}
	sel.n = len(sel.studies)
	return sel, nil
}

// filterTests turns the filter into tests, each with its phrase.
func filterTests(sel *selection, f Filter) []criterion {
	sectors, countries, methods := keySet(f.Sectors), keySet(f.Countries), keySet(f.Methods)
	labelList := func(v []string) string {
		var ls []string
		for _, x := range v {
			if key(x) != "" {
				ls = append(ls, sel.label(x))
			}
		}
		sortNames(ls)
		return joinWord(ls, "or")
	}
	var tests []criterion
	if sectors != nil {
		tests = append(tests, criterion{"Sectors limited to " + labelList(f.Sectors), func(st *Study) bool { return anyIn(st.Sectors, sectors) }})
	}
	if countries != nil {
		tests = append(tests, criterion{"Countries limited to " + labelList(f.Countries), func(st *Study) bool { return anyIn(st.Countries, countries) }})
	}
	if methods != nil {
		tests = append(tests, criterion{"Methods limited to " + labelList(f.Methods), func(st *Study) bool { return methods[key(st.Method)] }})
	}
	if f.YearFrom > 0 || f.YearTo > 0 {
		note := fmt.Sprintf("Studies published %d to %d", f.YearFrom, f.YearTo)
		switch {
		case f.YearTo == 0:
			note = fmt.Sprintf("Studies published from %d", f.YearFrom)
		case f.YearFrom == 0:
			note = fmt.Sprintf("Studies published up to %d", f.YearTo)
		}
		tests = append(tests, criterion{note, func(st *Study) bool {
			return st.Year > 0 && (f.YearFrom == 0 || st.Year >= f.YearFrom) && (f.YearTo == 0 || st.Year <= f.YearTo)
		}})
	}
	if minRank := ratingRank(key(f.MinRigor)); minRank > 0 {
		note := map[int]string{3: "Only studies rated high for rigor", 2: "Only studies rated medium or high for rigor",
			1: "Only studies with a rigor rating"}[minRank]
		tests = append(tests, criterion{note, func(st *Study) bool { return ratingRank(normRating(st.Rating)) >= minRank }})
	}
	if f.ConsensusOnly {
		tests = append(tests, criterion{"Only consensus appraisals and consensus codings", func(st *Study) bool { return st.Consensus }})
	}
	return tests
}

func anyIn(values []string, set map[string]bool) bool {
	for _, v := range values {
		if set[key(v)] {
			return true
		}
	}
	return false
}

// checkValues fails when every value given for a field matches no included
// study, naming the nearest known value.
func checkValues(sel *selection, field string, values []string, known map[string]bool) error {
	var given []string
	for _, v := range values {
		if key(v) != "" {
			given = append(given, v)
		}
	}
	if len(given) == 0 {
		return nil
	}
	for _, v := range given {
		if known[key(v)] {
			return nil
		}
	}
	var names []string
	for k := range known {
		names = append(names, sel.label(k))
	}
	sortNames(names)
	return &NoMatchError{Field: field, Value: strings.Join(strings.Fields(given[0]), " "),
		Suggestion: nearest(given[0], names), Known: names}
}

// nearest returns the known value closest to v (by edit distance on the
// normalised names, or a shared prefix), or "" when none is close.
func nearest(v string, known []string) string {
	k := key(v)
	best, bestD := "", -1
	for _, n := range known {
		nk := key(n)
		d := editDistance(k, nk)
		if len(k) >= 3 && (strings.HasPrefix(nk, k) || strings.HasPrefix(k, nk)) {
			d = min(d, 1)
		}
		if bestD < 0 || d < bestD {
			best, bestD = n, d
		}
	}
	if bestD < 0 || bestD > max(2, len([]rune(k))/3) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between two strings, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// ScopeKey identifies the scope of a brief with filter f: "" for the whole
// review, else its sector and country filters, normalised (e.g.
// "sector:agriculture" or "country:lao pdr;sector:agriculture"). Author
// texts and confidence judgements are recorded per scope key. Other filters
// (years, methods, rigor) do not change the scope.
func ScopeKey(f Filter) string {
	var parts []string
	for _, d := range []struct {
		name   string
		values []string
	}{{"country", f.Countries}, {"sector", f.Sectors}} {
		var ks []string
		for k := range keySet(d.values) {
			ks = append(ks, k)
		}
		if len(ks) > 0 {
			sort.Strings(ks)
			parts = append(parts, d.name+":"+strings.Join(ks, ","))
		}
	}
	return strings.Join(parts, ";")
}

// ScopeLabel names a scope key for people: "the whole review" for "",
// otherwise its values ("agriculture", "lao pdr · agriculture"). Build's
// Brief.ScopeLabel uses the studies' own spelling instead.
func ScopeLabel(scope string) string {
	if scope == "" {
		return "the whole review"
	}
	var parts []string
	for _, p := range strings.Split(scope, ";") {
		_, v, _ := strings.Cut(p, ":")
		parts = append(parts, strings.ReplaceAll(v, ",", ", "))
	}
	return strings.Join(parts, " · ")
}

// scopeLabel names the brief's scope in the studies' own spelling.
func scopeLabel(sel *selection) string {
	var parts []string
	for _, v := range [][]string{sel.f.Countries, sel.f.Sectors} {
		var ls []string
		for _, x := range v {
			if key(x) != "" {
				ls = append(ls, sel.label(x))
			}
		}
		if len(ls) > 0 {
			ls = uniqueSorted(ls)
			sortNames(ls)
			parts = append(parts, joinAnd(ls))
		}
	}
	if len(parts) == 0 {
		return "the whole review"
	}
	return strings.Join(parts, " · ")
}

// plural returns one or many by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
