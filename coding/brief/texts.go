package brief

import (
	"fmt"
	"strings"
)

// authorSection returns the author's text of a kind for the brief's scope,
// or, when there is none, the generated draft.
func authorSection(data *Data, kind, scope string, draft func() []string) AuthorSection {
	for _, t := range data.Texts {
		if t.Kind == kind && strings.TrimSpace(t.Scope) == scope && strings.TrimSpace(t.Text) != "" {
			return AuthorSection{Text: strings.TrimSpace(t.Text)}
		}
	}
	return AuthorSection{Items: draft(), Generated: true}
}

// draftKeyFindings states the most reported findings with the confidence
// in each: a starting point for the author.
func draftKeyFindings(b *Brief) []string {
	n := len(b.Findings)
	if b.Caps.MaxThemes > 0 {
		n = min(n, max(b.Caps.MaxThemes, 3))
	}
	var out []string
	for _, f := range b.Findings[:n] {
		where := f.Sectors
		if len(where) == 1 && where[0] == notReported {
			where = nil
		}
		s := fmt.Sprintf("%s was found in %d of the %d studies", f.Name, f.Studies.N, b.Scope.Studies.N)
		if len(where) > 0 && len(where) <= 3 {
			s += " (" + joinAnd(where) + ")"
		}
		if f.Confidence.Judged {
			s += fmt.Sprintf("; %s confidence", f.Confidence.Level)
		} else {
			s += "; confidence not yet judged"
		}
		out = append(out, s+".")
	}
	if len(b.Findings) > n {
		out = append(out, fmt.Sprintf("%d further findings rest on fewer studies (see Findings and confidence).", len(b.Findings)-n))
	}
	if len(out) == 0 {
		out = append(out, "No theme has been coded in these studies yet.")
	}
	return out
}

// draftRecommendations turns the gaps into recommendations for research
// and for the review: where the map is empty, which findings need more
// studies, what studies should report, and what appraisal is missing.
func draftRecommendations(b *Brief) []string {
	var out []string
	v := viewOf(b)
	m := v.m
	var empty []string
	for _, j := range v.cols {
		var where []string
		for _, i := range v.rows {
			if c := m.Cells[i][j]; !c.Outside && c.All.N == 0 {
				where = append(where, m.Countries[i])
			}
		}
		if len(where) > 0 && len(where) < len(v.rows) {
			empty = append(empty, m.Sectors[j]+" in "+joinAnd(where))
		} else if len(where) > 0 {
			empty = append(empty, m.Sectors[j])
		}
	}
	if len(empty) > 0 {
		out = append(out, "Commission research where the evidence map is empty: "+strings.Join(empty, "; ")+".")
	}
	var thin []string
	for _, f := range b.Findings {
		if f.Studies.N <= 2 && len(thin) < 5 {
			thin = append(thin, f.Name)
		}
	}
	if len(thin) > 0 {
		out = append(out, "Strengthen the evidence on "+joinAnd(thin)+", which rest on one or two studies each.")
	}
	var worst *CriterionRigor
	for i := range b.Rigor.Criteria {
		c := &b.Rigor.Criteria[i]
		if c.NotMet.N+c.NotReported.N > 0 && (worst == nil || c.NotMet.N+c.NotReported.N > worst.NotMet.N+worst.NotReported.N) {
			worst = c
		}
	}
	if worst != nil {
		out = append(out, fmt.Sprintf("Ask future studies to meet “%s”: %d of the %d studies did not meet or report it.",
			worst.Name, worst.NotMet.N+worst.NotReported.N, b.Scope.Studies.N))
	}
	if un := b.Rigor.Ratings[3].N; un > 0 {
		out = append(out, fmt.Sprintf("Complete the rigor appraisal of the %d %s not yet appraised, and judge the confidence in each finding, before the brief is published.",
			un, plural(un, "study", "studies")))
	} else {
		judged := 0
		for _, f := range b.Findings {
			if f.Confidence.Judged {
				judged++
			}
		}
		if judged < len(b.Findings) {
			out = append(out, fmt.Sprintf("Judge the confidence in the %d findings not yet judged before the brief is published.", len(b.Findings)-judged))
		}
	}
	return out
}
