package brief

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// buildGaps states the gaps in the evidence as sentences an author can
// keep: by country and sector (one sentence per sector or per country,
// whichever the brief has fewer of), by theme, and by rigor.
func buildGaps(data *Data, b *Brief, sel *selection, cites map[string]string, codes map[string]*codeStudies) []Gap {
	gaps := cellGaps(b, sel, cites)
	gaps = append(gaps, themeGaps(data, b, sel, cites, codes)...)
	gaps = append(gaps, rigorGaps(b, sel, cites, codes)...)
	return gaps
}

// mapView is the brief's part of the map: the rows and columns its filter
// keeps, without "Not reported".
type mapView struct {
	m          *CountrySectorMap
	rows, cols []int
}

func viewOf(b *Brief) mapView {
	v := mapView{m: &b.Map}
	m := v.m
	for i, c := range m.Countries {
		if c != notReported && len(m.Sectors) > 0 && anyInside(m, i, -1) {
			v.rows = append(v.rows, i)
		}
	}
	for j, s := range m.Sectors {
		if s != notReported && anyInside(m, -1, j) {
			v.cols = append(v.cols, j)
		}
	}
	return v
}

func anyInside(m *CountrySectorMap, row, col int) bool {
	for i := range m.Countries {
		for j := range m.Sectors {
			if (row < 0 || i == row) && (col < 0 || j == col) && !m.Cells[i][j].Outside {
				return true
			}
		}
	}
	return false
}

// noStudy is the subject of "no study" sentences: the review's included
// studies, or this brief's when its filter leaves some out.
func noStudy(sel *selection) string {
	if len(sel.filteredOut) > 0 {
		return "no study in this brief"
	}
	return "no included study"
}

// cellGaps writes one sentence per sector (or per country, when the brief
// has fewer countries than sectors) naming where no study, one study or
// only a few studies cover it.
func cellGaps(b *Brief, sel *selection, cites map[string]string) []Gap {
	v := viewOf(b)
	m := v.m
	if len(v.rows) == 0 || len(v.cols) == 0 {
		return nil
	}
	bySector := len(v.cols) <= len(v.rows)
	groups, others := v.cols, v.rows
	name := func(i int) string { return m.Countries[i] }
	gname := func(j int) string { return m.Sectors[j] }
	cell := func(g, o int) Cell { return m.Cells[o][g] }
	if !bySector {
		groups, others = v.rows, v.cols
		name = func(j int) string { return m.Sectors[j] }
		gname = func(i int) string { return m.Countries[i] }
		cell = func(g, o int) Cell { return m.Cells[g][o] }
	}
	var gaps []Gap
	for _, g := range groups {
		var empty []string
		var singles []Cell
		byN := map[int][]string{}
		var studies []string
		for _, o := range others {
			c := cell(g, o)
			switch {
			case c.Outside:
			case c.All.N == 0:
				empty = append(empty, name(o))
			case c.All.N == 1:
				singles = append(singles, c)
				studies = append(studies, c.All.Studies...)
			case c.All.N < sel.f.ThinBelow:
				byN[c.All.N] = append(byN[c.All.N], name(o))
				studies = append(studies, c.All.Studies...)
			}
		}
		if len(empty) == len(others) {
			gaps = append(gaps, Gap{Kind: GapEmptyCell, Text: capitalise(noStudy(sel)) + " covers " + gname(g) + "."})
			continue
		}
		var parts []string
		if len(empty) > 0 {
			parts = append(parts, noStudy(sel)+" covers "+joinWord(empty, "or"))
		}
		if len(singles) > 0 {
			var where []string
			for _, c := range singles {
				w := name(otherIndex(c, bySector, m))
				if len(singles) <= 3 {
					w += " (" + cites[c.All.Studies[0]] + ")"
				}
				where = append(where, w)
			}
			subject := "only one study covers "
			if len(parts) > 0 {
				subject = "only one covers "
			}
			if len(singles) > 1 {
				subject += "each of "
			}
			parts = append(parts, subject+joinAnd(where))
		}
		var ns []int
		for n := range byN {
			ns = append(ns, n)
		}
		sort.Ints(ns)
		for _, n := range ns {
			w := byN[n]
			each := ""
			if len(w) > 1 {
				each = " each"
			}
			parts = append(parts, fmt.Sprintf("only %s%s cover %s", numberWord(n), each, joinAnd(w)))
		}
		if len(parts) == 0 {
			continue
		}
		kind := GapThinCell
		if len(empty) > 0 {
			kind = GapEmptyCell
		}
		gaps = append(gaps, Gap{Kind: kind, Text: "For " + gname(g) + ", " + joinAnd(parts) + ".", Studies: uniqueSorted(studies)})
	}
	return gaps
}

// otherIndex returns a cell's index along the dimension that is not the
// group (the country's row when grouping by sector).
func otherIndex(c Cell, bySector bool, m *CountrySectorMap) int {
	if bySector {
		for i, x := range m.Countries {
			if x == c.Country {
				return i
			}
		}
	}
	for j, x := range m.Sectors {
		if x == c.Sector {
			return j
		}
	}
	return 0
}

// themeGaps names the themes nobody coded, those resting on a single study
// and those whose studies all come from one country.
func themeGaps(data *Data, b *Brief, sel *selection, cites map[string]string, codes map[string]*codeStudies) []Gap {
	var gaps []Gap
	var uncoded []string
	for _, t := range data.Themes {
		if _, ok := codes[t.CodeGUID]; !ok && !t.Grouping && t.CodeGUID != "" {
			uncoded = append(uncoded, t.Name)
		}
	}
	if len(uncoded) > 0 {
		uncoded = uniqueSorted(uncoded)
		gaps = append(gaps, Gap{Kind: GapUncodedTheme, Text: capitalise(noStudy(sel)) + " was coded for " + joinWord(uncoded, "or") + "."})
	}
	var single []string
	var singleStudies []string
	oneCountry := map[string][]string{}
	oneCountryStudies := map[string][]string{}
	countries := len(viewOf(b).rows)
	for _, f := range b.Findings {
		if f.Studies.N == 1 {
			single = append(single, f.Name+"\x00"+cites[f.Studies.Studies[0]])
			singleStudies = append(singleStudies, f.Studies.Studies...)
			continue
		}
		if countries > 1 && len(f.Countries) == 1 && f.Countries[0] != notReported {
			c := f.Countries[0]
			oneCountry[c] = append(oneCountry[c], f.Name)
			oneCountryStudies[c] = append(oneCountryStudies[c], f.Studies.Studies...)
		}
	}
	if len(single) > 0 {
		name, cite, _ := strings.Cut(single[0], "\x00")
		text := "The finding on " + name + " rests on a single study (" + cite + ")."
		for i, s := range single {
			name, cite, _ := strings.Cut(s, "\x00")
			single[i] = name + " (" + cite + ")"
		}
		if len(single) > 1 {
			shown := single
			if len(shown) > 6 {
				shown = append(append([]string{}, shown[:6]...), fmt.Sprintf("%d more", len(single)-6))
			}
			text = fmt.Sprintf("%s findings rest on a single study each: %s.", capitalise(numberWord(len(single))), joinAnd(shown))
		}
		gaps = append(gaps, Gap{Kind: GapThinTheme, Text: text, Studies: uniqueSorted(singleStudies)})
	}
	var cs []string
	for c := range oneCountry {
		cs = append(cs, c)
	}
	sortNames(cs)
	for _, c := range cs {
		names := uniqueSorted(oneCountry[c])
		gaps = append(gaps, Gap{Kind: GapThinTheme, Studies: uniqueSorted(oneCountryStudies[c]),
			Text: fmt.Sprintf("The evidence on %s comes only from %s.", joinAnd(names), c)})
	}
	return gaps
}

// rigorGaps says how much of the evidence is unappraised, which cells rest
// only on weak studies, which criteria studies most often fail and which
// themes only low-rigor studies support.
func rigorGaps(b *Brief, sel *selection, cites map[string]string, codes map[string]*codeStudies) []Gap {
	var gaps []Gap
	unrated := b.Rigor.Ratings[3].Count
	if unrated.N > 0 {
		text := fmt.Sprintf("%s of the %d studies %s not been appraised for rigor yet", capitalise(numberWord(unrated.N)), sel.n, plural(unrated.N, "has", "have"))
		if unrated.N == sel.n {
			text = fmt.Sprintf("None of the %d studies has been appraised for rigor yet", sel.n)
			if sel.n == 1 {
				text = "The study has not been appraised for rigor yet"
			}
		}
		if unrated.N*2 > sel.n {
			text += ", so the rigor of most of the evidence is unknown"
		}
		gaps = append(gaps, Gap{Kind: GapUnappraised, Text: text + ".", Studies: unrated.Studies})
	}
	gaps = append(gaps, weakCellGaps(b, sel, unrated.N)...)
	if unrated.N < sel.n {
		gaps = append(gaps, criterionGaps(b.Rigor.Criteria, sel.n)...)
	}
	gaps = append(gaps, lowRigorGaps(codes, sel, cites)...)
	return gaps
}

// weakCellGaps names the cells whose studies are all rated low or not
// rated. When most studies are unrated it says instead which few cells
// rest on a study rated medium or high.
func weakCellGaps(b *Brief, sel *selection, unrated int) []Gap {
	v := viewOf(b)
	m := v.m
	var weak, strong []Cell
	for _, i := range v.rows {
		for _, j := range v.cols {
			c := m.Cells[i][j]
			if c.Outside || c.All.N == 0 {
				continue
			}
			if c.High.N+c.Medium.N == 0 {
				weak = append(weak, c)
			} else {
				strong = append(strong, c)
			}
		}
	}
	if len(weak) == 0 {
		return nil
	}
	where := func(cs []Cell) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Sector+" in "+c.Country)
		}
		return out
	}
	total := len(weak) + len(strong)
	if unrated*2 > sel.n || len(weak) > 6 {
		var studies []string
		for _, c := range weak {
			studies = append(studies, c.All.Studies...)
		}
		text := fmt.Sprintf("In %d of the %d cells of the map with evidence, every study is rated low or not appraised", len(weak), total)
		switch {
		case len(strong) == 0:
			text = fmt.Sprintf("No cell of the map with evidence rests on a study rated medium or high for rigor (%d cells)", total)
		case len(strong) <= 4:
			text += "; only " + joinAnd(where(strong)) + " rest on a study rated medium or high"
		}
		return []Gap{{Kind: GapLowRigorCell, Text: text + ".", Studies: uniqueSorted(studies)}}
	}
	var studies []string
	for _, c := range weak {
		studies = append(studies, c.All.Studies...)
	}
	return []Gap{{Kind: GapLowRigorCell, Studies: uniqueSorted(studies),
		Text: "The evidence on " + joinAnd(where(weak)) + " comes only from studies rated low for rigor or not appraised."}}
}

func joinWord(v []string, word string) string {
	if len(v) < 2 {
		return strings.Join(v, "")
	}
	return strings.Join(v[:len(v)-1], ", ") + " " + word + " " + v[len(v)-1]
}

// criterionGaps names the (up to three) criteria most often not met, and
// any other criterion that half or more of the studies did not report.
func criterionGaps(cs []CriterionRigor, n int) []Gap {
	idx := make([]int, len(cs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := cs[idx[a]], cs[idx[b]]
		if x.NotMet.N != y.NotMet.N {
			return x.NotMet.N > y.NotMet.N
		}
		return x.NotReported.N > y.NotReported.N
	})
	var gaps []Gap
	named := map[int]bool{}
	for _, i := range idx {
		c := cs[i]
		if len(named) == 3 || c.NotMet.N == 0 {
			break
		}
		named[i] = true
		text := fmt.Sprintf("The criterion “%s” was not met by %d of %d studies (%s)", c.Name, c.NotMet.N, n, pctText(c.NotMetPct))
		if c.NotReported.N > 0 {
			text += fmt.Sprintf(", and %d more did not report it", c.NotReported.N)
		}
		gaps = append(gaps, Gap{Kind: GapUnmetCriterion, Text: text + ".",
			Studies: mergeSorted(c.NotMet.Studies, c.NotReported.Studies)})
	}
	for i, c := range cs {
		if named[i] || c.NotReported.N == 0 || c.NotReported.N*2 < n {
			continue
		}
		gaps = append(gaps, Gap{Kind: GapUnmetCriterion, Studies: c.NotReported.Studies,
			Text: fmt.Sprintf("The criterion “%s” could not be judged for %d of %d studies (%s) because they did not report it.",
				c.Name, c.NotReported.N, n, pctText(c.NotReportedPct))})
	}
	return gaps
}

func mergeSorted(a, b []string) []string {
	out := append(append([]string{}, a...), b...)
	sort.Strings(out)
	return out
}

// lowRigorGaps names the themes whose every supporting study is rated low.
func lowRigorGaps(codes map[string]*codeStudies, sel *selection, cites map[string]string) []Gap {
	var gaps []Gap
	for _, a := range codes {
		low := true
		for g := range a.studies {
			if sel.rating[g] != "low" {
				low = false
				break
			}
		}
		if !low || len(a.studies) == 0 {
			continue
		}
		c := countOf(a.studies)
		var names []string
		for _, g := range c.Studies {
			names = append(names, cites[g])
		}
		sort.Strings(names)
		if len(names) > 5 {
			names = append(names[:5], fmt.Sprintf("%d more", len(c.Studies)-5))
		}
		word := "studies"
		if c.N == 1 {
			word = "a study"
		}
		gaps = append(gaps, Gap{Kind: GapLowRigorTheme, Studies: c.Studies,
			Text: fmt.Sprintf("Evidence on “%s” comes only from %s rated low for rigor (%s).", a.theme.Name, word, strings.Join(names, "; "))})
	}
	sort.Slice(gaps, func(i, j int) bool {
		if gaps[i].Text != gaps[j].Text {
			return gaps[i].Text < gaps[j].Text
		}
		return strings.Join(gaps[i].Studies, " ") < strings.Join(gaps[j].Studies, " ")
	})
	return gaps
}

// numberWord writes small numbers as words ("one" ... "ten").
func numberWord(n int) string {
	if n >= 0 && n <= 10 {
		return [...]string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}[n]
	}
	return fmt.Sprint(n)
}

// pctText writes a share: "33%", "<1%" for a small non-zero share, ">99%"
// for a share just short of all.
func pctText(v float64) string {
	switch {
	case v > 0 && v < 0.5:
		return "<1%"
	case v >= 99.5 && v < 100:
		return ">99%"
	}
	return fmt.Sprintf("%.0f%%", math.Round(v))
}
