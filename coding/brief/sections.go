package brief

import (
	"sort"
	"strings"
)

func buildScope(data *Data, sel *selection) Scope {
	sc := Scope{Reviewers: data.Reviewers, Coders: data.Coders, Appraisers: data.Appraisers,
		FilteredOut: countList(sel.filteredOut)}
	var excluded, toScreen []string
	for _, st := range sel.all {
		switch key(st.Status) {
		case "included":
		case "excluded":
			excluded = append(excluded, st.GUID)
		default:
			toScreen = append(toScreen, st.GUID)
		}
	}
	sc.Excluded, sc.ToScreen = countList(excluded), countList(toScreen)
	sc.DoubleCoded = countList(doubleCoded(data, sel))
	if a := data.Agreement; a != nil && sc.DoubleCoded.N > 0 {
		c := *a
		c.Studies = append([]string(nil), a.Studies...)
		sc.Agreement = &c
	}
	var all, unknown, consensus, appraised []string
	countries, sectors := tally{}, tally{}
	for _, st := range sel.studies {
		all = append(all, st.GUID)
		if st.Consensus {
			consensus = append(consensus, st.GUID)
		}
		if sel.rating[st.GUID] != "" || anyJudged(st) {
			appraised = append(appraised, st.GUID)
		}
		if st.Year <= 0 {
			unknown = append(unknown, st.GUID)
		} else {
			if sc.YearFrom == 0 || st.Year < sc.YearFrom {
				sc.YearFrom = st.Year
			}
			if st.Year > sc.YearTo {
				sc.YearTo = st.Year
			}
		}
		for _, c := range sel.country[st.GUID] {
			countries.add(c, st.GUID)
		}
		for _, s := range sel.sectors[st.GUID] {
			sectors.add(s, st.GUID)
		}
	}
	sc.Studies = countList(all)
	sc.YearUnknown = countList(unknown)
	sc.ConsensusAppraised = countList(consensus)
	sc.Appraised = countList(appraised)
	sc.Countries = countries.labeled(sel.n)
	sc.Sectors = sectors.labeled(sel.n)
	for _, c := range sc.Countries {
		if c.Label != notReported {
			sc.CountriesReported++
		}
	}
	for _, s := range sc.Sectors {
		if s.Label != notReported {
			sc.SectorsReported++
		}
	}
	sc.Criteria = append([]Criterion(nil), data.Criteria...)
	return sc
}

// anyJudged reports whether a study has at least one criterion judged.
func anyJudged(st *Study) bool {
	for _, j := range st.Judgements {
		if judgement(j) < 4 {
			return true
		}
	}
	return false
}

// doubleCoded returns the brief's studies that two or more reviewers coded
// on their own (any code), sorted.
func doubleCoded(data *Data, sel *selection) []string {
	coders := map[string]map[string]bool{}
	for _, rc := range data.ReviewerCodings {
		if _, ok := sel.byGUID[rc.Study]; !ok || rc.Codings <= 0 {
			continue
		}
		m := coders[rc.Study]
		if m == nil {
			m = map[string]bool{}
			coders[rc.Study] = m
		}
		m[rc.Coder] = true
	}
	var out []string
	for s, m := range coders {
		if len(m) >= 2 {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// sortNames sorts alphabetically, case-insensitively, "Not reported" last.
func sortNames(v []string) {
	sort.Slice(v, func(i, j int) bool {
		if (v[i] == notReported) != (v[j] == notReported) {
			return v[j] == notReported
		}
		a, b := strings.ToLower(v[i]), strings.ToLower(v[j])
		if a != b {
			return a < b
		}
		return v[i] < v[j]
	})
}

// buildMap counts the brief's studies per country and sector over the
// review's whole frame: every country and sector of the included studies
// (and of the filter) is a row or column, so that a filtered brief still
// shows where no study is; cells that the sector or country filter leaves
// out are marked Outside.
func buildMap(sel *selection) CountrySectorMap {
	rowSet, colSet := map[string]bool{}, map[string]bool{}
	for _, c := range sel.frameCountries {
		rowSet[c] = true
	}
	for _, s := range sel.frameSectors {
		colSet[s] = true
	}
	for _, st := range sel.studies {
		for _, c := range sel.country[st.GUID] {
			rowSet[c] = true
		}
		for _, s := range sel.sectors[st.GUID] {
			colSet[s] = true
		}
	}
	m := CountrySectorMap{}
	for c := range rowSet {
		m.Countries = append(m.Countries, c)
	}
	for s := range colSet {
		m.Sectors = append(m.Sectors, s)
	}
	sortNames(m.Countries)
	sortNames(m.Sectors)
	ri, ci := map[string]int{}, map[string]int{}
	for i, c := range m.Countries {
		ri[c] = i
	}
	for i, s := range m.Sectors {
		ci[s] = i
	}
	type cellSets struct{ all, byRating [4][]string }
	sets := make([][]cellSets, len(m.Countries))
	for i := range sets {
		sets[i] = make([]cellSets, len(m.Sectors))
	}
	rowT, colT := tally{}, tally{}
	for _, st := range sel.studies {
		r := ratingRank(sel.rating[st.GUID]) // 3 high .. 0 unrated
		for _, c := range sel.country[st.GUID] {
			rowT.add(c, st.GUID)
			for _, s := range sel.sectors[st.GUID] {
				cs := &sets[ri[c]][ci[s]]
				cs.all[0] = append(cs.all[0], st.GUID)
				cs.byRating[3-r] = append(cs.byRating[3-r], st.GUID)
			}
		}
		for _, s := range sel.sectors[st.GUID] {
			colT.add(s, st.GUID)
		}
	}
	inC, inS := keySet(sel.f.Countries), keySet(sel.f.Sectors)
	m.Cells = make([][]Cell, len(m.Countries))
	for i, c := range m.Countries {
		m.Cells[i] = make([]Cell, len(m.Sectors))
		for j, s := range m.Sectors {
			cs := sets[i][j]
			cell := Cell{Country: c, Sector: s, All: countList(cs.all[0]),
				Outside: (inC != nil && !inC[key(c)]) || (inS != nil && !inS[key(s)]),
				High:    countList(cs.byRating[0]), Medium: countList(cs.byRating[1]),
				Low: countList(cs.byRating[2]), Unrated: countList(cs.byRating[3])}
			if cell.All.N > m.Max {
				m.Max = cell.All.N
			}
			m.Cells[i][j] = cell
		}
		m.CountryTotals = append(m.CountryTotals, countOf(rowT[c]))
	}
	for _, s := range m.Sectors {
		m.SectorTotals = append(m.SectorTotals, countOf(colT[s]))
		m.OutsideSectors = append(m.OutsideSectors, inS != nil && !inS[key(s)])
	}
	for _, c := range m.Countries {
		m.OutsideCountries = append(m.OutsideCountries, inC != nil && !inC[key(c)])
	}
	return m
}

func buildMethods(sel *selection) Methods {
	methods, pops := tally{}, tally{}
	var sizes []int
	var reported, missing []string
	for _, st := range sel.studies {
		m := notReported
		if key(st.Method) != "" {
			m = sel.label(st.Method)
		}
		methods.add(m, st.GUID)
		p := notReported
		if key(st.Population) != "" {
			p = sel.label(st.Population)
		}
		pops.add(p, st.GUID)
		if st.SampleSize > 0 {
			sizes = append(sizes, st.SampleSize)
			reported = append(reported, st.GUID)
		} else {
			missing = append(missing, st.GUID)
		}
	}
	out := Methods{Methods: methods.labeled(sel.n), Populations: pops.labeled(sel.n)}
	// Free-text populations (nearly one per study) are not worth a table.
	distinct, top := 0, 0
	for _, p := range out.Populations {
		if p.Label != notReported {
			distinct++
			top = max(top, p.N)
		}
	}
	out.PopulationsTabulated = distinct > 0 && top >= 2 && distinct*2 <= sel.n
	out.Samples.Reported = countList(reported)
	out.Samples.NotReported = countList(missing)
	if len(sizes) > 0 {
		sort.Ints(sizes)
		out.Samples.Min, out.Samples.Max = sizes[0], sizes[len(sizes)-1]
		mid := len(sizes) / 2
		if len(sizes)%2 == 1 {
			out.Samples.Median = float64(sizes[mid])
		} else {
			out.Samples.Median = float64(sizes[mid-1]+sizes[mid]) / 2
		}
		for _, v := range sizes {
			out.Samples.Total += v
		}
	}
	return out
}

// judgement normalises a rigor judgement to 0 met, 1 partly, 2 not met,
// 3 not reported, 4 not appraised (missing or unrecognised).
func judgement(j string) int {
	switch key(strings.ReplaceAll(j, "_", " ")) {
	case "met", "yes", "y", "fully met":
		return 0
	case "partly met", "partly", "partially met", "partial", "partially":
		return 1
	case "not met", "no", "n", "unmet":
		return 2
	case "not reported", "unclear", "nr", "can't tell", "cannot tell", "not clear":
		return 3
	}
	return 4
}

func buildRigor(data *Data, sel *selection) Rigor {
	var out Rigor
	for _, c := range data.Criteria {
		var b [5][]string
		for _, st := range sel.studies {
			j := 4
			if v, ok := st.Judgements[c.GUID]; ok {
				j = judgement(v)
			}
			b[j] = append(b[j], st.GUID)
		}
		cr := CriterionRigor{Criterion: c,
			Met: countList(b[0]), Partly: countList(b[1]), NotMet: countList(b[2]),
			NotReported: countList(b[3]), NotAppraised: countList(b[4])}
		cr.MetPct, cr.PartlyPct, cr.NotMetPct = pct(cr.Met.N, sel.n), pct(cr.Partly.N, sel.n), pct(cr.NotMet.N, sel.n)
		cr.NotReportedPct, cr.NotAppraisedPct = pct(cr.NotReported.N, sel.n), pct(cr.NotAppraised.N, sel.n)
		out.Criteria = append(out.Criteria, cr)
		out.AnyNotAppraised = out.AnyNotAppraised || cr.NotAppraised.N > 0
	}
	byRating := map[string][]string{}
	for _, st := range sel.studies {
		r := sel.rating[st.GUID]
		byRating[r] = append(byRating[r], st.GUID)
	}
	for _, r := range ratingOrder {
		l := r
		if l == "" {
			l = "not rated"
		}
		c := countList(byRating[r])
		out.Ratings = append(out.Ratings, Labeled{Label: l, Count: c, Percent: pct(c.N, sel.n)})
	}
	return out
}
