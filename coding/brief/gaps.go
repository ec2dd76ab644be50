package brief

import (
	"fmt"
	"sort"
	"strings"
)

func buildGaps(b *Brief, sel *selection, f Filter, cites map[string]string, codes map[string]*codeStudies) []Gap {
	var gaps []Gap
	m := &b.Map
	emptyCols := map[int]bool{}
	for j, s := range m.Sectors {
		if s != notReported && m.SectorTotals[j].N == 0 {
			emptyCols[j] = true
			gaps = append(gaps, Gap{Kind: GapEmptyCell, Text: fmt.Sprintf("No included study covers the %s sector.", s)})
		}
	}
	for i, c := range m.Countries {
		if c == notReported {
			continue
		}
		if m.CountryTotals[i].N == 0 {
			gaps = append(gaps, Gap{Kind: GapEmptyCell, Text: fmt.Sprintf("No included study covers %s.", c)})
			continue
		}
		var missing []string
		for j, s := range m.Sectors {
			if s != notReported && !emptyCols[j] && m.Cells[i][j].All.N == 0 {
				missing = append(missing, s)
			}
		}
		if len(missing) > 0 {
			gaps = append(gaps, Gap{Kind: GapEmptyCell,
				Text: fmt.Sprintf("No included study covers %s in %s.", joinWord(missing, "or"), c)})
		}
	}
	for i, c := range m.Countries {
		for j, s := range m.Sectors {
			cell := m.Cells[i][j]
			if c == notReported || s == notReported || cell.All.N == 0 || cell.All.N >= f.ThinBelow {
				continue
			}
			var text string
			if cell.All.N == 1 {
				text = fmt.Sprintf("Only one study covers %s in %s (%s, %s).", s, c,
					cites[cell.All.Studies[0]], ratingPhrase(cell))
			} else {
				text = fmt.Sprintf("Only %d studies cover %s in %s (%s).", cell.All.N, s, c, ratingPhrase(cell))
			}
			gaps = append(gaps, Gap{Kind: GapThinCell, Text: text, Studies: cell.All.Studies})
		}
	}
	gaps = append(gaps, criterionGaps(b.Rigor.Criteria, sel.n)...)
	gaps = append(gaps, lowRigorGaps(codes, sel, cites)...)
	return gaps
}

// ratingPhrase describes a cell's ratings: "1 high, 2 low rigor".
func ratingPhrase(c Cell) string {
	var parts []string
	for _, x := range []struct {
		n    int
		name string
	}{{c.High.N, "high"}, {c.Medium.N, "medium"}, {c.Low.N, "low"}} {
		if x.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", x.n, x.name))
		}
	}
	if c.All.N == 1 {
		switch {
		case c.High.N == 1:
			return "rated high for rigor"
		case c.Medium.N == 1:
			return "rated medium for rigor"
		case c.Low.N == 1:
			return "rated low for rigor"
		}
		return "not rated for rigor"
	}
	if c.Unrated.N > 0 {
		parts = append(parts, fmt.Sprintf("%d not rated", c.Unrated.N))
		return strings.Join(parts, ", ")
	}
	return strings.Join(parts, ", ") + " rigor"
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
		text := fmt.Sprintf("The criterion “%s” was not met by %d of %d studies (%.0f%%)", c.Name, c.NotMet.N, n, c.NotMetPct)
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
			Text: fmt.Sprintf("The criterion “%s” could not be judged for %d of %d studies (%.0f%%) because they did not report it.",
				c.Name, c.NotReported.N, n, c.NotReportedPct)})
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
